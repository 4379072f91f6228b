"""GRADE arithmetic: certainty computed from the starting level and the judgments; absolute effects per 1,000."""

from __future__ import annotations

import pytest

from kettool.core.grade import absolute_effect, grade
from kettool.core.models import (
    DOMAINS,
    Certainty,
    ComparatorType,
    Directness,
    Domains,
    EvidenceDesign,
    Judgment,
    Measure,
    Profile,
    ProfileStudy,
    Rating,
    TimeFrame,
    Upgrade,
    UpgradeFactor,
)


def profile(design: EvidenceDesign = EvidenceDesign.RANDOMIZED, upgrades=(), **ratings: Rating) -> Profile:
    """A profile whose domains are not serious except those named."""
    domains = Domains(**{d: Judgment(ratings.get(d, Rating.NOT_SERIOUS), "reason") for d in DOMAINS})
    return Profile(
        id="p",
        label="p",
        drug="esketamine",
        formulation="f",
        population="p",
        comparison="c",
        comparator_type=ComparatorType.PLACEBO,
        outcome="o",
        time_point="t",
        time_frame=TimeFrame.ACUTE,
        design=design,
        studies=(ProfileStudy("s", Directness.DIRECT),),
        domains=domains,
        upgrades=tuple(upgrades),
    )


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ({}, Certainty.HIGH),
        ({"risk_of_bias": Rating.SERIOUS}, Certainty.MODERATE),
        ({"risk_of_bias": Rating.SERIOUS, "imprecision": Rating.SERIOUS}, Certainty.LOW),
        ({"imprecision": Rating.VERY_SERIOUS}, Certainty.LOW),
        ({"risk_of_bias": Rating.SERIOUS, "imprecision": Rating.VERY_SERIOUS}, Certainty.VERY_LOW),
        ({d: Rating.VERY_SERIOUS for d in DOMAINS}, Certainty.VERY_LOW),
    ],
)
def test_randomized_evidence_starts_high_and_each_concern_lowers_it(ratings, expected):
    computed = grade(profile(**ratings))
    assert computed.start is Certainty.HIGH
    assert computed.certainty is expected
    assert [d for d, _ in computed.lowered_by] == [d for d in DOMAINS if d in ratings]


def test_observational_evidence_starts_low_and_can_be_raised():
    assert grade(profile(EvidenceDesign.OBSERVATIONAL)).certainty is Certainty.LOW
    large = Upgrade(UpgradeFactor.LARGE_EFFECT, "RR above 5")
    very_large = Upgrade(UpgradeFactor.VERY_LARGE_EFFECT, "RR above 10")
    assert grade(profile(EvidenceDesign.OBSERVATIONAL, [large])).certainty is Certainty.MODERATE
    assert grade(profile(EvidenceDesign.OBSERVATIONAL, [very_large])).certainty is Certainty.HIGH
    assert grade(profile(EvidenceDesign.OBSERVATIONAL, [very_large, large])).certainty is Certainty.HIGH
    lowered = profile(EvidenceDesign.OBSERVATIONAL, [large], inconsistency=Rating.SERIOUS)
    assert grade(lowered).certainty is Certainty.LOW


def test_upgrades_never_raise_randomized_evidence():
    upgraded = profile(
        EvidenceDesign.RANDOMIZED, [Upgrade(UpgradeFactor.LARGE_EFFECT, "x")], imprecision=Rating.SERIOUS
    )
    assert grade(upgraded).certainty is Certainty.MODERATE
    assert grade(upgraded).raised_by == ()


def test_risk_ratio_per_1000():
    # 280 per 1,000 with placebo and RR 2.29 (1.15 to 4.55): 641 with the intervention, 361 more (42 to 994 more).
    absolute = absolute_effect(Measure.RISK_RATIO, 2.29, (1.15, 4.55), 280)
    assert absolute is not None
    assert (absolute.comparator, absolute.intervention, absolute.difference) == (280, 641, 361)
    assert absolute.difference_ci == (42, 720)  # the upper bound is capped at 1,000 events per 1,000


def test_odds_ratio_hazard_ratio_and_risk_difference_per_1000():
    odds = absolute_effect(Measure.ODDS_RATIO, 2.0, (1.0, 4.0), 200)
    assert odds is not None and odds.intervention == 333  # 0.2 x 2 / (1 - 0.2 + 0.2 x 2) = 0.3333
    assert odds.difference_ci == (0, 300)
    hazard = absolute_effect(Measure.HAZARD_RATIO, 0.5, (0.25, 1.0), 400)
    assert hazard is not None and hazard.intervention == 225  # 1 - 0.6 ** 0.5 = 0.2254
    difference = absolute_effect(Measure.RISK_DIFFERENCE, -0.1, (-0.2, 0.0), 300)
    assert difference is not None and (difference.intervention, difference.difference_ci) == (200, (-200, 0))


def test_continuous_measures_have_no_absolute_effect():
    assert absolute_effect(Measure.MEAN_DIFFERENCE, -5.0, (-9.0, -1.0), 300) is None
    assert absolute_effect(Measure.STANDARDIZED_MEAN_DIFFERENCE, 0.3, (0.1, 0.5), 300) is None
    assert absolute_effect(Measure.RISK_RATIO, None, (), 300) is None
