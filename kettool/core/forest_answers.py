"""The value of a `forest` answer: each profile's plot, its rows on a shared axis, and what is left off.

Apart from answers.py, so that only the forest plot and the sheet define these records (see answers.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from kettool.core.record_base import Record

if TYPE_CHECKING:
    from kettool.core.models import Certainty, ComparatorType, Condition, Measure, Outcome, Profile, Study


class ForestRow(Record):
    """One study's estimate on a forest plot: a square for a trial, a diamond for a published pooled estimate."""

    study: Study
    outcome: Outcome
    estimate: float
    low: float
    high: float
    pooled: bool  # a meta-analysis or systematic review reporting a pooled estimate (drawn as a diamond)


class NotPlotted(Record):
    """A study of a profile that is not on its plot, and why (another measure, time point, comparator...)."""

    study: Study
    reason: str


class Axis(Record):
    """The shared scale of one plot: its range, the line of no effect, the ticks, and whether it is logarithmic."""

    low: float
    high: float
    no_effect: float
    ticks: tuple[float, ...]
    log: bool


class ForestPlot(Record):
    """One evidence profile drawn as a forest plot: rows on a shared axis, pooled estimates, and what is left off."""

    profile: Profile
    certainty: Certainty
    measure: Measure
    axis: Axis
    rows: tuple[ForestRow, ...]
    pooled: tuple[ForestRow, ...]
    not_plotted: tuple[NotPlotted, ...]
    # Which side favours which arm: 'lower' or 'higher' values favour the intervention (None: not recorded).
    favours: str | None
    intervention: str
    comparator: str


class ForestGroup(Record):
    """The plots of one comparator type (placebo, active placebo, ECT...)."""

    comparator_type: ComparatorType
    plots: tuple[ForestPlot, ...]


class Forest(Record):
    """A condition's forest plots grouped by comparator type, the filters asked for, and every study shown."""

    condition: Condition
    groups: tuple[ForestGroup, ...]
    filters: dict[str, str]
    # Profiles with nothing to plot under the filters, with the reason for each study.
    without_plot: tuple[tuple[Profile, tuple[NotPlotted, ...]], ...]
    studies: Mapping[str, Study]
