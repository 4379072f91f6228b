"""Count the temporary files and folders that interrupted or failing first runs leave in kettool's cache.

    python benchmarks/leftovers.py                      # this environment's kettool
    python benchmarks/leftovers.py --kettool PATH       # another installation (for a before/after figure)

Three attacks, each on a fresh cache: SIGINT and SIGTERM at several delays into a first search (which
loads, checks and caches the KB, then builds the search index and stores the answer); a dozen first-run
commands on a tmpfs so small that the disk fills; the same commands again on the full disk. It prints,
per attack, how many runs left `.tmp-*` or `.old-*` entries and how many entries were left in all.
The full-disk rows need `unshare` with user namespaces; without them they are reported as skipped.
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DELAYS = tuple(round(0.1 + 0.03 * i, 2) for i in range(30))  # 0.1 s to 0.97 s into the run
SIGNALS = {"SIGINT": signal.SIGINT, "SIGTERM": signal.SIGTERM}
DISK_SIZES_KB = (64, 640, 2000)
COMMANDS = [
    "search blood pressure --json",
    "condition depression --json",
    "condition ptsd",
    "why ocd",
    "safety",
    "studies --condition ptsd --json",
    "search midazolam",
    "compare ptsd ocd",
    "mechanism",
    "overview",
    "conditions --json",
    "search aneurysm",
]


def leftovers(cache: Path) -> int:
    """The number of temporary files and folders anywhere in the cache."""
    return sum(1 for p in cache.rglob("*") if p.name.startswith((".tmp-", ".old-"))) if cache.exists() else 0


def clean_env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KETTOOL_", "PYTHON"))}
    return {**env, "KETTOOL_CACHE_DIR": str(cache)}


def killed_first_runs(kettool: list[str], work: Path) -> list[tuple[str, int, int, int]]:
    """(signal, runs, runs that left something, entries left) per signal."""
    rows = []
    for name, sig in SIGNALS.items():
        dirty = total = 0
        for n, delay in enumerate(DELAYS):
            cache = work / f"{name}-{n}"
            process = subprocess.Popen(
                [*kettool, "search", "blood", "pressure"],
                env=clean_env(cache),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
            )
            time.sleep(delay)
            process.send_signal(sig)
            process.wait(60)
            left = leftovers(cache)
            dirty += left > 0
            total += left
        rows.append((f"{name} during a first search", len(DELAYS), dirty, total))
    return rows


def full_disk_runs(kettool: list[str], work: Path) -> list[tuple[str, int, int, int]] | None:
    """(size, runs, runs that left something, entries left) per tmpfs size; None without user namespaces."""
    rows = []
    for size in DISK_SIZES_KB:
        cache = work / f"disk-{size}"
        cache.mkdir()
        report = work / f"disk-{size}.counts"
        count = f"find {cache} -name '.tmp-*' -o -name '.old-*' | wc -l >> {report}"
        runs = [f"{shlex.join(kettool)} {c} > /dev/null 2>&1; {count}" for c in COMMANDS]
        mount = f"mount -t tmpfs -o size={size}k tmpfs {cache} || exit 3"
        fill = f"cat /dev/zero > {cache}/filler 2>/dev/null"
        script = "\n".join([mount, *runs, fill, *runs])
        done = subprocess.run(
            ["unshare", "--user", "--map-root-user", "--mount", "bash", "-c", script], env=clean_env(cache)
        )
        if done.returncode == 3 or not report.exists():
            return None
        counts = [int(line) for line in report.read_text().split()]
        label = f"{size} kB tmpfs, 2 x {len(COMMANDS)} commands"
        rows.append((label, len(counts), sum(c > 0 for c in counts), counts[-1]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kettool", help="the kettool command to attack (default: this environment's)")
    args = parser.parse_args()
    if args.kettool:
        kettool = [args.kettool]
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from tests.installed import KETTOOL as kettool
    print(f"kettool: {shlex.join(kettool)}")
    with tempfile.TemporaryDirectory(prefix="kettool-leftovers-") as name:
        work = Path(name)
        rows = killed_first_runs(kettool, work)
        disk = full_disk_runs(kettool, work)
    print(f"{'attack':44} {'runs':>5} {'runs leaving files':>19} {'entries left':>13}")
    for label, runs, dirty, total in rows + (disk or []):
        print(f"{label:44} {runs:>5} {dirty:>19} {total:>13}")
    if disk is None:
        print("full-disk rows skipped: a private tmpfs cannot be mounted here")
    print("(full-disk rows: 'entries left' is the count after the last command, 'runs' counts every command)")


if __name__ == "__main__":
    main()
