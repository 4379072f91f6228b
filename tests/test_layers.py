"""The architecture: core below render below cli, renderers that only lay out, commands imported one at a time."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import kettool

PACKAGE = Path(kettool.__file__).parent
CORE_MODULES = sorted(f"kettool.core.{p.stem}" for p in (PACKAGE / "core").glob("*.py") if p.stem != "__init__")
RENDER_FILES = sorted((PACKAGE / "render").glob("*.py"))
# What a renderer may take from the core: the answer values it lays out and the records inside them.
RENDER_MAY_IMPORT = {
    "kettool",
    "kettool.core.answers",
    "kettool.core.answer_kind",
    "kettool.core.forest_answers",
    "kettool.core.interaction_answers",
    "kettool.core.plain_answers",
    "kettool.core.models",
    "kettool.core.meta",
    "kettool.core.plain_data",
    "kettool.core.errors",
    "kettool.core.record_base",
    "kettool.core.words",  # the base of the models' vocabularies
}


def imported_modules(code: str, env: dict[str, str] | None = None) -> set[str]:
    """Run Python code in a fresh interpreter and return the names of the modules it imported."""
    script = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)), file=sys.stderr)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False)
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


def kettool_imports(path: Path) -> set[str]:
    """The kettool modules a source file imports, at any depth (local imports included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kettool"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("kettool"))
    return found


@pytest.mark.slow
def test_every_core_module_imports_neither_typer_nor_rich():
    assert len(CORE_MODULES) > 15, CORE_MODULES
    modules = imported_modules(
        "\n".join(f"import {m}" for m in CORE_MODULES)
        + "\nfrom kettool.core.knowledge_base import KbSettings, load_knowledge_base"
        "\nload_knowledge_base(KbSettings())"
    )
    assert not {m for m in modules if m.split(".")[0] in ("typer", "rich", "click")}


def test_no_core_module_imports_render_or_cli():
    for path in (PACKAGE / "core").glob("*.py"):
        wrong = {m for m in kettool_imports(path) if m.startswith(("kettool.render", "kettool.cli"))}
        assert not wrong, f"{path.name} imports {wrong}"


def test_renderers_import_only_answer_values_and_models_from_the_core():
    assert len(RENDER_FILES) > 10
    for path in RENDER_FILES:
        core = {m for m in kettool_imports(path) if not m.startswith("kettool.render")}
        assert core <= RENDER_MAY_IMPORT, f"{path.name} imports {core - RENDER_MAY_IMPORT}"


@pytest.mark.slow
def test_json_answer_does_not_import_rich(tmp_path):
    env = {**os.environ, "KETTOOL_CACHE_DIR": str(tmp_path)}
    code = (
        "import sys\nsys.argv = ['kettool', 'condition', 'depression', '--json']\n"
        "from kettool.cli.app import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass"
    )
    first = imported_modules(code, env)  # computes and stores the answer
    assert "kettool.render.json_format" in first
    second = imported_modules(code, env)  # replays it
    assert "kettool.render.json_format" not in second
    for modules in (first, second):
        assert "rich" not in {m.split(".")[0] for m in modules}


@pytest.mark.slow
def test_cached_json_answer_does_not_import_yaml(tmp_path):
    env = {**os.environ, "KETTOOL_CACHE_DIR": str(tmp_path)}
    code = "import sys\nsys.argv = ['kettool', 'conditions', '--json']\nfrom kettool.cli.app import run\nrun()"
    assert "yaml" in imported_modules(code, env)  # the first run parses the KB
    assert "yaml" not in imported_modules(code, env)


@pytest.mark.slow
def test_a_command_run_imports_only_its_own_command_module(tmp_path):

    env = {**os.environ, "KETTOOL_CACHE_DIR": str(tmp_path)}
    code = (
        "import sys\nsys.argv = ['kettool', 'condition', 'depression', '--json']\n"
        "from kettool.cli.app import run\nrun()"
    )
    loaded = {m for m in imported_modules(code, env) if m.startswith("kettool.cli.commands.")}
    assert loaded == {"kettool.cli.commands.condition"}


def test_the_command_table_and_the_command_modules_agree():
    import importlib

    from kettool.cli.commands import COMMANDS

    files = {p.stem for p in (PACKAGE / "cli" / "commands").glob("*.py") if p.stem != "__init__"}
    assert files == set(COMMANDS), "every command module is in the table and every table entry has a module"
    for name in COMMANDS:
        function = getattr(importlib.import_module(f"kettool.cli.commands.{name}"), name)
        assert function.__doc__, f"{name} needs a docstring: it is the command's help"


def test_text_and_markdown_layout_tables_point_at_functions():
    from kettool.render import markdown_format, text_format

    for module in (text_format, markdown_format):
        for kind in module.LAYOUTS:
            assert callable(module.layout(kind)), (module.__name__, kind)
