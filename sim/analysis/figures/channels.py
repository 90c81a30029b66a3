"""Figures of the war and aid channels: a fan chart of a war measure (the front line by
default) per scenario, and the kind of aid each supplier sends Ukraine over time."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from sim.analysis.figures.style import series_color, small_multiples
from sim.concepts.channels import AID


def war_figure(fan: pd.DataFrame, label: str, step_unit: str = "week") -> Figure:
    """One panel per scenario: the median of a war measure across runs (line), its 50% band
    (dark) and 90% band (light); the first scenario's median is repeated, dashed, in the other
    panels so that they read against it."""
    scenarios = list(dict.fromkeys(fan["scenario"]))
    fig, axes = small_multiples(len(scenarios), 3, 5.0, 4.2, f"Step ({step_unit}s)", label)
    reference = fan[fan["scenario"] == scenarios[0]]
    for k, (ax, scenario) in enumerate(zip(axes, scenarios, strict=True)):
        part = fan[fan["scenario"] == scenario]
        color = series_color(k)
        ax.fill_between(part["step"], part["q05"], part["q95"], color=color, alpha=0.18, lw=0)
        ax.fill_between(part["step"], part["q25"], part["q75"], color=color, alpha=0.4, lw=0)
        ax.plot(part["step"], part["median"], color=color, lw=2.5)
        if k > 0:
            ax.plot(reference["step"], reference["median"], color="grey", lw=1.5, ls="--")
        ax.set_title(f"{scenario} ({int(part['runs'].max()):,} runs)")
        ax.grid(alpha=0.3)
    handles = [
        plt.Line2D([], [], color="black", lw=2.5, label="median"),
        plt.Rectangle((0, 0), 1, 1, color="black", alpha=0.4, label="50% of runs"),
        plt.Rectangle((0, 0), 1, 1, color="black", alpha=0.18, label="90% of runs"),
    ]
    if len(scenarios) > 1:
        handles.append(
            plt.Line2D([], [], color="grey", ls="--", lw=1.5, label=f"median, {scenarios[0]}")
        )
    fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False)
    fig.suptitle(f"{label} over time")
    return fig


#: One colour per kind of aid, light (none) to dark (long-range strike).
AID_COLORS = ["#eeeeee", *plt.get_cmap("YlOrRd")(np.linspace(0.25, 0.95, len(AID.levels) - 1))]


def aid_figure(
    shares: pd.DataFrame, scenario: str, names: dict[str, str], step_unit: str = "week"
) -> Figure:
    """One panel per supplier: the share of runs sending each kind of aid, stacked from none
    (bottom) to long-range strike (top), step by step."""
    actors = list(dict.fromkeys(shares["actor"]))
    fig, axes = small_multiples(len(actors), 5, 3.3, 3.0, f"Step ({step_unit}s)", "Share of runs")
    for ax, actor in zip(axes, actors, strict=True):
        wide = shares[shares["actor"] == actor].pivot(index="step", columns="level", values="share")
        ax.stackplot(
            wide.index,
            *(wide[level] for level in range(len(AID.levels))),
            colors=AID_COLORS,
            labels=[level.label for level in AID.levels],
            lw=0,
        )
        ax.set_title(names.get(actor, actor), fontsize=12)
        ax.set_ylim(0, 1)
        ax.set_xlim(wide.index.min(), wide.index.max())
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(
        handles[::-1],
        labels[::-1],
        loc="outside right center",
        frameon=False,
        title="Kind of aid",
    )
    runs = int(shares["runs"].max())
    fig.suptitle(f"Aid to Ukraine by supplier, {scenario} ({runs:,} runs)")
    return fig
