"""The README: its examples run, its set-up commands are the CI's, and every command is documented."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from kettool.cli.app import app

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
CI_SCRIPT = (Path(__file__).parent.parent / ".ci" / "run").read_text(encoding="utf-8")

# Runs every example in the README: part of the full suite.
pytestmark = pytest.mark.slow


def examples() -> list[str]:
    """Lines of sh blocks that start with `kettool `."""
    blocks = re.findall(r"```sh\n(.*?)```", README, re.S)
    return [line for block in blocks for line in block.splitlines() if line.startswith("kettool ")]


@pytest.mark.parametrize("line", examples())
def test_readme_example_runs(kettool, line, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # an example that writes a file writes it here, never into the checkout
    command = re.split(r"[|>]", line)[0]  # what a pipe or a redirect receives is the command's stdout
    args = shlex.split(command)[1:]
    result = kettool(*args)
    assert result.exit_code == 0, f"{line}: {result.stderr}"
    if "-o" in args:
        assert (tmp_path / args[args.index("-o") + 1]).stat().st_size > 0
    else:
        assert result.stdout


def test_readme_has_exactly_two_setup_commands_and_ci_runs_the_test_one():
    setup = README.split("## Set up", 1)[1].split("## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", setup, re.S)
    assert len(commands) == 2
    assert "kettool condition depression" in commands[0]
    assert 'pip install ".[test]"' in commands[1] and "pytest" in commands[1]
    assert '-m pip install -q ".[test]"' in CI_SCRIPT and "-m pytest" in CI_SCRIPT


def test_every_command_is_documented_in_the_readme():
    import typer.main

    for name in typer.main.get_command(app).commands:
        assert f"`kettool {name}" in README, f"README does not document `kettool {name}`"


def test_readme_documents_exit_codes():
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 130 |"):
        assert code in README
