"""Instruction counts of existing answers at another revision and now, measured in one run with callgrind.

    python benchmarks/against_revision.py REV

Checks REV out into a temporary git worktree and runs each answer three ways with the same
interpreter: the code and KB of REV; today's code on REV's KB (what the code change alone costs);
and today's code and KB. Counts from `valgrind --tool=callgrind` repeat on a noisy machine, so
the ratios are comparable across runs; wall-clock figures are left to startup.py.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
# (label, arguments, computed): stored answers replay before Typer loads; computed ones turn the answer cache off.
QUESTIONS = [
    ("stored: condition --json", ["condition", "depression", "--json"], False),
    ("stored: condition (text)", ["condition", "depression"], False),
    ("computed: condition --json", ["condition", "depression", "--json"], True),
    ("computed: condition (text)", ["condition", "depression"], True),
    ("computed: search --json", ["search", "blood pressure", "--json"], True),
    ("computed: safety (text)", ["safety"], True),
    ("computed: why depression (text)", ["why", "depression"], True),
    ("computed: conditions (text)", ["conditions"], True),
]


def instructions(tree: Path, kb: Path | None, args: list[str], computed: bool, cache: Path) -> int:
    """Instructions one warm run of `python -m kettool ARGS` executes, with the code of `tree`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KETTOOL_") and k != "PYTHONDONTWRITEBYTECODE"}
    # A fixed hash seed: with a random one, set and dict orders (and so the counts) move by millions.
    env.update(PYTHONPATH=str(tree), KETTOOL_CACHE_DIR=str(cache), COLUMNS="80", PYTHONHASHSEED="0")
    if kb is not None:
        env["KETTOOL_KB"] = str(kb)
    if computed:
        env["KETTOOL_NO_ANSWER_CACHE"] = "1"
    command = [sys.executable, "-m", "kettool", *args]
    for _ in range(2):  # warm the KB cache, the answer cache and the .pyc files
        subprocess.run(command, env=env, capture_output=True, check=True)
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"Collected : (\d+)", result.stderr)
    if found is None:
        raise SystemExit(f"callgrind printed no count for {args}: {result.stderr[-300:]}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision", help="the git revision to compare with, e.g. a commit or a tag")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old"
        worktree = ["git", "-C", str(HERE), "worktree"]
        subprocess.run([*worktree, "add", "-q", "--detach", str(old), args.revision], check=True)
        try:
            ways = {
                "before": (old, None),
                "same KB": (HERE, old / "data" / "kb"),
                "after": (HERE, None),
            }
            caches = {way: Path(tmp) / f"cache-{n}" for n, way in enumerate(ways)}
            print(f"{args.revision} against the working tree; M instructions (callgrind), ratios to 'before'")
            print(f"{'answer':34} {'before':>8} {'same KB':>8} {'ratio':>7} {'after':>8} {'ratio':>7}")
            for label, question, computed in QUESTIONS:
                before, same, after = (
                    instructions(tree, kb, question, computed, caches[way]) for way, (tree, kb) in ways.items()
                )
                print(
                    f"{label:34} {before / 1e6:8.1f} {same / 1e6:8.1f} {same / before:6.3f}x "
                    f"{after / 1e6:8.1f} {after / before:6.3f}x",
                    flush=True,
                )
        finally:
            subprocess.run([*worktree, "remove", "--force", str(old)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
