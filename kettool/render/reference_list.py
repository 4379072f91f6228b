"""Reference lists shared by the human-readable formats: citation numbers, one-line references, study facts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kettool.core.models import Study


def _unchecked_mark(study: Study, field: str) -> str:
    return " (unchecked)" if field in study.unchecked_fields else ""


def reference_line(study: Study) -> str:
    """A one-line reference: authors, year, title, journal, volume(issue):pages, identifiers."""
    authors = ", ".join(study.authors[:3]) + (" et al." if study.et_al or len(study.authors) > 3 else "")
    parts = [
        authors if authors.endswith(".") else f"{authors}." if authors else "",
        f"({study.year})" if study.year else "",
        f"{study.title}.",
    ]
    source = study.journal or ""
    if study.volume:
        source += f" {study.volume}"
        source += f"({study.issue})" if study.issue else ""
    source += f":{study.pages}" if study.pages else ""
    parts.append(f"{source}." if source else "")
    ids = [
        f"doi:{study.doi}" + _unchecked_mark(study, "doi") if study.doi else "",
        f"PMID {study.pmid}" + _unchecked_mark(study, "pmid") if study.pmid else "",
        study.url if not (study.doi or study.pmid) and study.url else "",
        "" if study.link else "(no primary page checked)",
    ]
    parts.append(" ".join(i for i in ids if i))
    return " ".join(p for p in parts if p) + f"  [{study.id}]"


def short_reference_line(study: Study) -> str:
    """A reference for a printed sheet: first author, year, journal, volume:pages and identifiers, no title."""
    first = (study.authors[0] + " et al.") if len(study.authors) > 1 or study.et_al else "".join(study.authors[:1])
    source = " ".join(
        x for x in (study.journal or "", f"{study.volume}:{study.pages}" if study.volume and study.pages else "") if x
    )
    ids = [
        f"doi:{study.doi}" + _unchecked_mark(study, "doi") if study.doi else "",
        f"PMID {study.pmid}" + _unchecked_mark(study, "pmid") if study.pmid and not study.doi else "",
        study.url if not (study.doi or study.pmid) and study.url else "",
    ]
    head = " ".join(x for x in (first or study.title, f"({study.year})" if study.year else "") if x)
    return ". ".join(x for x in (head, source, " ".join(i for i in ids if i)) if x) + f"  [{study.id}]"


class CitationNumbers:
    """Numbers studies in order of first citation so claims can point to a reference list."""

    def __init__(self, studies: Mapping[str, Study]):
        self.studies = studies
        self.order: dict[str, int] = {}

    def marks(self, ids: Iterable[str]) -> str:
        """'[1, 3]' for the given study ids, numbering new ones as they appear."""
        numbers = [self.order.setdefault(i, len(self.order) + 1) for i in ids]
        return "[" + ", ".join(map(str, numbers)) + "]"

    def references(self, short: bool = False) -> list[tuple[int, str]]:
        """Each number cited so far with its reference line (the bare id for an unknown study)."""
        line = short_reference_line if short else reference_line
        found = ((number, self.studies.get(study_id), study_id) for study_id, number in self.order.items())
        return [(number, line(study) if study else study_id) for number, study, study_id in found]


def _identifier(s: Study, field: str) -> str | None:
    """An identifier as shown: marked when the record lists it as seen in one place only."""
    value = getattr(s, field)
    return f"{value} (unchecked: seen in one place only)" if value and field in s.unchecked_fields else value


def study_facts(s: Study) -> list[tuple[str, str]]:
    """The labelled fields of a study worth showing, in display order, leaving out empty ones."""
    facts: list[tuple[str, object]] = [
        ("Authors", ", ".join(s.authors) + (" et al." if s.et_al else "")),
        ("Year", s.year),
        ("Journal", s.journal),
        ("Volume", s.volume),
        ("Issue", s.issue),
        ("Pages", s.pages),
        ("DOI", _identifier(s, "doi")),
        ("PMID", _identifier(s, "pmid")),
        ("PMCID", _identifier(s, "pmcid")),
        ("URL", s.url),
        ("Link", s.link or "no primary page checked; the copies under Secondary copies are not the source"),
        ("Registry", s.registry),
        ("Design", f"{s.design_type.value}" + (f": {s.design}" if s.design else "")),
        ("Drugs", ", ".join(s.drugs)),
        ("Routes", ", ".join(s.routes)),
        ("N", f"{s.n}" + (f" ({s.n_note})" if s.n_note else "") if s.n is not None else s.n_note),
        ("Population", s.population),
        ("Intervention", s.intervention),
        ("Comparator", s.comparator),
        ("Primary outcome", s.primary_outcome),
        ("Key result", s.key_result),
        ("Notes", s.notes),
        ("Not checked", ", ".join(s.unchecked)),
        ("Last checked", s.checked),
        ("Secondary copies", ", ".join(s.sources) if not s.link else ""),
    ]
    return [(label, str(value)) for label, value in facts if value not in (None, "")]
