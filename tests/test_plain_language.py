"""Plain language for patients and carers: every condition has it, it reads at grade 8 or below, and it is cited."""

from __future__ import annotations

import json

import pytest
import textstat

from kettool.core.knowledge_base import KbSettings, load_knowledge_base
from kettool.render import plain_words

KB = load_knowledge_base(KbSettings(cache_dir=None))
MAX_GRADE = 8.0
CRISIS_FIRST = {"depression", "suicidal-ideation"}


def plain_texts(plain) -> list[str]:
    """Every text of a plain-language block: statements, what is approved, and the questions."""
    return [s.text for s in plain.summary] + ([plain.approval.text] if plain.approval else []) + list(plain.questions)


SUBJECTS = {c.id: c.plain_language for c in KB.conditions} | {"safety": KB.safety.plain_language}


@pytest.mark.parametrize("subject", list(SUBJECTS))
def test_every_condition_and_safety_has_a_plain_language_version(subject):
    plain = SUBJECTS[subject]
    assert plain is not None, f"{subject} has no plain_language block"
    assert len(plain.summary) >= 1 and plain.questions
    assert all(s.cites for s in plain.summary), "every plain statement is cited"
    if subject != "safety":
        assert plain.approval is not None and plain.approval.cites, "what it is and is not approved for"


@pytest.mark.parametrize("subject", list(SUBJECTS))
def test_every_plain_text_reads_at_grade_8_or_below(subject):
    for text in plain_texts(SUBJECTS[subject]):
        grade = textstat.flesch_kincaid_grade(text)
        assert grade <= MAX_GRADE, f"{subject}: grade {grade} for {text!r}"


def test_kettools_own_plain_words_read_at_grade_8_or_below():
    texts = [*plain_words.CERTAINTY_WORDS.values(), plain_words.KEY_INTRO, plain_words.NOT_ADVICE]
    for text in texts:
        assert textstat.flesch_kincaid_grade(text) <= MAX_GRADE, text


def test_the_grade_check_can_fail():
    clinical = (
        "Esketamine demonstrated statistically significant improvement in Montgomery-Asberg Depression Rating "
        "Scale total score relative to intranasal placebo in combination with a newly initiated oral antidepressant."
    )
    assert textstat.flesch_kincaid_grade(clinical) > MAX_GRADE


@pytest.mark.parametrize("subject", list(SUBJECTS))
def test_every_plain_statement_cites_studies_in_the_kb_and_its_profile_exists(subject):
    plain = SUBJECTS[subject]
    condition = next((c for c in KB.conditions if c.id == subject), None)
    profiles = {p.id for p in condition.profiles} if condition else set()
    for statement in (*plain.summary, *([plain.approval] if plain.approval else [])):
        assert set(statement.cites) <= set(KB.studies), statement.cites
        assert statement.profile is None or statement.profile in profiles, statement.profile


@pytest.mark.parametrize("condition", sorted(CRISIS_FIRST))
def test_patient_page_on_depression_and_suicidality_shows_crisis_resources_first(kettool, condition):
    out = kettool("condition", condition, "--audience", "patient").stdout
    assert out.lstrip().startswith("If you are in crisis or thinking about suicide, get help now:")
    assert "988" in out and "116 123" in out and "112" in out and "befrienders.org" in out
    assert out.index("988") < out.index("What the research shows")


def test_patient_page_without_suicidality_has_no_crisis_box(kettool):
    out = kettool("condition", "ptsd", "--audience", "patient").stdout
    assert out.startswith("Post-traumatic stress disorder")
    assert "get help now" not in out


def test_patient_page_says_certainty_in_everyday_words_and_what_is_approved(kettool):
    out = " ".join(kettool("condition", "depression", "--audience", "patient").stdout.split())
    assert "For patients and carers" in out
    assert "We do not know if this is right." in out and "This may be right." in out
    assert "Is it approved?" in out and "Esketamine nasal spray is approved in the US and EU" in out
    assert "Questions to ask your doctor or nurse" in out
    assert "How sure are we?" in out and "High: We are confident about this." in out


def test_patient_page_cites_like_every_page(kettool):
    out = kettool("condition", "ocd", "--audience", "patient").stdout
    assert "[1]" in out and "References" in out and "rodriguez2013" in out


def test_patient_json_carries_points_with_certainty_and_crisis_resources(kettool, output_validator):
    document = json.loads(kettool("condition", "suicidal-ideation", "--audience", "patient", "--json").stdout)
    output_validator.validate(document)
    data = document["data"]
    assert document["kind"] == "plain" and data["audience"] == "patient"
    assert data["crisis_resources"] and data["points"] and data["questions"]
    graded = [p for p in data["points"] if p["certainty"]]
    assert graded and all(p["certainty_words"] for p in graded)


def test_safety_for_patients(kettool):
    result = kettool("safety", "--audience", "patient")
    assert result.exit_code == 0
    assert result.stdout.startswith("Safety of ketamine and esketamine")
    assert "Questions to ask your doctor or nurse" in result.stdout


def test_safety_topic_for_patients_is_a_usage_error(kettool):
    result = kettool("safety", "misuse", "--audience", "patient")
    assert result.exit_code == 2 and "leave out TOPIC" in result.stderr


def test_why_for_patients_is_a_usage_error(kettool):
    result = kettool("condition", "depression", "--why", "--audience", "patient")
    assert result.exit_code == 2 and "--audience patient" in result.stderr


def test_unknown_audience_is_a_usage_error(kettool):
    result = kettool("condition", "depression", "--audience", "journalist")
    assert result.exit_code == 2 and "clinician" in result.stderr
