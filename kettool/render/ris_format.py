"""RIS records, one per study, separated by a blank line."""

from __future__ import annotations

from typing import Any

from kettool.core.answers import Answer, Kind
from kettool.core.models import Study
from kettool.render.citation_fields import clean, is_journal_article, page_range, split_name, studies_of


def _ris_name(author: str) -> str:
    name = split_name(author)
    return ", ".join(p for p in name if p)


def _ris_record(study: Study) -> str:
    first, last = page_range(study.pages)
    lines = [("TY", "JOUR" if is_journal_article(study) else "GEN"), ("ID", study.id)]
    lines += [("AU", _ris_name(a)) for a in study.authors]
    lines += [
        ("TI", clean(study.title)),
        ("T2", clean(study.journal)),
        ("PY", clean(study.year)),
        ("VL", clean(study.volume)),
        ("IS", clean(study.issue)),
        ("SP", first),
        ("EP", last),
        ("DO", clean(study.checked_identifier("doi"))),
        ("AN", clean(study.checked_identifier("pmid"))),
        ("C2", clean(study.checked_identifier("pmcid"))),  # the tag PubMed and EndNote use for the PMCID
        ("UR", clean(study.url)),
        # RIS has no mark for a truncated byline; a note keeps the fact without inventing an author.
        ("N1", "Author list incomplete (et al.)" if study.authors and study.et_al else ""),
    ]
    body = "".join(f"{tag}  - {value}\n" for tag, value in lines if value)
    return f"{body}ER  - \n"


LAYOUTS = {Kind.CITATIONS: studies_of, Kind.STUDIES: studies_of, Kind.STUDY: studies_of}


def render(answer: Answer, options: Any = None) -> str:
    """RIS records for the studies of an answer."""
    return "\n".join(_ris_record(s) for s in LAYOUTS[answer.kind](answer.data))
