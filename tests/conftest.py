"""Shared fixtures: a CLI runner with an isolated cache, and paths to test knowledge bases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kettool.cli.app import app

TESTS = Path(__file__).parent
TINY_KB = TESTS / "data" / "tiny"
INVALID_KB = TESTS / "data" / "invalid"
OUTPUT_SCHEMA = TESTS.parent / "data" / "output.schema.json"


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path_factory, monkeypatch):
    """Every test gets its own cache folder and a plain, fixed-width terminal."""
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("KETTOOL_CACHE_DIR", str(cache))
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("KETTOOL_KB", raising=False)
    monkeypatch.delenv("KETTOOL_KB_EXTEND", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("PAGER", raising=False)
    return cache


class Kettool:
    """Runs `kettool ARGS` in-process and returns the result (stdout, stderr, exit_code)."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, env: dict[str, str] | None = None):
        return self.runner.invoke(app, list(args), env=env, catch_exceptions=False)


@pytest.fixture
def kettool() -> Kettool:
    """`kettool(...)` as a test would type it."""
    return Kettool()


@pytest.fixture(scope="session")
def output_validator():
    """A JSON Schema validator for kettool's JSON output."""
    import jsonschema

    schema = json.loads(OUTPUT_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)
