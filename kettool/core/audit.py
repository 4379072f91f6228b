"""A knowledge base that audits its own numbers: prose against records, records against themselves, grades recomputed.

Every check names the file, line and field of what it found, so that an author can fix it. The audit
reads the KB from its YAML (never from the cache) because it needs to know where each value lives.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from kettool.core.answers import AuditReport
from kettool.core.errors import Problem
from kettool.core.evidence import graded_profile
from kettool.core.kb_checks import CheckedData, FileDoc
from kettool.core.model_walk import cited_ids
from kettool.core.models import KnowledgeBase, Measure, Outcome, Study

# A number in prose: not part of a word or a scale name ("CAPS-5", "DSM-5"), not an identifier ("NCT0265...").
_NUMBER = re.compile(r"(?<![\w.\-/])(?<![A-Za-z]-)(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|\.\d+)(?![\w/]|\.\d)")
_FRACTION_PERCENT = re.compile(r"\b(\d[\d,]*)\s*(?:/|of)\s*(\d[\d,]*)\s*\(\s*(\d+(?:\.\d+)?)\s*%\s*\)")
_PARTICIPANTS = re.compile(
    r"\bn\s*=\s*(\d[\d,]*)|\b(\d[\d,]*)\s+(?:participants|patients|people|adults|veterans|subjects|women|"
    r"individuals|inpatients|outpatients|volunteers)\b",
    re.IGNORECASE,
)
_CERTAINTY_WORDS = re.compile(r"\b(high|moderate|low|very low)[- ]certainty\b", re.IGNORECASE)
# Prose fields of a claim-like entry that are checked against what the entry cites.
_PROSE = ("text", "status", "evidence", "summary", "event", "reason", "schedule", "notes", "bioavailability")
# Study fields whose text holds numbers the prose may repeat.
_STUDY_TEXT = (
    "title",
    "key_result",
    "design",
    "population",
    "intervention",
    "comparator",
    "primary_outcome",
    "notes",
    "n_note",
    "registry",
)


def audit(checked: CheckedData) -> AuditReport:
    """Run every check on a checked KB and collect what was checked and what was found."""
    return _Auditor(checked).run()


class _Auditor:
    def __init__(self, checked: CheckedData):
        self.data = checked.data
        self.origin = checked.origin
        self.kb = KnowledgeBase.from_data(checked.data)
        self.problems: list[Problem] = []
        self.counts: dict[str, int] = {}
        self.journals = sorted(
            {s.journal for s in self.kb.studies.values() if s.journal and len(s.journal) > 5}, key=len, reverse=True
        )
        # Worked out once: every prose text is checked against every study's first author.
        self.first_authors = [study.first_author for study in self.kb.studies.values()]
        self.sizes: dict[str, set[float]] = {}

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    def flag(self, where: tuple[FileDoc, tuple], sub: tuple, message: str) -> None:
        doc, base = where
        self.problems.append(doc.problem(base + sub, message))

    def run(self) -> AuditReport:
        profiles = []
        for study in self.kb.studies.values():
            self.check_study(study)
        for condition in self.kb.conditions:
            where = self.origin[("conditions", condition.id)]
            for graded in (graded_profile(p, self.kb) for p in condition.profiles):
                profiles.append((condition.id, graded.profile.id, graded.grade.certainty.value))
                self.check_profile(condition, graded, where)
            self.check_findings(condition, where)
        for section in ("conditions", "mechanism", "safety", "overview"):
            self.check_prose(section)
        return AuditReport(not self.problems, tuple(self.problems), dict(sorted(self.counts.items())), tuple(profiles))

    # Records against themselves

    def check_study(self, study: Study) -> None:
        where = self.origin[("studies", study.id)]
        self.check_text_numbers(study.key_result, where, ("key_result",), [study])
        for i, outcome in enumerate(study.outcomes):
            self.count("outcomes")
            self.check_outcome(study, outcome, where, ("outcomes", i))

    def check_outcome(self, study: Study, outcome: Outcome, where: tuple, at: tuple) -> None:
        ci = outcome.ci
        if len(ci) == 2:
            self.count("confidence intervals")
            if ci[0] > ci[1]:
                self.flag(where, at + ("ci",), f"confidence interval {list(ci)} is reversed")
            elif outcome.estimate is not None and not ci[0] <= outcome.estimate <= ci[1]:
                self.flag(
                    where, at + ("estimate",), f"estimate {outcome.estimate} lies outside its 95% CI {ci[0]} to {ci[1]}"
                )
            if outcome.measure.is_ratio and ci[0] <= 0:
                self.flag(where, at + ("ci",), f"a {outcome.measure.value} cannot have a CI bound of {ci[0]}")
        for j, arm in enumerate(outcome.arms):
            if arm.percent is not None and arm.events is not None and arm.n:
                self.count("percentages")
                if not _rounds_to(100 * arm.events / arm.n, arm.percent):
                    self.flag(
                        where,
                        at + ("arms", j, "percent"),
                        f"{arm.events}/{arm.n} is {100 * arm.events / arm.n:.1f}%, not {_plain(arm.percent)}%",
                    )
        total = sum(arm.n for arm in outcome.arms)
        if study.n is not None and outcome.arms:
            self.count("arm sizes")
            crossover = study.design_type.value == "crossover-rct"
            largest = max(arm.n for arm in outcome.arms)
            if (crossover and largest > study.n) or (not crossover and total > study.n):
                self.flag(
                    where,
                    at + ("arms",),
                    f"the arms hold {largest if crossover else total} participants, "
                    f"more than the study's n of {study.n}",
                )
        if outcome.measure is Measure.PROPORTIONS and not any(a.events is not None for a in outcome.arms):
            self.flag(where, at + ("arms",), "a 'proportions' outcome needs arms with events")

    # Profiles

    def check_profile(self, condition: Any, graded: Any, where: tuple) -> None:
        self.count("profiles graded")
        index = next(i for i, p in enumerate(condition.profiles) if p.id == graded.profile.id)
        at = ("profiles", index)
        elsewhere = set(cited_ids(condition._replace(profiles=())))
        for j, entry in enumerate(graded.profile.studies):
            self.count("profile studies")
            if entry.study not in elsewhere:
                self.flag(
                    where,
                    at + ("studies", j, "study"),
                    f"study {entry.study!r} is in this profile but the "
                    "condition's text never cites it; say what it found",
                )
            study = self.kb.studies[entry.study]
            outcome = study.outcome(entry.outcome) if entry.outcome else None
            wanted = graded.profile.comparator_type
            if (
                entry.directness.value == "direct"
                and outcome is not None
                and outcome.comparator_type is not None
                and outcome.comparator_type is not wanted
            ):
                self.flag(
                    where,
                    at + ("studies", j, "outcome"),
                    f"direct study {entry.study!r} compares with "
                    f"{outcome.comparator_type.value}, not {wanted.value} as the profile asks",
                )
        computed = graded.grade.certainty.label
        for match in _CERTAINTY_WORDS.finditer(graded.profile.comment or ""):
            if match.group(1).lower() != computed:
                self.flag(
                    where,
                    at + ("comment",),
                    f"the comment says {match.group(0)!r}; kettool computes {computed} from the domain ratings",
                )

    # Prose against the records it cites

    def check_findings(self, condition: Any, where: tuple) -> None:
        """Every number in a finding appears in what the finding cites."""
        for field in ("findings", "onset", "duration"):
            value = getattr(condition, field)
            single = hasattr(value, "_fields")  # onset and duration are one claim, findings a list
            claims = (value,) if single else value
            for i, claim in enumerate(claims):
                sub = (field, "text") if single else (field, i, "text")
                studies = [self.kb.studies[s] for s in claim.cites if s in self.kb.studies]
                haystack = set().union(*(_study_numbers(s) for s in studies)) if studies else set()
                haystack |= _numbers(claim.drug or "")
                for token in _NUMBER.findall(claim.text):
                    self.count("numbers in findings")
                    if _value(token) not in haystack:
                        cited = ", ".join(claim.cites)
                        self.flag(
                            where,
                            sub,
                            f"the number {token} is not in the cited record(s) ({cited}): "
                            "not in their key result, outcomes or fields",
                        )

    def check_prose(self, section: str) -> None:
        entries: list[tuple[Any, tuple]] = []
        if section == "conditions":
            entries = [(c, self.origin[("conditions", c["id"])]) for c in self.data["conditions"]]
        else:
            entries = [(self.data[section], self.origin[section])]
        for value, where in entries:
            for path, node in _cited_nodes(value, ()):
                studies = [self.kb.studies[s] for s in _ids(node) if s in self.kb.studies]
                for name in _PROSE:
                    text = node.get(name)
                    if isinstance(text, str):
                        self.check_text_numbers(text, where, path + (name,), studies)

    def check_text_numbers(self, text: str, where: tuple, at: tuple, studies: list[Study]) -> None:
        """Percentages against their fractions, participant counts and author-year or journal-year mentions."""
        for a, b, percent in _FRACTION_PERCENT.findall(text):
            self.count("percentages")
            events, total = int(a.replace(",", "")), int(b.replace(",", ""))
            if total and not _rounds_to(100 * events / total, float(percent)):
                self.flag(where, at, f"{a}/{b} is {100 * events / total:.1f}%, not {percent}%")
        if not studies:
            return
        sizes = set().union(*(self.sizes.get(s.id) or self.sizes.setdefault(s.id, _sizes(s)) for s in studies))
        for match in _PARTICIPANTS.finditer(text):
            self.count("participant counts")
            token = match.group(1) or match.group(2)
            if _value(token) not in sizes:
                names = ", ".join(s.id for s in studies)
                self.flag(where, at, f"{match.group(0)!r}: no cited record ({names}) has {token} participants")
        for author in self.first_authors:  # once per study, as a text naming two of an author's papers counts twice
            if not author or len(author) < 3 or author not in text:  # the substring test spares most regexes
                continue
            for match in re.finditer(rf"\b{re.escape(author)}(?: et al\.?)?,? \(?((?:19|20)\d\d)\b", text):
                self.count("author-year mentions")
                year = int(match.group(1))
                # A record whose byline was not checked still answers to its id ("feder2021").
                if not any(
                    (s.first_author == author or s.id.startswith(author.casefold())) and s.year == year for s in studies
                ):
                    self.flag(where, at, f"{match.group(0)!r} names a record this text does not cite")
        for journal in self.journals:
            if journal not in text:
                continue
            for match in re.finditer(rf"{re.escape(journal)},? \(?((?:19|20)\d\d)\b", text):
                self.count("journal-year mentions")
                if not any(s.journal == journal and s.year == int(match.group(1)) for s in studies):
                    self.flag(where, at, f"{match.group(0)!r} matches no record this text cites")


def _cited_nodes(value: Any, path: tuple) -> Iterator[tuple[tuple, dict[str, Any]]]:
    """Every mapping in plain data that cites studies, with its path."""
    if isinstance(value, dict):
        if _ids(value):
            yield path, value
        for key, item in value.items():
            if isinstance(item, (dict, list)):
                yield from _cited_nodes(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _cited_nodes(item, path + (i,))


def _ids(node: dict[str, Any]) -> list[str]:
    cites = node.get("cites")
    return [c for c in cites if isinstance(c, str)] if isinstance(cites, list) else []


def _value(token: str) -> float:
    return float(token.replace(",", ""))


def _numbers(text: str) -> set[float]:
    return {_value(t) for t in _NUMBER.findall(text)}


def _plain(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _rounds_to(exact: float, stated: float) -> bool:
    """True when a stated percentage is the exact one rounded to the places it shows (or truncated)."""
    text = _plain(stated)
    places = len(text.split(".")[1]) if "." in text else 0
    step = 10**-places
    return abs(exact - stated) <= step / 2 + 1e-9 or 0 <= exact - stated < step


def _study_numbers(study: Study) -> set[float]:
    """Every number a record holds: in its text fields, its n and year, and its structured outcomes."""
    found: set[float] = set()
    for name in _STUDY_TEXT:
        value = getattr(study, name)
        if isinstance(value, str):
            found |= _numbers(value)
    for value in (study.n, study.year):
        if value is not None:
            found.add(float(value))
    for outcome in study.outcomes:
        found |= _numbers(f"{outcome.outcome} {outcome.time_point} {outcome.p or ''} {outcome.note or ''}")
        for number in (outcome.estimate, *outcome.ci):
            if number is not None:
                found |= {float(number), abs(float(number))}
        for arm in outcome.arms:
            found |= {float(v) for v in (arm.n, arm.events, arm.percent) if v is not None}
            found |= _numbers(arm.label)
    return found


def _sizes(study: Study) -> set[float]:
    """The participant counts a record supports: n, arm sizes, and counts in its n note and key result."""
    sizes = {float(study.n)} if study.n is not None else set()
    for outcome in study.outcomes:
        sizes |= {float(arm.n) for arm in outcome.arms}
        sizes.add(float(sum(arm.n for arm in outcome.arms)))
    for name in ("n_note", "key_result", "population", "design", "notes"):
        value = getattr(study, name)
        if isinstance(value, str):
            sizes |= _numbers(value)
    return sizes


__all__ = ["audit"]
