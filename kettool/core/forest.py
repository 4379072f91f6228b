"""Forest plots from the structured outcomes: which estimates go on a profile's plot, on what axis, and which do not.

kettool does not pool: a plot shows each study's own estimate and the pooled estimates that published
meta-analyses report, and lists every other study of the profile with the reason it is not drawn.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from typing import TypeVar

from kettool.core.errors import NotFoundError
from kettool.core.evidence import graded_profile
from kettool.core.forest_answers import Axis, Forest, ForestGroup, ForestPlot, ForestRow, NotPlotted
from kettool.core.lookup import normalize, suggest
from kettool.core.models import ComparatorType, Condition, DesignType, Directness, KnowledgeBase, Measure, Profile

T = TypeVar("T")
_POOLED_DESIGNS = (DesignType.META_ANALYSIS, DesignType.SYSTEMATIC_REVIEW)
# Round numbers a log axis may carry as ticks.
_LOG_TICKS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)


class Filters:
    """The filters `kettool forest` accepts, each matched case-insensitively (None: no filter)."""

    __slots__ = ("comparator", "design", "outcome", "profile")

    def __init__(
        self,
        profile: str | None = None,
        outcome: str | None = None,
        comparator: str | None = None,
        design: str | None = None,
    ):
        self.profile = profile
        self.outcome = outcome
        self.comparator = comparator
        self.design = design

    def asked(self) -> dict[str, str]:
        """The filters given, by name."""
        named = {"profile": self.profile, "outcome": self.outcome, "comparator": self.comparator, "design": self.design}
        return {k: v for k, v in named.items() if v is not None}


def forest(kb: KnowledgeBase, condition: Condition, filters: Filters) -> Forest:
    """A condition's forest plots, one per profile with something to draw, grouped by comparator type."""
    profiles = _chosen_profiles(condition, filters)
    design = _chosen_design(filters.design)
    plots: list[ForestPlot] = []
    without: list[tuple[Profile, tuple[NotPlotted, ...]]] = []
    for profile in profiles:
        plot = forest_plot(kb, profile, design)
        if plot.rows or plot.pooled:
            plots.append(plot)
        else:
            without.append((profile, plot.not_plotted))
    if not plots:
        raise NotFoundError(
            "forest plot",
            condition.id,
            [],
            f"`kettool why {condition.id}` shows each profile's studies and what they report",
            f"{condition.name} has no structured outcome with an estimate and a 95% CI to plot"
            + (" under these filters" if filters.asked() else ""),
        )
    groups = []
    for kind in ComparatorType:
        chosen = tuple(p for p in plots if p.profile.comparator_type is kind)
        if chosen:
            groups.append(ForestGroup(kind, chosen))
    # Every study the answer names, on a plot or under one, so that every reference can be listed in full.
    shown = [row.study for plot in plots for row in (*plot.rows, *plot.pooled)]
    left_off = [n.study for plot in plots for n in plot.not_plotted]
    left_off += [n.study for _, missing in without for n in missing]
    return Forest(condition, tuple(groups), filters.asked(), tuple(without), {s.id: s for s in (*shown, *left_off)})


def forest_plot(kb: KnowledgeBase, profile: Profile, design: DesignType | None = None) -> ForestPlot:
    """One profile's plot: the estimates comparable with its question on one measure, and why the others are off it."""
    graded = graded_profile(profile, kb)
    candidates: list[ForestRow] = []
    not_plotted: list[NotPlotted] = []
    for evidence in (*graded.direct, *graded.indirect):
        study, outcome = evidence.study, evidence.outcome
        reason = None
        if design is not None and study.design_type is not design:
            reason = f"a {study.design_type.value} study, left out by --design {design.value}"
        elif evidence.directness is Directness.INDIRECT:
            reason = f"indirect evidence: {evidence.reason}" if evidence.reason else "indirect evidence"
        elif outcome is None:
            reason = "no structured outcome is recorded for this question"
        elif outcome.measure is Measure.PROPORTIONS:
            reason = "reports proportions per arm, not an effect estimate with a 95% CI"
        elif outcome.estimate is None or len(outcome.ci) != 2:
            reason = f"reports no {'estimate' if outcome.estimate is None else '95% CI'} for this outcome"
        elif outcome.comparator_type not in (None, profile.comparator_type):
            reason = f"compared with {outcome.comparator_type.words}, not {profile.comparator_type.words}"
        if reason is not None or outcome is None or outcome.estimate is None:
            not_plotted.append(NotPlotted(study, reason or "not comparable"))
            continue
        low, high = sorted(outcome.ci)
        pooled = study.design_type in _POOLED_DESIGNS
        candidates.append(ForestRow(study, outcome, outcome.estimate, low, high, pooled))
    measure = _plotted_measure(graded.effect.outcome.measure if graded.effect else None, candidates)
    favours = next((r.outcome.favours for r in candidates if r.outcome.measure is measure and r.outcome.favours), None)
    if graded.effect is not None and graded.effect.outcome.measure is measure and graded.effect.outcome.favours:
        favours = graded.effect.outcome.favours
    kept: list[ForestRow] = []
    for row in candidates:
        if row.outcome.measure is not measure:
            not_plotted.append(
                NotPlotted(row.study, f"reports {row.outcome.measure.label}; this plot shows {measure.label}")
            )
        elif favours and row.outcome.favours and row.outcome.favours != favours:
            not_plotted.append(
                NotPlotted(
                    row.study,
                    f"its {row.outcome.measure.label} favours the intervention when {row.outcome.favours}, "
                    f"this plot's when {favours}",
                )
            )
        else:
            kept.append(row)
    rows = tuple(r for r in kept if not r.pooled)
    pooled_rows = tuple(r for r in kept if r.pooled)
    axis = axis_for(measure, [v for r in kept for v in (r.low, r.high, r.estimate)])
    return ForestPlot(
        profile,
        graded.grade.certainty,
        measure,
        axis,
        rows,
        pooled_rows,
        tuple(not_plotted),
        favours,
        _intervention_words(profile.drug),
        profile.comparator_type.words,
    )


def _plotted_measure(effect_measure: Measure | None, rows: list[ForestRow]) -> Measure:
    """The profile's own effect measure when it can be drawn, else the one most of its estimates use."""
    measures = [r.outcome.measure for r in rows]
    if effect_measure is not None and effect_measure in measures:
        return effect_measure
    if measures:
        return Counter(measures).most_common(1)[0][0]
    return effect_measure or Measure.MEAN_DIFFERENCE


def _intervention_words(drug: str) -> str:
    """'racemic-ketamine' -> 'ketamine', as the plot's 'favours ...' label says it."""
    return drug.replace("racemic-", "").replace("-", " ")


def axis_for(measure: Measure, values: Iterable[float]) -> Axis:
    """A scale holding every value and the line of no effect, with round-numbered ticks (logarithmic for ratios)."""
    if measure.is_ratio:
        positive = [v for v in values if v > 0] or [1.0]
        low, high = min(*positive, 1.0), max(*positive, 1.0)
        low_log, high_log = math.log10(low), math.log10(high)
        pad = max((high_log - low_log) * 0.05, 0.05)
        low, high = 10 ** (low_log - pad), 10 ** (high_log + pad)
        ticks: list[float] = [t for t in _LOG_TICKS if low <= t <= high]
        while len(ticks) > 7:  # thin while keeping 1, the line of no effect
            ticks = [t for i, t in enumerate(ticks) if t == 1 or i % 2 == ticks.index(1) % 2]
        return Axis(low, high, 1.0, tuple(float(t) for t in ticks), True)
    finite = list(values) or [0.0]
    low, high = min(*finite, 0.0), max(*finite, 0.0)
    if high == low:
        high = low + 1.0
    step = _nice_step((high - low) / 4)
    low, high = math.floor(low / step) * step, math.ceil(high / step) * step
    count = round((high - low) / step)
    return Axis(low, high, 0.0, tuple(round(low + i * step, 10) for i in range(count + 1)), False)


def _nice_step(rough: float) -> float:
    """The round number (1, 2, 2.5 or 5 times a power of ten) nearest above a rough tick spacing."""
    power = 10 ** math.floor(math.log10(rough))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= rough)


def _chosen_profiles(condition: Condition, filters: Filters) -> list[Profile]:
    """The condition's profiles that pass the profile, outcome and comparator filters (did-you-mean when one fails)."""
    profiles = list(condition.profiles)
    if filters.profile is not None:
        by_id = {p.id: p for p in profiles}
        profiles = [_named("profile", filters.profile, by_id, f"run `kettool why {condition.id}` to see its profiles")]
    if filters.comparator is not None:
        kinds = {k.value: k for k in ComparatorType}
        kind = _named("comparator type", filters.comparator, kinds, "comparator types: " + ", ".join(kinds))
        present = sorted({p.comparator_type.value for p in profiles})
        profiles = [p for p in profiles if p.comparator_type is kind]
        if not profiles:
            raise NotFoundError(
                f"profile of {condition.id} compared with",
                filters.comparator,
                present,
                "its profiles compare with: " + ", ".join(present),
            )
    if filters.outcome is not None:
        wanted = normalize(filters.outcome)
        matching = [p for p in profiles if wanted and wanted in _outcome_words(p)]
        if not matching:
            vocabulary = {w: w for p in profiles for w in _outcome_words(p).split() if len(w) > 3}
            raise NotFoundError(
                f"outcome of {condition.id}",
                filters.outcome,
                suggest(wanted, vocabulary),
                "the outcome filter matches words of a profile's outcome and time point",
            )
        profiles = matching
    return profiles


def _outcome_words(profile: Profile) -> str:
    """A profile's outcome, time point and the outcome ids of its studies, normalized for matching."""
    ids = " ".join(s.outcome for s in profile.studies if s.outcome)
    return f" {normalize(profile.outcome)} {normalize(profile.time_point)} {normalize(ids)} "


def _chosen_design(design: str | None) -> DesignType | None:
    """The study design a --design filter names (did-you-mean when it names none)."""
    if design is None:
        return None
    kinds = {k.value: k for k in DesignType}
    return _named("study design", design, kinds, "designs: " + ", ".join(kinds))


def _named(kind: str, asked: str, choices: dict[str, T], hint: str) -> T:
    """The choice whose name the user's words match (case and punctuation aside), or did-you-mean."""
    wanted = normalize(asked)
    found = {normalize(name): value for name, value in choices.items()}
    if wanted not in found:
        raise NotFoundError(kind, asked, suggest(wanted, {normalize(name): name for name in choices}), hint)
    return found[wanted]
