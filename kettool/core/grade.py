"""GRADE arithmetic: a profile's certainty from its starting level and judgments, and absolute effects per 1,000.

The rule (documented in docs/kb-authoring.md): randomized evidence starts at high, observational at
low; each serious concern lowers it one level and each very serious concern two; observational
evidence may be raised one level per upgrading factor (two for a very large effect); the result is
kept between very low and high.
"""

from __future__ import annotations

import math

from kettool.core.answers import Absolute, Grade
from kettool.core.models import DOMAINS, Certainty, EvidenceDesign, Measure, Profile, Rating


def grade(profile: Profile) -> Grade:
    """The certainty of a profile's body of evidence, computed from its design, domains and upgrades."""
    start = profile.design.starting_level
    lowered = tuple(
        (d, getattr(profile.domains, d).rating)
        for d in DOMAINS
        if getattr(profile.domains, d).rating is not Rating.NOT_SERIOUS
    )
    down = sum(rating.steps for _, rating in lowered)
    up = sum(u.factor.steps for u in profile.upgrades) if profile.design is EvidenceDesign.OBSERVATIONAL else 0
    raised = tuple(u.factor.value for u in profile.upgrades) if up else ()
    return Grade(Certainty.of_rank(start.rank - down + up), start, lowered, raised)


def absolute_effect(measure: Measure, estimate: float | None, ci: tuple[float, ...], per_1000: int) -> Absolute | None:
    """Events per 1,000 with and without the intervention, from a relative effect and the comparator risk."""
    if estimate is None or not 0 <= per_1000 <= 1000:
        return None
    risk = per_1000 / 1000

    def with_effect(value: float) -> float | None:
        if measure is Measure.RISK_RATIO:
            return risk * value
        if measure is Measure.ODDS_RATIO:
            return risk * value / (1 - risk + risk * value)
        if measure is Measure.HAZARD_RATIO:
            return 1 - (1 - risk) ** value
        if measure is Measure.RISK_DIFFERENCE:
            return risk + value
        return None  # continuous measures have no per-1,000 form

    point = with_effect(estimate)
    if point is None:
        return None
    bounds = [with_effect(v) for v in ci] if len(ci) == 2 else []
    diff_ci = None
    if len(bounds) == 2 and None not in bounds:
        low, high = sorted(_per_1000(b) - per_1000 for b in bounds if b is not None)
        diff_ci = (low, high)
    intervention = _per_1000(point)
    return Absolute(per_1000, intervention, intervention - per_1000, diff_ci)


def _per_1000(risk: float) -> int:
    """A risk as a whole number per 1,000, kept within 0 to 1,000 (half away from zero, as tables round)."""
    value = min(max(risk, 0.0), 1.0) * 1000
    return int(math.floor(value + 0.5))
