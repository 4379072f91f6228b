"""Build the search index of a loaded KB: into its cache entry atomically, or in memory when there is none."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kettool.core.gc_pause import collector_paused
from kettool.core.model_walk import entry_passage_tuples
from kettool.core.search_index import INDEX_FILE, PATH_SEPARATOR, SearchIndex, write_index

IDENTIFIER_FIELDS = ("id", "doi", "pmid", "pmcid", "registry")


def index_rows(kb: Any) -> Iterator[tuple[str, str, str, str, str, str, str]]:
    """Every passage of the KB as the fields of an IndexRow; a study's first passage also carries its identifiers."""
    names = drug_names_by_class(kb)
    join = PATH_SEPARATOR.join
    for entry, found in entry_passage_tuples(kb):
        study_identifiers = ""
        if found and found[0][1][0] == "study":
            study_identifiers = " ".join(str(v) for v in (getattr(entry, f, None) for f in IDENTIFIER_FIELDS) if v)
        for location, path, text, _cites, classes, _record in found:
            if path[0] == "study":
                identifiers, study_identifiers = study_identifiers, ""
                kb_text, study_text = "", text
            else:
                identifiers, kb_text, study_text = "", text, ""
            if classes:
                yield (
                    kb_text,
                    study_text,
                    identifiers,
                    " ".join(n for c in classes for n in names.get(c, ())),
                    location,
                    join(path),
                    " ".join(classes),
                )
            else:
                yield (kb_text, study_text, identifiers, "", location, join(path), "")


def drug_names_by_class(kb: Any) -> dict[str, list[str]]:
    """Class id -> every name in it or in a narrower class (lorazepam is under CNS depressants too)."""
    by_class: dict[str, list[str]] = {}
    for class_id, names in _classes_of_names(kb):
        for name in names:
            by_class.setdefault(class_id, []).append(name)
    return by_class


def name_classes(kb: Any) -> dict[str, list[str]]:
    """Lower-case drug name -> its classes and the broader ones they belong to."""
    drugs = kb.drugs
    return {d.name.lower(): list(drugs.with_broader(d.classes)) for d in drugs.names}


def _classes_of_names(kb: Any) -> Iterator[tuple[str, list[str]]]:
    drugs = kb.drugs
    by_class: dict[str, list[str]] = {}
    for drug in drugs.names:
        for class_id in drugs.with_broader(drug.classes):
            by_class.setdefault(class_id, []).append(drug.name)
    yield from by_class.items()


def kb_meta(kb: Any) -> dict[str, Any]:
    """The KB facts a search answer shows, stored in the index so that a search needs no KB."""
    meta = kb.meta
    return {
        "version": meta.version,
        "reviewed": meta.reviewed,
        "scope": meta.scope,
        "disclaimer": meta.disclaimer,
        "drug_classes": name_classes(kb),
    }


def build_in_memory(kb: Any, key: str) -> SearchIndex:
    """An index that lives as long as this process (caching is off or the cache cannot be written)."""
    connection = sqlite3.connect(":memory:")
    with collector_paused():  # the walk builds every record and a row per passage
        write_index(connection, index_rows(kb), key, kb_meta(kb))
    return SearchIndex(connection, key)


def build_into(folder: Path, kb: Any, key: str) -> bool:
    """Write the index file beside the KB's cached documents; False (and no leftover) if that fails."""
    from kettool.core.atomic_files import replace_file_with

    def write(temporary: Path) -> None:
        connection = sqlite3.connect(temporary)
        try:
            with collector_paused():  # the walk builds every record and a row per passage
                write_index(connection, index_rows(kb), key, kb_meta(kb))
        finally:
            connection.close()

    return replace_file_with(folder / INDEX_FILE, write, (OSError, sqlite3.Error))
