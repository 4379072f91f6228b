"""The value of an `interactions` answer: each name as asked, what it resolved to, and the statements about its classes.

Apart from answers.py, so that only that command defines these records (see answers.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kettool.core.record_base import Record

if TYPE_CHECKING:
    from kettool.core.drug_records import DrugClass, DrugName
    from kettool.core.models import DesignType


class InteractionEntry(Record):
    """One KB statement about a class the drug belongs to."""

    location: str
    statement: str
    formulation: str | None  # which ketamine product, route and dose the statement is about
    through: tuple[str, ...]  # the drug's classes the statement names
    source_types: tuple[DesignType, ...]  # what the cited records are: label, rct, secondary analysis...
    source_version: str | None
    cites: tuple[str, ...]


class DrugInteractions(Record):
    """One name as typed, what it resolved to, and the statements that concern it."""

    asked: str
    drug: DrugName
    classes: tuple[DrugClass, ...]  # its classes and the broader ones they belong to
    entries: tuple[InteractionEntry, ...]


class UnknownDrug(Record):
    """A name not in the drug table, with the closest names that are."""

    asked: str
    suggestions: tuple[str, ...]


class InteractionReport(Record):
    """The answer to `kettool interactions NAME...`, with every study its statements cite."""

    drugs: tuple[DrugInteractions, ...]
    unknown: tuple[UnknownDrug, ...]
    studies: dict[str, Any]
