"""Figures of what drives outcomes and when: survival curves to a threshold, sensitivity
(Sobol indices or odds ratios, and the PRIM box) and early-warning indicators."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from sim.analysis.figures.style import colour, figure, series_color, short
from sim.analysis.indicators import INDICATOR_BY_NAME
from sim.outcomes import PASSAGE_LABELS


def survival_figure(curves: pd.DataFrame, threshold: str, step_unit: str = "week") -> Figure:
    """Kaplan-Meier curves of 'no <threshold> yet' with 95% pointwise bands; runs that never
    cross are censored at their last step (tick marks)."""
    fig, ax = figure(11, 6.2)
    for k, (group, part) in enumerate(curves.groupby("group", sort=False)):
        color = series_color(k)
        ax.step(part["time"], part["survival"], where="post", color=color, lw=2.5, label=f"{group}")
        ax.fill_between(
            part["time"], part["low"], part["high"], step="post", color=color, alpha=0.15, lw=0
        )
        cens = part[part["censored"] > 0]
        ax.plot(cens["time"], cens["survival"], "|", color=color, markersize=12, mew=2)
    label = PASSAGE_LABELS[threshold]
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


def sensitivity_figure(
    method: str, table: pd.DataFrame, box: pd.DataFrame | None, box_stats: dict | None, outcome: str
) -> Figure:
    """Left: Sobol indices (S1, ST with 95% intervals) or odds ratios per SD of each
    parameter. Right: the PRIM box: each parameter's swept range (grey) and the range of the
    box (outcome colour), with its density and coverage."""
    ncols = 2 if box is not None else 1
    n = len(table)
    fig, axes = figure(16 if ncols == 2 else 9, 3.4 + 0.9 * n, ncols=ncols, squeeze=False)
    ax = axes[0][0]
    names = [p.split(".", 1)[-1] if len(p) > 28 else p for p in table["parameter"]]
    y = np.arange(n)
    color = colour(outcome)
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
        ax.legend(frameon=False, loc="best")
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
    fig.suptitle(f"What drives P({short(outcome)})")
    return fig


def indicators_figure(
    auc: pd.DataFrame, threshold: str, window: int, by: str = "scenario", step_unit: str = "week"
) -> Figure:
    """AUC of each early-window indicator for later crossing of ``threshold`` with 95%
    DeLong intervals, one colour per scenario; 0.5 = no better than chance."""
    indicators = list(dict.fromkeys(auc["indicator"]))
    groups = list(dict.fromkeys(auc[by]))
    fig, ax = figure(11, 2.0 + 0.75 * len(indicators) * max(1, len(groups) / 2))
    height = 0.7 / max(1, len(groups))
    for k, group in enumerate(groups):
        part = auc[auc[by] == group].set_index("indicator").reindex(indicators)
        y = np.arange(len(indicators)) + (k - (len(groups) - 1) / 2) * height
        later, never = int(part["later"].max()), int(part["never"].max())
        ax.errorbar(
            part["auc"],
            y,
            xerr=[part["auc"] - part["low"], part["high"] - part["auc"]],
            fmt="o",
            color=series_color(k),
            capsize=3,
            markersize=7,
            label=f"{group} ({later:,} crossed later, {never:,} never)",
        )
    ax.axvline(0.5, color="grey", lw=1, ls="--")
    ax.set_yticks(np.arange(len(indicators)), [INDICATOR_BY_NAME[i].label for i in indicators])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    label = PASSAGE_LABELS[threshold]
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
