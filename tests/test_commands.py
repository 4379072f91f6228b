"""The core commands on the bundled knowledge base: stdout, stderr and exit codes."""

from __future__ import annotations

import json

import pytest

from kettool.cli.app import app

DATA_COMMANDS = [
    ["conditions"],
    ["condition", "depression"],
    ["condition", "ptsd"],
    ["mechanism"],
    ["safety"],
    ["safety", "side-effects"],
    ["overview"],
    ["search", "blood pressure"],
    ["studies"],
    ["studies", "--condition", "ptsd", "--design", "rct"],
    ["study", "feder2021"],
    ["compare", "depression", "ptsd", "anxiety"],
    ["why", "ptsd"],
    ["condition", "ptsd", "--why"],
    ["validate"],
]


@pytest.mark.parametrize("args", DATA_COMMANDS, ids=" ".join)
def test_text_answer_ends_with_the_disclaimer(kettool, args):
    result = kettool(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    disclaimer = "kettool is a reference, not medical advice. Ask a clinician about treatment."
    *_, before, last = result.stdout.splitlines()
    # The last line ends with the disclaimer; the footer names the KB and its review date.
    assert last.endswith(disclaimer)
    assert "Knowledge base 0.3.0, reviewed 2026-12-01." in before + last


@pytest.mark.slow  # every command: the full suite covers it
@pytest.mark.parametrize("args", DATA_COMMANDS, ids=" ".join)
def test_text_answer_has_no_ansi_codes_when_piped(kettool, args):
    # A colour terminal type, so that only kettool's check of stdout (captured here, as in a pipe)
    # stands between the answer and colour codes.
    colour_env = {"TERM": "xterm-256color", "COLORTERM": "truecolor"}
    result = kettool(*args, env=colour_env)
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout
    # The control: in this same environment, colour forced on does appear.
    assert "\x1b[" in kettool("--color", "always", *args, env=colour_env).stdout


@pytest.mark.parametrize("name", ["ptsd", "PTSD", "Post-traumatic stress disorder", "post traumatic stress disorder"])
def test_condition_names_match_ids_names_and_aliases(kettool, name):
    result = kettool("condition", name, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["data"]["id"] == "ptsd"


@pytest.mark.parametrize(
    ("alias", "condition_id"),
    [("gad", "anxiety"), ("social anxiety disorder", "anxiety"), ("TRD", "depression"), ("mdd", "depression")],
)
def test_common_aliases_lead_to_their_condition(kettool, alias, condition_id):
    assert json.loads(kettool("condition", alias, "--json").stdout)["data"]["id"] == condition_id


def test_unknown_condition_suggests_closest_matches_on_stderr(kettool):
    result = kettool("condition", "ptsdd")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no condition matches 'ptsdd'" in result.stderr
    assert "Did you mean" in result.stderr and "ptsd" in result.stderr
    assert "kettool conditions" in result.stderr


def test_unknown_condition_without_close_match_still_says_how_to_list(kettool):
    result = kettool("condition", "nosuch")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no condition matches 'nosuch'" in result.stderr
    assert "kettool conditions" in result.stderr


def test_unknown_safety_topic_exits_1_with_suggestions(kettool):
    result = kettool("safety", "side-efects")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "side-effects" in result.stderr


def test_safety_topic_matches_alias(kettool):
    result = kettool("safety", "REMS", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["data"]["id"] == "monitoring"


def test_condition_shows_findings_protocols_and_references(kettool):
    out = kettool("condition", "depression").stdout
    for heading in (
        "Summary",
        "Certainty of evidence",
        "Regulatory status",
        "Key findings",
        "Protocols as studied, not a prescription",
        "Onset",
        "Duration of effect",
        "Limitations",
        "References",
    ):
        assert heading in out
    assert "doi:" in out


def test_usage_error_exits_2(kettool):
    result = kettool("condition")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Missing argument" in result.stderr


def test_unknown_option_exits_2(kettool):
    assert kettool("conditions", "--nosuch").exit_code == 2


def test_unknown_format_exits_2(kettool):
    assert kettool("conditions", "--format", "xml").exit_code == 2


def test_version_prints_tool_and_kb_versions(kettool):
    from kettool import __version__

    result = kettool("--version")
    assert result.exit_code == 0
    assert __version__ in result.stdout
    assert "knowledge base" in result.stdout and "reviewed" in result.stdout


def test_no_arguments_shows_help_with_examples(kettool):
    result = kettool()
    assert "kettool condition depression" in result.stdout + result.stderr


def _commands():
    import typer.main

    return sorted(typer.main.get_command(app).commands)


@pytest.mark.parametrize("name", _commands())
def test_every_command_has_help_with_an_example(kettool, name):
    result = kettool(name, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout, f"`kettool {name} --help` shows no example"
