"""Turn records back into plain data and compact JSON text: for JSON answers, the KB cache, and KB files."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any

from kettool.core.words import Word

try:
    # The C codec the json package wraps, used directly: importing json compiles seven regular
    # expressions (about 5 M instructions), more than a JSON answer spends encoding.
    from _json import encode_basestring as _encode_text
    from _json import make_encoder as _make_encoder
    from _json import make_scanner as _make_scanner

    _C_CODEC = True
except ImportError:  # an interpreter without it (not CPython): the json package
    _C_CODEC = False

# json.dumps escapes C0 controls but not DEL, C1 controls, bidi overrides or line separators, which a
# terminal or a JavaScript consumer could act on: escape those too. Searching for each character runs
# in C and is far cheaper than compiling and running a pattern; text that has one (rare) is translated.
_UNSAFE_IN_JSON = {
    c: f"\\u{c:04x}" for c in (*range(0x7F, 0xA0), 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
}
_UNSAFE_CHARACTERS = tuple(chr(c) for c in _UNSAFE_IN_JSON)


def _raise_unserializable(value: Any) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


class _Strict:
    """What the C scanner reads from json.JSONDecoder's defaults."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    memo: dict[str, Any] = {}

    @staticmethod
    def parse_constant(name: str) -> float:
        return {"-Infinity": float("-inf"), "Infinity": float("inf"), "NaN": float("nan")}[name]


_JSON_SPACE = " \t\n\r"
_JSON_SPACE_START = tuple(_JSON_SPACE)

if _C_CODEC:
    # json.dumps(value, ensure_ascii=False, separators=(",", ":")) and json.loads, without the json package.
    _scan = _make_scanner(_Strict())  # type: ignore[arg-type]  # reads the attributes of json's decoder

    def _dumps(value: Any) -> str:
        # A new encoder each time, as json.dumps makes one: its record of open containers starts empty.
        encoder = _make_encoder({}, _raise_unserializable, _encode_text, None, ":", ",", False, False, True)
        return "".join(encoder(value, 0))

    def loads(text: str | bytes | bytearray) -> Any:
        """The value of one JSON document (UTF-8 bytes or text); ValueError when it is not exactly one."""
        if isinstance(text, (bytes, bytearray)):
            text = text.decode()
        # White space around the document is allowed, as json.loads allows it.
        start = len(text) - len(text.lstrip(_JSON_SPACE)) if text[:1] in _JSON_SPACE_START else 0
        try:
            value, end = _scan(text, start)
        except StopIteration:
            raise ValueError("not a JSON document") from None
        if end != len(text) and text[end:].strip(_JSON_SPACE):
            raise ValueError("extra data after the JSON document")
        return value

else:
    import json

    def _dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    def loads(text: str | bytes | bytearray) -> Any:
        """The value of one JSON document (UTF-8 bytes or text); ValueError when it is not exactly one."""
        return json.loads(text)


def compact_json(value: Any) -> str:
    """One line of JSON (no spaces, text as is) with every control-like character escaped."""
    text = _dumps(value)
    if text.isascii():
        return text.translate(_UNSAFE_IN_JSON) if "\x7f" in text else text
    if any(c in text for c in _UNSAFE_CHARACTERS):
        return text.translate(_UNSAFE_IN_JSON)
    return text


# Types that are plain data already: most values are, so they are told apart first, by exact type.
_PLAIN = frozenset({str, int, float, bool, type(None)})


def to_data(value: Any) -> Any:
    """Turn a record (or tuple of records) back into plain JSON-ready data."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is tuple or kind is list:
        return [to_data(v) for v in value]
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a record or an answer value
        return {k: to_data(v) for k, v in zip(value._fields, value, strict=True)}
    if isinstance(value, (Enum, Word)):
        return value.value
    if isinstance(value, (tuple, list)):
        return [to_data(v) for v in value]
    if isinstance(value, Mapping):  # a dict, or the KB's study table
        return {k: to_data(v) for k, v in value.items()}
    return value


def to_source_data(value: Any) -> Any:
    """Like to_data, but leaves out optional fields at their defaults, as a KB file would."""
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        defaults: dict[str, Any] = getattr(value, "_field_defaults", {})
        return {
            k: to_source_data(v)
            for k, v in zip(value._fields, value, strict=True)
            if k not in defaults or v != defaults[k]
        }
    if isinstance(value, (Enum, Word)):
        return value.value
    if isinstance(value, (tuple, list)):
        return [to_source_data(v) for v in value]
    return value


def kb_document(kb: Any, convert: Any = to_data) -> dict[str, Any]:
    """The whole knowledge base as plain data in the layout of its YAML files, each section converted by `convert`."""
    return {
        "meta": convert(kb.meta),
        "overview": convert(kb.overview),
        "mechanism": convert(kb.mechanism),
        "safety": convert(kb.safety),
        "conditions": convert(kb.conditions),
        "studies": convert(list(kb.studies.values())),
    }
