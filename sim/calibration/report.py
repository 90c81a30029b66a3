"""The calibration report: the facts against the posterior predictive, the parameters'
marginals, the calibration's cost, and the calibrated baseline's outcome mixes. Figures are
PNG files; the text is Markdown (a posterior folder's report.md, and the hindcast section of
docs/validation.md between its markers)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from sim.calibration.posterior import Posterior
from sim.calibration.spec import Calibration
from sim.calibration.uncertainty import sources
from sim.outcomes import OUTCOME_BY_NAME, OUTCOME_NAMES
from sim.validation.facts import FactsFile, interval

BEGIN, END = "<!-- hindcast:begin -->", "<!-- hindcast:end -->"
OBSERVED = "#009E73"
PREDICTED = "#0072B2"


def _grid(n: int, columns: int = 5) -> tuple[plt.Figure, np.ndarray]:
    rows = int(np.ceil(n / columns))
    fig, axes = plt.subplots(rows, columns, figsize=(3.0 * columns, 2.2 * rows), squeeze=False)
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    return fig, axes.flat


def facts_figure(values: dict[str, np.ndarray], facts: FactsFile) -> plt.Figure:
    """One panel per fact: the predictive distribution over runs (bars), its 90% interval
    (blue lines) and the observed value or range (green)."""
    fig, axes = _grid(len(facts.facts))
    for ax, fact in zip(axes, facts.facts, strict=False):
        v = np.asarray(values[fact.id], dtype=float)
        low, high = interval(v)
        lo, hi = min(v.min(), fact.low), max(v.max(), fact.high)
        if np.allclose(v, np.round(v)) and hi - lo <= 40:
            bins = np.arange(np.floor(lo) - 0.5, np.ceil(hi) + 1.5)
        else:
            bins = np.linspace(lo - 1e-6, hi + 1e-6, 21)
        ax.hist(v, bins=bins, color=PREDICTED, alpha=0.55)
        for x in (low, high):
            ax.axvline(x, color=PREDICTED, lw=1)
        if fact.high > fact.low:
            ax.axvspan(fact.low, fact.high, color=OBSERVED, alpha=0.25, lw=0)
        else:
            ax.axvline(fact.low, color=OBSERVED, lw=2.5)
        ax.set_title(fact.id.replace("_", " "), fontsize=9)
        ax.tick_params(labelsize=7)
        ax.set_yticks([])
    fig.suptitle(
        "Hindcast 2022-24: posterior predictive (blue, 90% interval) vs observed (green)",
        fontsize=11,
    )
    fig.tight_layout()
    return fig


def marginals_figure(posterior: Posterior, calibration: Calibration) -> plt.Figure:
    """One panel per parameter: the weighted posterior over its prior range."""
    paths = posterior.paths
    fig, axes = _grid(len(paths), columns=4)
    for ax, path in zip(axes, paths, strict=False):
        prior = calibration.spec.parameters[path]
        ax.hist(
            posterior.frame[path],
            bins=np.linspace(prior.low, prior.high, 16),
            weights=posterior.weights,
            color=PREDICTED,
            alpha=0.7,
        )
        ax.axvline(posterior.median()[path], color="black", lw=1)
        ax.set_xlim(prior.low, prior.high)
        ax.set_title(path.removeprefix("rules."), fontsize=8)
        ax.tick_params(labelsize=7)
        ax.set_yticks([])
    fig.suptitle("Posterior marginals over the prior ranges (black: weighted median)", fontsize=11)
    fig.tight_layout()
    return fig


def mixes_figure(runs: pd.DataFrame) -> plt.Figure:
    """Stacked outcome shares of the calibrated baseline at each horizon."""
    fig, ax = plt.subplots(figsize=(7, 3.2))
    horizons = sorted(runs["horizon"].unique())
    left = np.zeros(len(horizons))
    for name in OUTCOME_NAMES:
        share = np.array([(runs[runs["horizon"] == h]["outcome"] == name).mean() for h in horizons])
        if share.sum() == 0:
            continue
        outcome = OUTCOME_BY_NAME[name]
        ax.barh(
            [f"{h} weeks" for h in horizons],
            share,
            left=left,
            color=outcome.colour,
            label=outcome.short,
        )
        left += share
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of runs (posterior draws x seeds)")
    ax.legend(fontsize=7, ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.25))
    fig.tight_layout()
    return fig


def save(fig: plt.Figure, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=130)
    plt.close(fig)
    return path


# ------------------------------------------------------------------------------ text
def _number(x: float) -> str:
    return f"{x:.3g}" if abs(x) < 10 else f"{x:.0f}"


def facts_table(check: pd.DataFrame) -> str:
    lines = [
        "| fact | year | observed | predictive median [90% interval] | runs inside | covered |",
        "|---|---|---|---|---|---|",
    ]
    for row in check.itertuples(index=False):
        year = "" if pd.isna(row.year) else str(int(row.year))
        lines.append(
            f"| {row.fact.replace('_', ' ')} | {year} | {row.observed} | "
            f"{_number(row.median)} [{_number(row.low)}, {_number(row.high)}] | "
            f"{100 * row.p_inside:.0f}% | {'yes' if row.covered else '**no**'} |"
        )
    return "\n".join(lines)


def parameters_table(posterior: Posterior, calibration: Calibration) -> str:
    low, mid, high = (posterior.quantiles(q) for q in (0.05, 0.5, 0.95))
    lines = [
        "| parameter | prior | posterior median [90%] | carries over |",
        "|---|---|---|---|",
    ]
    for path in posterior.paths:
        prior = calibration.spec.parameters[path]
        portable = "yes" if path in posterior.portable else "no"
        lines.append(
            f"| `{path}` | {prior.low:g} to {prior.high:g} | {mid[path]:.3g} "
            f"[{low[path]:.3g}, {high[path]:.3g}] | {portable} |"
        )
    return "\n".join(lines)


def cost_text(manifest: dict) -> str:
    cost = manifest.get("cost", {})
    spec = manifest.get("spec", {})
    generations = manifest.get("generations", [])
    eps = ", ".join(f"{g['epsilon']:.2f}" for g in generations)
    rates = ", ".join(f"{100 * g['acceptance']:.0f}%" for g in generations)
    sizes = ", ".join(f"{g['ess']:.0f}" for g in generations if "ess" in g)
    return (
        f"ABC-SMC (pyabc, median epsilon schedule) with {spec.get('population')} particles per "
        f"generation and {spec.get('replicates')} seeded runs per particle, "
        f"{len(generations)} generations (epsilon {eps}; acceptance {rates}"
        + (f"; effective sample size {sizes}" if sizes else "")
        + "). "
        f"Cost: {cost.get('simulations')} particle simulations ({cost.get('runs')} runs of "
        f"149 weeks) for {cost.get('accepted')} accepted particles, "
        f"{cost.get('simulations_per_accepted', float('nan')):.2f} simulations per accepted "
        f"particle, {cost.get('seconds', 0) / 60:.1f} minutes of wall time "
        f"({cost.get('seconds_per_simulation', float('nan')):.2f} s per simulation)."
    )


def mixes_table(runs: pd.DataFrame) -> str:
    horizons = sorted(runs["horizon"].unique())
    lines = [
        "| outcome | " + " | ".join(f"{h} weeks" for h in horizons) + " |",
        "|---|" + "---|" * len(horizons),
    ]
    tables = {h: sources(runs[runs["horizon"] == h]).set_index("outcome") for h in horizons}
    for name in OUTCOME_NAMES:
        if not any(name in t.index for t in tables.values()):
            continue
        cells = []
        for h in horizons:
            t = tables[h]
            if name not in t.index:
                cells.append("0%")
                continue
            row = t.loc[name]
            cells.append(
                f"{100 * row.share:.1f}% (draws {100 * row.draw_low:.0f}-"
                f"{100 * row.draw_high:.0f}%; {100 * row.parameter_part:.0f}% of variance "
                "from parameters)"
            )
        lines.append(f"| {OUTCOME_BY_NAME[name].short} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def forecasts_table(compared: pd.DataFrame) -> str:
    """Public forecasts against the share of the calibrated baseline's runs in which the
    forecast's event happened by its horizon (and the 5-95% range over posterior draws)."""
    lines = [
        "| question (horizon from January 2025) | forecaster | forecast | model [draws 5-95%] |",
        "|---|---|---|---|",
    ]
    for row in compared.itertuples(index=False):
        lines.append(
            f"| {row.question} ({row.weeks} weeks) | [{row.forecaster}]({row.source}) | "
            f"{100 * row.probability:.0f}% | {100 * row.model:.1f}% "
            f"[{100 * row.draw_low:.0f}-{100 * row.draw_high:.0f}%] |"
        )
    notes = {row.note.strip() for row in compared.itertuples(index=False) if row.note.strip()}
    return "\n".join(lines) + ("\n\n" + " ".join(sorted(notes)) if notes else "")


def replace_section(document: str, section: str) -> str:
    """``document`` with the text between the hindcast markers replaced (appended if absent)."""
    block = f"{BEGIN}\n{section.strip()}\n{END}"
    if BEGIN in document and END in document:
        head, rest = document.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        return head + block + tail
    return document.rstrip() + "\n\n" + block + "\n"
