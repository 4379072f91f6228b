"""`kettool sheet NAME -o FILE`: a printable evidence sheet, written only where it was asked and never over a file."""

from __future__ import annotations

from kettool.core.knowledge_base import KbSettings, load_knowledge_base
from tests.html_check import check_page

META = load_knowledge_base(KbSettings(cache_dir=None)).meta


def test_sheet_writes_a_self_contained_clinician_page(kettool, tmp_path):
    target = tmp_path / "depression.html"
    result = kettool("sheet", "depression", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" and f"wrote {target}" in result.stderr
    page = check_page(target.read_text(encoding="utf-8"), META)
    text = page.plain_text()
    assert "Major depressive disorder" in text and "evidence sheet" in text and "For clinicians" in text
    assert "Summary of findings" in text and "Forest plots" in text and "References" in text
    assert target.read_text(encoding="utf-8").count("<svg ") >= 3


def test_patient_sheet_is_the_plain_language_page_with_crisis_resources(kettool, tmp_path):
    target = tmp_path / "patient.html"
    assert kettool("sheet", "suicidal-ideation", "--audience", "patient", "-o", str(target)).exit_code == 0
    text = check_page(target.read_text(encoding="utf-8"), META).plain_text()
    assert "For patients and carers" in text and "Questions to ask your doctor or nurse" in text
    assert text.index("988") < text.index("What the research shows")


def test_sheet_refuses_to_overwrite_a_file_without_force(kettool, tmp_path):
    target = tmp_path / "mine.html"
    target.write_text("my notes", encoding="utf-8")
    result = kettool("sheet", "ptsd", "-o", str(target))
    assert result.exit_code == 2 and "already exists; add --force" in result.stderr
    assert target.read_text(encoding="utf-8") == "my notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.html"]


def test_sheet_replaces_a_file_with_force(kettool, tmp_path):
    target = tmp_path / "old.html"
    target.write_text("old", encoding="utf-8")
    assert kettool("sheet", "ptsd", "-o", str(target), "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.html"]  # no temporary file left


def test_sheet_into_a_missing_folder_says_so_and_writes_nothing(kettool, tmp_path):
    result = kettool("sheet", "ptsd", "-o", str(tmp_path / "nowhere" / "ptsd.html"))
    assert result.exit_code == 2 and "does not exist" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_sheet_of_an_unknown_condition_gets_did_you_mean_and_writes_nothing(kettool, tmp_path):
    result = kettool("sheet", "depresion", "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 1 and "depression" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_sheet_of_a_condition_without_plots_has_no_plot_section(kettool, tmp_path):
    target = tmp_path / "ed.html"
    assert kettool("sheet", "eating-disorders", "-o", str(target)).exit_code == 0
    markup = target.read_text(encoding="utf-8")
    assert "<svg" not in markup and "Summary of findings" in markup


def test_sheet_requires_an_output_file(kettool):
    result = kettool("sheet", "ptsd")
    assert result.exit_code == 2 and "--output" in result.stderr
