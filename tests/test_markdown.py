"""Markdown output: every answer becomes a document that renders as written, whatever the KB text holds."""

from __future__ import annotations

import html
import re
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from kettool.core import questions
from kettool.core.answers import Answer, Kind
from kettool.core.knowledge_base import KbSettings, load_knowledge_base
from kettool.core.models import Claim, Protocol, RegulatoryStatus, SafetyTable
from kettool.render.formats import FormatRefused, OutputFormat, render
from kettool.render.markdown_blocks import escape
from kettool.render.terminal_safe import visible
from tests.conftest import TINY_KB
from tests.every_answer import every_answer


def to_markdown(answer: Answer) -> str:
    """An answer as `--format markdown` writes it."""
    return render(answer, OutputFormat.MARKDOWN)


MD = MarkdownIt("commonmark").enable("table")
# KB text that would become a table border, emphasis, a link, code, a heading or raw HTML if not escaped.
HOSTILE = "a | b *star* _under_ <script>alert(1)</script> [x](http://e.org) `code` ## \\ &amp; ~~del~~\n- next"
# Tokens that only knowledge-base text could produce, so none may appear.
FORBIDDEN = {"html_inline", "html_block", "link_open", "image", "code_block", "fence", "s_open"}


def flat_tokens(text: str) -> list:
    """Every block and inline token of a Markdown document, in order."""
    out = []
    for token in MD.parse(text):
        out.append(token)
        out.extend(token.children or [])
    return out


def literal(text: str) -> str:
    """How KB text should appear in HTML: on one line, control characters visible, HTML-escaped."""
    flat = re.sub(r"[ \t\r\n\f\v]+", " ", visible(text)).strip()
    return html.escape(flat, quote=False).replace('"', "&quot;")


def tables(text: str) -> list[list[int]]:
    """For each rendered table, the number of cells in each of its rows."""
    found = []
    for table in re.findall(r"<table>.*?</table>", MD.render(text), re.S):
        found.append([len(re.findall(r"<t[hd][ >]", row)) for row in re.findall(r"<tr>.*?</tr>", table, re.S)])
    return found


def assert_well_formed(text: str, disclaimer: str) -> None:
    """No HTML, links or code from the KB; every table row complete; the disclaimer in italics at the end."""
    tokens = flat_tokens(text)
    assert not FORBIDDEN & {t.type for t in tokens}
    assert {t.content for t in tokens if t.type == "code_inline"} <= {
        "kettool condition NAME",
        "kettool study ID",
        "kettool safety TOPIC",
        "kettool why NAME",
        "--limit",
    }
    for rows in tables(text):
        assert len(set(rows)) == 1, rows
    paragraphs = re.findall(r"<p>(.*?)</p>", MD.render(text), re.S)
    assert paragraphs[-1] == f"<em>{literal(disclaimer)}</em>"
    assert MD.render(text).endswith(f"<p><em>{literal(disclaimer)}</em></p>\n")
    # Emphasis is only ever the disclaimer's: KB text never turns italic.
    assert [t.type for t in tokens].count("em_open") == 1


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    return load_knowledge_base(KbSettings(kb_path=TINY_KB, cache_dir=tmp_path_factory.mktemp("cache")))


def answers(kb) -> dict[Kind, Answer]:
    """One answer of every kind from the tiny KB."""
    answers = every_answer(kb)
    depression = answers[Kind.CONDITION].data.condition
    assert depression.id == "depression"
    answers[Kind.STUDY] = questions.study(kb, "smith2020")
    return answers


@pytest.mark.parametrize("kind", list(Kind))
def test_every_kind_renders_or_is_refused(kb, kind):
    if kind in (Kind.EXPORT, Kind.SHEET):
        with pytest.raises(FormatRefused, match=kind.value):
            to_markdown(answers(kb)[kind])
        return
    text = to_markdown(answers(kb)[kind])
    assert text.startswith("# ") and text.endswith("\n")
    assert_well_formed(text, kb.meta.disclaimer)


def test_condition_sections_follow_the_text_layout(kb):
    rendered = MD.render(to_markdown(answers(kb)[Kind.CONDITION]))
    assert "<h1>Major depressive disorder</h1>" in rendered
    assert re.findall(r"<h2>(.*?)</h2>", rendered) == [
        "Summary",
        "Certainty of evidence, question by question",
        "Regulatory status",
        "Key findings",
        "Protocols as studied, not a prescription",
        "Onset",
        "Duration of effect",
        "Limitations",
        "Open questions",
        "References",
    ]
    assert "<li>●●○○ low Racemic IV ketamine vs placebo, response at 24 h (50 participants in 1 RCT)</li>" in rendered


@pytest.mark.parametrize(
    ("kind", "columns"),
    [
        (Kind.CONDITIONS, [3]),
        (Kind.CONDITION, [3, 4]),
        (Kind.SAFETY, [3]),
        (Kind.SAFETY_TOPIC, [3]),
        (Kind.OVERVIEW, [3, 3]),
        (Kind.MECHANISM, [3]),
        (Kind.STUDIES, [6]),
        (Kind.COMPARE, [3]),
        (Kind.WHY, [7, 3, 4]),
    ],
)
def test_tabular_data_becomes_pipe_tables(kb, kind, columns):
    found = tables(to_markdown(answers(kb)[kind]))
    assert [rows[0] for rows in found] == columns
    assert all(len(rows) >= 2 for rows in found)  # a header and at least one row


def test_findings_are_numbered_with_reference_marks_and_drug_line(kb):
    rendered = MD.render(to_markdown(answers(kb)[Kind.CONDITION]))
    assert (
        "<li>Response 64% vs 28% at 24 h. [2]<br />\nDrug: racemic ketamine 0.5 mg/kg IV<br />\n"
        "Effect: response (symptom score halved), 24 hours: RR 2.29 (95% CI 1.15 to 4.55), p 0.01, "
        "Smith et al. 2020</li>"
    ) in rendered
    assert "<li>Effect fades within a week. [2, 3]</li>" in rendered
    assert re.search(
        r"<h2>References</h2>\n<ol>\n<li>Example prescribing information\. "
        r"https://example\.org/label \[label\]</li>",
        rendered,
    )


def test_source_line_follows_a_claim(kb):
    rendered = MD.render(to_markdown(answers(kb)[Kind.SAFETY_TOPIC]))
    assert "(9%). [1]<br />\nSource: US label 2019</li>" in rendered


def test_brackets_and_ampersands_in_the_kb_render_literally(kb):
    condition = MD.render(to_markdown(answers(kb)[Kind.CONDITION]))
    assert "<li>[Bracketed] text stays literal. [3]</li>" in condition
    assert "ketamine &amp; placebo" in condition
    assert "<p>Ketamine is an anaesthetic [placebo] that blocks NMDA receptors.</p>" in MD.render(
        to_markdown(answers(kb)[Kind.OVERVIEW])
    )


def test_search_hits_show_location_and_matched_words_in_bold(kb):
    rendered = MD.render(to_markdown(answers(kb)[Kind.SEARCH]))
    assert "<h1>2 passage(s) match 'ketamine placebo'</h1>" in rendered
    assert re.search(
        r"<li><strong>study smith2020 › title</strong> \(score \d+\.\d\d\)<br />\n"
        r"A randomized trial of <strong>ketamine</strong> &amp; <strong>placebo</strong></li>",
        rendered,
    )
    assert "anaesthetic [<strong>placebo</strong>] that" in rendered


def test_hostile_kb_text_cannot_break_tables_or_inject_markup(kb):
    cited = ("smith2020",)
    condition = kb.conditions[0]._replace(
        name=HOSTILE,
        summary=HOSTILE,
        regulatory_summary=HOSTILE,
        regulatory_status=(RegulatoryStatus(HOSTILE, HOSTILE, HOSTILE, cited),),
        findings=(Claim(HOSTILE, cited, drug=HOSTILE, source_version=HOSTILE),),
        protocols=(Protocol(HOSTILE, HOSTILE, HOSTILE, HOSTILE, cited, notes=HOSTILE),),
        limitations=("1. " + HOSTILE, "- " + HOSTILE, "# " + HOSTILE),
    )
    topic = kb.safety.topics[0]._replace(
        name=HOSTILE,
        summary=HOSTILE,
        tables=(SafetyTable(HOSTILE, (HOSTILE, "b|c"), ((HOSTILE, "x|y"),), cited, note=HOSTILE),),
    )
    hostile = kb._replace(conditions=(condition, kb.conditions[1]))
    for answer in (
        questions.condition(hostile, condition.id),
        questions.conditions(hostile),
        questions.about(Kind.SAFETY_TOPIC, topic, kb),
        questions.compare(hostile, [c.id for c in hostile.conditions]),
    ):
        text = to_markdown(answer)
        assert_well_formed(text, kb.meta.disclaimer)
        assert "<script" not in MD.render(text)
        assert literal(HOSTILE) in MD.render(text)
    condition_tables = tables(to_markdown(questions.condition(hostile, condition.id)))
    assert condition_tables == [[3, 3], [4, 4]]
    assert tables(to_markdown(questions.about(Kind.SAFETY_TOPIC, topic, kb))) == [[2, 2]]


def test_disclaimer_is_the_last_paragraph(kettool):
    result = kettool("--kb", str(TINY_KB), "condition", "depression", "--format", "markdown")
    assert result.exit_code == 0
    assert result.stdout.endswith("\n\n_kettool is a reference, not medical advice._\n")
    assert (
        re.findall(r"<p>.*?</p>", MD.render(result.stdout), re.S)[-1]
        == "<p><em>kettool is a reference, not medical advice.</em></p>"
    )


def test_export_has_no_markdown_form(kb):
    with pytest.raises(FormatRefused):
        to_markdown(questions.export(kb))


@pytest.mark.parametrize(
    "args",
    [
        ["conditions"],
        ["condition", "depression"],
        ["mechanism"],
        ["safety"],
        ["safety", "side-effects"],
        ["overview"],
        ["search", "blood pressure"],
        ["studies"],
        ["study", "feder2021"],
        ["compare", "depression", "ptsd"],
        ["why", "ptsd"],
        ["validate"],
    ],
    ids=" ".join,
)
def test_every_command_writes_markdown_from_the_bundled_kb(kettool, args):
    result = kettool(*args, "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# ")
    disclaimer = re.fullmatch(r"_(.*)_", result.stdout.rstrip("\n").rsplit("\n", 1)[-1])
    assert disclaimer, result.stdout[-200:]
    tokens = flat_tokens(result.stdout)
    assert not FORBIDDEN & {t.type for t in tokens}
    assert [t.type for t in tokens].count("em_open") == 1
    for rows in tables(result.stdout):
        assert len(set(rows)) == 1


@pytest.mark.slow
def test_markdown_renderer_imports_neither_rich_nor_typer():
    code = (
        "import sys\nfrom kettool.core.knowledge_base import KbSettings, load_knowledge_base\n"
        "from kettool.core import questions\nfrom kettool.core.study_filter import StudyFilter\n"
        "from kettool.render.formats import OutputFormat, render\n"
        "kb = load_knowledge_base(KbSettings())\n"
        "render(questions.condition(kb, kb.conditions[0].id), OutputFormat.MARKDOWN)\n"
        "render(questions.studies(kb, StudyFilter()), OutputFormat.MARKDOWN)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "'rich'" not in out and "'typer'" not in out


PIECES = st.sampled_from(
    [
        *"\\`*_{}[]<>#+-!|&;=~$()1.): \n\tabé",
        "&amp;",
        "&#35;",
        "1. ",
        "- ",
        "***",
        "```",
        "<b>",
        "http://x.y",
        "\x1b",
        "\u202e",
        "  ",
    ]
)


@given(st.lists(PIECES, max_size=20).map("".join))
def test_escaped_text_renders_as_written_in_every_context(text):
    escaped, want = escape(text), literal(text)
    assert MD.render(escaped) == (f"<p>{want}</p>\n" if want else "")
    assert MD.render(f"- x {escaped}\n") == f"<ul>\n<li>x {want}</li>\n</ul>\n".replace("x </li>", "x</li>")
    assert MD.render(f"## T {escaped}\n") == f"<h2>T {want}</h2>\n".replace("T </h2>", "T</h2>")
    assert f"<td>{want}</td>\n<td>z</td>" in MD.render(f"| a | b |\n|---|---|\n| {escaped} | z |\n")
    if want:
        assert MD.render(f"- **{escaped}**: x\n") == f"<ul>\n<li><strong>{want}</strong>: x</li>\n</ul>\n"
        assert MD.render(f"_{escaped}_\n") == f"<p><em>{want}</em></p>\n"
