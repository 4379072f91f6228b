"""HTML pages: one self-contained, well-formed page per answer, whatever the knowledge base's text holds."""

from __future__ import annotations

import json

import pytest
import yaml

from kettool.core import questions
from kettool.core.answers import Kind
from kettool.core.kb_checks import check_layers
from kettool.core.kb_files import Layer
from kettool.core.knowledge_base import KbSettings, load_knowledge_base
from kettool.render.formats import OutputFormat, covers, render
from tests import test_terminal_safety
from tests.every_answer import every_answer
from tests.html_check import check_page

BUNDLED = load_knowledge_base(KbSettings(cache_dir=None))
HTML_KINDS = [k for k in Kind if covers(OutputFormat.HTML, k)]
# Text that would become markup, leave an attribute, end an SVG or smuggle a script if it were not escaped.
HTML_PAYLOAD = " <script>alert(1)</script> \"><img src=x onerror=alert(1)> '/> </svg></title> &amp; &lt;b&gt; ]]>"


def html_answers(kb) -> dict[str, object]:
    """Every answer that has an HTML layout, plus the patient pages and both sheets."""
    answers = {k.value: a for k, a in every_answer(kb).items() if covers(OutputFormat.HTML, k)}
    answers["plain-safety"] = questions.plain_safety(kb)
    answers["sheet-patient"] = questions.sheet(kb, kb.conditions[0].id, "patient")
    return answers


@pytest.mark.parametrize("name", list(html_answers(BUNDLED)))
def test_every_html_answer_is_a_checked_self_contained_page(name):
    answer = html_answers(BUNDLED)[name]
    markup = render(answer, OutputFormat.HTML)
    page = check_page(markup, BUNDLED.meta)
    assert "<style>" in markup and "@media print" in markup and "@page" in markup
    assert page.plain_text()


def test_html_covers_every_kind_that_markdown_covers():
    assert {k for k in Kind if covers(OutputFormat.MARKDOWN, k)} <= set(HTML_KINDS)


def test_condition_page_links_its_citations_to_their_sources(kettool):
    markup = kettool("condition", "ocd", "--format", "html").stdout
    assert '<a href="https://doi.org/10.1038/npp.2013.150">doi:10.1038/npp.2013.150</a>' in markup
    assert '<a href="https://pubmed.ncbi.nlm.nih.gov/22784486/">PMID 22784486</a>' in markup


def test_why_page_holds_the_summary_of_findings_table_with_header_cells(kettool):
    page = check_page(kettool("why", "depression", "--format", "html").stdout)
    assert "Summary of findings" in page.plain_text()
    assert any(t["th_in_head"] == 7 for t in page.tables)


def test_forest_page_draws_every_plot_inline_as_svg(kettool):
    markup = kettool("forest", "depression", "--format", "html").stdout
    check_page(markup)
    groups = json.loads(kettool("forest", "depression", "--json").stdout)["data"]["groups"]
    assert markup.count("<svg ") == sum(len(g["plots"]) for g in groups) > 0


def test_html_answer_is_not_written_with_terminal_escapes(kettool):
    result = kettool("--color", "always", "condition", "depression", "--format", "html")
    assert "\x1b[" not in result.stdout


@pytest.fixture(scope="module")
def hostile_html_kb(tmp_path_factory, request):
    """The terminal-safety hostile KB with HTML attacks appended to every free-text field too."""
    patch = pytest.MonkeyPatch()
    patch.setattr(test_terminal_safety, "PAYLOAD", test_terminal_safety.PAYLOAD + HTML_PAYLOAD)
    request.addfinalizer(patch.undo)
    data = test_terminal_safety.hostile_data()
    path = tmp_path_factory.mktemp("hostile-html") / "kb.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=False, sort_keys=False), encoding="utf-8")
    check_layers([Layer("hostile", (path,))])
    return load_knowledge_base(KbSettings(kb_path=path, cache_dir=None))


@pytest.mark.slow
def test_hostile_kb_text_stays_text_in_every_html_answer(hostile_html_kb):
    for name, answer in html_answers(hostile_html_kb).items():
        markup = render(answer, OutputFormat.HTML)
        page = check_page(markup, hostile_html_kb.meta)  # no script, no img, no on* attribute, SVG well-formed
        text = page.plain_text()
        assert "<script>alert(1)</script>" in text, name  # shown literally, as the KB wrote it
        assert "\\x1b" in text, name  # control characters made visible
