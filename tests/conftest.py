"""Shared fixtures: a CLI runner with an isolated cache, paths to test knowledge bases, Hypothesis profiles."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import typer.testing
from hypothesis import settings
from typer.testing import CliRunner

from kettool.cli.app import app

TESTS = Path(__file__).parent
TINY_KB = TESTS / "data" / "tiny"
INVALID_KB = TESTS / "data" / "invalid"
OUTPUT_SCHEMA = TESTS.parent / "data" / "output.schema.json"

# Hypothesis profiles, chosen by HYPOTHESIS_PROFILE (`--hypothesis-profile NAME` also works): "dev", the
# default, runs a few examples per property so that the suite stays quick at a desk; "ci" runs the full
# count (.ci/run sets it). Tests set no max_examples of their own, so the profile decides.
settings.register_profile("ci", max_examples=300, deadline=None, print_blob=True)
settings.register_profile("dev", max_examples=30, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


# What a caller's environment could set that changes kettool's answers, colour or cache.
CALLER_SETTINGS = (
    "KETTOOL_KB",
    "KETTOOL_KB_EXTEND",
    "KETTOOL_NO_CACHE",
    "KETTOOL_NO_ANSWER_CACHE",
    "NO_COLOR",
    "FORCE_COLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "PAGER",
)


@pytest.fixture(scope="session")
def bundled_kb_cache(tmp_path_factory) -> Path:
    """A cache folder holding the bundled KB's entry (checked KB and search index), built once per session."""
    root = tmp_path_factory.mktemp("bundled-kb-cache")
    env: dict[str, str | None] = {name: None for name in CALLER_SETTINGS}
    env.update(KETTOOL_CACHE_DIR=str(root), KETTOOL_NO_ANSWER_CACHE="1")  # no stored answers to hand on
    result = CliRunner().invoke(app, ["search", "ketamine"], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return root


def link_entries(source: Path, target: Path) -> None:
    """Give `target` the cache entries of `source`, each file hard-linked (copied across file systems).

    kettool replaces cache files by renaming new ones over them and never writes into one, so the
    links cannot carry one test's changes to another; tests that damage cache files in place are
    marked `cold_cache` and get no links.
    """
    for entry in source.iterdir():
        if not entry.is_dir() or entry.name.startswith(".") or (target / entry.name).exists():
            continue
        (target / entry.name).mkdir()
        for file in entry.iterdir():
            if file.is_file():
                try:
                    os.link(file, target / entry.name / file.name)
                except OSError:
                    shutil.copy2(file, target / entry.name / file.name)


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path_factory, monkeypatch) -> Path:
    """Every test gets its own cache folder and a plain, fixed-width terminal."""
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("KETTOOL_CACHE_DIR", str(cache))
    monkeypatch.setenv("COLUMNS", "80")
    for name in CALLER_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    return cache


def _build_once(build):
    """typer.testing builds the Click command from the Typer app on every invoke (~8 ms, a good part of an
    in-process run); the app never changes during a run, so build each app's command once."""
    built: dict[int, tuple[object, object]] = {}

    def get_command(typer_app):
        if id(typer_app) not in built:
            built[id(typer_app)] = (typer_app, build(typer_app))  # holding the app keeps its id unique
        return built[id(typer_app)][1]

    return get_command


if hasattr(typer.testing, "_get_command"):
    typer.testing._get_command = _build_once(typer.testing._get_command)


class Kettool:
    """Runs `kettool ARGS` in-process and returns the result (stdout, stderr, exit_code).

    Before its first run it puts the bundled KB's cache entry into the test's cache folder, so that a
    test pays for parsing the bundled KB only where that is what it tests: the cache's own tests, marked
    `cold_cache`, start from an empty folder.
    """

    def __init__(self, cache: Path, warm_from: Path | None) -> None:
        self.runner = CliRunner()
        self.cache = cache
        self.warm_from = warm_from

    def __call__(self, *args: str, env: dict[str, str] | None = None):
        if self.warm_from is not None:
            link_entries(self.warm_from, self.cache)
            self.warm_from = None
        return self.runner.invoke(app, list(args), env=env, catch_exceptions=False)


@pytest.fixture
def kettool(request, isolated_cache) -> Kettool:
    """`kettool(...)` as a test would type it."""
    cold = request.node.get_closest_marker("cold_cache") is not None
    return Kettool(isolated_cache, None if cold else request.getfixturevalue("bundled_kb_cache"))


@pytest.fixture(scope="session")
def output_validator():
    """A JSON Schema validator for kettool's JSON output."""
    import jsonschema

    schema = json.loads(OUTPUT_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)
