"""Every format through the installed command in an ASCII locale: degraded output, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.installed import KETTOOL

pytestmark = pytest.mark.slow


def run_ascii(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KETTOOL_", "LC_", "LANG"))}
    env.update(PYTHONIOENCODING="ascii", LANG="C", LC_ALL="C", KETTOOL_CACHE_DIR=str(tmp_path))
    return subprocess.run([*KETTOOL, *args], env=env, capture_output=True, timeout=60)


@pytest.mark.parametrize(
    "args",
    [
        ["cite", "--condition", "ptsd"],
        ["cite", "--condition", "ptsd", "--format", "ris"],
        ["cite", "--condition", "ptsd", "--format", "text"],
        ["study", "abdallah2022"],
        ["study", "abdallah2022", "--format", "markdown"],
        ["export", "--format", "yaml"],
    ],
    ids=" ".join,
)
def test_non_ascii_text_in_an_ascii_locale_is_escaped_not_a_traceback(tmp_path, args):
    result = run_ascii(*args, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert b"Traceback" not in result.stderr and b"UnicodeEncodeError" not in result.stderr
    result.stdout.decode("ascii")  # every byte is ASCII
    assert result.stdout.strip()


def test_csl_json_and_json_in_an_ascii_locale_stay_valid_json(tmp_path):
    csl = run_ascii("cite", "abdallah2022", "--format", "csl-json", tmp_path=tmp_path)
    assert csl.returncode == 0, csl.stderr.decode()
    authors = json.loads(csl.stdout.decode("ascii"))[0]["author"]
    assert {"family": "López-Roca", "given": "A. L."} in authors
    answer = run_ascii("study", "abdallah2022", "--json", tmp_path=tmp_path)
    assert "López-Roca AL" in json.loads(answer.stdout.decode("ascii"))["data"]["authors"]


def test_yaml_export_in_an_ascii_locale_loads_back_with_the_same_text(tmp_path):
    result = run_ascii("export", "--format", "yaml", tmp_path=tmp_path)
    document = yaml.safe_load(result.stdout.decode("ascii"))
    study = next(s for s in document["studies"] if s["id"] == "abdallah2022")
    assert "López-Roca AL" in study["authors"]
