"""Citation export: BibTeX, RIS and CSL-JSON that other tools read back faithfully."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kettool.core.answers import Answer, CitationList, Kind
from kettool.core.knowledge_base import KbSettings, load_knowledge_base
from kettool.core.models import DesignType, Meta, Study
from kettool.render.citation_fields import Name, split_name
from kettool.render.formats import OutputFormat, render

CITATION_FORMATS = [OutputFormat.BIBTEX, OutputFormat.RIS, OutputFormat.CSL_JSON]
META = Meta(version="0.0.0", reviewed="2026-01-01", scope="test", disclaimer="A reference, not advice.")


def render_citations(studies, fmt: OutputFormat) -> str:
    """Studies as `kettool cite --format FMT` writes them."""
    return render(Answer(Kind.CITATIONS, CitationList(tuple(studies)), META), fmt)


def to_bibtex(studies) -> str:
    return render_citations(studies, OutputFormat.BIBTEX)


def to_ris(studies) -> str:
    return render_citations(studies, OutputFormat.RIS)


def to_csl_json(studies) -> str:
    return render_citations(studies, OutputFormat.CSL_JSON)


CSL_SCHEMA = Path(__file__).parent / "schemas" / "csl-data.json"
HAS_PANDOC = shutil.which("pandoc") is not None
# Removed on export, like control characters: they make text display differently from what it says.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

TRICKY_TITLE = r"Ketamine & NMDA: 50% of {braced} text_with_underscores costs $5 (#1) ~ ^ \ in Parkinson"


def study(key: str, title: str, **fields) -> Study:
    """A study record with only the fields a test cares about."""
    fields.setdefault("design_type", DesignType.RCT)
    return Study(id=key, title=title, key_result="As reported.", **fields)


MURROUGH = study(
    "murrough_2013",
    "Antidepressant efficacy of ketamine in treatment-resistant major depression: "
    "a two-site randomized controlled trial",
    authors=("Murrough JW", "Iosifescu DV", "Chang LC", "Al Jurdi RK", "Zarate CA Jr"),
    et_al=True,
    year=2013,
    journal="American Journal of Psychiatry",
    volume="170",
    issue="10",
    pages="1134-1142",
    doi="10.1176/appi.ajp.2013.13030392",
    pmid="23982301",
    pmcid="PMC3992936",
)
TRICKY = study(
    "tricky_2020",
    TRICKY_TITLE,
    authors=("Fëdgchin M", "Ionescu DF", "aan het Rot M", "López-Roca AL", "D'Souza D"),
    year=2020,
    journal="Journal of Affective Disorders & Research",
    volume="12",
    issue="3",
    pages="e858–e861",
    doi="10.1000/a_b%c",
    url="https://example.org/paper_1?a=1&b=%20#results",
)
NON_ASCII = study(
    "non_ascii_2019",
    "Response in ≥50% of patients – a Fëdgchin analysis of mTOR signalling",
    authors=("Fëdgchin M",),
    year=2019,
    journal="Psychopharmacology",
    pages="2299124",
)
LABEL = study(
    "spravato_us_pi",
    "SPRAVATO (esketamine) nasal spray, CIII - US prescribing information",
    design_type=DesignType.LABEL,
    url="https://example.org/label?set=d81a6a79&section=all",
)
ALL = (MURROUGH, TRICKY, NON_ASCII, LABEL)


def delatex(value: str) -> str:
    """Undo the LaTeX escapes kettool writes and drop the braces that protect capitals."""
    for command, char in ((r"\textbackslash{}", "\x00"), (r"\textasciitilde{}", "~"), (r"\textasciicircum{}", "^")):
        value = value.replace(command, char)
    value = re.sub(r"(?<!\\)[{}]", "", value)
    return re.sub(r"\\([&%$#_{}])", r"\1", value).replace("\x00", "\\")


def parse_bibtex(text: str) -> bibtexparser.Library:
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    return library


def bibtex_fields(text: str) -> dict[str, dict[str, str]]:
    return {e.key: {f.key: f.value for f in e.fields} for e in parse_bibtex(text).entries}


def parse_ris(text: str) -> list[list[tuple[str, str]]]:
    """Records as lists of (tag, value), checking the line format as it goes."""
    records: list[list[tuple[str, str]]] = []
    for block in text.rstrip("\n").split("\n\n"):
        lines = block.split("\n")
        pairs = []
        for line in lines:
            match = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
            assert match, f"not a RIS line: {line!r}"
            pairs.append((match[1], match[2]))
        assert pairs[0][0] == "TY" and pairs[-1] == ("ER", "")
        records.append(pairs)
    return records


# Names


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("Murrough JW", Name("Murrough", "J. W.")),
        ("Al Jurdi RK", Name("Al Jurdi", "R. K.")),
        ("Zarate CA Jr", Name("Zarate", "C. A.", "Jr")),
        ("aan het Rot M", Name("aan het Rot", "M.")),
        ("Fëdgchin M", Name("Fëdgchin", "M.")),
        ("Janssen Research & Development", Name("Janssen Research & Development")),
        ("Andrade", Name("Andrade")),
    ],
)
def test_byline_names_split_into_family_initials_and_suffix(author, expected):
    assert split_name(author) == expected


# BibTeX


def test_bibtex_parses_without_failed_blocks():
    library = parse_bibtex(to_bibtex(ALL))
    assert [e.key for e in library.entries] == [s.id for s in ALL]


def test_bibtex_round_trips_special_characters():
    fields = bibtex_fields(to_bibtex([TRICKY]))["tricky_2020"]
    assert delatex(fields["title"]) == TRICKY_TITLE
    assert delatex(fields["journal"]) == "Journal of Affective Disorders & Research"
    # URLs and DOIs are verbatim fields: escaping them would break the link.
    assert fields["url"] == TRICKY.url
    assert fields["doi"] == TRICKY.doi


def test_bibtex_keeps_non_ascii_as_utf8():
    text = to_bibtex([NON_ASCII, TRICKY])
    assert "Fëdgchin" in text and "≥" in text and "–" in text and "López-Roca" in text
    fields = bibtex_fields(text)
    assert delatex(fields["non_ascii_2019"]["title"]) == NON_ASCII.title
    assert "Ionescu, D. F." in fields["tricky_2020"]["author"]


def test_bibtex_protects_capitals_but_not_ordinary_words():
    fields = bibtex_fields(to_bibtex([TRICKY, NON_ASCII, LABEL]))
    assert "{NMDA:}" in fields["tricky_2020"]["title"]
    assert "{Parkinson}" in fields["tricky_2020"]["title"]
    assert "{mTOR}" in fields["non_ascii_2019"]["title"]
    assert fields["spravato_us_pi"]["title"].startswith("{SPRAVATO}")
    # The first word keeps its capital anyway, and lower-case words stay free to be re-cased.
    assert fields["tricky_2020"]["title"].startswith(r"Ketamine \& {NMDA:} 50\% of \{braced\}")


def test_bibtex_authors_are_surname_comma_initials_with_others_for_et_al():
    fields = bibtex_fields(to_bibtex([MURROUGH]))["murrough_2013"]
    assert fields["author"] == (
        "Murrough, J. W. and Iosifescu, D. V. and Chang, L. C. and Al Jurdi, R. K. and Zarate, Jr, C. A. and others"
    )


def test_bibtex_journal_record_is_an_article_with_all_fields():
    entry = parse_bibtex(to_bibtex([MURROUGH])).entries[0]
    fields = {f.key: f.value for f in entry.fields}
    assert entry.entry_type == "article"
    assert fields["journal"] == "American Journal of Psychiatry"
    assert (fields["year"], fields["volume"], fields["number"]) == ("2013", "170", "10")
    assert fields["pages"] == "1134--1142"
    assert fields["doi"] == "10.1176/appi.ajp.2013.13030392"
    assert (fields["eprint"], fields["eprinttype"]) == ("23982301", "pubmed")


def test_bibtex_page_ranges_use_double_dash_and_single_pages_stay():
    fields = bibtex_fields(to_bibtex([TRICKY, NON_ASCII]))
    assert fields["tricky_2020"]["pages"] == "e858--e861"
    assert fields["non_ascii_2019"]["pages"] == "2299124"


def test_bibtex_label_record_is_misc_with_title_and_url_only():
    entry = parse_bibtex(to_bibtex([LABEL])).entries[0]
    assert entry.entry_type == "misc"
    assert {f.key for f in entry.fields} == {"title", "url"}
    assert entry.fields_dict["url"].value == LABEL.url


@given(st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=BIDI_CONTROLS), min_size=1))
def test_bibtex_round_trips_any_title(title):
    fields = bibtex_fields(to_bibtex([study("any", title, journal="J")]))["any"]
    assert delatex(fields.get("title", "")) == " ".join(title.split())


# RIS


def test_ris_records_start_with_ty_and_end_with_er():
    records = parse_ris(to_ris(ALL))
    assert [dict(r)["ID"] for r in records] == [s.id for s in ALL]
    assert [dict(r)["TY"] for r in records] == ["JOUR", "JOUR", "JOUR", "GEN"]
    assert all(r.count(("ER", "")) == 1 for r in records)


def test_ris_lists_authors_pages_and_identifiers():
    record = parse_ris(to_ris([MURROUGH]))[0]
    authors = [value for tag, value in record if tag == "AU"]
    assert authors == ["Murrough, J. W.", "Iosifescu, D. V.", "Chang, L. C.", "Al Jurdi, R. K.", "Zarate, C. A., Jr"]
    fields = dict(record)
    assert (fields["TI"], fields["T2"], fields["PY"]) == (MURROUGH.title, MURROUGH.journal, "2013")
    assert (fields["VL"], fields["IS"], fields["SP"], fields["EP"]) == ("170", "10", "1134", "1142")
    assert (fields["DO"], fields["AN"], fields["C2"]) == (MURROUGH.doi, "23982301", "PMC3992936")


def test_ris_notes_an_incomplete_author_list():
    fields = dict(parse_ris(to_ris([MURROUGH]))[0])
    assert fields["N1"] == "Author list incomplete (et al.)"
    assert "N1" not in dict(parse_ris(to_ris([TRICKY]))[0])


def test_ris_keeps_special_characters_verbatim():
    fields = dict(parse_ris(to_ris([TRICKY]))[0])
    assert fields["TI"] == TRICKY_TITLE
    assert (fields["SP"], fields["EP"], fields["UR"]) == ("e858", "e861", TRICKY.url)


def test_ris_label_record_is_generic_with_url():
    assert parse_ris(to_ris([LABEL]))[0] == [
        ("TY", "GEN"),
        ("ID", LABEL.id),
        ("TI", LABEL.title),
        ("UR", LABEL.url),
        ("ER", ""),
    ]


def test_ris_values_never_span_lines_nor_carry_control_characters():
    title = "A title\nsplit\r\nover lines\x1b[31m \u202eevil"
    record = parse_ris(to_ris([study("lines", title, journal="J")]))[0]
    assert dict(record)["TI"] == "A title split over lines [31m evil"


# CSL-JSON


@pytest.fixture(scope="module")
def csl_validator():
    schema = json.loads(CSL_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def test_csl_json_validates_against_the_csl_schema(csl_validator):
    csl_validator.validate(json.loads(to_csl_json(ALL)))


def test_csl_json_of_no_studies_is_an_empty_array(csl_validator):
    assert json.loads(to_csl_json([])) == []
    csl_validator.validate([])


def test_csl_json_splits_multiword_surnames_and_suffixes():
    item = json.loads(to_csl_json([MURROUGH]))[0]
    assert item["author"][3] == {"family": "Al Jurdi", "given": "R. K."}
    assert item["author"][4] == {"family": "Zarate", "given": "C. A.", "suffix": "Jr"}


def test_csl_json_marks_an_incomplete_author_list_as_pandoc_does():
    murrough, tricky = json.loads(to_csl_json([MURROUGH, TRICKY]))
    assert murrough["author"][-1] == {"literal": "others"}
    assert {"literal": "others"} not in tricky["author"]


def test_csl_json_journal_record_carries_all_fields():
    item = json.loads(to_csl_json([MURROUGH]))[0]
    assert item["type"] == "article-journal"
    assert item["container-title"] == "American Journal of Psychiatry"
    assert item["issued"] == {"date-parts": [[2013]]}
    assert (item["volume"], item["issue"], item["page"]) == ("170", "10", "1134-1142")
    assert (item["DOI"], item["PMID"], item["PMCID"]) == (MURROUGH.doi, "23982301", "PMC3992936")


def test_csl_json_keeps_text_and_non_ascii_as_written():
    text = to_csl_json([TRICKY, NON_ASCII])
    assert "Fëdgchin" in text and "≥" in text  # UTF-8, not \u escapes
    tricky, non_ascii = json.loads(text)
    assert tricky["title"] == TRICKY_TITLE
    assert tricky["page"] == "e858-e861"
    assert tricky["author"][2] == {"family": "aan het Rot", "given": "M."}
    assert non_ascii["title"] == NON_ASCII.title


def test_csl_json_label_record_is_a_document_with_url():
    assert json.loads(to_csl_json([LABEL])) == [
        {"id": "spravato_us_pi", "type": "document", "title": LABEL.title, "URL": LABEL.url}
    ]


# All formats


def test_bundled_knowledge_base_exports_cleanly(csl_validator):
    studies = list(load_knowledge_base(KbSettings()).studies.values())
    assert len(parse_bibtex(to_bibtex(studies)).entries) == len(studies)
    assert len(parse_ris(to_ris(studies))) == len(studies)
    csl_validator.validate(json.loads(to_csl_json(studies)))


@pytest.mark.parametrize("fmt", CITATION_FORMATS)
def test_every_citation_format_renders_every_study(fmt):
    text = render_citations(ALL, fmt)
    assert all(s.id in text for s in ALL)


@pytest.mark.slow
def test_citation_renderer_imports_neither_typer_nor_rich():
    code = (
        "import sys, kettool.render.bibtex_format, kettool.render.ris_format, kettool.render.csl_json_format; "
        "print(sorted({'typer', 'rich'} & set(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# pandoc's citeproc reads what we write


def render_with_pandoc(bibliography: Path) -> str:
    document = bibliography.parent / "cite.md"
    document.write_text("---\nnocite: '@*'\n---\n", encoding="utf-8")
    result = subprocess.run(
        ["pandoc", str(document), "--citeproc", "--bibliography", str(bibliography), "-t", "plain", "--wrap=none"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    assert result.stderr == ""  # pandoc warns on stderr about entries it could not read
    return result.stdout


def assert_rendered(text: str) -> None:
    for surname in ("Murrough", "Al Jurdi", "Zarate", "Fëdgchin", "López-Roca", "D’Souza"):
        assert surname in text
    # Chicago style title-cases titles, so compare case-insensitively.
    for phrase in (
        "Antidepressant efficacy of ketamine",
        "NMDA: 50% of {braced} text_with_underscores costs $5 (#1)",
        "≥50% of patients – a Fëdgchin analysis of mTOR",
        "SPRAVATO (esketamine) nasal spray",
    ):
        assert phrase.lower() in text.lower()


@pytest.mark.slow
@pytest.mark.skipif(not HAS_PANDOC, reason="pandoc is not installed")
def test_pandoc_renders_the_bibtex_export(tmp_path):
    bibliography = tmp_path / "refs.bib"
    bibliography.write_text(to_bibtex(ALL), encoding="utf-8")
    text = render_with_pandoc(bibliography)
    assert_rendered(text)
    assert "~ ^ \\ in Parkinson" in text
    assert "et al." in text  # 'and others' on the truncated author list


@pytest.mark.slow
@pytest.mark.skipif(not HAS_PANDOC, reason="pandoc is not installed")
def test_pandoc_renders_the_csl_json_export(tmp_path):
    bibliography = tmp_path / "refs.json"
    bibliography.write_text(to_csl_json(ALL), encoding="utf-8")
    assert_rendered(render_with_pandoc(bibliography))


UNCHECKED_PMID = study(
    "single_source_2017",
    "A trial whose PMID was seen on one copy of its PubMed record",
    authors=("Grunebaum MF",),
    year=2017,
    journal="Bipolar Disorders",
    doi="10.1000/checked.doi",
    pmid="11111111",
    pmcid="PMC1111111",
    unchecked=("pmid (seen on one copy of the PubMed record only)", "pmcid"),
)


@pytest.mark.parametrize("fmt", CITATION_FORMATS, ids=lambda f: f.value)
def test_citation_files_leave_out_identifiers_listed_as_unchecked(fmt):
    text = render_citations([UNCHECKED_PMID], fmt)
    assert "10.1000/checked.doi" in text
    assert "11111111" not in text and "PMC1111111" not in text


def test_a_record_never_links_through_an_unchecked_identifier():
    only_unchecked_pmid = study(
        "pmid_only", "T", pmid="22222222", url="https://pmc.ncbi.nlm.nih.gov/articles/PMC2", unchecked=("pmid",)
    )
    assert UNCHECKED_PMID.link == "https://doi.org/10.1000/checked.doi"
    assert only_unchecked_pmid.link == "https://pmc.ncbi.nlm.nih.gov/articles/PMC2"
