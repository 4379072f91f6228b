"""Pages a patient may read: crisis services first, and protocols that never read as prescriptions."""

from __future__ import annotations

import json
import re

import pytest

from kettool.core.knowledge_base import KbSettings, load_knowledge_base

CRISIS_PAGES = ["suicidal-ideation", "depression"]
# Words that turn a protocol into instructions: titration steps, device handling, dose changes.
INSTRUCTIONS = re.compile(
    r"titrat|increase[sd]? (?:by|to)|device|prime|nostril|step \d|then increase|up-titrat", re.IGNORECASE
)


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base(KbSettings())


@pytest.mark.parametrize("name", CRISIS_PAGES)
def test_crisis_services_come_first_on_the_page(kettool, name):
    result = kettool("condition", name, env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    first = result.stdout.lstrip().splitlines()[0]
    assert "If you are in crisis" in first
    head = result.stdout[: result.stdout.index("id: ")]
    for contact in ("988", "116 123", "112"):
        assert contact in head


@pytest.mark.parametrize("name", CRISIS_PAGES)
def test_crisis_services_are_in_the_json_answers(kettool, name):
    for command in (["condition", name], ["why", name]):
        data = json.loads(kettool(*command, "--json").stdout)["data"]
        contacts = " ".join(r["contact"] for r in data["crisis_resources"])
        assert "988" in contacts and "116 123" in contacts and "112" in contacts


def test_other_pages_carry_no_crisis_block(kettool):
    assert "If you are in crisis" not in kettool("condition", "ocd").stdout
    assert json.loads(kettool("condition", "ocd", "--json").stdout)["data"]["crisis_resources"] == []


def test_every_crisis_service_says_whether_its_official_page_was_read(kb):
    assert kb.meta.crisis_resources
    for resource in kb.meta.crisis_resources:
        assert resource.sources, resource.service
        if resource.checked:
            assert resource.official_page in resource.sources, resource.service


def test_no_protocol_is_shown_on_the_suicidal_ideation_page(kb):
    condition = next(c for c in kb.conditions if c.id == "suicidal-ideation")
    assert condition.protocols == ()


def test_protocols_are_one_line_as_studied_without_instructions(kb):
    for condition in kb.conditions:
        for protocol in condition.protocols:
            line = f"{protocol.drug}, {protocol.route}, {protocol.dose}, {protocol.schedule}"
            assert "\n" not in line and len(line) <= 240, (condition.id, line)
            assert not INSTRUCTIONS.search(line), (condition.id, line)
            assert protocol.notes and re.search(r"\d", protocol.notes), (condition.id, "study and size in notes")
