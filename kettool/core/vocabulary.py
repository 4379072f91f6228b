"""The closed vocabularies of the knowledge base: certainty levels, study designs, GRADE ratings, effect measures.

Each is a Words class (words.py): an enum to every reader, defined at a fraction of an enum's start-up cost.
"""

from __future__ import annotations

from kettool.core.words import Words


class Certainty(Words):
    """Certainty of evidence (GRADE's four levels)."""

    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"
    VERY_LOW = "very-low"

    @property
    def rank(self) -> int:
        """4 for high down to 1 for very low, for sorting and drawing scales."""
        return {"high": 4, "moderate": 3, "low": 2, "very-low": 1}[self.value]

    @property
    def label(self) -> str:
        """The level as people say it ('very low')."""
        return self.value.replace("-", " ")

    @classmethod
    def of_rank(cls, rank: int) -> Certainty:
        """The level for a rank, clamped to 1 (very low) to 4 (high)."""
        return {4: cls.HIGH, 3: cls.MODERATE, 2: cls.LOW, 1: cls.VERY_LOW}[max(1, min(4, rank))]


class DesignType(Words):
    """The kind of study or document a record describes."""

    RCT = "rct"
    CROSSOVER_RCT = "crossover-rct"
    META_ANALYSIS = "meta-analysis"
    SYSTEMATIC_REVIEW = "systematic-review"
    OPEN_LABEL = "open-label"
    OBSERVATIONAL = "observational"
    CASE_SERIES = "case-series"
    SECONDARY_ANALYSIS = "secondary-analysis"
    PHARMACOKINETIC = "pharmacokinetic"
    PRECLINICAL = "preclinical"
    REVIEW = "review"
    LABEL = "label"
    REGULATORY = "regulatory"

    @property
    def is_randomized(self) -> bool:
        """True for randomized controlled designs."""
        return self in (DesignType.RCT, DesignType.CROSSOVER_RCT)


class Rating(Words):
    """A GRADE judgment on one domain: how much it lowers certainty."""

    NOT_SERIOUS = "not-serious"
    SERIOUS = "serious"
    VERY_SERIOUS = "very-serious"

    @property
    def steps(self) -> int:
        """Levels of certainty this rating takes away: 0, 1 or 2."""
        return {"not-serious": 0, "serious": 1, "very-serious": 2}[self.value]


class EvidenceDesign(Words):
    """Where GRADE starts a body of evidence: randomized trials high, observational studies low."""

    RANDOMIZED = "randomized"
    OBSERVATIONAL = "observational"

    @property
    def starting_level(self) -> Certainty:
        """The level before any domain is judged."""
        return Certainty.HIGH if self is EvidenceDesign.RANDOMIZED else Certainty.LOW


class UpgradeFactor(Words):
    """GRADE's reasons to raise the certainty of observational evidence."""

    LARGE_EFFECT = "large-effect"
    VERY_LARGE_EFFECT = "very-large-effect"
    DOSE_RESPONSE = "dose-response"
    OPPOSING_CONFOUNDING = "opposing-confounding"

    @property
    def steps(self) -> int:
        """Levels of certainty this factor adds."""
        return 2 if self is UpgradeFactor.VERY_LARGE_EFFECT else 1


class Directness(Words):
    """Whether a study answers a profile's question itself, or only bears on it."""

    DIRECT = "direct"
    INDIRECT = "indirect"


class Measure(Words):
    """How an effect is expressed."""

    MEAN_DIFFERENCE = "mean-difference"
    STANDARDIZED_MEAN_DIFFERENCE = "standardized-mean-difference"
    ODDS_RATIO = "odds-ratio"
    RISK_RATIO = "risk-ratio"
    HAZARD_RATIO = "hazard-ratio"
    RISK_DIFFERENCE = "risk-difference"
    PROPORTIONS = "proportions"

    @property
    def is_ratio(self) -> bool:
        """True for ratio measures, whose line of no effect is 1 (and drawn on a log scale)."""
        return self in (Measure.ODDS_RATIO, Measure.RISK_RATIO, Measure.HAZARD_RATIO)

    @property
    def label(self) -> str:
        """The measure as a reader knows it ('RR', 'SMD')."""
        return {
            "mean-difference": "MD",
            "standardized-mean-difference": "SMD",
            "odds-ratio": "OR",
            "risk-ratio": "RR",
            "hazard-ratio": "HR",
            "risk-difference": "RD",
            "proportions": "proportions",
        }[self.value]


class ComparatorType(Words):
    """What the intervention was compared with."""

    PLACEBO = "placebo"
    ACTIVE_PLACEBO = "active-placebo"
    USUAL_CARE = "usual-care"
    ACTIVE_DRUG = "active-drug"
    ECT = "ect"
    WITHDRAWAL = "withdrawal"
    WAITLIST = "waitlist"
    NONE = "none"

    @property
    def words(self) -> str:
        """What the comparator is called on a plot's "favours ..." label."""
        return {
            "placebo": "placebo",
            "active-placebo": "active placebo",
            "usual-care": "usual care",
            "active-drug": "comparator drug",
            "ect": "ECT",
            "withdrawal": "switch to placebo",
            "waitlist": "waitlist",
            "none": "before treatment",
        }[self.value]


class TimeFrame(Words):
    """How long after treatment starts an outcome is measured, in the words profiles are summarised by."""

    ACUTE = "acute"
    SHORT_TERM = "short-term"
    MAINTENANCE = "maintenance"
    LONG_TERM = "long-term"
