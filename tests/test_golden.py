"""Text output at 80 columns without colour, compared with golden files (tiny test KB)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import TINY_KB

GOLDEN = Path(__file__).parent / "golden"
CASES = {
    "conditions": ["conditions"],
    "condition_depression": ["condition", "depression"],
    "mechanism": ["mechanism"],
    "safety": ["safety"],
    "safety_side_effects": ["safety", "side-effects"],
    "overview": ["overview"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_text_output_matches_golden_file(kettool, name):
    result = kettool("--kb", str(TINY_KB), *CASES[name], env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("KETTOOL_UPDATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")


def test_markup_in_kb_text_prints_literally(kettool):
    out = kettool("--kb", str(TINY_KB), "condition", "depression").stdout
    assert "[Bracketed] text stays literal." in out
    assert "[placebo]" in kettool("--kb", str(TINY_KB), "overview").stdout


@pytest.mark.parametrize("kind", ["conditions", "studies"])
def test_list_layout_on_a_terminal_matches_golden_file(kind):
    from rich.console import Console

    from kettool.core import questions
    from kettool.core.answers import Answer, Kind, StudyList, StudyRow
    from kettool.core.knowledge_base import KbSettings, load_knowledge_base
    from kettool.render.formats import OutputFormat, RenderOptions, render

    kb = load_knowledge_base(KbSettings(kb_path=TINY_KB))
    # Studies in KB order, as the golden file was drawn.
    studies = Answer(Kind.STUDIES, StudyList(tuple(StudyRow(s, ()) for s in kb.studies.values())), kb.meta)
    answer = questions.conditions(kb) if kind == "conditions" else studies
    console = Console(width=80, color_system=None, force_terminal=False)
    drawn = render(answer, OutputFormat.TEXT, RenderOptions(color=False, console=console))
    footer = kb.meta.disclaimer + "\n"
    assert drawn.endswith(footer)
    text = drawn.removesuffix(footer)
    golden = GOLDEN / f"{kind}_table.txt"
    if os.environ.get("KETTOOL_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
