"""Narrow terminals: every command's text answer keeps every value at 20, 40, 60 and 80 columns.

A table that does not fit stacks its rows as 'Header: value' lines instead of cropping cells with "…".
The check: every visible character of the answer drawn at 200 columns is still there when drawn
narrow (line breaks, padding and table rules aside), and no ellipsis appears that the wide one lacks.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from kettool.cli.commands import COMMANDS
from kettool.core.knowledge_base import KbSettings, load_knowledge_base

WIDTHS = (20, 40, 60, 80)
# The fast set draws every command at one narrow width; the slow set (CI) at all four.
FAST_WIDTH = 40
WIDTH_PARAMS = [w if w == FAST_WIDTH else pytest.param(w, marks=pytest.mark.slow) for w in WIDTHS]
WIDE = 200
ANSI = re.compile(r"\x1b\[[0-9;]*m")
BOX_DRAWING = re.compile(r"[\u2500-\u257f]")

KB = load_knowledge_base(KbSettings(cache_dir=None))
CONDITIONS = [c.id for c in KB.conditions]

# One command line per command with a text layout; `--color always` keeps text (not lines) when piped.
COMMAND_LINES = {
    "conditions": ["conditions"],
    "condition": ["condition", "depression"],
    "why": ["why", "suicidal-ideation"],
    "forest": ["forest", "depression"],
    "compare": ["compare", "ptsd", "ocd", "anxiety"],
    "mechanism": ["mechanism"],
    "safety": ["safety"],
    "overview": ["overview"],
    "search": ["search", "ketamine", "midazolam"],
    "studies": ["studies", "--condition", "ptsd"],
    "study": ["study", "feder2021"],
    "cite": ["cite", "--condition", "ocd", "--format", "text"],
    "validate": ["validate"],
    "audit": ["audit"],
    "interactions": ["interactions", "lorazepam", "Adderall", "lithium"],
}
NO_TEXT_LAYOUT = {"export", "schema", "sheet"}  # a whole-KB document, a JSON Schema file, an HTML file
# A plot's tick labels are scale marks, not values: a narrow axis has room for fewer of them, as any chart does.
TICK_LABELS = re.compile(r"^( *[┼─]+\n)[ \d.\-]+$", re.MULTILINE)


def visible_characters(output: str) -> Counter[str]:
    """The characters a reader sees, without colour codes, whitespace and table rules."""
    return Counter(BOX_DRAWING.sub("", "".join(TICK_LABELS.sub(r"\1", ANSI.sub("", output)).split())))


def assert_every_value_kept(kettool, args: list[str], width: int) -> None:
    wide = kettool("--color", "always", *args, env={"COLUMNS": str(WIDE)})
    narrow = kettool("--color", "always", *args, env={"COLUMNS": str(width)})
    assert wide.exit_code == narrow.exit_code == 0, narrow.stderr
    lost = visible_characters(wide.stdout) - visible_characters(narrow.stdout)
    assert not lost, f"`kettool {' '.join(args)}` at {width} columns lost {dict(lost)}"
    assert narrow.stdout.count("…") <= wide.stdout.count("…"), f"a cell was cropped at {width} columns"
    # The footer (review date and disclaimer) is kept on one line each by design, so it is left out.
    body = narrow.stdout.splitlines()[:-2]
    assert max(len(ANSI.sub("", line)) for line in body) <= width, f"a line is wider than {width} columns"


def test_every_command_with_a_text_layout_is_checked():
    assert set(COMMAND_LINES) | NO_TEXT_LAYOUT == set(COMMANDS)


@pytest.mark.parametrize("width", WIDTH_PARAMS)
@pytest.mark.parametrize("command", list(COMMAND_LINES))
def test_text_answer_keeps_every_value_at_narrow_width(kettool, command, width):
    assert_every_value_kept(kettool, COMMAND_LINES[command], width)


@pytest.mark.slow
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("condition", CONDITIONS)
@pytest.mark.parametrize("command", ["condition", "why"])
def test_every_condition_page_keeps_every_value_at_narrow_width(kettool, command, condition, width):
    assert_every_value_kept(kettool, [command, condition], width)


def test_a_table_too_wide_for_the_terminal_is_stacked(kettool):
    result = kettool("--color", "never", "why", "ptsd", env={"COLUMNS": "20"})
    words = " ".join(result.stdout.split())
    # The judgments table (Domain, Rating, Reason) is drawn as one 'Header: value' paragraph per cell.
    assert "Domain: risk of bias Rating: not serious Reason:" in words


def test_a_table_that_fits_keeps_its_columns(kettool):
    result = kettool("--color", "never", "why", "ptsd", env={"COLUMNS": "120"})
    assert "Domain: risk of bias" not in " ".join(result.stdout.split())
    assert re.search(r"Domain +Rating +Reason", result.stdout)
