"""Strict YAML reading: safe nodes only, no aliases, no duplicate keys, dates kept as text."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
)

from kettool.core.errors import Problem

# The C parser is ~7x faster than the pure-Python one; fall back where libyaml is missing.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"

# YAML's own readings of plain scalars: which tag a text resolves to, and how a number or boolean is read.
_RESOLVER = yaml.resolver.Resolver()
_scalar_constructor = yaml.constructor.SafeConstructor()
_CONVERTERS = {
    _INT: _scalar_constructor.construct_yaml_int,
    _FLOAT: _scalar_constructor.construct_yaml_float,
    _BOOL: _scalar_constructor.construct_yaml_bool,
    _NULL: _scalar_constructor.construct_yaml_null,
}

Path = tuple[str | int, ...]
# The KB schema nests about eight levels; deeper documents are hostile or broken, and would
# exhaust Python's recursion limit while being turned into data.
MAX_DEPTH = 32


class YamlDate(str):
    """An unquoted YAML date, kept as its text so that it never turns into a datetime."""


class YamlParseError(Exception):
    """The YAML text could not be turned into plain data."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def read_yaml(text: str, file: str) -> tuple[Any, dict[Path, int]]:
    """Parse YAML text into plain data and a map from each value's path to its line."""
    lines: dict[Path, int] = {}
    return _Reader(text, file, lines).read(), lines


def load_yaml(text: str, file: str) -> Any:
    """Parse YAML text into plain data without line numbers: read_yaml's data at a fraction of its cost."""
    return _Reader(text, file, None).read()


def _line_counter(text: str) -> Callable[[yaml.Mark], int]:
    """Line numbers as editors count them (libyaml also breaks lines at U+0085, U+2028 and U+2029)."""
    # A mark at the very end of a file may point one line past its last line: clamp it.
    last = text.count("\n") + 1
    if not any(c in text for c in "\x85\u2028\u2029"):
        return lambda mark: min(mark.line + 1, last)
    import bisect

    newlines = [i for i, c in enumerate(text) if c == "\n"]
    return lambda mark: min(bisect.bisect_left(newlines, mark.index) + 1, last)


# The first characters with which a plain scalar may resolve to something other than text.
_RESOLVED_FIRST = frozenset(yaml.resolver.Resolver.yaml_implicit_resolvers)
# Resolved tags of short plain scalars; the resolver's regular expressions only match short ones.
_PLAIN_TAGS: dict[str, str] = {}
_MEMO_LENGTH = 32
# Text values this short are shared between their uses in one file.
_SHARED_LENGTH = 40


class _Reader:
    """Turns the parser's events into plain data, refusing anything unsafe or ambiguous.

    It reads events rather than a composed node tree: the tree costs a Python object per value and
    its tag resolution a Python call per scalar, four fifths of the time on a large KB. Lines are
    recorded only when asked for.
    """

    def __init__(self, text: str, file: str, lines: dict[Path, int] | None):
        self.text = text
        self.file = file
        self.lines = lines
        self.line_of = _line_counter(text)
        # (container, is_map, key) of every open mapping and sequence, outermost first.
        self.stack: list[list[Any]] = []
        self.anchors: dict[str, yaml.Mark] = {}

    def fail(self, mark: Any, message: str, path: Path | None = None) -> YamlParseError:
        where = self.path() if path is None else path
        return YamlParseError(Problem(self.file, message, self.line_of(mark), _dotted(where)))

    def path(self) -> Path:
        """The path of the value being read: the keys and indexes of the open containers."""
        *outer, (inner, inner_is_map, inner_key) = self.stack or [[None, True, None]]
        parts: list[str | int] = [key if is_map else len(value) - 1 for value, is_map, key in outer]
        if self.stack:
            parts.append(inner_key if inner_is_map else len(inner))
        return tuple(parts)

    def read(self) -> Any:
        loader = _Loader(self.text)
        try:
            try:
                return self._stream(loader.get_event)
            except YamlParseError:
                # A syntax error later in the document is the one to report, as yaml.compose (which
                # reads the whole document first) did: it often explains the problem found before it.
                _drain_document(loader.get_event)
                raise
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = self.line_of(mark) if mark is not None else None
            raise YamlParseError(Problem(self.file, f"YAML syntax error: {exc.problem or exc}", line)) from None
        except yaml.reader.ReaderError as exc:
            char = exc.character if isinstance(exc.character, int) else ord(exc.character)
            line = self.text.count("\n", 0, exc.position) + 1
            raise YamlParseError(
                Problem(
                    self.file,
                    f"character U+{char:04X} is not allowed in YAML; write control "
                    "characters as escapes in a double-quoted string",
                    line,
                )
            ) from None
        except yaml.YAMLError as exc:
            raise YamlParseError(Problem(self.file, f"YAML error: {exc}")) from None
        finally:
            loader.dispose()

    def _stream(self, get: Callable[[], Any]) -> Any:
        """The one document of a stream (None for an empty one), refusing a second, as yaml.compose does."""
        get()  # StreamStartEvent
        start = get()
        if type(start) is StreamEndEvent:
            return None
        root = self._document(get)
        get()  # DocumentEndEvent
        after = get()
        if type(after) is not StreamEndEvent:
            raise yaml.composer.ComposerError(
                "expected a single document in the stream",
                start.start_mark,
                "but found another document",
                after.start_mark,
            )
        return root

    def _document(self, get: Callable[[], Any]) -> Any:
        """Build the document's value from its events, one loop and an explicit stack of open containers."""
        stack, lines, resolved_first = self.stack, self.lines, _RESOLVED_FIRST
        shared: dict[str, str] = {}
        top: list[Any] = [None, False, _NO_KEY]  # [container, is_map, key] of the innermost open container
        container: Any = None
        is_map = False
        while True:
            event = get()
            kind = type(event)
            if kind is MappingEndEvent or kind is SequenceEndEvent:
                stack.pop()
                if not stack:
                    return container
                top = stack[-1]
                container, is_map = top[0], top[1]
                top[2] = _NO_KEY  # the mapping's value is complete: a key comes next
                continue
            if is_map and top[2] is _NO_KEY:
                value = event.value if kind is ScalarEvent else None
                # The usual key: plain or quoted text, with no tag or anchor, not seen before.
                if (
                    kind is ScalarEvent
                    and event.tag is None
                    and event.anchor is None
                    and value
                    and (value[0] not in resolved_first or not event.implicit[0])
                    and value not in container
                ):
                    top[2] = sys.intern(value)  # keys repeat in every entry: one string each
                else:
                    top[2] = self._key(event, container)
                continue
            if kind is AliasEvent:
                raise self.fail(event.start_mark, "anchors and aliases are not allowed in the knowledge base")
            if len(stack) > MAX_DEPTH:
                raise self.fail(event.start_mark, f"nested more than {MAX_DEPTH} levels deep")
            if event.anchor is not None:
                self._anchor(event)
            if lines is not None:
                lines[self.path()] = self.line_of(event.start_mark)
            if kind is ScalarEvent:
                value = event.value
                if event.tag is not None or (event.implicit[0] and (not value or value[0] in resolved_first)):
                    value = self._scalar(event)  # not plain text: a number, a date, a tag...
                elif len(value) <= _SHARED_LENGTH:
                    # Ids, enum words and labels recur through a KB: one string each, not one per use.
                    value = shared.setdefault(value, value)
                if container is None:
                    return value
                if is_map:
                    container[top[2]] = value
                    top[2] = _NO_KEY
                else:
                    container.append(value)
                continue
            child_is_map = kind is MappingStartEvent
            tag = event.tag
            if tag is not None and tag != "!" and tag != (_MAP if child_is_map else _SEQ):
                raise self.fail(event.start_mark, f"unsupported YAML tag {tag!r}")
            child: Any = {} if child_is_map else []
            if container is not None:
                if is_map:
                    container[top[2]] = child
                else:
                    container.append(child)
            container, is_map = child, child_is_map
            top = [child, child_is_map, _NO_KEY]
            stack.append(top)

    def _key(self, event: Any, mapping: dict[str, Any]) -> str:
        """A mapping key: text only, never merge keys or aliases, never twice in one mapping."""
        if type(event) is not ScalarEvent or self._tag(event) != _STR:
            if type(event) is AliasEvent:
                message = "anchors and aliases are not allowed in the knowledge base"
            elif type(event) is ScalarEvent and self._tag(event) == "tag:yaml.org,2002:merge":
                message = "merge keys (<<) are not allowed"
            else:
                message = "non-text keys are not allowed"
            raise self.fail(event.start_mark, message, self.path()[:-1])
        name = sys.intern(event.value)  # keys repeat in every entry: one string each
        if name in mapping:
            raise self.fail(event.start_mark, f"duplicate key {name!r}", (*self.path()[:-1], name))
        if event.anchor is not None:
            self._anchor(event)
        return name

    def _anchor(self, event: Any) -> None:
        """Note an anchor; one defined twice is an error, as yaml.compose reports it."""
        if event.anchor in self.anchors:
            raise yaml.composer.ComposerError(
                f"found duplicate anchor {event.anchor!r}; first occurrence",
                self.anchors[event.anchor],
                "second occurrence",
                event.start_mark,
            )
        self.anchors[event.anchor] = event.start_mark

    @staticmethod
    def _tag(event: Any) -> str:
        """The scalar's tag as yaml.compose resolves it (a plain scalar by its text, others are text)."""
        tag = event.tag
        if tag is not None and tag != "!":
            return str(tag)
        plain, value = event.implicit[0], event.value
        if not plain or (value and value[0] not in _RESOLVED_FIRST):
            return _STR
        if len(value) > _MEMO_LENGTH:
            return str(_RESOLVER.resolve(yaml.ScalarNode, value, event.implicit))
        tag = _PLAIN_TAGS.get(value)
        if tag is None:
            # Keys and short values ("name", "no", "true") repeat in every entry: resolve each once.
            tag = _PLAIN_TAGS[value] = str(_RESOLVER.resolve(yaml.ScalarNode, value, (True, False)))
        return tag

    def _scalar(self, event: Any) -> Any:
        tag = self._tag(event)
        if tag == _STR:
            return event.value
        if tag == _TIMESTAMP:
            return YamlDate(event.value)
        convert = _CONVERTERS.get(tag)
        if convert is not None:
            try:
                return convert(yaml.ScalarNode(tag, event.value))
            except (ValueError, OverflowError, yaml.YAMLError):
                raise self.fail(event.start_mark, f"cannot read {event.value!r} as {tag.rsplit(':', 1)[-1]}") from None
        raise self.fail(event.start_mark, f"unsupported YAML tag {tag!r} (only plain data is allowed)")


def _drain_document(get: Callable[[], Any]) -> None:
    """Read the rest of the first document and the event after it, raising the parser's errors."""
    while not isinstance(get(), (DocumentEndEvent, StreamEndEvent)):
        pass
    get()


_NO_KEY: Any = object()  # the mapping being read expects a key next


def _dotted(path: Path) -> str:
    """Render a path like ('conditions', 0, 'findings') as conditions[0].findings."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted_path = _dotted
