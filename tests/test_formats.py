"""The output-format registry: every format lays out every kind of answer or refuses it clearly, with exit 2."""

from __future__ import annotations

import importlib

import pytest

from kettool.core.answers import Kind
from kettool.core.knowledge_base import KbSettings, load_knowledge_base
from kettool.render.formats import FormatRefused, OutputFormat, RenderOptions, covers, module_name, render
from tests.conftest import TINY_KB
from tests.every_answer import every_answer

# Which formats must cover which kinds: the human-readable and JSON formats cover (nearly) everything.
# A printable sheet is a page by nature: only HTML lays it out.
MUST_COVER = {
    OutputFormat.JSON: set(Kind) - {Kind.SHEET},
    OutputFormat.TEXT: set(Kind) - {Kind.EXPORT, Kind.SHEET},
    OutputFormat.MARKDOWN: set(Kind) - {Kind.EXPORT, Kind.SHEET},
    OutputFormat.HTML: set(Kind) - {Kind.EXPORT},
    OutputFormat.SVG: {Kind.FOREST},
    OutputFormat.LINES: {Kind.CONDITIONS, Kind.STUDIES, Kind.SEARCH},
    OutputFormat.BIBTEX: {Kind.CITATIONS, Kind.STUDIES, Kind.STUDY},
    OutputFormat.RIS: {Kind.CITATIONS, Kind.STUDIES, Kind.STUDY},
    OutputFormat.CSL_JSON: {Kind.CITATIONS, Kind.STUDIES, Kind.STUDY},
    OutputFormat.YAML: {Kind.EXPORT},
}


@pytest.fixture(scope="module")
def answers(tmp_path_factory):
    return every_answer(load_knowledge_base(KbSettings(kb_path=TINY_KB, cache_dir=tmp_path_factory.mktemp("c"))))


def test_every_format_has_a_module_with_a_layout_table_and_every_format_module_a_format():
    from pathlib import Path

    import kettool.render

    modules = {p.stem for p in Path(kettool.render.__file__).parent.glob("*_format.py")}
    assert modules == {module_name(f).rsplit(".", 1)[1] for f in OutputFormat}
    for fmt in OutputFormat:
        module = importlib.import_module(module_name(fmt))
        assert isinstance(module.LAYOUTS, dict) and module.LAYOUTS, fmt
        assert set(module.LAYOUTS) <= set(Kind), fmt
        assert callable(module.render), fmt


@pytest.mark.parametrize("fmt", list(OutputFormat), ids=lambda f: f.value)
def test_format_covers_exactly_the_kinds_it_should(fmt):
    assert {kind for kind in Kind if covers(fmt, kind)} == MUST_COVER[fmt]


@pytest.mark.parametrize("fmt", list(OutputFormat), ids=lambda f: f.value)
@pytest.mark.parametrize("kind", list(Kind), ids=lambda k: k.value)
def test_every_format_lays_out_or_refuses_every_kind(answers, fmt, kind):
    if covers(fmt, kind):
        text = render(answers[kind], fmt, RenderOptions())
        assert text.strip(), f"{fmt.value} gave nothing for {kind.value}"
        assert text.endswith("\n")
    else:
        with pytest.raises(FormatRefused) as refused:
            render(answers[kind], fmt, RenderOptions())
        message = str(refused.value)
        alternative = "html" if kind is Kind.SHEET else "json"  # the alternatives that must be offered
        assert fmt.value in message and kind.value in message and alternative in message


@pytest.mark.parametrize(
    "args",
    [
        ["condition", "depression", "--format", "bibtex"],
        ["export", "--format", "markdown"],
        ["cite", "smith2020", "--format", "yaml"],
        ["mechanism", "--format", "lines"],
    ],
    ids=" ".join,
)
def test_a_refused_format_is_a_usage_error(kettool, args):
    result = kettool("--kb", str(TINY_KB), *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "output is not available for" in result.stderr and "use one of:" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["cite", "--condition", "depression", "--format", "text"],
        ["cite", "--condition", "depression", "--format", "markdown"],
        ["studies", "--condition", "depression", "--format", "ris"],
        ["study", "smith2020", "--format", "csl-json"],
        ["export", "--format", "yaml"],
    ],
    ids=" ".join,
)
def test_formats_beyond_a_commands_default_work_through_the_registry(kettool, args):
    result = kettool("--kb", str(TINY_KB), *args)
    assert result.exit_code == 0, result.stderr
    assert "smith2020" in result.stdout or "Smith" in result.stdout
