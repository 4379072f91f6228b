"""The checked KB as one cached JSON document whose records are read one at a time, when first needed.

The document is `{"format":F,"key":K,"value":{"index_size":N,"index":I,"pieces":[...]}}`: every section, condition
and study is one piece, written in the exact JSON form a JSON answer shows it in (every field, in
declared order). The index says where each piece lies and holds what a lookup needs without reading
any piece (condition names, study ids); offsets count bytes of the UTF-8 file, which is never
decoded whole (decoding text beyond Latin-1 costs more than parsing the pieces a command needs). A
command thus parses the few records it uses, and a JSON answer copies a study's text instead of
converting it back.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kettool.core.plain_data import compact_json, loads

SECTIONS = ("meta", "overview", "mechanism", "safety", "drugs")
_SIZE = ',"index":'
_PIECES = b',"pieces":['
_END = b"]}}"


def _prefix(cache_format: int, key: str) -> bytes:
    return f'{{"format":{cache_format},"key":{compact_json(key)},"value":{{"index_size":'.encode()


class Encoded:
    """A document as encode() leaves it: its head, its pieces, and the index that locates them."""

    __slots__ = ("body", "head", "index")

    def __init__(self, head: bytes, body: bytearray, index: dict[str, Any]):
        self.head, self.body, self.index = head, body, index

    def chunks(self) -> list[bytes | bytearray]:
        """The whole document, in order, for writing without joining it (a large KB's is tens of MB)."""
        return [self.head, self.body, _END]

    def parts(self) -> Parts:
        """Its records, parsed on demand from the encoded pieces."""
        return Parts(self.body, 0, self.index)


class Body:
    """A document's pieces one after another, comma-separated as in its JSON array."""

    __slots__ = ("data",)

    def __init__(self) -> None:
        self.data = bytearray()

    def add(self, piece: bytes) -> list[int]:
        """Append one piece; where it lies, as [start, end] byte offsets."""
        data = self.data
        if data:
            data.extend(b",")
        start = len(data)
        data.extend(piece)
        return [start, len(data)]


def place_condition(body: Body, entry: dict[str, Any]) -> list[Any]:
    """Append a checked condition's piece; its index entry, [start, end, [id, name, *aliases]]."""
    from kettool.core.models import Condition
    from kettool.core.records import normalize

    plain = normalize(Condition, entry)
    return [*body.add(compact_json(plain).encode()), [plain["id"], plain["name"], *plain["aliases"]]]


def place_study(body: Body, entry: dict[str, Any]) -> list[Any]:
    """Append a checked study's piece; its index entry, [id, start, end]."""
    from kettool.core.models import Study
    from kettool.core.records import normalize

    plain = normalize(Study, entry)
    return [plain["id"], *body.add(compact_json(plain).encode())]


def place_file(body: Body, data: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    """Append the pieces of a checked file's conditions and studies; their index entries, in file order."""
    return (
        [place_condition(body, entry) for entry in data.get("conditions", ())],
        [place_study(body, entry) for entry in data.get("studies", ())],
    )


def encode(
    data: dict[str, Any],
    warnings: tuple[str, ...],
    cache_format: int,
    key: str,
    consume: bool = False,
    body: Body | None = None,
    placed: dict[tuple[str, str], list[Any]] | None = None,
) -> Encoded:
    """The whole document for checked plain data: each record normalized (every field, declared order).

    With `consume`, each condition and study is dropped from `data` once encoded, so that a large KB is
    not held twice over, as records and as text. `placed` gives the index entries of the records whose
    pieces are already in `body` (placed while the other files were still being read); the rest are added.
    """
    from kettool.core.models import section_classes
    from kettool.core.records import normalize

    body = Body() if body is None else body
    ready = placed or {}

    def entries(name: str) -> Iterator[dict[str, Any]]:
        found = data.get(name, [])
        for position, entry in enumerate(found):
            if consume:
                found[position] = None
            yield entry

    classes = section_classes()
    sections = {
        name: body.add(compact_json(normalize(classes[name], data[name])).encode()) for name in SECTIONS if name in data
    }
    conditions = [
        ready.get(("conditions", entry["id"])) or place_condition(body, entry) for entry in entries("conditions")
    ]
    studies = [ready.get(("studies", entry["id"])) or place_study(body, entry) for entry in entries("studies")]
    index = {
        "warnings": list(warnings),
        "sections": sections,
        "conditions": conditions,
        "studies": studies,
        "size": len(body.data),
    }
    head = compact_json(index).encode()
    size = str(len(head)).encode() + _SIZE.encode()
    return Encoded(_prefix(cache_format, key) + size + head + _PIECES, body.data, index)


class Parts:
    """The pieces of one cached document, parsed on demand (each at most once)."""

    __slots__ = ("_base", "_conditions", "_parsed", "_sections", "_studies", "_text", "warnings")

    def __init__(self, text: bytes | bytearray, base: int, index: dict[str, Any]):
        self._text = text
        self._base = base
        self._sections: dict[str, list[int]] = index["sections"]
        self._conditions: list[list[Any]] = index["conditions"]
        self._studies: dict[str, list[int]] = {entry[0]: entry[1:] for entry in index["studies"]}
        self._parsed: dict[int, Any] = {}
        self.warnings: tuple[str, ...] = tuple(index["warnings"])

    def _piece(self, where: list[int]) -> Any:
        start = where[0]
        found = self._parsed.get(start)
        if found is None:
            found = self._parsed[start] = self._load(where)
        return found

    def _piece_once(self, where: list[int]) -> Any:
        # For a walk over every record: parsed again if asked again, so a large KB is never held whole.
        found = self._parsed.get(where[0])
        return self._load(where) if found is None else found

    def _load(self, where: list[int]) -> Any:
        return loads(self._text[self._base + where[0] : self._base + where[1]])

    def _names(self, where: list[int], texts: tuple[str, ...]) -> bool:
        # A record names a study or a drug class only by its id, which its piece holds exactly as
        # compact_json writes it.
        start, end, text = self._base + where[0], self._base + where[1], self._text
        return any(text.find(compact_json(one).encode(), start, end) != -1 for one in texts)

    def has_section(self, name: str) -> bool:
        """Whether the KB has this one-record section."""
        return name in self._sections

    def section_names(self, name: str, texts: tuple[str, ...]) -> bool:
        """Whether a section's JSON holds one of these strings as a JSON value (False without the section)."""
        where = self._sections.get(name)
        return where is not None and self._names(where, texts)

    def condition_names_text(self, position: int, texts: tuple[str, ...]) -> bool:
        """Whether the JSON of the condition at this position holds one of these strings as a value."""
        return self._names(self._conditions[position], texts)

    def study_names_text(self, study_id: str, texts: tuple[str, ...]) -> bool:
        """Whether a study's JSON holds one of these strings as a JSON value."""
        return self._names(self._studies[study_id], texts)

    def section(self, name: str) -> dict[str, Any] | None:
        """A section's plain data, or None when the KB has no such section."""
        where = self._sections.get(name)
        return None if where is None else self._piece(where)

    def condition_names(self) -> list[list[str]]:
        """Each condition's id, name and aliases, in KB order."""
        return [entry[2] for entry in self._conditions]

    def condition_count(self) -> int:
        """How many conditions the KB has."""
        return len(self._conditions)

    def condition(self, position: int) -> dict[str, Any]:
        """The plain data of the condition at this position in KB order."""
        return self._piece(self._conditions[position])

    def condition_once(self, position: int) -> dict[str, Any]:
        """The plain data of the condition at this position, not kept for later (a kept copy is reused)."""
        return self._piece_once(self._conditions[position])

    def study_ids(self) -> list[str]:
        """Every study id, in KB order."""
        return list(self._studies)

    def study_count(self) -> int:
        """How many studies the KB has."""
        return len(self._studies)

    def has_study(self, study_id: str) -> bool:
        """True when the KB has a study with this id."""
        return study_id in self._studies

    def study(self, study_id: str) -> dict[str, Any]:
        """A study's plain data; KeyError when unknown."""
        return self._piece(self._studies[study_id])

    def study_once(self, study_id: str) -> dict[str, Any]:
        """A study's plain data, not kept for later (a kept copy is reused); KeyError when unknown."""
        return self._piece_once(self._studies[study_id])

    def study_json(self, study_id: str) -> str:
        """A study exactly as a JSON answer writes it (compact, every field, control characters escaped)."""
        start, end = self._studies[study_id]
        return self._text[self._base + start : self._base + end].decode()


def parse(text: bytes, cache_format: int, key: str) -> Parts | None:
    """The parts of a document read from the cache, or None when it is damaged or for another key or format."""
    prefix = _prefix(cache_format, key)
    if not text.startswith(prefix) or not text.endswith(_END):
        return None
    try:
        size_end = text.index(b",", len(prefix))
        start = size_end + len(_SIZE)
        end = start + int(text[len(prefix) : size_end])
        base = end + len(_PIECES)
        index = loads(text[start:end])
        if text[size_end:start] != _SIZE.encode() or text[end:base] != _PIECES:
            return None
        if base + index["size"] + len(_END) != len(text):
            return None
        return Parts(text, base, index)
    except (ValueError, KeyError, TypeError, IndexError):
        return None


def from_plain(data: dict[str, Any], warnings: tuple[str, ...] = ()) -> Parts:
    """The parts of checked plain data that was not read from the cache."""
    return encode(data, warnings, 0, "").parts()
