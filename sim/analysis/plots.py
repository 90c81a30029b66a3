"""``plot(DIR, kind)``: the figure of each ``escsim plot --kind`` and the table behind it."""

from __future__ import annotations

import pandas as pd
import yaml

from sim.analysis import figures
from sim.analysis.indicators import DEFAULT_WINDOW, indicator_auc
from sim.analysis.io import as_results
from sim.analysis.paths import _dyad, _scenario, fan_data, occupancy, sample_paths, transition_paths
from sim.analysis.sensitivity import prim_box, sensitivity
from sim.analysis.survival import survival_curves
from sim.errors import EscsimError

KINDS = ("fan", "heatmap", "survival", "paths", "transitions", "sensitivity", "indicators")


def step_unit(results, scenario: str | None = None) -> str:
    for entry in results.manifest.get("scenarios", []):
        if scenario in (None, entry.get("name")):
            try:
                return (yaml.safe_load(entry.get("text", "")) or {}).get("run", {}).get(
                    "step_unit", "step"
                ) or "step"
            except yaml.YAMLError:
                return "step"
    return "step"


def plot(
    source,
    kind: str,
    *,
    scenario: str | None = None,
    dyad: str | None = None,
    threshold: str | None = None,
    outcome: str = "horizontal_escalation",
    window: int = DEFAULT_WINDOW,
    prim_threshold: float = 0.8,
):
    """The figure of ``kind`` and the table it draws: ``(figure, table)``.

    ``threshold``: for ``survival`` (default ``direct_clash``) and ``indicators`` (default
    ``nato_incident``); ``outcome`` for ``sensitivity``; ``window`` (steps) for
    ``indicators``; ``scenario`` and ``dyad`` for the path figures (default: the first
    scenario, RUS-NATO)."""
    if kind not in KINDS:
        raise EscsimError(f"found {kind!r}; allowed: {', '.join(KINDS)}", parameter="kind")
    results = as_results(source)
    if kind in ("fan", "heatmap", "paths", "transitions"):
        scenario = _scenario(results, scenario)
    unit = step_unit(results, scenario)
    if kind == "fan":
        table = fan_data(results, [dyad] if dyad else None, scenario)
        return figures.fan_figure(table, unit), table
    if kind == "heatmap":
        dyad = _dyad(results, dyad)
        table = occupancy(results, dyad, scenario)
        return figures.heatmap_figure(table, dyad, scenario, unit), table
    if kind == "paths":
        dyad = _dyad(results, dyad)
        table = sample_paths(results, dyad, scenario)
        return figures.paths_figure(table, dyad, scenario, unit), table
    if kind == "transitions":
        dyad = _dyad(results, dyad)
        table = transition_paths(results, dyad, scenario)
        return figures.transitions_figure(table, dyad, scenario), table
    if kind == "survival":
        threshold = threshold or "direct_clash"
        table = survival_curves(results, threshold)
        return figures.survival_figure(table, threshold, step_unit=unit), table
    if kind == "sensitivity":
        method, table = sensitivity(results, outcome, scenario)
        try:
            box, stats = prim_box(results, outcome, scenario, threshold=prim_threshold)
        except EscsimError:
            box, stats = None, None
        fig = figures.sensitivity_figure(method, table, box, stats, outcome)
        if box is not None:
            table = pd.concat(
                [
                    table.assign(analysis=method),
                    box.assign(
                        analysis="prim",
                        **{k: v for k, v in stats.items() if k in ("density", "coverage", "mass")},
                    ),
                ],
                ignore_index=True,
            )
        return fig, table
    # indicators
    threshold = threshold or "nato_incident"
    table = indicator_auc(results, window, threshold)
    return figures.indicators_figure(table, threshold, window, step_unit=unit), table
