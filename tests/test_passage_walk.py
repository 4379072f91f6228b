"""The walk that plans each record class once finds the same passages as the generic walk it replaced."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from enum import Enum
from typing import Any

import pytest

from kettool.core.knowledge_base import KbSettings, load_knowledge_base
from kettool.core.model_walk import (
    COMPOSED,
    ENTRY_NAMES,
    FIELD_LABELS,
    JOINED_LISTS,
    LIST_SECTIONS,
    NOT_PROSE,
    NOT_TEXT,
    SECTIONS,
    SILENT_FIELDS,
    SILENT_IN_PATH,
    Passage,
    passages,
)
from kettool.core.search_build import index_rows
from kettool.core.words import Word
from tests.conftest import TINY_KB


# The generic walk as it was before the planned one (kept here as the reference), reading `_fields`
# and class names on every record.
def reference_passages(kb: Any) -> Iterator[Passage]:
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
        if isinstance(value, (Enum, Word)):  # a vocabulary word, never a passage
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
    return isinstance(value, tuple) and hasattr(value, "_fields")


@pytest.fixture(scope="module", params=["bundled", "tiny"])
def kb(request, tmp_path_factory):
    path = None if request.param == "bundled" else TINY_KB
    return load_knowledge_base(KbSettings(kb_path=path, cache_dir=tmp_path_factory.mktemp("cache")))


def test_finds_the_passages_the_generic_walk_found(kb):
    assert list(passages(kb)) == list(reference_passages(kb))


def test_index_rows_hold_what_they_held(kb):
    from kettool.core.search_index import PATH_SEPARATOR

    expected = []
    seen: set[str] = set()
    for p in reference_passages(kb):
        identifiers = ""
        if p.path[0] == "study" and p.path[1] not in seen:
            seen.add(p.path[1])
            study = kb.studies[p.path[1]]
            fields = ("id", "doi", "pmid", "pmcid", "registry")
            identifiers = " ".join(str(v) for v in (getattr(study, f, None) for f in fields) if v)
        expected.append(identifiers)
    rows = list(index_rows(kb))
    assert [r[2] for r in rows] == expected
    assert [r[4] for r in rows] == [p.location for p in reference_passages(kb)]
    assert [r[5] for r in rows] == [PATH_SEPARATOR.join(p.path) for p in reference_passages(kb)]
