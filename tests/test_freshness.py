"""Freshness: every answer names the KB and its review date, and an old KB gets a reminder once a day."""

from __future__ import annotations

import json

from tests.conftest import TINY_KB

OLD = "reviewed: '2020-01-01'"


def old_kb(tmp_path):
    text = (TINY_KB / "kb.yaml").read_text(encoding="utf-8")
    assert "reviewed: '2026-01-02'" in text
    path = tmp_path / "kb.yaml"
    path.write_text(text.replace("reviewed: '2026-01-02'", OLD), encoding="utf-8")
    return path


def test_text_and_markdown_answers_name_the_kb_and_its_review_date(kettool):
    assert "Knowledge base 9.9.0, reviewed 2026-01-02." in kettool("--kb", str(TINY_KB), "mechanism").stdout
    markdown = kettool("--kb", str(TINY_KB), "mechanism", "--format", "markdown").stdout
    assert "Knowledge base 9.9.0, reviewed 2026-01-02." in markdown


def test_version_names_the_review_date(kettool):
    assert "reviewed 2026-01-02" in kettool("--kb", str(TINY_KB), "--version").stdout


def test_an_old_kb_gets_a_reminder_once_a_day_and_the_answer_stays_the_same(kettool, tmp_path):
    path = old_kb(tmp_path)
    first = kettool("--kb", str(path), "mechanism", "--json")
    assert first.exit_code == 0
    assert "last reviewed on 2020-01-01, more than 12 months ago" in first.stderr
    second = kettool("--kb", str(path), "condition", "ptsd", "--json")
    assert second.stderr == ""  # said once today already
    assert json.loads(first.stdout)["kb_reviewed"] == "2020-01-01"


def test_a_recent_kb_gets_no_reminder(kettool):
    assert kettool("mechanism").stderr == ""
