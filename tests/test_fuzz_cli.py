"""Argument fuzzing: whatever is typed, kettool answers, reports or refuses; it never crashes.

Arbitrary argument lists mix real command names, real options with real and junk values, and
arbitrary text (unicode, empty, very long, option-like, control characters). The app runs in-process
through Typer's CliRunner with catch_exceptions=True, so a crash shows up as result.exception.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kettool.cli.app import app
from kettool.cli.commands import COMMANDS as KETTOOL_COMMANDS
from tests.conftest import TINY_KB

pytestmark = pytest.mark.slow

# Every command in kettool's own table, so that a new command is fuzzed without editing this file.
COMMANDS = list(KETTOOL_COMMANDS)
# Every command now takes --format and --json (schema prints a file and takes neither).
FORMAT_COMMANDS = set(COMMANDS) - {"schema"}
FLAGS = ["--json", "--no-pager", "--why", "--help", "-h", "--version", "--kb-extend", "--extend", "--"]
VALUE_OPTIONS = [
    "--format",
    "-f",
    "--limit",
    "-n",
    "--condition",
    "-c",
    "--design",
    "-d",
    "--drug",
    "--from",
    "--to",
    "--sort",
    "--color",
]
TAKES_VALUE = {*VALUE_OPTIONS, "--kb"}
REAL_VALUES = [
    "json",
    "JSON",
    "text",
    "markdown",
    "bibtex",
    "ris",
    "csl-json",
    "yaml",
    "output",
    "kb",
    "depression",
    "ptsd",
    "PTSD",
    "post-traumatic stress disorder",
    "anxiety",
    "rct",
    "meta-analysis",
    "esketamine",
    "racemic-ketamine",
    "2019",
    "0",
    "-1",
    "1000",
    "1001",
    "99999999999999999999",
    "year",
    "n",
    "author",
    "always",
    "never",
    "auto",
    "feder2021",
    "side-effects",
    "monitoring",
    "blood pressure",
    "ketamine",
    "",
    # search syntax, whole and broken
    '"blood pressure"',
    '"blood pressure',
    "ket*",
    "*",
    "ketamine OR",
    "OR",
    "NOT ketamine",
    "AND",
    "NEAR(ketamine bladder, 10)",
    "NEAR(",
    "NEAR(ketamine",
    "(",
    ")",
    "((ketamine)",
    "col:ketamine",
    "^ketamine",
    '""',
    # drug names for interactions, as typed
    "lorazepam",
    "Adderall",
    "NARDIL",
    "ＰＴＳＤ",
    "ｌｏｒａｚｅｐａｍ",
    "López",
]
NEVER = ("--install-completion", "--show-completion")  # these would edit the user's shell start-up files

safe_chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
short_text = st.text(safe_chars, max_size=40)
long_text = st.builds(
    lambda head, char, n: head + char * n, st.text(safe_chars, max_size=20), safe_chars, st.integers(1_000, 5_000)
)
control_text = st.text(
    st.characters(min_codepoint=1, max_codepoint=0x9F).filter(lambda c: c.isascii() or c >= "\x7f"), max_size=20
)
option_like = st.one_of(
    st.builds(lambda t: "-" + t, short_text),
    st.builds(lambda t: "--" + t, short_text),
    st.builds(
        lambda o, v: f"{o}={v}", st.sampled_from(VALUE_OPTIONS), st.one_of(st.sampled_from(REAL_VALUES), short_text)
    ),
)
free_text = st.one_of(short_text, long_text, control_text, option_like, st.sampled_from(REAL_VALUES))


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory) -> Path:
    """A folder of knowledge bases for --kb: a valid one, a broken one, an empty folder."""
    root = tmp_path_factory.mktemp("fuzz-cli")
    shutil.copytree(TINY_KB, root / "tiny")
    (root / "broken.yaml").write_text("conditions: [\n  - {id: x\n", encoding="utf-8")
    (root / "junk.yaml").write_text("meta: 1\nstudies: nope\n", encoding="utf-8")
    (root / "empty").mkdir()
    (root / "work").mkdir()
    return root


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory, sandbox) -> str:
    """One cache for every example, warmed for the bundled and the tiny KB, so that runs are fast."""
    cache = str(tmp_path_factory.mktemp("fuzz-cli-cache"))
    runner = CliRunner()
    for args in (["search", "ketamine"], ["--kb", str(sandbox / "tiny"), "search", "ketamine"]):
        assert runner.invoke(app, args, env={"KETTOOL_CACHE_DIR": cache}).exit_code == 0
    return cache


def kb_paths(sandbox: Path) -> list[str]:
    return [
        str(sandbox / "tiny"),
        str(sandbox / "tiny" / "kb.yaml"),
        str(sandbox / "broken.yaml"),
        str(sandbox / "junk.yaml"),
        str(sandbox / "empty"),
        str(sandbox / "no-such-kb"),
        str(sandbox / "no-such-folder" / "kb.yaml"),
    ]


def argument_lists(sandbox: Path):
    """Lists of arguments: structured (options, command, more) or any mix of pieces."""
    paths = st.sampled_from(kb_paths(sandbox))
    real_value = st.sampled_from(REAL_VALUES)
    piece = st.one_of(  # weighted towards real options and values, so that runs get past the parser
        st.sampled_from(COMMANDS).map(lambda c: [c]),
        st.sampled_from(FLAGS).map(lambda f: [f]),
        st.tuples(st.sampled_from(VALUE_OPTIONS), real_value).map(list),
        st.tuples(st.sampled_from(VALUE_OPTIONS), real_value).map(list),
        st.tuples(st.sampled_from(VALUE_OPTIONS), free_text).map(list),
        paths.map(lambda p: ["--kb", p]),
        paths.map(lambda p: [f"--kb={p}"]),
        real_value.map(lambda t: [t]),
        real_value.map(lambda t: [t]),
        free_text.map(lambda t: [t]),
    )
    global_options = st.lists(
        st.one_of(
            paths.map(lambda p: ["--kb", p]),
            st.sampled_from(["always", "never", "auto", "sometimes", ""]).map(lambda c: ["--color", c]),
            st.just(["--no-pager"]),
            st.just(["--kb-extend"]),
        ),
        max_size=2,
    )
    structured = st.tuples(
        global_options, st.sampled_from(COMMANDS).map(lambda c: [c]), st.lists(piece, max_size=5)
    ).map(lambda t: [*t[0], t[1], *t[2]])
    mixed = st.lists(piece, max_size=7)
    return st.one_of(structured, structured, mixed).map(lambda parts: [a for part in parts for a in part])


def sanitize(args: list[str], sandbox: Path) -> list[str]:
    """Keep every path an argument could name inside the sandbox (validate PATH reads folders recursively).

    Runs happen with the sandbox's empty `work` folder as the current directory (see `invoke`).
    """
    out = []
    for arg in args:
        if arg.startswith(NEVER):
            arg = "--never"
        value = arg.split("=", 1)[1] if arg.startswith("--kb=") else arg
        try:
            path = (sandbox / "work" / value).resolve()
            outside = os.path.lexists(path) and not path.is_relative_to(sandbox)
        except (OSError, ValueError, RuntimeError):
            outside = False
        if outside:
            arg = arg.replace(value, str(sandbox / "nowhere"), 1) if value else str(sandbox / "nowhere")
        out.append(arg)
    return out


def invoke(args: list[str], sandbox: Path, env: dict[str, str]):
    """Run kettool in-process from the sandbox's empty work folder."""
    here = os.getcwd()
    os.chdir(sandbox / "work")
    try:
        return CliRunner().invoke(app, args, env=env, catch_exceptions=True)
    finally:
        os.chdir(here)


def invoked_command(args: list[str]) -> tuple[str | None, int]:
    """The subcommand Click will run and its index, judged conservatively."""
    skip = False
    for i, arg in enumerate(args):
        if skip:
            skip = False
            continue
        if arg in TAKES_VALUE:
            skip = True
        elif not arg.startswith("-"):
            return (arg if arg in COMMANDS else None), i
    return None, len(args)


def json_requested(args: list[str]) -> bool:
    """True only when the arguments certainly ask for JSON from a command that has --json."""
    if any(a in ("--help", "-h", "--version", "--") for a in args):
        return False
    command, at = invoked_command(args)
    if command not in FORMAT_COMMANDS:
        return False
    rest = args[at + 1 :]
    for i, arg in enumerate(rest):
        if arg == "--json" and (i == 0 or rest[i - 1] not in TAKES_VALUE) and not rest[i - 1 : i] == ["--"]:
            return True
    return False


def check(result, args: list[str]) -> None:
    where = f"kettool {args!r}"
    assert result.exception is None or isinstance(result.exception, SystemExit), f"{where} raised {result.exception!r}"
    assert result.exit_code in (0, 1, 2), f"{where} exited {result.exit_code}: {result.stderr[-500:]}"
    assert "Traceback" not in result.stdout, where
    assert "Traceback" not in result.stderr, where
    if result.exit_code == 0 and json_requested(args):
        json.loads(result.stdout)
    if result.stdout.startswith("{"):
        json.loads(result.stdout)  # whatever asked for it, something that starts like JSON is JSON


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])
@given(data=st.data())
def test_arbitrary_arguments_never_crash(data, sandbox, warm_cache):
    args = sanitize(data.draw(argument_lists(sandbox), label="args"), sandbox)
    result = invoke(args, sandbox, {"KETTOOL_CACHE_DIR": warm_cache, "COLUMNS": "80"})
    check(result, args)
    event(f"exit {result.exit_code}")
    if result.exit_code == 0 and json_requested(args):
        event("JSON checked")


# How many positional words each command takes.
POSITIONALS = {
    "conditions": (0, 0),
    "mechanism": (0, 0),
    "overview": (0, 0),
    "studies": (0, 0),
    "condition": (1, 1),
    "why": (1, 1),
    "study": (1, 1),
    "search": (1, 1),
    "safety": (0, 1),
    "compare": (2, 4),
}
STUDY_FILTERS = st.lists(
    st.tuples(
        st.sampled_from(["--condition", "--design", "--drug", "--from", "--to", "--sort"]),
        st.one_of(st.sampled_from(REAL_VALUES), short_text),
    ),
    max_size=3,
)


@st.composite
def json_requests(draw, sandbox: Path) -> list[str]:
    """A command with the right number of (real or arbitrary) words and one of the ways to ask for JSON."""
    command = draw(st.sampled_from(sorted(POSITIONALS)))
    low, high = POSITIONALS[command]
    word = st.one_of(st.sampled_from(REAL_VALUES), st.sampled_from(REAL_VALUES), short_text, control_text, long_text)
    words = draw(st.lists(word, min_size=low, max_size=high))
    fmt = draw(
        st.sampled_from(
            [
                ["--json"],
                ["--format", "json"],
                ["-f", "JSON"],
                ["--format=json"],
                ["-fjson"],
                ["--format", "text", "--json"],
            ]
        )
    )
    options = [a for pair in draw(STUDY_FILTERS) for a in pair] if command == "studies" else []
    if command == "condition" and draw(st.booleans()):
        options.append("--why")
    if command == "search":
        options += ["--limit", str(draw(st.integers(1, 1000)))]
    kb = draw(st.sampled_from([[], ["--kb", str(sandbox / "tiny")]]))
    return [*kb, command, *options, *fmt, "--", *words]


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])
@given(data=st.data())
def test_json_asked_for_is_valid_json_whatever_the_arguments(data, sandbox, warm_cache):
    args = sanitize(data.draw(json_requests(sandbox), label="args"), sandbox)
    result = invoke(args, sandbox, {"KETTOOL_CACHE_DIR": warm_cache})
    check(result, args)
    event(f"exit {result.exit_code}")
    if result.exit_code == 0 or result.stdout:
        payload = json.loads(result.stdout)
        assert {"schema_version", "kind", "data", "disclaimer"} <= payload.keys()
        assert result.stdout.count("\n") == 1


@pytest.mark.parametrize(
    "args",
    [
        ["search", "x" * 5000],
        ["search", " ".join(["abcdefgh"] * 600)],
        ["condition", "\u202e" * 3000],
        ["studies", "--condition", "y" * 5000, "--json"],
        ["cite", *(["nosuch"] * 300)],
        ["compare", *(["depression"] * 200)],
        ["search", "\x1b[31m\x07\x9b", "--json"],
        ["condition", "-"],
        ["--color", "ALWAYS", "conditions"],
    ],
    ids=lambda a: " ".join(a)[:40],
)
def test_extreme_arguments_are_answered_or_refused(args, sandbox, warm_cache):
    result = invoke(args, sandbox, {"KETTOOL_CACHE_DIR": warm_cache})
    check(result, args)
    # What the user typed may be echoed back, but never with raw control characters.
    for char in "\x1b\x07\x9b\u202e":
        assert char not in result.stderr
