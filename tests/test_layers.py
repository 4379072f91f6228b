"""The architecture: the core imports neither typer nor rich; JSON answers never import rich."""

from __future__ import annotations

import json
import subprocess
import sys

CORE_MODULES = ["kettool.core.store", "kettool.core.loader", "kettool.core.query", "kettool.core.summary",
                "kettool.core.models", "kettool.core.cache", "kettool.core.answer"]


def imported_modules(code: str, env: dict[str, str] | None = None) -> set[str]:
    """Run Python code in a fresh interpreter and return the names of the modules it imported."""
    script = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)), file=sys.stderr)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False)
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


def test_core_imports_neither_typer_nor_rich():
    modules = imported_modules("\n".join(f"import {m}" for m in CORE_MODULES) +
                               "\nfrom kettool.core.store import KbSettings, load_knowledge_base"
                               "\nload_knowledge_base(KbSettings())")
    assert not {m for m in modules if m.split(".")[0] in ("typer", "rich", "click")}


def test_json_answer_does_not_import_rich(tmp_path):
    import os

    env = {**os.environ, "KETTOOL_CACHE_DIR": str(tmp_path)}
    code = ("import sys\nsys.argv = ['kettool', 'condition', 'depression', '--json']\n"
            "from kettool.cli.app import app\n"
            "try:\n    app()\nexcept SystemExit:\n    pass")
    for _ in range(2):  # the first run builds the cache, the second reads it
        modules = imported_modules(code, env)
        assert "rich" not in {m.split(".")[0] for m in modules}


def test_cached_json_answer_does_not_import_yaml(tmp_path):
    import os

    env = {**os.environ, "KETTOOL_CACHE_DIR": str(tmp_path)}
    code = ("import sys\nsys.argv = ['kettool', 'conditions', '--json']\n"
            "from kettool.cli.app import app\n"
            "try:\n    app()\nexcept SystemExit:\n    pass")
    imported_modules(code, env)
    assert "yaml" not in imported_modules(code, env)


def test_renderers_are_pure_and_return_values():
    from kettool.core.answer import Answer, Kind
    from kettool.core.store import KbSettings, load_knowledge_base
    from kettool.render import OutputFormat, render

    kb = load_knowledge_base(KbSettings())
    for fmt in OutputFormat:
        assert render(Answer.of(Kind.MECHANISM, kb.mechanism, kb), fmt) is not None
