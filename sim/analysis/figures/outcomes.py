"""Figures of outcome distributions: shares by severity, and comparisons between groups."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from sim.analysis.figures.style import colour, figure, seen_outcomes, short
from sim.analysis.stats import wilson
from sim.outcomes import OUTCOME_BY_NAME, OUTCOME_NAMES

#: Outcomes of at least this severity (alliance fracture, direct clash, nuclear use) are the
#: severe ones whose joint share the severity figure reports.
SEVERE = 3


def by_severity(outcomes) -> list[str]:
    """Outcomes from the least to the most severe (precedence breaks ties)."""
    order = {o: i for i, o in enumerate(OUTCOME_NAMES)}
    return sorted(outcomes, key=lambda o: (OUTCOME_BY_NAME[o].severity, -order[o]))


def severe_share(shares: pd.DataFrame, group: str, severe: int = SEVERE) -> pd.DataFrame:
    """Per group: runs, runs ending in an outcome of severity >= ``severe``, their share and
    its Wilson interval."""
    worst = [o for o in OUTCOME_NAMES if OUTCOME_BY_NAME[o].severity >= severe]
    part = shares[shares["outcome"].isin(worst)]
    table = part.groupby(group, sort=False).agg(runs=("runs", "first"), count=("count", "sum"))
    table["share"] = table["count"] / table["runs"]
    table["low"], table["high"] = wilson(table["count"], table["runs"])
    return table.reset_index()


def outcomes_figure(
    shares: pd.DataFrame, group: str = "scenario", severe: int = SEVERE, title: str | None = None
) -> Figure:
    """One stacked bar per group: the outcome shares from the least severe (left) to the most
    severe (right), in the outcomes' colours; at the right, the share of severe outcomes
    (severity >= ``severe``) with its 95% Wilson interval."""
    groups = list(dict.fromkeys(shares[group].astype(str)))
    outcomes = by_severity(seen_outcomes(shares))
    fig, ax = figure(13, 2.2 + 0.75 * len(groups))
    left = np.zeros(len(groups))
    for outcome in outcomes:
        part = shares[shares["outcome"] == outcome].set_index(group)
        values = part["share"].reindex(groups).fillna(0).to_numpy()
        ax.barh(
            groups,
            values,
            left=left,
            color=colour(outcome),
            edgecolor="white",
            height=0.7,
            label=f"{short(outcome)} (severity {OUTCOME_BY_NAME[outcome].severity})",
        )
        for y, (x, v) in enumerate(zip(left, values, strict=True)):
            if v >= 0.06:
                dark = OUTCOME_BY_NAME[outcome].severity >= 4
                ax.text(
                    x + v / 2,
                    y,
                    f"{v:.0%}",
                    ha="center",
                    va="center",
                    fontsize=10,
                    color="white" if dark else "black",
                )
        left += values
    worst = severe_share(shares, group, severe).set_index(group).reindex(groups)
    for y, row in enumerate(worst.itertuples()):
        ax.text(
            1.02,
            y,
            f"{row.share:.1%} [{row.low:.1%}, {row.high:.1%}]",
            ha="left",
            va="center",
            fontsize=10,
        )
    ax.text(1.02, -0.6, f"severity ≥ {severe} (95% CI)", ha="left", va="bottom", fontsize=10)
    runs = [int(worst.loc[g, "runs"]) for g in groups]
    ax.set_yticks(
        range(len(groups)), [f"{g}\n(n = {n:,})" for g, n in zip(groups, runs, strict=True)]
    )
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel("Share of runs (least severe outcome on the left)")
    fig.legend(loc="outside lower center", ncols=min(4, len(outcomes)), frameon=False)
    ax.set_title(title or "Outcome shares by severity")
    return fig


def _share_bars(ax, shares: pd.DataFrame, group: str, groups: list[str], outcomes) -> None:
    height = 0.8 / len(outcomes)
    for j, outcome in enumerate(outcomes):
        part = shares[shares["outcome"] == outcome]
        part = part.set_index(part[group].astype(str)).reindex(groups)
        y = np.arange(len(groups)) + (j - (len(outcomes) - 1) / 2) * height
        ax.barh(y, part["share"], height=height, color=colour(outcome), label=short(outcome))
        ax.errorbar(
            part["share"],
            y,
            xerr=[part["share"] - part["low"], part["high"] - part["share"]],
            fmt="none",
            ecolor="black",
            elinewidth=1,
            capsize=2,
        )
    labels = []
    for g in groups:
        n = int(shares.loc[shares[group].astype(str) == g, "runs"].iloc[0])
        labels.append(f"{g}\n(n = {n:,})")
    ax.set_yticks(np.arange(len(groups)), labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("Share of runs")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=3, frameon=False)


def compare_figure(comparison) -> Figure:
    """Left: outcome shares per group with Wilson intervals. Right: the difference of each
    group's share from the reference group's, with Newcombe intervals (a difference whose
    interval crosses 0 is not distinguishable from chance). Outcomes no group reached are
    left out."""
    groups = comparison.groups
    outcomes = seen_outcomes(comparison.shares)
    fig, (left, right) = figure(
        14, 2.0 + 1.1 * len(groups) + 1.5, ncols=2, gridspec_kw={"width_ratios": [1.2, 1]}
    )
    _share_bars(left, comparison.shares, "group", groups, outcomes)
    left.set_title("Outcome shares (95% Wilson intervals)")
    diff = comparison.differences
    others = groups[1:]
    height = 0.8 / len(outcomes)
    for j, outcome in enumerate(outcomes):
        part = diff[diff["outcome"] == outcome].set_index("group").reindex(others)
        y = np.arange(len(others)) + (j - (len(outcomes) - 1) / 2) * height
        right.errorbar(
            part["difference"] * 100,
            y,
            xerr=[
                (part["difference"] - part["low"]) * 100,
                (part["high"] - part["difference"]) * 100,
            ],
            fmt="o",
            color=colour(outcome),
            capsize=3,
            markersize=6,
        )
    right.axvline(0, color="grey", lw=1)
    right.set_yticks(np.arange(len(others)), others)
    right.invert_yaxis()
    right.set_xlabel("Difference from the reference (percentage points)")
    right.set_title(f"Risk difference (95% Newcombe intervals)\nreference: {comparison.reference}")
    fig.suptitle("Outcome distributions compared")
    return fig
