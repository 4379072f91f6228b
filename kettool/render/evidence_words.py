"""The words of a summary-of-findings row, shared by the text and Markdown layouts so that they always agree."""

from __future__ import annotations

from typing import Any

from kettool.core.answers import GradedProfile

DOMAIN_NAMES = {
    "risk_of_bias": "risk of bias",
    "inconsistency": "inconsistency",
    "indirectness": "indirectness",
    "imprecision": "imprecision",
    "publication_bias": "publication bias",
}


def number(value: float) -> str:
    """A number as the KB stores it (as the paper printed it)."""
    return str(value) if abs(value) < 1e6 else f"{value:,.0f}"


def participants(graded: GradedProfile) -> str:
    """'158 (1 RCT)': participants and trials counted from direct randomized studies only."""
    trials = graded.randomized_trials
    if not trials:
        return "no direct randomized trial"
    return f"{graded.participants:,} ({trials} RCT{'' if trials == 1 else 's'})"


def lowered_by(graded: GradedProfile) -> str:
    """'risk of bias (serious), imprecision (very serious)', or an empty string."""
    return ", ".join(f"{DOMAIN_NAMES[d]} ({r.value.replace('-', ' ')})" for d, r in graded.grade.lowered_by)


def grade_steps(graded: GradedProfile) -> str:
    """How the certainty was computed: 'starts high (randomized); lowered by ...; = low'."""
    grade = graded.grade
    parts = [f"starts {grade.start.label} ({graded.profile.design.value})"]
    if grade.lowered_by:
        parts.append("lowered by " + lowered_by(graded))
    if grade.raised_by:
        parts.append("raised by " + ", ".join(f.replace("-", " ") for f in grade.raised_by))
    return "; ".join(parts) + f"; = {grade.certainty.label}"


def relative_effect(graded: GradedProfile) -> str:
    """'RR 2.29 (95% CI 1.15 to 4.55), Smith et al. 2020', or why there is none."""
    effect = graded.effect
    if effect is None:
        return "not pooled"
    return outcome_text(effect.study, effect.outcome)


def outcome_text(study: Any, outcome: Any) -> str:
    """A structured outcome in a line: 'RR 2.29 (95% CI 1.15 to 4.55), p 0.01, Smith et al. 2020'."""
    if outcome.estimate is None:
        arms = "; ".join(f"{a.label} {a.events}/{a.n}" for a in outcome.arms if a.events is not None)
        return f"{arms or 'no estimate reported'}, {study.short}"
    ci = f" (95% CI {number(outcome.ci[0])} to {number(outcome.ci[1])})" if len(outcome.ci) == 2 else ""
    p = ""
    if outcome.p:
        # "p 0.01" but "p<.001": a printed comparison sign needs no space.
        p = f", p{outcome.p}" if outcome.p.startswith(("<", ">", "=")) else f", p {outcome.p}"
    return f"{outcome.measure.label} {number(outcome.estimate)}{ci}{p}, {study.short}"


def claim_effects(claim: Any, studies: Any) -> list[str]:
    """The structured outcomes a claim reports, each as 'outcome, time point: effect' (unknown refs skipped)."""
    lines = []
    for ref in getattr(claim, "effects", ()):
        study = studies.get(ref.study)
        outcome = study.outcome(ref.outcome) if study is not None else None
        if outcome is not None:
            lines.append(f"{outcome.outcome}, {outcome.time_point}: {outcome_text(study, outcome)}")
    return lines


def absolute_effect(graded: GradedProfile) -> str:
    """'280 per 1,000 with the comparator, 641 with it: 361 more (95% CI 42 to 720 more)'."""
    absolute = graded.absolute
    if absolute is None:
        measure = graded.effect.outcome.measure if graded.effect else None
        if measure is not None and measure.value in ("mean-difference", "standardized-mean-difference"):
            return "not applicable (continuous outcome)"
        if measure is not None and measure.value == "proportions":
            return "not computed (the arms' events are not reported)"
        return "not computed (no comparator risk)"
    diff = _more_or_fewer(absolute.difference)
    ci = ""
    if absolute.difference_ci is not None:
        low, high = absolute.difference_ci
        ci = f" (95% CI {_more_or_fewer(low)} to {_more_or_fewer(high)})"
    return (
        f"{absolute.comparator} per 1,000 with the comparator, {absolute.intervention} with the intervention: "
        f"{diff}{ci}"
    )


def _more_or_fewer(value: int) -> str:
    return f"{value} more" if value > 0 else f"{-value} fewer" if value < 0 else "no difference"


def profile_line(graded: GradedProfile) -> str:
    """'Esketamine nasal spray, TRD, short term (1,601 participants in 4 RCTs)' for lists and tables."""
    trials = graded.randomized_trials
    counts = (
        f"{graded.participants:,} participants in {trials} RCT{'' if trials == 1 else 's'}"
        if trials
        else "no direct randomized trial"
    )
    harm = "harm: " if graded.profile.outcome_type == "harm" else ""
    return f"{harm}{graded.profile.label} ({counts})"


def study_role(entry: Any) -> str:
    """'direct' or 'indirect: reason'."""
    return (
        "direct"
        if entry.reason is None and entry.directness.value == "direct"
        else f"{entry.directness.value}" + (f": {entry.reason}" if entry.reason else "")
    )


# What a cited record is, in words a reader of an interaction entry understands.
SOURCE_WORDS = {
    "label": "drug label",
    "regulatory": "regulator's document",
    "rct": "randomized trial",
    "crossover-rct": "randomized crossover trial",
    "meta-analysis": "meta-analysis",
    "systematic-review": "systematic review",
    "open-label": "open-label study",
    "observational": "observational study",
    "case-series": "case series",
    "secondary-analysis": "secondary (post hoc) analysis",
    "pharmacokinetic": "pharmacokinetic study",
    "preclinical": "preclinical study",
    "review": "review",
}


def source_words(types: Any) -> str:
    """'drug label; randomized trial' for the design types of the records an entry cites."""
    return "; ".join(SOURCE_WORDS.get(t.value, t.value) for t in types)
