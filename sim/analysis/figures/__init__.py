"""Figures of sweep results (matplotlib), one function per figure, ready for notebooks.

Each outcome has its own colour and short name in every figure (``sim.outcomes.OUTCOMES``);
other series use the colour-blind-safe Okabe-Ito palette. Steps are in the scenario's unit;
rungs are named by the scenario's ladder. ``save(fig, path)`` writes PNG (200 dpi) and SVG.
"""

from sim.analysis.figures.channels import aid_figure, war_figure
from sim.analysis.figures.drivers import indicators_figure, sensitivity_figure, survival_figure
from sim.analysis.figures.outcomes import compare_figure, outcomes_figure
from sim.analysis.figures.paths import fan_figure, heatmap_figure, paths_figure, transitions_figure
from sim.analysis.figures.style import SERIES_COLORS, save

__all__ = [
    "SERIES_COLORS",
    "aid_figure",
    "compare_figure",
    "fan_figure",
    "heatmap_figure",
    "indicators_figure",
    "outcomes_figure",
    "paths_figure",
    "save",
    "sensitivity_figure",
    "survival_figure",
    "transitions_figure",
    "war_figure",
]
