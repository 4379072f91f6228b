"""One generic walk over the knowledge base: every citation and every searchable passage, wherever it lives.

The walk reads records field by field, so a field added to the schema and the models is cited and
searched without touching this module. The tables below only say how some records *read*: which
fields combine into one passage, and what names an entry in a location such as
"condition ptsd › findings".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from enum import Enum
from typing import Any

from kettool.core.record_base import Record

Path = tuple[str | int, ...]

# The sections that hold searchable text, in the order passages are numbered: studies come last so
# that the search can rank them after the KB's own summaries of them.
SECTIONS = ("conditions", "mechanism", "safety", "overview", "studies")
# List sections are located by entry: "condition ptsd", "study feder2014".
LIST_SECTIONS = {"conditions": "condition", "studies": "study"}
# Fields that hold identifiers, links or bookkeeping rather than prose.
NOT_PROSE = frozenset(
    {
        "study",
        "id",
        "cites",
        "classes",
        "doi",
        "pmid",
        "pmcid",
        "url",
        "sources",
        "unchecked",
        "last_reviewed",
        "source_version",
        "columns",
        "volume",
        "issue",
        "pages",
    }
)
# Fields left out of locations because the entry names beneath them say enough ("safety › interactions").
SILENT_FIELDS = frozenset({"topics", "hypotheses", "items", "tables", "rows"})
# Fields left out of paths too: a topic's path is ("safety", "interactions", ...).
SILENT_IN_PATH = frozenset({"topics", "rows"})
# Friendlier names for fields whose name is terse.
FIELD_LABELS = {"primary": "primary pharmacology", "human_neurochemistry": "glutamate and GABA in people"}
# The field whose value names an entry of a list in a location ("mechanism › routes › intranasal"), by
# class; an entry of any other class is named by its `name` field where it has one.
ENTRY_NAMES = {
    "SafetyTopic": "id",
    "Route": "route",
    "TimelineEvent": "date",
    "SafetyTable": "title",
    "Claim": "",
    "CheckedClaim": "",
    "Protocol": "",
    "RegulatoryStatus": "",
    "Profile": "label",
    "Outcome": "",
    "ProfileStudy": "",
}
# Lists of short names that read as one passage ("aliases: gad, sad, social phobia").
JOINED_LISTS = frozenset({"aliases", "authors", "drugs", "routes"})


class Passage(Record):
    """One piece of KB text: where it lives, its path of field names and ids, its words, what it cites."""

    location: str
    path: tuple[str, ...]
    text: str
    cites: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()  # the drug classes an interaction entry concerns
    record: Any = None  # the record a composed passage was read from (a Claim, a Protocol...)


def _claim(record: Any) -> str:
    return f"{record.text} ({record.drug})" if record.drug else record.text


# Records that read as one passage, composed from several fields (by class name, so that this
# module needs no model import).
COMPOSED: dict[str, Callable[[Any], str]] = {
    "Claim": _claim,
    "RegulatoryStatus": lambda s: f"{s.formulation}, {s.region}: {s.status}",
    "Protocol": lambda p: f"{p.drug}, {p.route}, {p.dose}, {p.schedule}" + (f". {p.notes}" if p.notes else ""),
    "Route": lambda r: f"{r.route}: bioavailability {r.bioavailability}" + (f". {r.notes}" if r.notes else ""),
    "TimelineEvent": lambda e: f"{e.region}: {e.event}",
    "CheckedClaim": lambda c: f"{c.claim} Verdict: {c.verdict.replace('-', ' ')}. {c.evidence}",
    "ProfileStudy": lambda s: f"{s.study}: {s.directness.value}" + (f" ({s.reason})" if s.reason else ""),
    "Outcome": lambda o: f"{o.outcome}, {o.time_point}" + (f". {o.note}" if o.note else ""),
}
# Records that hold only references and numbers.
NOT_TEXT = frozenset({"EffectRef", "Arm", "ComparatorRisk"})


def children(value: Any) -> Iterator[tuple[str | int, Any]]:
    """The named or numbered parts of a record, mapping or list, in their declared order."""
    if _is_record(value):
        yield from zip(value._fields, value, strict=True)
    elif isinstance(value, dict):
        yield from value.items()
    elif isinstance(value, (list, tuple)):
        yield from enumerate(value)


def cites_in(value: Any, path: Path = ()) -> Iterator[tuple[Path, list[str] | tuple[str, ...]]]:
    """Every citation anywhere in a record tree (records or plain data), with its path.

    A citation is a `cites` list, or a `study` field naming one study (in evidence profiles).
    """
    for key, item in children(value):
        if key == "cites" and isinstance(item, (list, tuple)):
            yield path + (key,), item
        elif key == "study" and isinstance(item, str):
            yield path + (key,), [item]
        elif isinstance(item, (dict, list, tuple)):
            yield from cites_in(item, path + (key,))


def cited_ids(value: Any) -> list[str]:
    """Ids of every study a record tree cites, in order of first citation."""
    # The same walk as cites_in, without building paths: every answer about a condition takes it.
    found: dict[str, None] = {}
    _collect_cites(value, found)
    return list(found)


def _collect_cites(value: Any, found: dict[str, None]) -> None:
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        items: Any = zip(value._fields, value, strict=True)
    elif isinstance(value, dict):
        items = value.items()
    else:
        for item in value:
            if isinstance(item, (dict, list, tuple)):
                _collect_cites(item, found)
        return
    for key, item in items:
        if key == "cites" and isinstance(item, (list, tuple)):
            for i in item:
                if isinstance(i, str):
                    found.setdefault(i)
        elif key == "study" and isinstance(item, str):
            found.setdefault(item)
        elif isinstance(item, (dict, list, tuple)):
            _collect_cites(item, found)


def passages(kb: Any) -> Iterator[Passage]:
    """Every passage of the knowledge base: conditions, mechanism, safety, overview, then studies."""
    for section in SECTIONS:
        value = getattr(kb, section)
        if section in LIST_SECTIONS:
            label = LIST_SECTIONS[section]
            entries = value.values() if isinstance(value, Mapping) else value
            for entry in entries:
                yield from _record(entry, f"{label} {entry.id}", (label, entry.id), (), nested=False)
        else:
            yield from _record(value, section, (section,), (), nested=False)


def citing_passages(kb: Any, study_id: str) -> list[Passage]:
    """The passages that cite a study, in KB order."""
    return [p for p in passages(kb) if study_id in p.cites]


def _record(
    record: Any, location: str, path: tuple[str, ...], cites: tuple[str, ...], nested: bool
) -> Iterator[Passage]:
    own = getattr(record, "cites", None)
    cites = tuple(own) if isinstance(own, tuple) else cites
    if type(record).__name__ in NOT_TEXT:
        return
    compose = COMPOSED.get(type(record).__name__)
    if compose is not None:
        classes = getattr(record, "classes", ())
        yield Passage(location, path, compose(record), cites, classes if isinstance(classes, tuple) else (), record)
        return
    named = nested and _entry_name(record) is not None
    for name, value in zip(record._fields, record, strict=True):
        if name in NOT_PROSE or value is None or value == () or isinstance(value, (bool, int, float)):
            continue
        if named and value == _entry_name(record):
            continue  # the entry's name is already its location
        here = (
            location
            if name in SILENT_FIELDS or (named and name == "summary")
            else f"{location} › {FIELD_LABELS.get(name, name.replace('_', ' '))}"
        )
        # The main text of a named entry lives at the entry itself: ("mechanism", "enantiomers", "racemic").
        where = path if name in SILENT_IN_PATH or (named and name == "summary") else path + (name,)
        if isinstance(value, Enum):
            continue
        elif isinstance(value, str):
            yield Passage(here, where, value, cites)
        elif _is_record(value):
            yield from _record(value, here, where, cites, nested=True)
        elif name in JOINED_LISTS and all(isinstance(v, str) for v in value):
            yield Passage(here, where, ", ".join(str(v) for v in value), cites)
        elif isinstance(value, tuple):
            yield from _sequence(record, name, value, here, where, cites)


def _sequence(
    record: Any, name: str, items: tuple[Any, ...], location: str, path: tuple[str, ...], cites: tuple[str, ...]
) -> Iterator[Passage]:
    if type(record).__name__ == "SafetyTable" and name == "rows":
        for row in items:
            cells = ", ".join(f"{col} {cell}" for col, cell in zip(record.columns[1:], row[1:], strict=False))
            yield Passage(location, path, f"{row[0]}: {cells}", cites)
        return
    for item in items:
        if isinstance(item, str):
            yield Passage(location, path, item, cites)
        elif _is_record(item):
            entry = _entry_name(item)
            here = f"{location} › {entry}" if entry else location
            ident = getattr(item, "id", None)
            yield from _record(item, here, path + ((ident,) if isinstance(ident, str) else ()), cites, nested=True)


def _entry_name(record: Any) -> str | None:
    """What names a list entry in a location: the field ENTRY_NAMES gives for its class, else its name."""
    value = getattr(record, ENTRY_NAMES.get(type(record).__name__, "name"), None)
    return value if isinstance(value, str) and value else None


def _is_record(value: Any) -> bool:
    """A KB record (a Record), as opposed to a plain tuple of values."""
    return isinstance(value, tuple) and hasattr(value, "_fields")
