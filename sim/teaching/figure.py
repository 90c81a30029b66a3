"""One figure per concept: the key dyad over time in both scenarios, and each claim's measure."""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from sim.ladder import DEFAULT_LADDER
from sim.scenario import load_scenario
from sim.teaching.evidence import TEACHING, Evidence

#: Okabe-Ito colours, safe for colour-blind readers.
COLOURS = {"first": "#0072B2", "second": "#D55E00"}


def _interval(values: np.ndarray, binary: bool) -> tuple[float, float]:
    """Mean and half-width of a 95% interval (Wilson for shares, normal for means)."""
    n, mean = values.size, float(values.mean())
    if binary:
        z = 1.96
        centre = (mean + z * z / (2 * n)) / (1 + z * z / n)
        half = z * np.sqrt(mean * (1 - mean) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        return centre, float(half)
    return mean, float(1.96 * values.std(ddof=1) / np.sqrt(n)) if n > 1 else 0.0


def draw(evidence: Evidence, out: Path) -> list[Path]:
    """Save the figure as PNG and SVG next to ``out`` and return both paths."""
    concept = evidence.concept
    names = {
        side: load_scenario(TEACHING / getattr(concept, side)).name for side in ("first", "second")
    }
    panels = 1 + len(concept.claims)
    fig, axes = plt.subplots(
        1,
        panels,
        figsize=(5.5 + 3.2 * (panels - 1), 4.2),
        gridspec_kw={"width_ratios": [2] + [1] * (panels - 1)},
    )
    ax = axes[0]
    for side in ("first", "second"):
        levels = evidence.paths[side]
        steps = np.arange(levels.shape[1])
        low, median, high = np.percentile(levels, [25, 50, 75], axis=0, method="nearest")
        ax.fill_between(steps, low, high, color=COLOURS[side], alpha=0.18, linewidth=0)
        ax.plot(
            steps, median, color=COLOURS[side], linewidth=2.2, label=f"{names[side]} (median, IQR)"
        )
    if evidence.follows_cohesion:
        ax.set_ylabel(f"{evidence.path.split(':')[1]} cohesion (0-1)")
        ax.set_ylim(0, 1)
        ax.set_title(f"Alliance cohesion over time ({evidence.runs} runs each)", fontsize=11)
    else:
        used = sorted({int(v) for side in evidence.paths.values() for v in np.unique(side)})
        ax.set_yticks(used, [DEFAULT_LADDER.name(v) for v in used], fontsize=8)
        followed = evidence.path.replace(">", " toward ")
        ax.set_title(f"{followed}: rung over time ({evidence.runs} runs each)", fontsize=11)
    ax.set_xlabel("Week")
    ax.legend(fontsize=8, loc="best")
    ax.grid(alpha=0.3)
    for ax, claim in zip(axes[1:], concept.claims, strict=True):
        for position, side in enumerate(("first", "second")):
            mean, half = _interval(evidence.values[claim.measure.name][side], claim.measure.binary)
            ax.bar(position, mean, yerr=half, color=COLOURS[side], capsize=5, width=0.6)
        ax.set_xticks([0, 1], [names["first"], names["second"]], rotation=15, fontsize=8)
        ax.set_ylabel(textwrap.fill(claim.measure.label, 34), fontsize=8)
        p = evidence.p_value(claim)
        ax.set_title(f"p = {p:.1g}" if p >= 1e-300 else "p < 1e-300", fontsize=10)
        ax.grid(axis="y", alpha=0.3)
    fig.suptitle(concept.title, fontsize=13, fontweight="bold")
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix in (".png", ".svg"):
        path = out.with_suffix(suffix)
        fig.savefig(path, dpi=130)
        written.append(path)
    plt.close(fig)
    return written
