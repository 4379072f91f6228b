"""Hostile knowledge-base text never reaches the terminal raw, and Rich markup in it stays literal.

The KB below is the tiny test KB with every free-text field extended by a payload of terminal escape
sequences (SGR colour, an OSC title change ending in BEL), other C0 and C1 controls, DEL, bidi
overrides and isolates, and Rich markup. YAML can only carry such characters through escapes in
double-quoted strings; yaml.safe_dump writes exactly those ("\\e", "\\x9B", "\\u202E"...).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from kettool.core.kb_checks import check_layers
from kettool.core.kb_files import Layer
from tests.conftest import TINY_KB

pytestmark = pytest.mark.slow  # a hostile KB through every command and format

MARKUP = "[bold]x[/bold] [link=http://evil]y[/link]"
PAYLOAD = (
    " Z1\x1b[31mRED\x1b[0m Z2\x1b]0;pwned-title\x07 Z3\x07bell Z4\x9bcsi Z5\u202eevil-rtl"
    "\u2066iso\u2069 Z6\x00nul\x7fdel\x08bs\x0b\x0c\rcr\ttab\x1b[2J\x1bP+q\x1b\\ " + MARKUP
)
# What must never be written raw: C0 controls but newline (tab is checked separately), DEL, C1,
# and the bidirectional overrides and isolates.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# In JSON every C0 control inside a string must be escaped, newline and tab included.
UNSAFE_IN_JSON = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SGR = re.compile(r"\x1b\[[0-9;]*m")

# Fields whose values are identifiers, enums, dates or patterns: left alone so that the KB stays valid.
NOT_FREE_TEXT = {
    "id",
    "cites",
    "certainty",
    "design_type",
    "date",
    "reviewed",
    "version",
    "last_reviewed",
    "doi",
    "pmid",
    "pmcid",
    "url",
    "verdict",
    "drugs",
    "routes",
    "sources",
    "profile",  # a plain-language statement's evidence profile, by id
}

MAX_LENGTH = {"regulatory_summary": 160}
# Enum and id fields of evidence profiles and outcomes, recognised by a key their mapping always has
# (a claim's `drug` is free text, a profile's is an enum).
ENUMS_BY_MARKER = {
    "domains": {"drug", "route", "comparator_type", "time_frame", "design", "outcome_type"},
    "directness": {"study", "directness", "outcome"},
    "rating": {"rating"},
    "factor": {"factor"},
    "measure": {"measure", "comparator_type", "blinding", "favours"},
}


def poison(value: Any, key: str = "") -> Any:
    """Append the payload to every free-text string in a KB document."""
    if isinstance(value, dict):
        fixed = set().union(*(keys for marker, keys in ENUMS_BY_MARKER.items() if marker in value))
        if set(value) == {"study", "outcome"}:  # a reference to a structured outcome
            fixed |= {"study", "outcome"}
        return {k: v if k in NOT_FREE_TEXT or k in fixed else poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [poison(v, key) for v in value]
    if isinstance(value, str):
        return (value + PAYLOAD)[: MAX_LENGTH.get(key)]
    return value


def hostile_data() -> dict[str, Any]:
    data = poison(yaml.load((TINY_KB / "kb.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader))
    # A study that carries the payload in every field the schema leaves open, and control characters
    # in its DOI and URL, whose patterns only exclude whitespace.
    data["studies"].append(
        {
            "id": "hostile",
            "authors": ["Mallory M" + PAYLOAD, "Eve E"],
            "year": 2024,
            "title": "Hostile" + PAYLOAD,
            "journal": "J Evil" + PAYLOAD,
            "volume": "6" + PAYLOAD,
            "issue": "6",
            "pages": "6-7" + PAYLOAD,
            "doi": "10.1000/evil\x1b[31m\x07\x9b\u202e",
            "pmid": "666",
            "url": "https://evil.example/\x1b]0;t\x07",
            "registry": "NCT" + PAYLOAD,
            "design_type": "rct",
            "design": "Design" + PAYLOAD,
            "n": 6,
            "n_note": "Note" + PAYLOAD,
            "population": "Adults" + PAYLOAD,
            "intervention": "Ketamine" + PAYLOAD,
            "comparator": "Placebo" + PAYLOAD,
            "primary_outcome": "MADRS" + PAYLOAD,
            "key_result": "Worse" + PAYLOAD,
            "notes": "Notes" + PAYLOAD,
        }
    )
    data["conditions"][0]["findings"][0]["cites"].append("hostile")
    return data


@pytest.fixture(scope="module")
def hostile_kb(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "kb.yaml"
    path.write_text(yaml.safe_dump(hostile_data(), allow_unicode=False, sort_keys=False), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    assert "\\e[31m" in text and "\\x9B" in text and "\\u202E" in text  # written as YAML escapes
    assert UNSAFE.search(text) is None
    check_layers([Layer("hostile", (path,))])  # the payload itself is valid KB text
    return path


TEXT_COMMANDS = [
    ["conditions"],
    ["condition", "depression"],
    ["condition", "ptsd"],
    ["condition", "depression", "--why"],
    ["why", "depression"],
    ["mechanism"],
    ["safety"],
    ["safety", "side-effects"],
    ["overview"],
    ["study", "hostile"],
    ["study", "smith2020"],
    ["studies"],
    ["search", "Z1 RED"],
    ["search", "hostile"],
    ["compare", "depression", "ptsd"],
]
# Commands whose output is a tab-separated list when piped (one row per item, fixed columns).
LINE_LISTS = {("conditions",), ("studies",), ("search", "Z1 RED"), ("search", "hostile")}


def ids(args: list[str]) -> str:
    return " ".join(args)


def assert_no_raw_controls(text: str, where: str, allow_tab: bool = True) -> None:
    unsafe = UNSAFE if allow_tab else re.compile(UNSAFE.pattern[:-1] + "\t]")
    bad = [line for line in text.split("\n") if unsafe.search(line)]
    assert not bad, (
        f"{where}: raw control characters {sorted(set(unsafe.findall(text)))!r} "
        f"in {len(bad)} line(s), first: {bad[0][:200]!r}"
    )


def strings_in(value: Any):
    if isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)
    elif isinstance(value, str):
        yield value


@pytest.mark.parametrize("args", TEXT_COMMANDS, ids=ids)
def test_text_output_shows_no_raw_control_characters_and_keeps_markup_literal(kettool, hostile_kb, args):
    result = kettool("--kb", str(hostile_kb), *args, env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.stderr
    listed = tuple(args) in LINE_LISTS
    assert_no_raw_controls(result.stdout, ids(args))
    assert_no_raw_controls(result.stderr, ids(args) + " (stderr)", allow_tab=False)
    assert "\\x1b[31m" in result.stdout  # the escape is shown, as text
    assert MARKUP in result.stdout
    if listed:
        rows = result.stdout.splitlines()[:-1]  # the last line is the disclaimer
        assert len({row.count("\t") for row in rows}) == 1, "KB text shifted the tab-separated columns"


@pytest.mark.parametrize("args", TEXT_COMMANDS, ids=ids)
def test_coloured_text_output_has_only_kettools_own_colour_codes(kettool, hostile_kb, args):
    result = kettool("--kb", str(hostile_kb), "--color", "always", *args, env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for sequence in ("\x1b]", "\x1bP", "\x1b[2J", "\x1b\\"):
        assert sequence not in out, f"{ids(args)}: raw {sequence!r} from the KB"
    # Rich may put its own codes after Z1 (a search match is highlighted), never the KB's red.
    assert not re.search(r"Z1(?:\x1b\[[0-9;]*m)*\x1b\[31m", out), f"{ids(args)}: raw KB colour code"
    assert_no_raw_controls(SGR.sub("", out), ids(args))
    assert MARKUP in SGR.sub("", out)


def test_tabs_in_kb_text_are_not_written_raw_in_text_output(kettool, hostile_kb):
    # A raw tab jumps to the terminal's next tab stop and breaks kettool's alignment; only the
    # tab-separated lists (when piped) may hold tabs, and those are kettool's own separators.
    offenders = []
    for args in TEXT_COMMANDS:
        if tuple(args) in LINE_LISTS:
            continue
        result = kettool("--kb", str(hostile_kb), *args, env={"COLUMNS": "400"})
        assert result.exit_code == 0, result.stderr
        offenders += [f"{ids(args)}: {line[:60]!r}" for line in result.stdout.split("\n") if "\t" in line]
    assert not offenders, offenders


@pytest.mark.parametrize("args", [*TEXT_COMMANDS, ["export"], ["validate"]], ids=ids)
def test_json_output_parses_and_escapes_every_control_character(kettool, hostile_kb, args):
    result = (
        kettool("--kb", str(hostile_kb), *args, "--json")
        if args != ["export"]
        else kettool("--kb", str(hostile_kb), "export", "--format", "json")
    )
    assert result.exit_code == 0, result.stderr
    raw = result.stdout
    assert raw.endswith("\n") and raw.count("\n") == 1, "JSON is one line"
    found = sorted(set(UNSAFE_IN_JSON.findall(raw[:-1])))
    assert not found, f"raw control characters in JSON: {found!r}"
    data = json.loads(raw)
    if args[0] not in ("validate",):
        # Escaped, not removed: the data round-trips exactly.
        assert any(PAYLOAD in s for s in strings_in(data["data"])), "the payload did not survive"


@pytest.mark.parametrize("args", TEXT_COMMANDS, ids=ids)
def test_markdown_output_shows_no_raw_control_characters(kettool, hostile_kb, args):
    result = kettool("--kb", str(hostile_kb), *args, "--format", "markdown", env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.stderr
    assert_no_raw_controls(result.stdout, ids(args), allow_tab=False)
    assert "pwned-title" in result.stdout  # the hostile text is shown, made harmless


def test_yaml_export_writes_no_raw_control_characters(kettool, hostile_kb):
    result = kettool("--kb", str(hostile_kb), "export", "--format", "yaml")
    assert result.exit_code == 0, result.stderr
    assert_no_raw_controls(result.stdout, "export --format yaml", allow_tab=False)
    reloaded = yaml.safe_load(result.stdout)
    assert any(PAYLOAD in s for s in strings_in(reloaded))


def assert_valid_ris(text: str) -> None:
    """Records from TY to ER, every line inside one a tagged line; blank lines only between records."""
    inside = False
    for number, line in enumerate(text.split("\n"), 1):
        if not inside:
            assert line == "" or line.startswith("TY  - "), f"line {number}: {line!r} outside a record"
            inside = line.startswith("TY  - ")
            continue
        assert re.match(r"^[A-Z][A-Z0-9]  - ", line), f"line {number}: broken RIS line {line!r}"
        inside = line != "ER  - "
    assert not inside, "the last record is not closed"


@pytest.mark.parametrize("fmt", ["bibtex", "ris", "csl-json"])
@pytest.mark.parametrize(
    "select", [["hostile"], ["--condition", "depression"], ["hostile", "smith2020", "label"]], ids=ids
)
def test_citations_show_no_raw_control_characters(kettool, hostile_kb, fmt, select):
    result = kettool("--kb", str(hostile_kb), "cite", *select, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert_no_raw_controls(result.stdout, f"cite {fmt}", allow_tab=False)
    if fmt == "csl-json":
        items = json.loads(result.stdout)
        assert items
        if "hostile" in select:
            assert "hostile" in {item["id"] for item in items}
    elif fmt == "ris":
        assert_valid_ris(result.stdout)
    else:
        import bibtexparser

        library = bibtexparser.parse_string(result.stdout)
        assert not library.failed_blocks, [b.raw for b in library.failed_blocks]
        assert len(library.entries) == result.stdout.count("\n@") + result.stdout.startswith("@")


def test_not_found_message_shows_hostile_suggestions_harmlessly(kettool, hostile_kb):
    result = kettool("--kb", str(hostile_kb), "condition", "Dep Z1")
    assert result.exit_code == 1
    assert_no_raw_controls(result.stderr, "stderr", allow_tab=False)


def test_kb_error_messages_show_hostile_values_harmlessly(kettool, tmp_path):
    data = yaml.load((TINY_KB / "kb.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    data["conditions"][0]["profiles"][0]["domains"]["imprecision"]["rating"] = "bad" + PAYLOAD  # echoed back
    data["conditions"][0]["id"] = "bad\x1b[31mid\u202e"  # not an id: echoed in the message
    data["studies"][0]["evil\x1b]0;t\x07key"] = 1  # an unknown field: its name is echoed
    path = tmp_path / "kb.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=False), encoding="utf-8")
    for args in (["conditions"], ["validate", str(path)], ["validate", str(path), "--json"]):
        result = kettool("--kb", str(path), *args)
        assert result.exit_code == 1
        assert_no_raw_controls(result.stdout, "stdout")
        assert_no_raw_controls(result.stderr, "stderr", allow_tab=False)


def test_a_newline_smuggled_into_an_id_cannot_break_records(kettool, tmp_path):
    # The id pattern ^[a-z0-9][a-z0-9_-]*$ must not accept "evil\n" ('$' also matches before a final newline).
    data = yaml.load((TINY_KB / "kb.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    data["studies"][0]["id"] = "evil\n"
    data = json.loads(json.dumps(data).replace('"smith2020"', '"evil\\n"'))
    path = tmp_path / "kb.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = kettool("--kb", str(path), "cite", "--condition", "depression", "--format", "ris")
    if result.exit_code == 0:
        assert_valid_ris(result.stdout)
        bibtex = kettool("--kb", str(path), "cite", "--condition", "depression", "--format", "bibtex").stdout
        assert re.findall(r"^@\w+\{([^,\n]*),$", bibtex, re.M) == ["evil", "jones2021", "label"] or re.findall(
            r"^@\w+\{([^,\n]*),$", bibtex, re.M
        ) == ["jones2021", "label", "evil"], bibtex
    else:
        assert result.exit_code == 1
        assert "evil" in result.stderr
