"""What every figure shares: text sizes for slides, the colours of series that are not outcomes,
rung axes named by a scenario's ladder, and ``save`` (PNG at 200 dpi and SVG).

Outcome colours and names are the outcomes' own (``sim.outcomes.OUTCOMES``), so every figure,
the dashboard and the docs show an outcome the same way."""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from sim.ladder import Ladder
from sim.outcomes import OUTCOME_BY_NAME, OUTCOME_NAMES

#: Colours of series that are not outcomes (scenarios, groups, dyads), in order: the
#: colour-blind-safe palette of Okabe and Ito (2008).
SERIES_COLORS = [
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
]
STYLE = {
    "font.size": 12,
    "axes.titlesize": 14,
    "axes.labelsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 11,
    "figure.titlesize": 15,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.fonttype": "none",
    "svg.hashsalt": "escsim",  # the same figure gives the same SVG (stable ids)
}


def series_color(k: int) -> str:
    return SERIES_COLORS[k % len(SERIES_COLORS)]


def colour(outcome: str) -> str:
    return OUTCOME_BY_NAME[outcome].colour


def short(outcome: str) -> str:
    return OUTCOME_BY_NAME[outcome].short


def seen_outcomes(table: pd.DataFrame, count: str = "count") -> list[str]:
    """Outcomes (in precedence order) that some group of ``table`` reached: figures leave out
    outcomes no run ended in; tables keep every outcome."""
    reached = set(table.loc[table[count] > 0, "outcome"])
    return [o for o in OUTCOME_NAMES if o in reached] or [OUTCOME_NAMES[-1]]


def figure(width: float = 11, height: float = 6.2, **kwargs):
    with plt.rc_context(STYLE):
        return plt.subplots(figsize=(width, height), layout="constrained", **kwargs)


def small_multiples(
    n: int, columns: int, width: float, height: float, xlabel: str, ylabel: str
) -> tuple[Figure, list]:
    """``n`` panels of ``width`` x ``height`` inches on a grid at most ``columns`` wide,
    sharing both axes; the y label on the first column, the x label (and tick labels) on the
    lowest panel of each column."""
    cols = min(columns, n)
    rows = math.ceil(n / cols)
    fig, grid = figure(
        width * cols + 1,
        height * rows + 1.2,
        nrows=rows,
        ncols=cols,
        sharex=True,
        sharey=True,
        squeeze=False,
    )
    axes = list(grid.flat)
    for ax in axes[n:]:
        ax.set_visible(False)
    for k, ax in enumerate(axes[:n]):
        if k % cols == 0:
            ax.set_ylabel(ylabel)
        if k >= n - cols:
            ax.set_xlabel(xlabel)
            ax.xaxis.set_tick_params(labelbottom=True)
    return fig, axes[:n]


def rung_label(ladder: Ladder, level: int) -> str:
    return f"{ladder.name(level)} ({level})" if 0 <= level <= ladder.top else f"rung {level}"


def rung_axis(ax, ladder: Ladder, low: float, high: float) -> None:
    """Y axis from one rung below ``low`` to one above ``high``, ticks named by ``ladder``."""
    low, high = max(0, int(np.floor(low)) - 1), min(ladder.top, int(np.ceil(high)) + 1)
    ticks = np.arange(low, high + 1)
    ax.set_yticks(ticks, [rung_label(ladder, int(t)) for t in ticks])
    ax.set_ylim(low - 0.5, high + 0.5)


def save(fig: Figure, path: str | Path) -> list[Path]:
    """Write ``path`` as PNG and SVG (the suffix given is replaced); returns both paths."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = [path.with_suffix(".png"), path.with_suffix(".svg")]
    with plt.rc_context(STYLE):
        fig.savefig(out[0], dpi=200)
        fig.savefig(out[1], metadata={"Date": None})
    plt.close(fig)
    return out
