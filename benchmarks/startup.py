"""Measure kettool's whole-process start-up cost against baselines measured in the same run."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

COPIES = 100
MANY_CONDITIONS = 5000
VALGRIND = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
# One baseline app with two commands: `hello` is the minimal Typer app, `table` also prints a small Rich table.
TYPER_APP = """import typer
app = typer.Typer()
@app.command()
def hello(name: str) -> None:
    print(f"hello {name}")
@app.command()
def table() -> None:
    from rich.console import Console
    from rich.table import Table
    grid = Table("id", "name")
    grid.add_row("1", "one")
    grid.add_row("2", "two")
    Console().print(grid)
app()
"""
Check = Callable[["Run"], "str | None"]
# The text answers issue 14 holds to 1.5x the Typer + Rich table app, computed on every run.
TEXT_QUESTIONS = [["safety"], ["mechanism"], ["why", "depression"], ["compare", "depression", "ptsd"]]


@dataclass
class Run:
    """The outcome of one child process: exit code, output, wall seconds and wait4's peak RSS in KiB."""

    code: int
    out: str
    err: str
    wall: float
    rss_kib: int


@dataclass
class Row:
    """One measured command: its instruction count, wall median and peak RSS, or why it was not measured."""

    name: str
    problem: str | None = None
    instr: int | None = None
    wall_ms: float | None = None
    rss_mib: float | None = None


def run(cmd: list[str], env: dict[str, str]) -> Run:
    """Run a command with its output in temp files (never a terminal) and collect its own rusage."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            proc.returncode,
            out.read().decode(errors="replace"),
            err.read().decode(errors="replace"),
            wall,
            usage.ru_maxrss,
        )


class Bench:
    """Runs every row with one environment: a checked warm-up, one callgrind run, N timed runs, one RSS run."""

    def __init__(self, env: dict[str, str], runs: int, callgrind: bool, tmp: Path):
        self.env, self.runs, self.callgrind, self.tmp = env, runs, callgrind, tmp
        self.time_bin = shutil.which("time", path="/usr/bin:/bin")

    def measure(
        self,
        name: str,
        cmd: list[str],
        check: Check | None = None,
        prepare: Callable[[], None] | None = None,
        extra_env: dict[str, str] | None = None,
        heavy: bool = False,
    ) -> Row:
        """Warm up and check the command, then count its instructions, time it and take its peak RSS.

        A heavy row (seconds per run) gets no callgrind run, whose 50-fold slowdown would take minutes,
        and at most 3 timed runs.
        """
        env = {**self.env, **(extra_env or {})}
        warm = run(cmd, env)
        if warm.code == 2 and "No such command" in warm.err:
            return Row(name, "n/a (command missing)")
        row = Row(name, failure(warm, check))
        if row.problem:
            return row

        def once(prefix: list[str]) -> Run:
            if prepare:
                prepare()
            result = run([*prefix, *cmd], env)
            row.problem = row.problem or failure(result, check)
            return result

        if self.callgrind and not heavy:  # counts are repeatable, so one run is enough
            found = re.search(r"Collected\s*:\s*(\d+)", once(VALGRIND).err)
            row.instr = int(found.group(1)) if found else None
        timed = [once([]) for _ in range(min(self.runs, 3) if heavy else self.runs)]
        row.wall_ms = statistics.median(r.wall * 1000 for r in timed)
        if self.time_bin:  # GNU time forks from a small process, so the figure is the child's own peak
            report = self.tmp / "rss.txt"
            once([self.time_bin, "-f", "%M", "-o", str(report)])
            row.rss_mib = int(report.read_text().split()[-1]) / 1024
        else:  # wait4's figure also counts this process's memory at fork time: an upper bound
            row.rss_mib = max(r.rss_kib for r in timed) / 1024
        return row


def failure(result: Run, check: Check | None) -> str | None:
    """Why a run does not count: a non-zero exit or a failed output check."""
    if result.code != 0:
        first = next((line for line in result.err.splitlines() if line.strip() and not line.startswith("==")), "")
        return f"error (exit {result.code}): {first.strip()[:60]}"
    return check(result) if check else None


def json_check(result: Run) -> str | None:
    """A --json answer must be one valid JSON document."""
    try:
        json.loads(result.out)
    except ValueError:
        return "output is not valid JSON"
    return None


def text_check(result: Run) -> str | None:
    """Text sent to a non-terminal must be non-empty and free of terminal escape codes."""
    return None if result.out.strip() and "\x1b[" not in result.out else "text output empty or has escape codes"


def markup_check(result: Run) -> str | None:
    """An HTML page or SVG picture must be a whole document."""
    out = result.out.rstrip()
    whole = out.startswith(("<!DOCTYPE html>", "<?xml")) and out.endswith(("</html>", "</svg>"))
    return None if whole else "output is not a whole HTML or SVG document"


# The answers issue 15 added, computed on every run: they must not slow the answers above.
PICTURE_QUESTIONS: list[tuple[list[str], Check]] = [
    (["forest", "depression"], text_check),
    (["forest", "depression", "--format", "svg"], markup_check),
    (["condition", "depression", "--format", "html"], markup_check),
    (["condition", "depression", "--audience", "patient"], text_check),
]


# Ten different questions a reader might ask in one sitting, each computed on a warm KB cache.
SESSION: list[tuple[list[str], Check]] = [
    (["conditions"], text_check),
    (["condition", "ptsd"], text_check),
    (["why", "perinatal-depression", "--json"], json_check),
    (["safety", "interactions"], text_check),
    (["search", "bladder", "cystitis", "--json"], json_check),
    (["studies", "--condition", "ocd"], text_check),
    (["study", "feder2021"], text_check),
    (["compare", "anxiety", "ptsd", "--json"], json_check),
    (["interactions", "lorazepam"], text_check),
    (["mechanism", "--json"], json_check),
]


def session_row(rows: dict[str, Row]) -> Row:
    """The ten session rows summed: instructions and wall medians added, the largest peak RSS."""
    parts = [row for name, row in rows.items() if name.startswith("session ")]
    problem = next((f"{row.name}: {row.problem}" for row in parts if row.problem), None)
    if problem or not parts:
        return Row("session of 10 questions", problem or "no session rows")
    instr = sum(row.instr or 0 for row in parts) or None
    wall = sum(row.wall_ms or 0 for row in parts)
    return Row("session of 10 questions", None, instr, wall, max(row.rss_mib or 0 for row in parts))


class KbChange:
    """Edits the version in a KB copy's meta.yaml before each run and checks the answer shows it."""

    def __init__(self, folder: Path):
        self.meta, self.count, self.expect = folder / "meta.yaml", 0, ""

    def prepare(self) -> None:
        """Write a new KB version, so the cache key changes and the next run must rebuild."""
        self.count += 1
        self.expect = f"9.{self.count}.0"
        text = self.meta.read_text(encoding="utf-8")
        self.meta.write_text(re.sub(r"(?m)^(\s*version:\s*).*$", rf"\g<1>'{self.expect}'", text), encoding="utf-8")

    def check(self, result: Run) -> str | None:
        """The JSON answer must carry the version written last (any version before the first edit)."""
        got = None if json_check(result) else json.loads(result.out).get("kb_version")
        return None if got == self.expect or not self.expect else f"stale answer: kb_version {got}"


def build_synthetic_kb(source: Path, target: Path, copies: int = COPIES) -> tuple[int, int]:
    """Write `copies` copies of the KB with unique ids, names, DOIs and PMIDs; return (files, bytes)."""
    import yaml  # kettool's own dependency, used only to rewrite the copies

    dumper, loader = getattr(yaml, "CSafeDumper", yaml.SafeDumper), getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    files = sorted(p for p in source.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    parsed = {p: yaml.load(p.read_text(encoding="utf-8"), Loader=loader) or {} for p in files}
    study_ids = {s["id"] for data in parsed.values() for s in data.get("studies", ())}
    templates: dict[Path, str] = {}
    pmids = 0
    for path, data in parsed.items():  # copy 0 is the bundled KB unchanged; copies 1.. hold only the lists
        shutil.copy2(path, _with_parent(target / "c000" / path.relative_to(source)))
        lists = {k: data[k] for k in ("conditions", "studies") if k in data}
        for condition in lists.get("conditions", ()):
            condition["id"] += "-c@N@"
            condition["name"] += " (copy @N@)"
            condition["aliases"] = [f"{alias} copy @N@" for alias in condition["aliases"]]
            _rename_cites(condition, study_ids)
        for study in lists.get("studies", ()):
            study["id"] += "-c@N@"
            if "doi" in study:
                study["doi"] += ".c@N@"
            if "pmid" in study:  # numbered per study here, made unique per copy below
                study["pmid"], pmids = f"@P{pmids}@", pmids + 1
        if lists:
            templates[path] = yaml.dump(lists, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
    for n in range(1, copies):
        for path, text in templates.items():
            base = 900_000_000 + n * pmids
            text = re.sub(r"@P(\d+)@", lambda m, base=base: str(base + int(m[1])), text.replace("@N@", str(n)))
            _with_parent(target / f"c{n:03d}" / path.relative_to(source)).write_text(text, encoding="utf-8")
    written = [p for p in target.rglob("*") if p.is_file()]
    return len(written), sum(p.stat().st_size for p in written)


def build_many_conditions(source: Path, target: Path, count: int = MANY_CONDITIONS) -> tuple[int, int]:
    """The bundled KB with its conditions replaced by `count` generated ones; return (files, bytes).

    Each generated condition is the bundled eating-disorders entry cut to one profile, two findings and
    one limitation and open question (about 4.5 KB of YAML), with its own id, name, aliases and a
    summary of 25 words drawn from a small vocabulary, written 500 to a file.
    """
    import copy
    import random

    import yaml

    dumper, loader = getattr(yaml, "CSafeDumper", yaml.SafeDumper), getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in source.rglob("*.yaml"):
        if "conditions" not in path.relative_to(source).parts:
            shutil.copy2(path, _with_parent(target / path.relative_to(source)))
    template = yaml.load((source / "conditions" / "eating-disorders.yaml").read_text(encoding="utf-8"), Loader=loader)
    cut = template["conditions"][0]
    for key, keep in (("profiles", 1), ("findings", 2), ("limitations", 1), ("open_questions", 1)):
        cut[key] = cut[key][:keep]
    cut["protocols"] = []
    # Plain-language statements may only name a profile the cut condition still has.
    kept = {p["id"] for p in cut["profiles"]}
    for statement in cut.get("plain_language", {}).get("summary", []):
        if statement.get("profile") not in kept:
            statement.pop("profile", None)
    words = "bladder dissociation sedation glutamate synapse remission relapse infusion spray dose week anxiety sleep"
    rng = random.Random(0)
    conditions = []
    for n in range(count):
        condition = copy.deepcopy(cut)
        condition.update(id=f"generated-{n:05d}", name=f"Generated condition {n}", aliases=[f"gc{n}", f"generated {n}"])
        condition["summary"] = f"Generated condition {n}: " + " ".join(rng.choices(words.split(), k=25)) + "."
        conditions.append(condition)
    for start in range(0, count, 500):
        text = yaml.dump({"conditions": conditions[start : start + 500]}, Dumper=dumper, sort_keys=False, width=100)
        (target / f"generated-{start // 500:03d}.yaml").write_text(text, encoding="utf-8")
    written = [p for p in target.rglob("*") if p.is_file()]
    return len(written), sum(p.stat().st_size for p in written)


# Run in a child process on a KB whose checked form is already cached: how long the search index of the
# loaded KB takes to build and write, without the process start and the KB load around it.
INDEX_BUILD_PROBE = """import sys, time
from pathlib import Path
from kettool.core.knowledge_base import KbSettings, load_knowledge_base
from kettool.core import search_build
settings = KbSettings(kb_path=Path(sys.argv[1]), cache_dir=Path(sys.argv[2]))
start = time.perf_counter()
kb = load_knowledge_base(settings)
loaded = time.perf_counter()
target = Path(sys.argv[3])
target.mkdir()
assert search_build.build_into(target, kb, "bench")
built = time.perf_counter()
print(f"{loaded - start:.3f} {built - loaded:.3f} {(target / 'search.sqlite').stat().st_size}")
"""


def index_build(kettool_python: str, kb: Path, cache: Path, tmp: Path, runs: int, env: dict[str, str]) -> str:
    """The median time to build the search index of an already loaded KB, over `runs` child processes."""
    loads, builds, size = [], [], 0
    for n in range(runs):
        result = run([kettool_python, "-c", INDEX_BUILD_PROBE, str(kb), str(cache), str(tmp / f"index-{n}")], env)
        if result.code != 0:
            return f"index build failed: {result.err.strip().splitlines()[-1:]}"
        load, build, size_text = result.out.split()
        loads.append(float(load))
        builds.append(float(build))
        size = int(size_text)
    return (
        f"{statistics.median(builds):.2f} s to build and write ({size / 1024 / 1024:.0f} MiB), after "
        f"{statistics.median(loads):.2f} s to load the cached KB (medians of {runs})"
    )


def _rename_cites(value: object, study_ids: set[str]) -> None:
    """Point every `cites` list inside a copied condition at the same copy's studies."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "cites" and isinstance(item, list):
                value[key] = [f"{i}-c@N@" if i in study_ids else i for i in item]
            else:
                _rename_cites(item, study_ids)
    elif isinstance(value, list):
        for item in value:
            _rename_cites(item, study_ids)


def _with_parent(path: Path) -> Path:
    """The path, after creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def versions() -> str:
    """The interpreter and library versions the figures depend on."""
    found = {}
    for name in ("kettool", "Typer", "Rich", "PyYAML"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "missing"
    csafe = "no"
    if found["PyYAML"] != "missing":
        import yaml

        csafe = "yes" if hasattr(yaml, "CSafeLoader") else "no"
    return (
        f"Python {sys.version.split()[0]} ({sys.executable}); "
        + "; ".join(f"{k} {v}" for k, v in found.items())
        + f"; yaml.CSafeLoader available: {csafe}"
    )


def targets(rows: dict[str, Row], kind: str) -> list[list[str]]:
    """Each target as [description, measured, measured/limit, PASS/FAIL/n/a]; ratios compare `kind` figures."""

    def against(name: str, base: str, limit: float) -> list[str]:
        a, b = rows[name], rows[base]
        x, y = (a.instr, b.instr) if kind == "instr" else (a.wall_ms, b.wall_ms)
        label = f"{name}  <= {limit}x {base} ({kind})"
        if a.problem or b.problem or x is None or not y:
            return [label, "-", "-", "n/a"]
        return [label, f"{x / y:.2f}x", f"{x / y / limit:.2f}", "PASS" if x / y <= limit else "FAIL"]

    def absolute(name: str, value: float | None, limit: float, unit: str) -> list[str]:
        label = f"{name}  <= {limit:g} {unit}"
        if rows[name].problem or value is None:
            return [label, "-", "-", "n/a"]
        return [label, f"{value:.1f} {unit}", f"{value / limit:.2f}", "PASS" if value <= limit else "FAIL"]

    cj, ct, sb, sx = "condition --json", "condition (text)", "search --json", "search --json (100x KB)"
    typer, rich, bare = "typer minimal", "typer + rich table", "python -c pass"
    n = f"({MANY_CONDITIONS:,} conditions)"

    def session() -> list[str]:
        a, b = rows["session of 10 questions"], rows[typer]
        x, y = (a.instr, b.instr) if kind == "instr" else (a.wall_ms, b.wall_ms)
        label = f"session of 10 questions  <= 1.3x ten {typer} runs ({kind})"
        if a.problem or b.problem or not x or not y:
            return [label, "-", "-", "n/a"]
        return [label, f"{x / y / 10:.2f}x", f"{x / y / 10 / 1.3:.2f}", "PASS" if x / y / 10 <= 1.3 else "FAIL"]

    first_change = rows["first run after KB change"].instr
    return [
        # issue 14
        against(f"computed: {cj}", typer, 1.2),
        against(f"computed: {sb}", typer, 1.2),
        against(f"computed: {ct}", rich, 1.3),
        *(against(f"computed: {' '.join(q)} (text)", rich, 1.5) for q in TEXT_QUESTIONS),
        against(cj, bare, 2.0),
        against(ct, bare, 2.0),
        absolute("first run after KB change", first_change / 1e6 if first_change else None, 600, "M instr"),
        session(),
        *(
            absolute(name, rows[name].wall_ms / 1000 if rows[name].wall_ms else None, limit, "s wall")
            for name, limit in ((f"first load {n}", 3), (f"first search {n}", 3), (f"validate {n}", 5))
        ),
        absolute(
            f"export --format yaml {n}",
            rows[f"export --format yaml {n}"].wall_ms / 1000 if rows[f"export --format yaml {n}"].wall_ms else None,
            5,
            "s wall",
        ),
        *(
            absolute(name, rows[name].rss_mib, 150, "MiB RSS")
            for name in (f"first load {n}", f"first search {n}", f"validate {n}", f"export --format yaml {n}")
        ),
        *(
            absolute(name, row.rss_mib, 40, "MiB RSS")
            for name, row in rows.items()
            if name.startswith(("condition", "search", "first run", "computed", "session of"))
        ),
        # issue 13
        against(f"computed: {sb}", typer, 1.1),
        against(sx, sb, 1.2),
        against(f"computed: {sx}", f"computed: {sb}", 1.2),
        absolute(f"first search {n}", rows[f"first search {n}"].rss_mib, 200, "MiB RSS"),
    ]


def print_table(header: list[str], lines: list[list[str]]) -> None:
    """Print a plain-text table: first and last columns left-aligned, figures right-aligned."""
    widths = [max(len(x) for x in col) for col in zip(header, *lines, strict=False)]
    for line in [header, ["-" * w for w in widths], *lines]:
        pairs = enumerate(zip(line, widths, strict=False))
        cells = [c.ljust(w) if i in (0, len(line) - 1) else c.rjust(w) for i, (c, w) in pairs]
        print("  ".join(cells).rstrip())


def print_results(rows: dict[str, Row], runs: int, kind: str) -> None:
    """Print the measurements, the targets, and the count of targets met."""
    base = rows["python -c pass"]
    lines = []
    for row in rows.values():
        figures = ["-"] * 5
        if row.wall_ms is not None:
            figures = [
                f"{row.instr / 1e6:.1f}" if row.instr else "-",
                f"{row.instr / base.instr:.2f}x" if row.instr and base.instr else "-",
                f"{row.wall_ms:.1f}",
                f"{row.wall_ms / base.wall_ms:.2f}x" if base.wall_ms else "-",
                f"{row.rss_mib:.1f}",
            ]
        lines.append([row.name, *figures, row.problem or ""])
    print()
    print_table(["row", "M instr", "x pass", f"wall ms (median of {runs})", "x pass", "peak RSS MiB", "note"], lines)
    print()
    checks = targets(rows, kind)
    print_table(["target", "measured", "of limit", "result"], checks)
    met, missing = sum(c[3] == "PASS" for c in checks), sum(c[3] == "n/a" for c in checks)
    print(f"\ntargets met: {met}/{len(checks)}" + (f" ({missing} could not be measured)" if missing else ""))


def main() -> int:
    """Build the fixtures, measure every row, and print the tables; exit 0 even when a target fails."""
    sys.stdout.reconfigure(line_buffering=True)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15, help="timed runs per row (default 15)")
    parser.add_argument("--no-callgrind", action="store_true", help="skip the instruction counts")
    args = parser.parse_args()
    use_callgrind = not args.no_callgrind and shutil.which("valgrind") is not None
    script = Path(sys.executable).parent / "kettool"
    kettool = [str(script)] if script.is_file() else [sys.executable, "-m", "kettool"]
    from kettool.core.kb_files import bundled_data_dir

    bundled = bundled_data_dir() / "kb"
    print(versions())
    how = "console script" if script.is_file() else "no console script next to sys.executable"
    print(f"kettool run as: {' '.join(kettool)} ({how})")
    if not use_callgrind:
        why = "--no-callgrind" if args.no_callgrind else "valgrind not found"
        print(f"callgrind: skipped ({why}); ratio targets use wall-clock medians instead")
    with tempfile.TemporaryDirectory(prefix="kettool-bench-") as tmp_name:
        tmp = Path(tmp_name)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("KETTOOL_", "FORCE_COLOR", "PYTHON"))}
        env.update(KETTOOL_CACHE_DIR=str(tmp / "cache"), PYTHONHASHSEED="0", COLUMNS="100")
        (tmp / "typer_app.py").write_text(TYPER_APP, encoding="utf-8")
        start = time.perf_counter()
        n_files, n_bytes = build_synthetic_kb(bundled, tmp / "kb100")
        built = time.perf_counter() - start
        first = run([*kettool, "--kb", str(tmp / "kb100"), "conditions", "--json"], env)
        verdict = "loads" if first.code == 0 else f"does NOT load: {failure(first, None)}"
        print(
            f"synthetic KB: {COPIES} copies, {n_files} files, {n_bytes / 1024 / 1024:.1f} MiB, written in "
            f"{built:.1f} s; `kettool --kb DIR conditions --json` {verdict} (first load {first.wall:.1f} s)"
        )
        n_files, n_bytes = build_many_conditions(bundled, tmp / "kb-many")
        print(f"generated KB: {MANY_CONDITIONS:,} conditions, {n_files} files, {n_bytes / 1024 / 1024:.1f} MiB")
        shutil.copytree(bundled, tmp / "kb-changed")
        change = KbChange(tmp / "kb-changed")
        bench, py, app = Bench(env, args.runs, use_callgrind, tmp), sys.executable, str(tmp / "typer_app.py")
        search100 = [*kettool, "--kb", str(tmp / "kb100"), "search", "blood pressure", "--json"]
        # Rows marked "computed" switch the answer cache off, so they measure the parsed-KB cache, the
        # models, the renderers and the search index doing the work on every run.
        computed = {"KETTOOL_NO_ANSWER_CACHE": "1"}
        many, many_cache = tmp / "kb-many", {"KETTOOL_CACHE_DIR": str(tmp / "cache-many")}

        def fresh_many_cache() -> None:
            shutil.rmtree(tmp / "cache-many", ignore_errors=True)

        plan = [
            ("python -c pass", [py, "-c", "pass"], None, None, None),
            ("typer minimal", [py, app, "hello", "world"], text_check, None, None),
            ("typer + rich table", [py, app, "table"], text_check, None, None),
            ("condition --json", [*kettool, "condition", "depression", "--json"], json_check, None, None),
            ("condition (text)", [*kettool, "condition", "depression"], text_check, None, None),
            ("search --json", [*kettool, "search", "blood pressure", "--json"], json_check, None, None),
            ("search --json (100x KB)", search100, json_check, None, None),
            (
                "first run after KB change",
                [*kettool, "--kb", str(tmp / "kb-changed"), "condition", "depression", "--json"],
                change.check,
                change.prepare,
                None,
            ),
            ("computed: condition --json", [*kettool, "condition", "depression", "--json"], json_check, None, computed),
            ("computed: condition (text)", [*kettool, "condition", "depression"], text_check, None, computed),
            ("computed: search --json", [*kettool, "search", "blood pressure", "--json"], json_check, None, computed),
            ("computed: search --json (100x KB)", search100, json_check, None, computed),
            *(
                (f"computed: {' '.join(args)} (text)", [*kettool, *args], text_check, None, computed)
                for args in TEXT_QUESTIONS
            ),
            *(
                (f"computed: {' '.join(args)}", [*kettool, *args], check, None, computed)
                for args, check in PICTURE_QUESTIONS
            ),
            *(
                (f"session {n}: {' '.join(args)}", [*kettool, *args], check, None, computed)
                for n, (args, check) in enumerate(SESSION, 1)
            ),
            (
                f"first load ({MANY_CONDITIONS:,} conditions)",
                [*kettool, "--kb", str(many), "condition", "generated-00001", "--json"],
                json_check,
                fresh_many_cache,
                many_cache,
            ),
            (
                f"first search ({MANY_CONDITIONS:,} conditions)",
                [*kettool, "--kb", str(many), "search", "blood pressure", "--json"],
                json_check,
                fresh_many_cache,
                many_cache,
            ),
            (f"validate ({MANY_CONDITIONS:,} conditions)", [*kettool, "validate", str(many)], None, None, many_cache),
            (
                f"export --format yaml ({MANY_CONDITIONS:,} conditions)",
                [*kettool, "--kb", str(many), "export", "--format", "yaml"],
                None,
                None,
                {**many_cache, **computed},
            ),
        ]
        rows: dict[str, Row] = {}
        for name, cmd, check, prepare, extra_env in plan:
            print(f"measuring: {name} ...", file=sys.stderr, flush=True)
            heavy = f"({MANY_CONDITIONS:,} conditions)" in name
            rows[name] = bench.measure(name, cmd, check, prepare, extra_env, heavy)
        print("measuring: index build (100x KB) ...", file=sys.stderr, flush=True)
        built = index_build(py, tmp / "kb100", tmp / "cache", tmp, min(args.runs, 5), env)
    rows["session of 10 questions"] = session_row(rows)
    print_results(rows, args.runs, "instr" if use_callgrind else "wall")
    print(f"index build (100x KB): {built}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
