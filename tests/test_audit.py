"""`kettool audit`: one error of each kind seeded into a copy of the tiny KB is caught, with file, line and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kettool.core.audit import audit
from kettool.core.errors import KnowledgeBaseError
from kettool.core.kb_checks import check_layers
from kettool.core.kb_files import Layer
from tests.conftest import TINY_KB

TINY = (TINY_KB / "kb.yaml").read_text(encoding="utf-8")
FINDING = "Response 64% vs 28% at 24 h."


def seeded(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    """A copy of the tiny KB with one edit (which must apply exactly `count` times)."""
    assert TINY.count(old) == count, old
    path = tmp_path / "kb.yaml"
    path.write_text(TINY.replace(old, new), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    return [str(p) for p in audit(check_layers([Layer("t", (path,))])).problems]


def load_problems(path: Path) -> list[str]:
    with pytest.raises(KnowledgeBaseError) as error:
        check_layers([Layer("t", (path,))])
    return [str(p) for p in error.value.problems]


def test_the_tiny_kb_audits_clean():
    report = audit(check_layers([Layer("t", (TINY_KB / "kb.yaml",))]))
    assert report.clean and not report.problems
    assert report.checked["numbers in findings"] >= 3 and report.checked["percentages"] >= 2
    assert ("depression", "racemic-iv-response-24h", "low") in report.profiles


SEEDED = [
    (
        "a percentage in prose against its fraction",
        FINDING,
        "Response 16/25 (60%) vs 28% at 24 h.",
        "findings[0].text: 16/25 is 64.0%, not 60%",
    ),
    (
        "an arm's percentage against its events and n",
        "n: 25, events: 16, percent: 64",
        "n: 25, events: 16, percent: 66",
        "arms[0].percent: 16/25 is 64.0%, not 66%",
    ),
    (
        "an estimate outside its CI",
        "estimate: 2.29",
        "estimate: 5.0",
        "outcomes[0].estimate: estimate 5.0 lies outside",
    ),
    ("a ratio CI at or below zero", "ci: [1.15, 4.55]", "ci: [0, 4.55]", "outcomes[0].ci: a risk-ratio cannot"),
    (
        "arm sizes against the study's n",
        "    n: 50\n",
        "    n: 40\n",
        "outcomes[0].arms: the arms hold 50 participants",
    ),
    (
        "a participant count in prose",
        FINDING,
        "Response 64% vs 28% at 24 h (n=99).",
        "findings[0].text: 'n=99': no cited record",
    ),
    (
        "an author and year in prose",
        FINDING,
        "Response 64% vs 28% at 24 h (Smith 2019).",
        "findings[0].text: 'Smith 2019' names a record this text does not cite",
    ),
    (
        "a journal and year in prose",
        FINDING,
        "Response 64% vs 28% at 24 h (J Test 2019).",
        "findings[0].text: 'J Test 2019' matches no record",
    ),
    (
        "a number in a finding that no cited record holds",
        FINDING,
        "Response 74% vs 28% at 24 h.",
        "findings[0].text: the number 74 is not in the cited record(s)",
    ),
    (
        "a certainty word against the computed grade",
        "comment: More responders at 24 hours",
        "comment: Moderate certainty. More responders at 24 hours",
        "profiles[0].comment: the comment says",
    ),
    (
        "a direct study comparing with another comparator",
        "          - {study: smith2020, directness: direct}\n",
        "          - {study: smith2020, directness: direct, outcome: response-24h}\n",
        "studies[1].outcome: direct study 'smith2020' compares with placebo, not active-placebo",
    ),
]


@pytest.mark.parametrize(("what", "old", "new", "expected"), SEEDED, ids=[s[0] for s in SEEDED])
def test_the_audit_catches_a_seeded_error(tmp_path, what, old, new, expected):
    found = problems_of(seeded(tmp_path, old, new))
    assert any(expected in p for p in found), found
    assert all(p.startswith(f"{tmp_path / 'kb.yaml'}:") for p in found), "every problem names file and line"


def test_the_audit_catches_a_profile_study_the_text_never_cites(tmp_path):
    study = (
        "  - id: lee2022\n    title: Another trial\n    pmid: '333'\n    design_type: rct\n    n: 20\n"
        "    key_result: As reported.\n"
    )
    text = TINY.replace(
        "          - {study: smith2020, directness: direct}\n",
        "          - {study: smith2020, directness: direct}\n          - {study: lee2022, directness: direct}\n",
    )
    path = tmp_path / "kb.yaml"
    path.write_text(text + study, encoding="utf-8")
    assert any(
        "studies[2].study: study 'lee2022' is in this profile but the condition's text never cites it" in p
        for p in problems_of(path)
    )


LOADER_REFUSES = [
    (
        "an unknown domain rating",
        "imprecision: {rating: serious, reason: One trial of 50 people.",
        "imprecision: {rating: grave, reason: One trial of 50 people.",
        "'grave' is not one of",
    ),
    (
        "a stated final grade",
        "        comment: More responders",
        "        certainty: high\n        comment: More responders",
        "a profile cannot state its certainty",
    ),
    ("a reversed CI", "ci: [1.15, 4.55]", "ci: [4.55, 1.15]", "confidence interval [4.55, 1.15] is reversed"),
    ("more events than people", "n: 25, events: 16", "n: 25, events: 26", "26 events in an arm of 25"),
    (
        "an indirect study without a reason",
        "directness: indirect, reason: crossover trial in a mixed sample, ",
        "directness: indirect, ",
        "indirect study 'jones2021' needs a reason",
    ),
    (
        "an outcome the study does not have",
        "{study: smith2020, directness: direct, outcome: response-24h}",
        "{study: smith2020, directness: direct, outcome: remission-24h}",
        "study 'smith2020' has no outcome 'remission-24h'",
    ),
    (
        "a profile study that does not exist",
        "          - {study: smith2020, directness: direct}\n",
        "          - {study: nobody2020, directness: direct}\n",
        "cites unknown study 'nobody2020'",
    ),
    (
        "upgrades on randomized evidence",
        "        effect: {study: jones2021, outcome: score-week1}\n",
        "        effect: {study: jones2021, outcome: score-week1}\n"
        "        upgrades: [{factor: large-effect, reason: x}]\n",
        "upgrading applies to observational evidence only",
    ),
]


@pytest.mark.parametrize(("what", "old", "new", "expected"), LOADER_REFUSES, ids=[s[0] for s in LOADER_REFUSES])
def test_the_loader_refuses_bad_evidence_with_file_line_and_field(tmp_path, what, old, new, expected):
    found = load_problems(seeded(tmp_path, old, new))
    assert any(expected in p for p in found), found
    assert all(p.startswith(f"{tmp_path / 'kb.yaml'}:") and " at " in p for p in found if expected in p)


def test_audit_command_exits_1_with_problems_and_0_when_clean(kettool, tmp_path):
    clean = kettool("audit", str(TINY_KB), "--json")
    assert clean.exit_code == 0, clean.stderr
    assert json.loads(clean.stdout)["data"]["clean"] is True
    broken = kettool("audit", str(seeded(tmp_path, FINDING, "Response 74% vs 28% at 24 h.")))
    assert broken.exit_code == 1
    # The report wraps at the terminal's width, and the temporary folder's name is of any length.
    assert "the number 74 is not in the cited record(s)" in " ".join(broken.stdout.split())
