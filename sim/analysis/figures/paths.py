"""Figures of escalation paths on the reporting ladder: fan chart, ladder occupancy, sample
paths and transition paths. Rungs are named by the ladder of the scenario that ran."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from sim.analysis.figures.style import (
    colour,
    figure,
    rung_axis,
    rung_label,
    series_color,
    short,
)
from sim.ladder import Ladder


def fan_figure(fan: pd.DataFrame, ladder: Ladder, step_unit: str = "week") -> Figure:
    """Fan chart per key dyad: the median rung across runs (line), 50% band (q25-q75, dark)
    and 90% band (q05-q95, light)."""
    dyads = list(dict.fromkeys(fan["dyad"]))
    fig, axes = figure(5.2 * len(dyads) + 2, 6.2, ncols=len(dyads), sharey=True, squeeze=False)
    low, high = fan["q05"].min(), fan["q95"].max()
    for k, (ax, dyad) in enumerate(zip(axes[0], dyads, strict=True)):
        part = fan[fan["dyad"] == dyad]
        color = series_color(k)
        for lower, upper, alpha, label in (
            ("q05", "q95", 0.18, "90% of runs"),
            ("q25", "q75", 0.4, "50% of runs"),
        ):
            ax.fill_between(
                part["step"],
                part[lower],
                part[upper],
                color=color,
                alpha=alpha,
                step="mid",
                label=label,
                lw=0,
            )
        ax.plot(
            part["step"], part["median"], color=color, lw=2.5, drawstyle="steps-mid", label="median"
        )
        ax.set_title(dyad)
        ax.set_xlabel(f"Step ({step_unit}s)")
        ax.grid(axis="y", alpha=0.3)
        if k == 0:
            rung_axis(ax, ladder, low, high)
            ax.set_ylabel("Escalation rung")
            fig.legend(loc="outside lower center", ncols=3, frameon=False)
    scenario = fan["scenario"].iloc[0]
    runs = int(fan["runs"].max())
    fig.suptitle(f"Escalation level over time, {scenario} ({runs:,} runs)")
    return fig


def heatmap_figure(
    occ: pd.DataFrame, dyad: str, scenario: str, ladder: Ladder, step_unit: str = "week"
) -> Figure:
    """Ladder occupancy: share of runs at each rung (rows) at each step (columns)."""
    fig, ax = figure(12, 1.5 + 0.35 * len(occ))
    image = ax.imshow(
        occ.to_numpy(),
        aspect="auto",
        origin="lower",
        cmap="viridis",
        vmin=0,
        vmax=1,
        interpolation="nearest",
    )
    ax.set_yticks(np.arange(len(occ)), [rung_label(ladder, int(r)) for r in occ.index])
    ax.set_xlabel(f"Step ({step_unit}s)")
    ax.set_ylabel("Escalation rung")
    bar = fig.colorbar(image, ax=ax)
    bar.set_label("Share of runs at the rung")
    ax.set_title(f"Ladder occupancy of {dyad}, {scenario}")
    return fig


def paths_figure(
    sample: pd.DataFrame, dyad: str, scenario: str, ladder: Ladder, step_unit: str = "week"
) -> Figure:
    """A sample of runs' paths of one dyad, coloured by outcome (slightly jittered so
    overlapping paths show)."""
    fig, ax = figure(12, 6.5)
    rng = np.random.default_rng(0)
    seen = set()
    for _, part in sample.groupby("run_id", sort=False):
        outcome = part["outcome"].iloc[0]
        jitter = rng.uniform(-0.15, 0.15)
        ax.plot(
            part["step"],
            part["level"] + jitter,
            drawstyle="steps-mid",
            lw=1.3,
            alpha=0.7,
            color=colour(outcome),
            label=None if outcome in seen else short(outcome),
        )
        seen.add(outcome)
    rung_axis(ax, ladder, sample["level"].min(), sample["level"].max())
    ax.set_xlabel(f"Step ({step_unit}s)")
    ax.set_ylabel("Escalation rung")
    ax.grid(axis="y", alpha=0.3)
    ax.legend(frameon=True, loc="lower right", title="Outcome of the run")
    n = sample["run_id"].nunique()
    ax.set_title(f"Sample of {n} paths of {dyad}, {scenario}, coloured by outcome")
    return fig


def transitions_figure(table: pd.DataFrame, dyad: str, scenario: str) -> Figure:
    """The most frequent rung paths into each outcome (last rungs before the outcome), as
    bars of the share of that outcome's runs taking each path."""
    fig, ax = figure(13, 1.5 + 0.45 * len(table) + 0.6 * table["outcome"].nunique())
    y, labels, colors, ticks = 0.0, [], [], []
    for outcome, part in table.groupby("outcome", sort=False):
        ax.text(
            0.0,
            y - 0.1,
            f"{short(outcome)} ({int(part['outcome_runs'].iloc[0]):,} runs)",
            ha="left",
            va="center",
            fontsize=12,
            fontweight="bold",
            color=colour(outcome),
        )
        y += 1
        for _, row in part.iterrows():
            ax.barh(y, row["share"], color=colour(outcome), height=0.8)
            ax.text(row["share"] + 0.01, y, f"{row['runs']:,}", va="center", fontsize=10)
            ticks.append(y)
            labels.append(row["path"])
            colors.append(colour(outcome))
            y += 1
        y += 0.4
    ax.set_yticks(ticks, labels, fontsize=10)
    for tick, color in zip(ax.get_yticklabels(), colors, strict=True):
        tick.set_color("black")
        tick.set_bbox({"facecolor": color, "alpha": 0.15, "edgecolor": "none", "pad": 1})
    ax.invert_yaxis()
    ax.set_xlim(0, 1.05)
    ax.set_xlabel("Share of the outcome's runs taking the path")
    ax.set_title(f"Most frequent rung paths of {dyad} into each outcome, {scenario}")
    return fig
