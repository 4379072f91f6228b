"""What every citation format reads from a study record: clean one-line fields, split names, page ranges."""

from __future__ import annotations

import re
from typing import Any

from kettool.core.models import DesignType, Study
from kettool.core.record_base import Record

# Documents that are not journal articles, whatever fields they happen to carry.
_DOCUMENT_DESIGNS = frozenset({DesignType.LABEL, DesignType.REGULATORY})
_SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})
# Control characters would corrupt a line-based (RIS) or brace-based (BibTeX) record.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_PAGE_DASH = re.compile(r"\s*(?:--|[-\u2010-\u2015])\s*")


class Name(Record):
    """An author's name split for citation formats; `given` is empty for an organisation."""

    family: str
    given: str = ""
    suffix: str = ""


def split_name(author: str) -> Name:
    """Split a PubMed-style byline name ('Al Jurdi RK', 'Zarate CA Jr') into its parts."""
    parts = clean(author).split(" ")
    suffix = parts.pop() if len(parts) > 2 and parts[-1].rstrip(".") in _SUFFIXES else ""
    initials = parts[-1] if len(parts) > 1 else ""
    if initials.isalpha() and initials.isupper() and len(initials) <= 4:
        return Name(" ".join(parts[:-1]), " ".join(f"{c}." for c in initials), suffix.rstrip("."))
    # No trailing initials: an organisation or a bare surname, kept whole.
    return Name(clean(author))


def clean(text: str | int | None) -> str:
    """Text on one line, with control characters removed and runs of spaces collapsed."""
    return " ".join(_CONTROL.sub(" ", str(text)).split()) if text is not None else ""


def is_journal_article(study: Study) -> bool:
    return study.design_type not in _DOCUMENT_DESIGNS and bool(clean(study.journal))


def page_range(pages: str | None) -> tuple[str, str]:
    """First and last page ('' when the record gives a single page or article number)."""
    first, _, last = _PAGE_DASH.sub("-", clean(pages), count=1).partition("-")
    return first, last


def studies_of(value: Any) -> tuple[Study, ...]:
    """The studies an answer holds: a reference list, a study list, or one study."""
    if hasattr(value, "rows"):
        return tuple(row.study for row in value.rows)
    if hasattr(value, "cited_by"):
        return (value.study,)
    return tuple(value.studies)
