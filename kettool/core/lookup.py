"""Look things up in the knowledge base by id, name or alias, with 'did you mean' suggestions."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar

from kettool.core.drug_records import DrugName
from kettool.core.errors import NotFoundError
from kettool.core.models import Condition, KnowledgeBase, SafetyTopic, Study

T = TypeVar("T")
_NON_WORD = r"[^0-9a-z]+"
# ASCII other than [0-9a-z] as a space: for ASCII text, the words left joined by one space are what
# _NON_WORD's substitution gives, without compiling the pattern on every lookup.
_ASCII_SPACES = {code: " " for code in range(128) if not chr(code).isdigit() and not "a" <= chr(code) <= "z"}


def normalize(text: str) -> str:
    """Fold case, accents and punctuation so that 'Post-Traumatic' matches 'post traumatic'."""
    if text.isascii():  # nothing to decompose (most names): the same result, without unicodedata
        return " ".join(text.lower().translate(_ASCII_SPACES).split())
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(_NON_WORD, " ", plain).strip()


def _find(name: str, entries: Iterable[tuple[T, list[str]]], kind: str, hint: str) -> T:
    wanted = normalize(name)
    names: dict[str, T] = {}
    labels: dict[str, str] = {}
    for entry, entry_names in entries:
        for label in entry_names:
            key = normalize(label)
            names.setdefault(key, entry)
            labels.setdefault(key, label)
    if wanted and wanted in names:
        return names[wanted]
    raise NotFoundError(kind, name, suggest(wanted, labels), hint)


def suggest(wanted: str, labels: dict[str, str], limit: int = 3) -> list[str]:
    """The labels closest to a normalized query, best first."""
    import difflib  # only needed when a lookup fails

    if not wanted:
        return []
    close = difflib.get_close_matches(wanted, list(labels), n=limit, cutoff=0.6)
    starts = [k for k in labels if k.startswith(wanted) or wanted in k.split()]
    ordered = list(dict.fromkeys(close + starts))[:limit]
    return [labels[k] for k in ordered]


def find_condition(kb: KnowledgeBase, name: str) -> Condition:
    """The condition whose id, name or alias matches `name`."""
    # Matched on the names alone, so that only the condition asked for is built.
    index = _find(name, enumerate(kb.condition_names()), "condition", "run `kettool conditions` to list them")
    return kb.condition_at(index)


def find_safety_topic(kb: KnowledgeBase, name: str) -> SafetyTopic:
    """The safety topic whose id, name or alias matches `name`."""
    return _find(
        name,
        ((t, [t.id, t.name, *t.aliases]) for t in kb.safety.topics),
        "safety topic",
        "run `kettool safety` to see every topic",
    )


def find_study(kb: KnowledgeBase, study_id: str) -> Study:
    """The study with this id (case-insensitive)."""
    # Matched on the ids alone, so that only the study asked for is built.
    studies = kb.studies
    found = _find(study_id, ((i, [i]) for i in studies), "study", "run `kettool studies` to list them")
    return studies[found]


def find_drug(kb: KnowledgeBase, name: str) -> DrugName:
    """The drug-table entry for a generic or brand name (any case, accents and width)."""
    return _find(
        name,
        ((d, [d.name]) for d in kb.drugs.names),
        "drug in kettool's drug list",
        "kettool knows the drug classes its interaction entries name; `kettool search NAME` looks through the text",
    )


def cited_studies(kb: KnowledgeBase, ids: Iterable[str]) -> list[Study]:
    """The studies for these ids, in first-cited order, without repeats."""
    return [kb.studies[i] for i in dict.fromkeys(ids) if i in kb.studies]
