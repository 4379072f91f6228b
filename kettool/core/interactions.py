"""Interactions by drug name: each name resolved through the drug table to its classes, then every KB
statement about those classes (or the broader classes they belong to), with its sources."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kettool.core.errors import NotFoundError
from kettool.core.interaction_answers import DrugInteractions, InteractionEntry, InteractionReport, UnknownDrug
from kettool.core.lookup import find_drug
from kettool.core.model_walk import passages


def interactions(kb: Any, names: Sequence[str]) -> InteractionReport:
    """Resolve each name (generic or brand, any case) and gather the statements about its classes."""
    found: list[DrugInteractions] = []
    unknown: list[UnknownDrug] = []
    drugs: list[tuple[str, Any, tuple[str, ...]]] = []
    for asked in dict.fromkeys(names):
        try:
            drug = find_drug(kb, asked)
        except NotFoundError as error:
            unknown.append(UnknownDrug(asked, tuple(error.suggestions)))
            continue
        drugs.append((asked, drug, kb.drugs.with_broader(drug.classes)))
    # Only records that name one of these classes can hold a statement about them: the rest of the KB
    # is not built (kb_parts finds the class ids in each record's cached JSON).
    wanted = tuple(dict.fromkeys(i for _asked, _drug, class_ids in drugs for i in class_ids))
    tagged = [p for p in passages(kb, naming=wanted) if p.classes] if wanted else []
    for asked, drug, class_ids in drugs:
        classes = tuple(c for c in (kb.drugs.class_named(i) for i in class_ids) if c is not None)
        entries = tuple(_entry(p, class_ids, kb) for p in tagged if set(p.classes) & set(class_ids))
        found.append(DrugInteractions(asked, drug, classes, entries))
    cited = dict.fromkeys(i for d in found for e in d.entries for i in e.cites)
    return InteractionReport(tuple(found), tuple(unknown), {i: kb.studies[i] for i in cited if i in kb.studies})


def _entry(passage: Any, class_ids: tuple[str, ...], kb: Any) -> InteractionEntry:
    claim = passage.record
    types = dict.fromkeys(kb.studies[i].design_type for i in passage.cites if i in kb.studies)
    return InteractionEntry(
        passage.location,
        claim.text,
        claim.drug,
        tuple(c for c in passage.classes if c in class_ids),
        tuple(types),
        claim.source_version,
        tuple(passage.cites),
    )
