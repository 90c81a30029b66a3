"""Figures of sweep results (matplotlib), one function per figure, ready for notebooks.

One colour-blind-safe palette (Okabe and Ito 2008) throughout: each outcome has one fixed
colour in every figure (``OUTCOME_COLORS``). Steps are weeks; rungs are named on the axes.
``save(fig, path)`` writes PNG (200 dpi) and SVG side by side.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from sim.analysis.indicators import INDICATOR_LABELS
from sim.analysis.survival import THRESHOLD_LABELS
from sim.ladder import DEFAULT_LADDER
from sim.outcomes import OUTCOMES

OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}
#: The colour of each outcome, the same in every figure.
OUTCOME_COLORS = {
    "nuclear_use": OKABE_ITO["vermillion"],
    "horizontal_escalation": OKABE_ITO["orange"],
    "alliance_fracture": OKABE_ITO["reddish_purple"],
    "settlement": OKABE_ITO["bluish_green"],
    "frozen_conflict": OKABE_ITO["blue"],
}
#: Colours of series that are not outcomes (scenarios, groups, dyads), in order.
SERIES_COLORS = [
    OKABE_ITO[c]
    for c in ("blue", "vermillion", "bluish_green", "reddish_purple", "orange", "sky_blue", "black")
]
SHORT_OUTCOME = {
    "nuclear_use": "Nuclear use",
    "horizontal_escalation": "Direct NATO-Russia clash",
    "alliance_fracture": "Alliance fracture",
    "settlement": "Settlement",
    "frozen_conflict": "Frozen conflict",
}
SHORT_RUNGS = (
    "Normal",
    "Rhetoric",
    "Sanctions",
    "Exercises",
    "Force posture",
    "Aid: defensive",
    "Aid: advanced",
    "Grey zone",
    "Theatre strikes",
    "NATO incident",
    "Direct clash",
    "Wider war",
    "Nuclear signalling",
    "Limited nuclear use",
    "Strategic nuclear",
)
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
}


def short_rung(level: int) -> str:
    if len(DEFAULT_LADDER) == len(SHORT_RUNGS) and 0 <= level < len(SHORT_RUNGS):
        return SHORT_RUNGS[level]
    return f"rung {level}"


def _figure(width: float = 11, height: float = 6.2, **kwargs):
    with plt.rc_context(STYLE):
        return plt.subplots(figsize=(width, height), layout="constrained", **kwargs)


def _rung_axis(ax, low: float, high: float) -> None:
    low, high = max(0, int(np.floor(low)) - 1), min(DEFAULT_LADDER.top, int(np.ceil(high)) + 1)
    ticks = np.arange(low, high + 1)
    ax.set_yticks(ticks, [f"{short_rung(int(t))} ({t})" for t in ticks])
    ax.set_ylim(low - 0.5, high + 0.5)


def save(fig: Figure, path: str | Path) -> list[Path]:
    """Write ``path`` as PNG and SVG (the suffix given is replaced); returns both paths."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = [path.with_suffix(".png"), path.with_suffix(".svg")]
    with plt.rc_context(STYLE):
        fig.savefig(out[0], dpi=200)
        fig.savefig(out[1])
    plt.close(fig)
    return out


# ------------------------------------------------------------------ outcomes and comparison
def outcomes_figure(shares: pd.DataFrame, group: str = "scenario", title: str | None = None):
    """Outcome shares per group with 95% Wilson intervals (one colour per outcome)."""
    groups = list(dict.fromkeys(shares[group].astype(str)))
    fig, ax = _figure(11, 1.6 + 0.9 * len(groups) + 1.2)
    _share_bars(ax, shares, group, groups)
    ax.set_title(title or "Outcome shares (95% Wilson intervals)")
    return fig


def _share_bars(ax, shares, group, groups) -> None:
    height = 0.8 / len(OUTCOMES)
    for j, outcome in enumerate(OUTCOMES):
        part = shares[shares["outcome"] == outcome]
        part = part.set_index(part[group].astype(str))
        part = part.reindex(groups)
        y = np.arange(len(groups)) + (j - (len(OUTCOMES) - 1) / 2) * height
        ax.barh(
            y,
            part["share"],
            height=height,
            color=OUTCOME_COLORS[outcome],
            label=SHORT_OUTCOME[outcome],
        )
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
    interval crosses 0 is not distinguishable from chance)."""
    groups = comparison.groups
    fig, (left, right) = _figure(
        14, 2.0 + 1.1 * len(groups) + 1.5, ncols=2, gridspec_kw={"width_ratios": [1.2, 1]}
    )
    _share_bars(left, comparison.shares, "group", groups)
    left.set_title("Outcome shares (95% Wilson intervals)")
    diff = comparison.differences
    others = groups[1:]
    height = 0.8 / len(OUTCOMES)
    for j, outcome in enumerate(OUTCOMES):
        part = diff[diff["outcome"] == outcome].set_index("group").reindex(others)
        y = np.arange(len(others)) + (j - (len(OUTCOMES) - 1) / 2) * height
        right.errorbar(
            part["difference"] * 100,
            y,
            xerr=[
                (part["difference"] - part["low"]) * 100,
                (part["high"] - part["difference"]) * 100,
            ],
            fmt="o",
            color=OUTCOME_COLORS[outcome],
            capsize=3,
            markersize=6,
        )
    right.axvline(0, color="grey", lw=1)
    right.set_yticks(np.arange(len(others)), others)
    right.invert_yaxis()
    right.set_xlabel(f"Difference from {comparison.reference} (percentage points)")
    right.set_title("Risk difference (95% Newcombe intervals)")
    fig.suptitle("Outcome distributions compared")
    return fig


# ------------------------------------------------------------------ paths
def fan_figure(fan: pd.DataFrame, step_unit: str = "week") -> Figure:
    """Fan chart per key dyad: the median rung across runs (line), 50% band (q25-q75, dark)
    and 90% band (q05-q95, light)."""
    dyads = list(dict.fromkeys(fan["dyad"]))
    fig, axes = _figure(5.2 * len(dyads), 6.2, ncols=len(dyads), sharey=True, squeeze=False)
    low, high = fan["q05"].min(), fan["q95"].max()
    for k, (ax, dyad) in enumerate(zip(axes[0], dyads, strict=True)):
        part = fan[fan["dyad"] == dyad]
        color = SERIES_COLORS[k % len(SERIES_COLORS)]
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
            _rung_axis(ax, low, high)
            ax.set_ylabel("Escalation rung")
            fig.legend(loc="outside lower center", ncols=3, frameon=False)
    scenario = fan["scenario"].iloc[0]
    runs = int(fan["runs"].max())
    fig.suptitle(f"Escalation level over time, {scenario} ({runs:,} runs)")
    return fig


def heatmap_figure(occ: pd.DataFrame, dyad: str, scenario: str, step_unit: str = "week"):
    """Ladder occupancy: share of runs at each rung (rows) at each step (columns)."""
    fig, ax = _figure(12, 6.5)
    image = ax.imshow(
        occ.to_numpy(),
        aspect="auto",
        origin="lower",
        cmap="viridis",
        vmin=0,
        vmax=1,
        interpolation="nearest",
    )
    ax.set_yticks(occ.index, [f"{short_rung(int(r))} ({r})" for r in occ.index])
    ax.set_xlabel(f"Step ({step_unit}s)")
    ax.set_ylabel("Escalation rung")
    bar = fig.colorbar(image, ax=ax)
    bar.set_label("Share of runs at the rung")
    ax.set_title(f"Ladder occupancy of {dyad}, {scenario}")
    return fig


def survival_figure(
    curves: pd.DataFrame, threshold: str, by: str = "scenario", step_unit: str = "week"
) -> Figure:
    """Kaplan-Meier curves of 'no <threshold> yet' with 95% pointwise bands; runs that never
    cross are censored at their last step (tick marks)."""
    fig, ax = _figure(11, 6.2)
    for k, (group, part) in enumerate(curves.groupby(by, sort=False)):
        color = SERIES_COLORS[k % len(SERIES_COLORS)]
        ax.step(part["time"], part["survival"], where="post", color=color, lw=2.5, label=f"{group}")
        ax.fill_between(
            part["time"], part["low"], part["high"], step="post", color=color, alpha=0.15, lw=0
        )
        cens = part[part["censored"] > 0]
        ax.plot(cens["time"], cens["survival"], "|", color=color, markersize=12, mew=2)
    label = THRESHOLD_LABELS.get(threshold, threshold)
    lowest = float(curves["low"].min()) if len(curves) else 0.0
    bottom = 0.0 if lowest < 0.5 else np.floor((lowest - 0.02) * 10) / 10
    ax.set_ylim(bottom, 1.01)
    if bottom > 0:
        ax.text(
            0.99,
            0.02,
            f"y axis starts at {bottom:.1f}",
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize=10,
            color="grey",
        )
    ax.set_xlim(left=0)
    ax.set_xlabel(f"Step ({step_unit}s)")
    ax.set_ylabel(f"P(no {label} yet)")
    ax.set_title(f"Time to the first {label} (Kaplan-Meier, 95% bands; | = censored)")
    ax.grid(alpha=0.3)
    ax.legend(frameon=False, loc="lower left")
    return fig


def paths_figure(sample: pd.DataFrame, dyad: str, scenario: str, step_unit: str = "week"):
    """A sample of runs' paths of one dyad, coloured by outcome (slightly jittered so
    overlapping paths show)."""
    fig, ax = _figure(12, 6.5)
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
            color=OUTCOME_COLORS[outcome],
            label=None if outcome in seen else SHORT_OUTCOME[outcome],
        )
        seen.add(outcome)
    _rung_axis(ax, sample["level"].min(), sample["level"].max())
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
    fig, ax = _figure(13, 1.5 + 0.45 * len(table) + 0.6 * table["outcome"].nunique())
    y, labels, colors, ticks = 0.0, [], [], []
    for outcome, part in table.groupby("outcome", sort=False):
        ax.text(
            0.0,
            y - 0.1,
            f"{SHORT_OUTCOME[outcome]} ({int(part['outcome_runs'].iloc[0]):,} runs)",
            ha="left",
            va="center",
            fontsize=12,
            fontweight="bold",
            color=OUTCOME_COLORS[outcome],
        )
        y += 1
        for _, row in part.iterrows():
            ax.barh(y, row["share"], color=OUTCOME_COLORS[outcome], height=0.8)
            ax.text(row["share"] + 0.01, y, f"{row['runs']:,}", va="center", fontsize=10)
            short = " → ".join(short_rung(int(v)) for v in row["levels"])
            ticks.append(y)
            labels.append(short)
            colors.append(OUTCOME_COLORS[outcome])
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


# ------------------------------------------------------------------ sensitivity, indicators
def sensitivity_figure(
    method: str, table: pd.DataFrame, box: pd.DataFrame | None, box_stats: dict | None, outcome: str
) -> Figure:
    """Left: Sobol indices (S1, ST with 95% intervals) or odds ratios per SD of each
    parameter. Right: the PRIM box: each parameter's swept range (grey) and the range of the
    box (outcome colour), with its density and coverage."""
    ncols = 2 if box is not None else 1
    n = len(table)
    fig, axes = _figure(16 if ncols == 2 else 9, 3.4 + 0.9 * n, ncols=ncols, squeeze=False)
    ax = axes[0][0]
    names = [p.split(".", 1)[-1] if len(p) > 28 else p for p in table["parameter"]]
    y = np.arange(n)
    color = OUTCOME_COLORS[outcome]
    if method == "sobol":
        ax.barh(
            y - 0.2,
            table["S1"],
            height=0.38,
            color=color,
            alpha=0.55,
            label="first order S1",
            xerr=table["S1_conf"],
            capsize=3,
        )
        ax.barh(
            y + 0.2,
            table["ST"],
            height=0.38,
            color=color,
            label="total ST",
            xerr=table["ST_conf"],
            capsize=3,
        )
        ax.axvline(0, color="grey", lw=1)
        ax.set_xlabel("Sobol index (share of the variance of P(outcome))")
        ax.legend(frameon=False, loc="lower right")
        ax.set_title("Sobol indices (SALib, 95% bootstrap intervals)")
    else:
        est = table["odds_ratio_per_sd"]
        ax.errorbar(
            est,
            y,
            xerr=[est - table["low"], table["high"] - est],
            fmt="o",
            color=color,
            capsize=4,
            markersize=8,
        )
        ax.axvline(1, color="grey", lw=1)
        ax.set_xscale("log")
        plain = matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:g}")
        ax.xaxis.set_major_formatter(plain)
        finite = np.r_[table["low"], table["high"], 1.0]
        finite = finite[np.isfinite(finite) & (finite > 0)]
        if np.log10(finite.max() / finite.min()) < 1.2:
            ax.xaxis.set_minor_formatter(plain)
            ax.tick_params(axis="x", which="minor", labelsize=9)
        else:
            ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
        ax.set_xlabel("Odds ratio per standard deviation of the parameter (log scale)")
        ax.set_title("Logistic regression, one parameter at a time (95% intervals)")
    ax.set_yticks(y, names)
    ax.set_ylim(n - 0.5, -0.9)
    if box is not None:
        bx = axes[0][1]
        for i, row in box.reset_index(drop=True).iterrows():
            span = row["max"] - row["min"] or 1.0
            lo, hi = (row["low"] - row["min"]) / span, (row["high"] - row["min"]) / span
            bx.barh(i, 1, color="#DDDDDD", height=0.5)
            bx.barh(i, hi - lo, left=lo, color=color, height=0.5)
            bx.text(-0.02, i, f"{row['min']:.3g}", ha="right", va="center", fontsize=10)
            bx.text(1.02, i, f"{row['max']:.3g}", ha="left", va="center", fontsize=10)
            bx.text(
                (lo + hi) / 2,
                i - 0.3,
                f"box: {row['low']:.3g} to {row['high']:.3g}",
                ha="center",
                va="bottom",
                fontsize=10,
            )
        bx.set_yticks(np.arange(len(box)), [])
        bx.set_ylim(len(box) - 0.5, -0.9)
        bx.set_xlim(-0.2, 1.15)
        bx.set_xticks([0, 0.5, 1], ["low end", "middle", "high end"])
        bx.set_xlabel("Position in the swept range")
        s = box_stats
        flag = "" if s["meets_threshold"] else f" (densest; none reaches {s['threshold']:.0%})"
        bx.set_title(
            f"PRIM box{flag}\ndensity {s['density']:.0%} vs base rate "
            f"{s['base_rate']:.0%}, coverage {s['coverage']:.0%}, {s['runs']:,} runs",
            fontsize=12,
        )
    fig.suptitle(f"What drives P({SHORT_OUTCOME[outcome]})")
    return fig


def indicators_figure(
    auc: pd.DataFrame, threshold: str, window: int, by: str = "scenario", step_unit: str = "week"
) -> Figure:
    """AUC of each early-window indicator for later crossing of ``threshold`` with 95%
    DeLong intervals, one colour per scenario; 0.5 = no better than chance."""
    indicators = list(dict.fromkeys(auc["indicator"]))
    groups = list(dict.fromkeys(auc[by]))
    fig, ax = _figure(11, 2.0 + 0.75 * len(indicators) * max(1, len(groups) / 2))
    height = 0.7 / max(1, len(groups))
    for k, group in enumerate(groups):
        part = auc[auc[by] == group].set_index("indicator").reindex(indicators)
        y = np.arange(len(indicators)) + (k - (len(groups) - 1) / 2) * height
        esc, calm = int(part["escalated"].max()), int(part["calm"].max())
        ax.errorbar(
            part["auc"],
            y,
            xerr=[part["auc"] - part["low"], part["high"] - part["auc"]],
            fmt="o",
            color=SERIES_COLORS[k % len(SERIES_COLORS)],
            capsize=3,
            markersize=7,
            label=f"{group} ({esc} escalated, {calm} calm)",
        )
    ax.axvline(0.5, color="grey", lw=1, ls="--")
    ax.set_yticks(np.arange(len(indicators)), [INDICATOR_LABELS.get(i, i) for i in indicators])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    label = THRESHOLD_LABELS.get(threshold, threshold)
    ax.set_xlabel(f"AUC for predicting: {label} after {step_unit} {window} (0.5 = chance)")
    ax.set_title(f"Early-warning indicators over {step_unit}s 1-{window} (95% DeLong intervals)")
    ax.grid(axis="x", alpha=0.3)
    ax.legend(
        frameon=False,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.1),
        fontsize=10,
        ncols=min(2, len(groups)),
    )
    return fig
