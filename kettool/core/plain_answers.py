"""The values of the pages for patients and carers and of the printable sheet.

Apart from answers.py, so that only those pages define these records (see answers.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kettool.core.record_base import Record

if TYPE_CHECKING:
    from kettool.core.answers import ConditionDetail
    from kettool.core.forest_answers import Forest
    from kettool.core.models import Certainty, Study


class PlainPoint(Record):
    """A plain-language statement with the certainty of the evidence profile it summarises (None: no profile)."""

    text: str
    cites: tuple[str, ...]
    certainty: Certainty | None


class PlainPage(Record):
    """The version for patients and carers of a condition or of safety: crisis services first, then cited points."""

    subject_id: str
    title: str
    crisis_resources: tuple[Any, ...]
    points: tuple[PlainPoint, ...]
    approval: PlainPoint | None
    questions: tuple[str, ...]
    studies: Mapping[str, Study]
    last_reviewed: str | None


class ConditionSheet(Record):
    """A condition's printable evidence sheet for clinicians: its page, graded profiles, and its forest plots."""

    detail: ConditionDetail
    forest: Forest | None
