"""Shell completion in a real bash: commands, condition names, safety topics and study ids."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.installed import installed_script

# Completion goes through the console script itself (`_KETTOOL_COMPLETE=complete_bash kettool`), so
# these tests need it; `python -m kettool` is no stand-in here.
SCRIPT = installed_script()
KETTOOL = str(SCRIPT)
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        SCRIPT is None or shutil.which("bash") is None,
        reason="needs bash and the kettool console script of this environment",
    ),
]


def complete(line: str, tmp_path: Path, extra_env: dict[str, str] | None = None) -> list[str]:
    """What bash offers after typing `line` and pressing TAB, using kettool's own completion script."""
    env = {**os.environ, "KETTOOL_CACHE_DIR": str(tmp_path / "cache"), **(extra_env or {})}
    # The script `--show-completion` prints, asked for bash by name (detecting the shell depends on the
    # processes the tests run under).
    script = subprocess.run(
        [KETTOOL], capture_output=True, text=True, env={**env, "_KETTOOL_COMPLETE": "source_bash"}, check=True
    ).stdout
    words = line.split(" ")
    program = f"""
{script}
COMP_WORDS=({" ".join(repr(w) for w in words)})
COMP_CWORD={len(words) - 1}
_kettool_completion {KETTOOL}
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    result = subprocess.run(["bash", "-c", program], capture_output=True, text=True, env=env, check=True)
    return [w for w in result.stdout.splitlines() if w]


def test_condition_tab_lists_the_conditions(tmp_path):
    offered = complete("kettool condition ", tmp_path)
    assert {"depression", "ptsd", "anxiety", "ocd", "suicidal-ideation"} <= set(offered)


def test_condition_completion_narrows_to_the_prefix(tmp_path):
    assert complete("kettool condition p", tmp_path) == ["perinatal-depression", "ptsd"]


def test_safety_tab_lists_the_topics(tmp_path):
    assert "side-effects" in complete("kettool safety ", tmp_path)


def test_study_tab_completes_study_ids(tmp_path):
    assert "feder2021" in complete("kettool study feder", tmp_path)


def test_commands_are_completed(tmp_path):
    assert {"search", "studies"} <= set(complete("kettool s", tmp_path))


def test_completion_ignores_case_as_kettool_does(tmp_path):
    assert complete("kettool condition PT", tmp_path) == ["PTsd"]


def test_completion_follows_kb_given_on_the_command_line(tmp_path):
    from tests.conftest import TINY_KB

    assert complete(f"kettool --kb {TINY_KB} condition ", tmp_path) == ["depression", "ptsd"]


@pytest.mark.parametrize("value", ["0", "false"])
def test_completion_reads_a_false_kb_extend_as_the_command_does(tmp_path, value):
    from tests.conftest import TINY_KB

    extra = {"KETTOOL_KB": str(TINY_KB), "KETTOOL_KB_EXTEND": value}
    assert complete("kettool condition ", tmp_path, extra) == ["depression", "ptsd"]


def test_interactions_tab_completes_drug_names(tmp_path):
    assert "lorazepam" in complete("kettool interactions lora", tmp_path)
