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
from kettool.core.words import Word

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


def passages(kb: Any, naming: tuple[str, ...] | None = None) -> Iterator[Passage]:
    """Every passage of the knowledge base: conditions, mechanism, safety, overview, then studies.

    With `naming`, only the passages of records whose cached JSON holds one of those strings as a value.
    """
    make = tuple.__new__
    for _entry, found in entry_passage_tuples(kb, naming):
        for row in found:
            yield make(Passage, row)


def passage_tuples(kb: Any) -> Iterator[PassageTuple]:
    """The passages as plain tuples in Passage's field order, for callers that read hundreds of thousands."""
    for _entry, found in entry_passage_tuples(kb):
        yield from found


def entry_passage_tuples(kb: Any, naming: tuple[str, ...] | None = None) -> Iterator[tuple[Any, list[PassageTuple]]]:
    """Each condition and study with its passages, then each section (entry None) with its own, in walk order.

    Conditions and studies are built one at a time and let go (KnowledgeBase.each_condition,
    Studies.each), so that a walk over a KB of thousands of conditions never holds them all. With
    `naming`, records whose cached JSON holds none of those strings as a value are left out unbuilt.
    """
    for section in SECTIONS:
        if section in LIST_SECTIONS:
            label = LIST_SECTIONS[section]
            for entry in _entries(kb, section, naming):
                # Each entry is walked into a list: a generator per nested record would pass every
                # passage up through each level.
                found: list[PassageTuple] = []
                _record(entry, f"{label} {entry.id}", (label, entry.id), (), False, found)
                yield entry, found
        elif naming is None or not hasattr(kb, "may_name") or kb.may_name(section, naming):
            found = []
            _record(getattr(kb, section), section, (section,), (), False, found)
            yield None, found


def _entries(kb: Any, section: str, naming: tuple[str, ...] | None) -> Iterator[Any]:
    """A list section's records in order: built one at a time where the KB can, else as it holds them."""
    if section == "conditions" and hasattr(kb, "each_condition"):
        return iter(kb.each_condition(naming))
    value = getattr(kb, section)
    if hasattr(value, "each"):
        return iter(value.each(naming))
    return iter(value.values() if isinstance(value, Mapping) else value)


def citing_passages(kb: Any, study_id: str) -> list[Passage]:
    """The passages that cite a study, in KB order; only the records that hold its id are built and walked."""
    make = tuple.__new__
    return [
        make(Passage, row)
        for _entry, found in entry_passage_tuples(kb, naming=(study_id,))
        for row in found
        if study_id in row[3]
    ]


# location, path, text, cites, classes, record: the fields of Passage.
PassageTuple = tuple[str, tuple[str, ...], str, tuple[str, ...], tuple[str, ...], Any]


class _Plan:
    """What the walk needs to know about one record class, worked out once instead of on every record."""

    __slots__ = ("cites", "classes", "columns", "compose", "entry", "fields", "ident", "not_text", "rows")

    def __init__(self, cls: type):
        name = cls.__name__
        fields: tuple[str, ...] = cls._fields  # type: ignore[attr-defined]
        self.not_text = name in NOT_TEXT
        self.compose = COMPOSED.get(name)
        self.cites = _getter(cls, "cites")
        self.classes = _getter(cls, "classes")
        self.entry = _getter(cls, ENTRY_NAMES.get(name, "name"))
        self.ident = _getter(cls, "id")
        self.rows = name == "SafetyTable"
        self.columns = _getter(cls, "columns")
        # Per prose field: its position, name, location suffix, whether it is silent in locations and in
        # paths, and whether its strings join into one passage.
        self.fields = tuple(
            (
                position,
                field,
                f" › {FIELD_LABELS.get(field, field.replace('_', ' '))}",
                field in SILENT_FIELDS,
                field in SILENT_IN_PATH,
                field in JOINED_LISTS,
            )
            for position, field in enumerate(fields)
            if field not in NOT_PROSE
        )


_PLANS: dict[type, _Plan] = {}
_STR = {str}


def _plan(cls: type) -> _Plan:
    found = _PLANS.get(cls)
    if found is None:
        found = _PLANS[cls] = _Plan(cls)
    return found


def _getter(cls: type, name: str) -> Callable[[Any], Any]:
    """getattr(record, name, None) for records of a class, by position when `name` is a field."""
    fields: tuple[str, ...] = cls._fields  # type: ignore[attr-defined]
    if name in fields:
        position = fields.index(name)
        return lambda record: record[position]
    if name and hasattr(cls, name):
        return lambda record: getattr(record, name, None)
    return _nothing


def _nothing(record: Any) -> None:
    return None


def _record(
    record: Any, location: str, path: tuple[str, ...], cites: tuple[str, ...], nested: bool, out: list[PassageTuple]
) -> None:
    plan = _PLANS.get(type(record)) or _plan(type(record))
    own = plan.cites(record)
    cites = tuple(own) if isinstance(own, tuple) else cites
    if plan.not_text:
        return
    if plan.compose is not None:
        classes = plan.classes(record)
        out.append((location, path, plan.compose(record), cites, classes if isinstance(classes, tuple) else (), record))
        return
    entry = plan.entry(record) if nested else None
    named = isinstance(entry, str) and entry != ""
    for position, name, suffix, silent, silent_in_path, joined in plan.fields:
        value = record[position]
        kind = type(value)
        # Strings, plain tuples and planned records first, in the order of tests the general case below
        # applies (a tuple or a record never equals an entry's name).
        if kind is str:
            if named and value == entry:
                continue  # the entry's name is already its location
            if named and name == "summary":  # the main text of a named entry lives at the entry itself
                out.append((location, path, value, cites, (), None))
            else:
                here = location if silent else location + suffix
                out.append((here, path if silent_in_path else path + (name,), value, cites, (), None))
            continue
        main = named and name == "summary"
        if kind is tuple:
            if not value:
                continue
            here = location if silent or main else location + suffix
            where = path if silent_in_path or main else path + (name,)
            if joined and set(map(type, value)) == _STR:
                out.append((here, where, ", ".join(value), cites, (), None))
            elif joined and all(isinstance(v, str) for v in value):
                out.append((here, where, ", ".join(str(v) for v in value), cites, (), None))
            else:
                _sequence(record, plan, name, value, here, where, cites, out)
            continue
        if kind in _PLANS and value:
            here = location if silent or main else location + suffix
            _record(value, here, path if silent_in_path or main else path + (name,), cites, True, out)
            continue
        if value is None or value == () or isinstance(value, (bool, int, float)):
            continue
        if named and value == entry:
            continue
        here = location if silent or main else location + suffix
        where = path if silent_in_path or main else path + (name,)
        if isinstance(value, (Enum, Word)):
            continue
        elif isinstance(value, str):
            out.append((here, where, value, cites, (), None))
        elif _is_record(value):
            _record(value, here, where, cites, True, out)
        elif joined and all(isinstance(v, str) for v in value):
            out.append((here, where, ", ".join(str(v) for v in value), cites, (), None))
        elif isinstance(value, tuple):
            _sequence(record, plan, name, value, here, where, cites, out)


def _sequence(
    record: Any,
    plan: _Plan,
    name: str,
    items: tuple[Any, ...],
    location: str,
    path: tuple[str, ...],
    cites: tuple[str, ...],
    out: list[PassageTuple],
) -> None:
    if plan.rows and name == "rows":
        columns = plan.columns(record)
        for row in items:
            cells = ", ".join(f"{col} {cell}" for col, cell in zip(columns[1:], row[1:], strict=False))
            out.append((location, path, f"{row[0]}: {cells}", cites, (), None))
        return
    for item in items:
        kind = type(item)
        if kind is str:
            out.append((location, path, item, cites, (), None))
            continue
        plan_ = _PLANS.get(kind)
        if plan_ is None:
            if isinstance(item, str):
                out.append((location, path, item, cites, (), None))
                continue
            if not _is_record(item):
                continue
            plan_ = _plan(kind)
        entry = plan_.entry(item)
        here = f"{location} › {entry}" if isinstance(entry, str) and entry else location
        ident = plan_.ident(item)
        _record(item, here, path + ((ident,) if isinstance(ident, str) else ()), cites, True, out)


def _is_record(value: Any) -> bool:
    """A KB record (a Record), as opposed to a plain tuple of values."""
    return isinstance(value, tuple) and hasattr(value, "_fields")
