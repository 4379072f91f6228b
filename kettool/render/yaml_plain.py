"""Block YAML for KB records, written byte for byte as yaml.safe_dump(sort_keys=False, allow_unicode=True, width=100).

PyYAML builds a node for every value and runs a Python state machine over them (about a minute for a
5,000-condition KB); the layout of plain records is simple enough to write directly. Strings without
special characters take a fast path that follows PyYAML's rules for plain and single-quoted scalars;
every other scalar is written by PyYAML's own emitter code, so its quoting and escaping stay PyYAML's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from enum import Enum
from typing import Any

from yaml.emitter import Emitter
from yaml.events import ScalarEvent
from yaml.resolver import Resolver

from kettool.core.models import Each
from kettool.core.words import Word
from kettool.render.terminal_safe import has_unsafe

WIDTH = 100
_RESOLVERS: dict[Any, list[tuple[str, Any]]] = Resolver.yaml_implicit_resolvers
_WILDCARD = _RESOLVERS.get(None, [])
# Characters PyYAML treats as special, as a line break or as a byte-order mark, and those `has_unsafe`
# finds (bidi overrides): a string holding one is left to PyYAML's own code.
_NOT_SIMPLE = "\x00-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069\ud800-\udfff\ufeff\ufffe\uffff\U0010ffff"
# A string PyYAML writes plain in block context (when no implicit resolver claims it): no leading
# indicator or space, no document marker; ": ", " #" and a trailing space or colon are checked apart.
_SIMPLE = re.compile(rf"(?![-?:](?: |\Z)|---|\.\.\.)[^ #,\[\]{{}}&*!|>'\"%@`{_NOT_SIMPLE}][^{_NOT_SIMPLE}]*")
_PRINTABLE = re.compile(f"[^{_NOT_SIMPLE}]*")
_LONE_SPACE = re.compile("(?<! ) (?! )")  # where PyYAML may break a line
_MISSING = object()


class Unsupported(ValueError):
    """A value this writer does not lay out the way PyYAML would (a dict, an unknown type, an odd field name)."""


def implicit(text: str) -> bool:
    """True when a plain `text` would read back as a string (no implicit resolver claims it)."""
    for _tag, regexp in _RESOLVERS.get(text[0] if text else "", []) + _WILDCARD:
        if regexp.match(text):
            return False
    return True


def scalar_text(value: Any) -> str:
    """A non-string scalar as SafeRepresenter writes it (always plain); Unsupported for other values."""
    kind = type(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return str(value)
    if kind is float:
        if value != value:
            return ".nan"
        if value in (float("inf"), float("-inf")):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value).lower()
        return text.replace("e", ".0e", 1) if "." not in text and "e" in text else text
    raise Unsupported(f"value of type {kind.__name__}")


class PlainYamlWriter:
    """Writes records, tuples and scalars as the block YAML of yaml.safe_dump, into a list of pieces.

    `unsafe` turns true when a string holds a character `has_unsafe` finds: PyYAML then writes it raw
    (or escaped) depending on its style, so the caller falls back to PyYAML for the whole document.
    """

    def __init__(self) -> None:
        self.out: list[str] = []
        self.unsafe = False
        self._emitter = Emitter(_Sink(self.out), width=WIDTH, allow_unicode=True)
        self._plans: dict[type, tuple[tuple[str, ...], tuple[Any, ...]]] = {}
        self._keys: dict[str, str] = {}
        self._newlines = ["\n" + " " * indent for indent in range(64)]

    def take(self) -> str:
        """The text written since the last call."""
        text = "".join(self.out)
        self.out.clear()
        return text

    def document(self, sections: list[tuple[str, Any]]) -> Iterator[str]:
        """The root mapping of named sections, as pieces of text: one per section, or per entry of a list."""
        out = self.out
        for position, (name, value) in enumerate(sections):
            key = self.key(name)
            out.append(key if position == 0 else "\n" + key)
            if type(value) is Each and not value:
                value = []  # written as the empty list it stands for
            if (type(value) in (tuple, list) or type(value) is Each) and value:
                for entry in value:
                    out.append("\n-")
                    self.item(entry, 0)
                    yield self.take()
            else:
                self.value(value, 0, len(key))
                yield self.take()
        out.append("\n")
        yield self.take()

    def key(self, name: str) -> str:
        """A mapping key as PyYAML writes it in simple-key context, followed by the colon."""
        found = self._keys.get(name)
        if found is None:
            if type(name) is not str or not name or len(name) >= 128 or not _SIMPLE.fullmatch(name):
                raise Unsupported(f"mapping key {name!r}")
            mark = len(self.out)
            self._pyyaml(name, 0, 0, key=True)
            found = self._keys[name] = "".join(self.out[mark:]) + ":"
            del self.out[mark:]
        return found

    def plan(self, cls: type) -> tuple[tuple[str, ...], tuple[Any, ...]]:
        """A record class's keys as written, and each field's default (or a marker for none)."""
        found = self._plans.get(cls)
        if found is None:
            fields: tuple[str, ...] = cls._fields  # type: ignore[attr-defined]
            defaults: dict[str, Any] = getattr(cls, "_field_defaults", {})
            found = self._plans[cls] = (
                tuple(self.key(name) for name in fields),
                tuple(defaults.get(name, _MISSING) for name in fields),
            )
        return found

    def mapping(self, record: Any, indent: int, first: str | None) -> None:
        """Write a record's non-default fields as a block mapping at `indent` ('{}' when there are none).

        `first` is what goes before the first key when it shares the line of a '-' (None: a new line).
        """
        keys, defaults = self._plans.get(type(record)) or self.plan(type(record))
        append = self.out.append
        newline = self._newline(indent)
        inner = indent + 2
        plans = self._plans
        written = False
        for key, default, value in zip(keys, defaults, record, strict=True):
            if default is not _MISSING and not value != default:  # to_source_data leaves defaults out
                continue
            append(newline if written or first is None else first)
            written = True
            append(key)
            kind = type(value)
            if kind is str:
                self.string(value, indent + len(key), inner)
            elif kind in plans:
                self.mapping(value, inner, None)
            elif kind is tuple and value:
                self.sequence(value, indent, None)
            else:
                self.value(value, indent, indent + len(key))
        if not written:
            append(" {}")

    def sequence(self, items: tuple[Any, ...] | list[Any], indent: int, first: str | None) -> None:
        """Write a non-empty block sequence whose dashes are at `indent`."""
        append = self.out.append
        dash = self._newline(indent) + "-"
        inner = indent + 2
        plans = self._plans
        for value in items:
            if first is None:
                append(dash)
            else:
                append(first + "-")
                first = None
            kind = type(value)
            if kind is str:
                self.string(value, indent + 1, inner)
            elif kind in plans:
                self.mapping(value, inner, " ")
            else:
                self.item(value, indent)

    def value(self, value: Any, indent: int, column: int) -> None:
        """Write the value of a key at `indent` whose colon ends at `column`."""
        if isinstance(value, tuple) and hasattr(value, "_fields"):
            self.plan(type(value))
            self.mapping(value, indent + 2, None)
        elif type(value) in (tuple, list):
            if value:
                self.sequence(value, indent, None)
            else:
                self.out.append(" []")
        else:
            self.scalar(value, column, indent + 2)

    def item(self, value: Any, dash: int) -> None:
        """Write a sequence item after its '-' at column `dash`."""
        if isinstance(value, tuple) and hasattr(value, "_fields"):
            self.plan(type(value))
            self.mapping(value, dash + 2, " ")
        elif type(value) in (tuple, list):
            if value:
                self.sequence(value, dash + 2, " ")
            else:
                self.out.append(" []")
        else:
            self.scalar(value, dash + 1, dash + 2)

    def scalar(self, value: Any, column: int, indent: int) -> None:
        """Write any scalar after a ':' or '-' that ends at `column`; folded lines start at `indent`."""
        if isinstance(value, (Enum, Word)):
            value = value.value
        if type(value) is str:
            self.string(value, column, indent)
        else:
            self.out.append(" ")
            self.out.append(scalar_text(value))

    def string(self, text: str, column: int, indent: int) -> None:
        """Write a string after a ':' or '-' that ends at `column`; folded lines start at `indent`."""
        if (
            _SIMPLE.fullmatch(text)
            and ": " not in text
            and " #" not in text
            and text[-1] not in " :"
            and (text[0] not in _RESOLVERS or implicit(text))
        ):
            if column + len(text) <= WIDTH or " " not in text:  # no word can end past the width
                self.out.append(" ")
                self.out.append(text)
            else:
                self._plain(text, column + 1, indent)
        elif _PRINTABLE.fullmatch(text):
            # No special character or line break, yet not plain: PyYAML single-quotes it.
            self._quoted(text, column + 2, indent)
        else:
            self.unsafe = self.unsafe or has_unsafe(text)
            self._pyyaml(text, column, indent)

    def _plain(self, text: str, column: int, indent: int) -> None:
        """A plain scalar with line breaks at single spaces past the width, as Emitter.write_plain does."""
        # write_plain breaks a line at a lone space once the column after the word before it passes the
        # width: from each line's start, that is the first lone space at or after a known position.
        append = self.out.append
        append(" ")
        newline = self._newline(indent)
        position = 0
        search = _LONE_SPACE.search
        while True:
            found = search(text, max(position, position + WIDTH + 1 - column))
            if found is None:
                append(text[position:])
                return
            space = found.start()
            append(text[position:space])
            append(newline)
            position, column = space + 1, indent

    def _quoted(self, text: str, column: int, indent: int) -> None:
        """A single-quoted scalar whose text starts at `column`, folded as Emitter.write_single_quoted does."""
        # The rule of _plain on the text with its quotes doubled, except that a space at either end never
        # breaks a line.
        append = self.out.append
        append(" '")
        text = text.replace("'", "''")
        newline = self._newline(indent)
        position, last = 0, len(text) - 1
        search = _LONE_SPACE.search
        while True:
            found = search(text, max(position, position + WIDTH + 1 - column, 1))
            if found is None or found.start() == last:
                append(text[position:])
                append("'")
                return
            space = found.start()
            append(text[position:space])
            append(newline)
            position, column = space + 1, indent

    def _pyyaml(self, text: str, column: int, indent: int, key: bool = False) -> None:
        """Write one string with PyYAML's own style choice and writers, from the given column."""
        e = self._emitter
        e.column, e.indent, e.whitespace, e.indention = column, indent, key, key
        e.simple_key_context = key
        e.event = ScalarEvent(None, None, (implicit(text), True), text)
        e.analysis = e.style = None
        e.process_scalar()

    def _newline(self, indent: int) -> str:
        return self._newlines[indent] if indent < 64 else "\n" + " " * indent


class _Sink:
    """The stream PyYAML's emitter writes to: the writer's list of pieces."""

    def __init__(self, out: list[str]):
        self.write: Callable[[str], object] = out.append
