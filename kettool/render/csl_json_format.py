"""CSL-JSON: the input format of citeproc processors such as pandoc's."""

from __future__ import annotations

import json
from typing import Any

from kettool.core.answers import Answer, Kind
from kettool.core.models import Study
from kettool.render.citation_fields import clean, is_journal_article, page_range, split_name, studies_of


def _csl_name(author: str) -> dict[str, str]:
    name = split_name(author)
    if not name.given:
        return {"literal": name.family}
    person = {"family": name.family, "given": name.given}
    return person | {"suffix": name.suffix} if name.suffix else person


def _csl_item(study: Study) -> dict[str, Any]:
    first, last = page_range(study.pages)
    authors = [_csl_name(a) for a in study.authors]
    if authors and study.et_al:
        # CSL has no mark for a truncated byline; pandoc reads BibTeX's "and others" as this
        # literal name and prints it as "et al." (other processors print "others").
        authors.append({"literal": "others"})
    item: dict[str, Any] = {
        "id": study.id,
        "type": "article-journal" if is_journal_article(study) else "document",
        "title": clean(study.title),
        "container-title": clean(study.journal),
        "author": authors,
        "issued": {"date-parts": [[study.year]]} if study.year else None,
        "volume": clean(study.volume),
        "issue": clean(study.issue),
        "page": f"{first}-{last}" if last else first,
        "DOI": clean(study.checked_identifier("doi")),
        "PMID": clean(study.checked_identifier("pmid")),
        "PMCID": clean(study.checked_identifier("pmcid")),
        "URL": clean(study.url),
    }
    return {key: value for key, value in item.items() if value}


LAYOUTS = {Kind.CITATIONS: studies_of, Kind.STUDIES: studies_of, Kind.STUDY: studies_of}


def render(answer: Answer, options: Any = None) -> str:
    """A CSL-JSON array for the studies of an answer."""
    return json.dumps([_csl_item(s) for s in LAYOUTS[answer.kind](answer.data)], ensure_ascii=False, indent=2) + "\n"
