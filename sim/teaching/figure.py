"""One figure per lesson: the lesson's weekly trace in every arm (left), and each claim's
measure per arm with its 95% interval (right), titled with the paired effect and p-value."""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from sim.analysis.paired import bootstrap_mean
from sim.concepts.channels import CONDUCT
from sim.teaching.evidence import Evidence
from sim.teaching.metrics import MEASURES, TRACES

#: Okabe-Ito colours for a pair (safe for colour-blind readers); a dose series uses viridis.
PAIR = ("#0072B2", "#D55E00")


def colours(arms: int) -> list:
    if arms == 2:
        return list(PAIR)
    return [plt.get_cmap("viridis")(x) for x in np.linspace(0.05, 0.85, arms)]


def _trace_panel(ax, evidence: Evidence, palette: list) -> None:
    lesson = evidence.lesson
    trace = TRACES[lesson.trace]
    for arm, run, colour in zip(lesson.arms, evidence.arms, palette, strict=True):
        values = trace.read(run)
        weeks = np.arange(values.shape[0])
        if trace.summary == "median":
            low, centre, high = np.percentile(values, [25, 50, 75], axis=1, method="nearest")
        else:
            centre = values.mean(axis=1)
            half = 1.96 * values.std(axis=1, ddof=1) / np.sqrt(values.shape[1])
            low, high = centre - half, centre + half
        ax.fill_between(weeks, low, high, color=colour, alpha=0.18, linewidth=0)
        ax.plot(weeks, centre, color=colour, linewidth=2.0, label=arm.label)
    band = "median, interquartile band" if trace.summary == "median" else "mean, 95% band"
    ax.set_title(f"{trace.label}\n{band}, {evidence.runs} runs per arm", fontsize=10)
    if trace.rungs:
        ax.set_yticks(range(len(CONDUCT.levels)), [level.label for level in CONDUCT.levels])
        ax.tick_params(axis="y", labelsize=7)
        ax.set_ylim(-0.3, len(CONDUCT.levels) - 0.7)
    ax.set_xlabel("Week")
    ax.legend(fontsize=8, loc="best")
    ax.grid(alpha=0.3)


def _claim_panel(ax, evidence: Evidence, claim, verdict, palette: list) -> None:
    lesson = evidence.lesson
    measure = MEASURES[claim.measure]
    values = evidence.values(claim.measure)
    means = values.mean(axis=0)
    bands = np.array([bootstrap_mean(values[:, k]) for k in range(values.shape[1])])
    errors = np.abs(bands.T - means)
    positions = np.arange(len(lesson.arms))
    if lesson.is_series:
        ax.plot(positions, means, color="0.4", linewidth=1, zorder=1)
    for k, colour in enumerate(palette):
        ax.errorbar(
            positions[k],
            means[k],
            yerr=errors[:, k : k + 1],
            fmt="o",
            color=colour,
            markersize=7,
            capsize=5,
            zorder=2,
        )
    if lesson.is_series:
        ax.set_xticks(
            positions, [arm.label for arm in lesson.arms], fontsize=7, rotation=30, ha="right"
        )
    else:
        ax.set_xticks(positions, [textwrap.fill(arm.label, 14) for arm in lesson.arms], fontsize=7)
    ax.set_xlim(-0.5, len(lesson.arms) - 0.5)
    ax.set_ylabel(textwrap.fill(measure.label, 38), fontsize=8)
    holds = "holds" if verdict.holds else "does NOT hold"
    ax.set_title(
        f"effect {verdict.effect:+.3g} [{verdict.low:.3g}, {verdict.high:.3g}]\n"
        f"p = {verdict.p:.1g}: {holds}",
        fontsize=9,
    )
    ax.grid(axis="y", alpha=0.3)


def draw(evidence: Evidence, out: Path) -> list[Path]:
    """Save the lesson's figure as ``out`` .png and .svg; returns both paths."""
    lesson = evidence.lesson
    palette = colours(len(lesson.arms))
    panels = 1 + len(lesson.claims)
    fig, axes = plt.subplots(
        1,
        panels,
        figsize=(6.0 + 3.4 * (panels - 1), 4.4),
        gridspec_kw={"width_ratios": [2.2] + [1] * (panels - 1)},
    )
    axes = np.atleast_1d(axes)
    _trace_panel(axes[0], evidence, palette)
    for ax, claim in zip(axes[1:], lesson.claims, strict=True):
        _claim_panel(ax, evidence, claim, evidence.verdict(claim), palette)
    fig.suptitle(f"{lesson.title}: {lesson.knob_label}", fontsize=12, fontweight="bold")
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix in (".png", ".svg"):
        path = out.with_suffix(suffix)
        # No date and fixed element ids: the same runs give the same files, byte for byte.
        with matplotlib.rc_context({"svg.hashsalt": "escsim"}):
            fig.savefig(path, dpi=120, metadata={"Date": None})
        written.append(path)
    plt.close(fig)
    return written
