"""The evidence behind a condition, question by question: graded profiles with their direct and indirect studies.

Counts of trials and participants count direct randomized studies of one profile only; indirect
evidence is listed apart, with its reason.
"""

from __future__ import annotations

from collections.abc import Iterable

from kettool.core.answers import Absolute, Effect, GradedProfile, ProfileEvidence
from kettool.core.grade import absolute_effect, grade
from kettool.core.model_walk import cited_ids
from kettool.core.models import Condition, Directness, KnowledgeBase, Measure, Outcome, Profile


def graded_profile(profile: Profile, kb: KnowledgeBase) -> GradedProfile:
    """Resolve a profile's studies and outcomes, compute its certainty, counts and absolute effect."""
    entries = []
    for entry in profile.studies:
        study = kb.studies[entry.study]
        outcome = study.outcome(entry.outcome) if entry.outcome else None
        entries.append(ProfileEvidence(study, entry.directness, entry.reason, outcome))
    direct = tuple(e for e in entries if e.directness is Directness.DIRECT)
    indirect = tuple(e for e in entries if e.directness is Directness.INDIRECT)
    # Trials and participants: direct randomized studies only (meta-analyses pool these, so they are not added).
    trials = [e.study for e in direct if e.study.design_type.is_randomized]
    effect = None
    absolute = None
    if profile.effect is not None:
        study = kb.studies[profile.effect.study]
        outcome = study.outcome(profile.effect.outcome)
        if outcome is not None:
            effect = Effect(study, outcome)
            risk = profile.comparator_risk.per_1000 if profile.comparator_risk else comparator_risk(outcome)
            if outcome.measure is Measure.PROPORTIONS:
                absolute = _arms_per_1000(outcome)
            elif risk is not None:
                absolute = absolute_effect(outcome.measure, outcome.estimate, outcome.ci, risk)
    return GradedProfile(
        profile, grade(profile), direct, indirect, len(trials), sum(s.n or 0 for s in trials), effect, absolute
    )


def comparator_risk(outcome: Outcome) -> int | None:
    """Events per 1,000 in the comparator arm (listed last) of an outcome, when its events are reported."""
    if len(outcome.arms) < 2:
        return None
    arm = outcome.arms[-1]
    if arm.events is None or not arm.n:
        return None
    return round(1000 * arm.events / arm.n)


def _arms_per_1000(outcome: Outcome) -> Absolute | None:
    """Events per 1,000 in the first (intervention) and last (comparator) arm, when a trial reports only counts."""
    if len(outcome.arms) < 2:
        return None
    first, last = outcome.arms[0], outcome.arms[-1]
    if first.events is None or last.events is None or not first.n or not last.n:
        return None
    intervention, comparator = round(1000 * first.events / first.n), round(1000 * last.events / last.n)
    return Absolute(comparator, intervention, intervention - comparator, None)


def graded_profiles(condition: Condition, kb: KnowledgeBase) -> tuple[GradedProfile, ...]:
    """A condition's profiles, strongest evidence first (certainty, then direct participants), else KB order."""
    graded = [graded_profile(p, kb) for p in condition.profiles]
    # Benefit before harm, then strongest certainty, then most direct participants.
    order = sorted(
        range(len(graded)),
        key=lambda i: (
            graded[i].profile.outcome_type != "benefit",
            -graded[i].grade.certainty.rank,
            -graded[i].participants,
            i,
        ),
    )
    return tuple(graded[i] for i in order)


def strongest(profiles: tuple[GradedProfile, ...]) -> int:
    """The rank (4 high .. 1 very low) of the strongest benefit profile, for ranking conditions (0 if none)."""
    return max((p.grade.certainty.rank for p in profiles if p.profile.outcome_type == "benefit"), default=0)


def condition_study_ids(condition: Condition) -> list[str]:
    """Ids of every study a condition cites, anywhere in its record (profiles included), in first-citation order."""
    return cited_ids(condition)


def conditions_citing(kb: KnowledgeBase, study_ids: Iterable[str] | None = None) -> dict[str, list[str]]:
    """For each study id (of `study_ids`, when given), the ids of the conditions that cite it.

    Given the studies, only the conditions whose cached text holds one of their ids are built.
    """
    if study_ids is None:
        conditions: Iterable[Condition] = kb.conditions
        wanted = None
    else:
        wanted = set(study_ids)
        conditions = kb.each_condition(naming=tuple(wanted)) if wanted else ()
    index: dict[str, list[str]] = {}
    for condition in conditions:
        for study_id in condition_study_ids(condition):
            if wanted is None or study_id in wanted:
                index.setdefault(study_id, []).append(condition.id)
    return index
