"""BibTeX entries (UTF-8, special characters escaped), one per study."""

from __future__ import annotations

from typing import Any

from kettool.core.answers import Answer, Kind
from kettool.core.models import Study
from kettool.render.citation_fields import clean, is_journal_article, page_range, split_name, studies_of

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


def _tex(text: str) -> str:
    return "".join(_BIBTEX_ESCAPES.get(c, c) for c in text)


def _tex_title(title: str) -> str:
    """Escape a title and brace words whose capitals a style must not lower-case."""
    words = []
    for i, word in enumerate(clean(title).split(" ")):
        # Titles are copied as published; a capital anywhere but at the very start may mark an
        # acronym or proper noun ('NMDA', 'mTOR', 'Parkinson') that a sentence-casing style would spoil.
        protect = any(c.isupper() for c in word[1:]) or (i > 0 and word[:1].isupper())
        words.append(f"{{{_tex(word)}}}" if protect else _tex(word))
    return " ".join(words)


def _tex_verbatim(text: str) -> str:
    """A URL or DOI as biblatex and pandoc read it (verbatim), with braces made harmless."""
    return "".join({"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20"}.get(c, c) for c in clean(text))


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
    first, last = page_range(study.pages)
    article = is_journal_article(study)
    fields = [
        ("author", " and ".join(authors)),
        ("title", _tex_title(study.title)),
        ("journal" if article else "howpublished", _tex(clean(study.journal))),
        ("year", _tex(clean(study.year))),
        ("volume", _tex(clean(study.volume))),
        ("number", _tex(clean(study.issue))),
        ("pages", _tex(f"{first}--{last}" if last else first)),
        ("doi", _tex_verbatim(study.checked_identifier("doi") or "")),
        # biblatex prints eprint/eprinttype as 'PMID: ...'; plain BibTeX ignores them.
        ("eprint", _tex(clean(study.checked_identifier("pmid")))),
        ("eprinttype", "pubmed" if clean(study.checked_identifier("pmid")) else ""),
        ("url", _tex_verbatim(study.url or "")),
    ]
    body = "".join(f"  {key} = {{{value}}},\n" for key, value in fields if value)
    return f"@{'article' if article else 'misc'}{{{study.id},\n{body}}}\n"


LAYOUTS = {Kind.CITATIONS: studies_of, Kind.STUDIES: studies_of, Kind.STUDY: studies_of}


def render(answer: Answer, options: Any = None) -> str:
    """BibTeX entries for the studies of an answer."""
    return "\n".join(_bibtex_entry(s) for s in LAYOUTS[answer.kind](answer.data))
