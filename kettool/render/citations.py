"""Citation export: BibTeX, RIS and CSL-JSON strings built from study records."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any, NamedTuple

from kettool.core.models import DesignType, Study

# Documents that are not journal articles, whatever fields they happen to carry.
_DOCUMENT_DESIGNS = frozenset({DesignType.LABEL, DesignType.REGULATORY})
_SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})
# Control characters would corrupt a line-based (RIS) or brace-based (BibTeX) record.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_PAGE_DASH = re.compile(r"\s*(?:--|[-\u2010-\u2015])\s*")
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


class CitationFormat(str, Enum):
    """Citation export formats."""

    BIBTEX = "bibtex"
    RIS = "ris"
    CSL_JSON = "csl-json"


class Name(NamedTuple):
    """An author's name split for citation formats; `given` is empty for an organisation."""

    family: str
    given: str = ""
    suffix: str = ""


def split_name(author: str) -> Name:
    """Split a PubMed-style byline name ('Al Jurdi RK', 'Zarate CA Jr') into its parts."""
    parts = _clean(author).split(" ")
    suffix = parts.pop() if len(parts) > 2 and parts[-1].rstrip(".") in _SUFFIXES else ""
    initials = parts[-1] if len(parts) > 1 else ""
    if initials.isalpha() and initials.isupper() and len(initials) <= 4:
        return Name(" ".join(parts[:-1]), " ".join(f"{c}." for c in initials), suffix.rstrip("."))
    # No trailing initials: an organisation or a bare surname, kept whole.
    return Name(_clean(author))


def render_citations(studies: Sequence[Study], fmt: CitationFormat) -> str:
    """Render studies in one citation format; the one place that chooses the renderer."""
    return _RENDERERS[fmt](studies)


def to_bibtex(studies: Sequence[Study]) -> str:
    """BibTeX entries (UTF-8, special characters escaped), one per study."""
    return "\n".join(_bibtex_entry(s) for s in studies)


def to_ris(studies: Sequence[Study]) -> str:
    """RIS records, one per study, separated by a blank line."""
    return "\n".join(_ris_record(s) for s in studies)


def to_csl_json(studies: Sequence[Study]) -> str:
    """A CSL-JSON array (the input format of citeproc processors such as pandoc's)."""
    return json.dumps([_csl_item(s) for s in studies], ensure_ascii=False, indent=2) + "\n"


_RENDERERS: dict[CitationFormat, Callable[[Sequence[Study]], str]] = {
    CitationFormat.BIBTEX: to_bibtex,
    CitationFormat.RIS: to_ris,
    CitationFormat.CSL_JSON: to_csl_json,
}


def _clean(text: str | int | None) -> str:
    """Text on one line, with control characters removed and runs of spaces collapsed."""
    return " ".join(_CONTROL.sub(" ", str(text)).split()) if text is not None else ""


def _is_journal_article(study: Study) -> bool:
    return study.design_type not in _DOCUMENT_DESIGNS and bool(_clean(study.journal))


def _page_range(pages: str | None) -> tuple[str, str]:
    """First and last page ('' when the record gives a single page or article number)."""
    first, _, last = _PAGE_DASH.sub("-", _clean(pages), count=1).partition("-")
    return first, last


# BibTeX


def _tex(text: str) -> str:
    return "".join(_BIBTEX_ESCAPES.get(c, c) for c in text)


def _tex_title(title: str) -> str:
    """Escape a title and brace words whose capitals a style must not lower-case."""
    words = []
    for i, word in enumerate(_clean(title).split(" ")):
        # Titles are copied as published; a capital anywhere but at the very start may mark an
        # acronym or proper noun ('NMDA', 'mTOR', 'Parkinson') that a sentence-casing style would spoil.
        protect = any(c.isupper() for c in word[1:]) or (i > 0 and word[:1].isupper())
        words.append(f"{{{_tex(word)}}}" if protect else _tex(word))
    return " ".join(words)


def _tex_verbatim(text: str) -> str:
    """A URL or DOI as biblatex and pandoc read it (verbatim), with braces made harmless."""
    return "".join({"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20"}.get(c, c) for c in _clean(text))


def _bibtex_name(author: str) -> str:
    name = split_name(author)
    if not name.given:
        # Braces keep an organisation whole, and an 'and' inside it from splitting it.
        return f"{{{_tex(name.family)}}}"
    parts = [name.family, name.suffix, name.given] if name.suffix else [name.family, name.given]
    return ", ".join(_tex(p) for p in parts)


def _bibtex_entry(study: Study) -> str:
    authors = [_bibtex_name(a) for a in study.authors]
    if authors and study.et_al:
        authors.append("others")  # BibTeX styles print 'others' as 'et al.'
    first, last = _page_range(study.pages)
    article = _is_journal_article(study)
    fields = [
        ("author", " and ".join(authors)),
        ("title", _tex_title(study.title)),
        ("journal" if article else "howpublished", _tex(_clean(study.journal))),
        ("year", _tex(_clean(study.year))),
        ("volume", _tex(_clean(study.volume))),
        ("number", _tex(_clean(study.issue))),
        ("pages", _tex(f"{first}--{last}" if last else first)),
        ("doi", _tex_verbatim(study.doi or "")),
        # biblatex prints eprint/eprinttype as 'PMID: ...'; plain BibTeX ignores them.
        ("eprint", _tex(_clean(study.pmid))),
        ("eprinttype", "pubmed" if _clean(study.pmid) else ""),
        ("url", _tex_verbatim(study.url or "")),
    ]
    body = "".join(f"  {key} = {{{value}}},\n" for key, value in fields if value)
    return f"@{'article' if article else 'misc'}{{{study.id},\n{body}}}\n"


# RIS


def _ris_name(author: str) -> str:
    name = split_name(author)
    return ", ".join(p for p in name if p)


def _ris_record(study: Study) -> str:
    first, last = _page_range(study.pages)
    lines = [("TY", "JOUR" if _is_journal_article(study) else "GEN"), ("ID", study.id)]
    lines += [("AU", _ris_name(a)) for a in study.authors]
    lines += [
        ("TI", _clean(study.title)),
        ("T2", _clean(study.journal)),
        ("PY", _clean(study.year)),
        ("VL", _clean(study.volume)),
        ("IS", _clean(study.issue)),
        ("SP", first),
        ("EP", last),
        ("DO", _clean(study.doi)),
        ("AN", _clean(study.pmid)),
        ("C2", _clean(study.pmcid)),  # the tag PubMed and EndNote use for the PMCID
        ("UR", _clean(study.url)),
        # RIS has no mark for a truncated byline; a note keeps the fact without inventing an author.
        ("N1", "Author list incomplete (et al.)" if study.authors and study.et_al else ""),
    ]
    body = "".join(f"{tag}  - {value}\n" for tag, value in lines if value)
    return f"{body}ER  - \n"


# CSL-JSON


def _csl_name(author: str) -> dict[str, str]:
    name = split_name(author)
    if not name.given:
        return {"literal": name.family}
    person = {"family": name.family, "given": name.given}
    return person | {"suffix": name.suffix} if name.suffix else person


def _csl_item(study: Study) -> dict[str, Any]:
    first, last = _page_range(study.pages)
    authors = [_csl_name(a) for a in study.authors]
    if authors and study.et_al:
        # CSL has no mark for a truncated byline; pandoc reads BibTeX's "and others" as this
        # literal name and prints it as "et al." (other processors print "others").
        authors.append({"literal": "others"})
    item: dict[str, Any] = {
        "id": study.id,
        "type": "article-journal" if _is_journal_article(study) else "document",
        "title": _clean(study.title),
        "container-title": _clean(study.journal),
        "author": authors,
        "issued": {"date-parts": [[study.year]]} if study.year else None,
        "volume": _clean(study.volume),
        "issue": _clean(study.issue),
        "page": f"{first}-{last}" if last else first,
        "DOI": _clean(study.doi),
        "PMID": _clean(study.pmid),
        "PMCID": _clean(study.pmcid),
        "URL": _clean(study.url),
    }
    return {key: value for key, value in item.items() if value}
