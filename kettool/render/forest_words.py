"""What every format says about a forest plot: row labels, arm sizes, estimates, favours labels, and the scale."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

from kettool.core.forest_answers import Axis, ForestGroup, ForestPlot, ForestRow, NotPlotted
from kettool.render.evidence_words import number

if TYPE_CHECKING:
    from kettool.render.reference_list import CitationNumbers

NOTE = (
    "kettool does not pool: squares are single studies (95% CI as a line); diamonds are pooled estimates "
    "that published meta-analyses report."
)


def group_title(plot_group: ForestGroup) -> str:
    """'Compared with placebo' for a group of plots."""
    kind = plot_group.comparator_type
    return f"Compared with {kind.words}" if kind.value != "none" else "Without a comparator"


def row_label(row: ForestRow) -> str:
    """The study's short name, marked when its estimate is a published pooled one."""
    return f"{row.study.short} (pooled)" if row.pooled else row.study.short


def row_labels(plot: ForestPlot, cites: CitationNumbers) -> dict[int, str]:
    """Each row's label with its reference marks, keyed by the row's id(): what every drawing writes beside a bar."""
    return {id(r): f"{row_label(r)} {cites.marks([r.study.id])}" for r in (*plot.rows, *plot.pooled)}


def missing_reasons(missing: Iterable[NotPlotted]) -> str:
    """Why a profile has nothing to plot: each study with its reason."""
    return "; ".join(f"{n.study.short}: {n.reason}" for n in missing) or "no studies listed"


def arms(row: ForestRow) -> str:
    """'114/109': the size of each arm as reported ('' when the outcome lists no arms)."""
    return "/".join(str(a.n) for a in row.outcome.arms)


def estimate(row: ForestRow) -> str:
    """'-4.0 [-7.31, -0.64]': the estimate and its 95% CI as the paper printed them."""
    return f"{number(row.estimate)} [{number(row.low)}, {number(row.high)}]"


def measure_heading(plot: ForestPlot) -> str:
    """'MD [95% CI]' over the estimates column."""
    return f"{plot.measure.label} [95% CI]"


def subtitle(plot: ForestPlot) -> str:
    """The outcome, time point, measure and scale a plot shows."""
    scale = ", log scale" if plot.axis.log else ""
    return f"{plot.profile.outcome}, {plot.profile.time_point} ({plot.measure.label}{scale})"


def favours(plot: ForestPlot) -> tuple[str, str] | None:
    """The labels under the left and right of the axis ('favours esketamine', 'favours placebo'), if known."""
    if plot.favours not in ("lower", "higher"):
        return None
    intervention, comparator = f"favours {plot.intervention}", f"favours {plot.comparator}"
    return (intervention, comparator) if plot.favours == "lower" else (comparator, intervention)


def position(axis: Axis, value: float) -> float:
    """Where a value lies on the axis, from 0 (left end) to 1 (right end), clamped."""
    if axis.log:
        value = max(value, 1e-12)
        share = (math.log10(value) - math.log10(axis.low)) / (math.log10(axis.high) - math.log10(axis.low))
    else:
        share = (value - axis.low) / (axis.high - axis.low)
    return min(1.0, max(0.0, share))


def tick_label(value: float) -> str:
    """A tick as a short number: '0.5', '1', '10', '-2.5'."""
    return f"{value:g}"
