"""``plot(DIR, kind)``: the figure of each ``escsim plot --kind`` and the table behind it.

Each kind is one function here, registered in ``KINDS``; options a kind does not use are
ignored. Path figures draw one scenario (default: the first of the sweep) on its own ladder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from sim.analysis import figures
from sim.analysis.channels import DEFAULT_MEASURE, aid_shares, measures, war_fan
from sim.analysis.compare import grouped_runs
from sim.analysis.distributions import outcome_shares
from sim.analysis.figures.outcomes import by_severity
from sim.analysis.indicators import DEFAULT_THRESHOLD, DEFAULT_WINDOW, indicator_auc
from sim.analysis.paths import (
    fan_data,
    key_dyad,
    occupancy,
    sample_paths,
    scenario_name,
    transition_paths,
)
from sim.analysis.sensitivity import prim_box, sensitivity
from sim.analysis.survival import survival_curves
from sim.errors import EscsimError
from sim.outcomes import OUTCOME_BY_NAME, OUTCOME_NAMES
from sim.store.results import results_of

#: Default threshold of the survival curves.
SURVIVAL_THRESHOLD = "direct_clash"


@dataclass(frozen=True)
class Options:
    scenario: str | None = None
    dyad: str | None = None
    threshold: str | None = None
    outcome: str = "horizontal_escalation"
    window: int = DEFAULT_WINDOW
    measure: str = DEFAULT_MEASURE
    prim_threshold: float = 0.8
    by: str | None = None


Drawn = tuple[Figure, pd.DataFrame]


def _outcomes(results, o: Options) -> Drawn:
    shares = outcome_shares(grouped_runs([results], o.by), ["group"])
    shares["group"] = shares["group"].astype(str)
    shares["severity"] = shares["outcome"].map(lambda x: OUTCOME_BY_NAME[x].severity)
    order = {
        "group": {g: i for i, g in enumerate(dict.fromkeys(shares["group"]))},
        "outcome": {x: i for i, x in enumerate(by_severity(OUTCOME_NAMES))},
    }
    table = shares.sort_values(
        ["group", "outcome"], key=lambda s: s.map(order[s.name]), kind="stable", ignore_index=True
    )
    return figures.outcomes_figure(table, "group"), table


def _fan(results, o: Options) -> Drawn:
    scenario = scenario_name(results, o.scenario)
    table = fan_data(results, [key_dyad(results, o.dyad)] if o.dyad else None, scenario)
    ladder = results.ladder(scenario)
    return figures.fan_figure(table, ladder, results.step_unit(scenario)), table


def _on_ladder(table_of, draw) -> Callable[[object, Options], Drawn]:
    """A kind that draws one key dyad of one scenario on that scenario's ladder."""

    def make(results, o: Options) -> Drawn:
        scenario, dyad = scenario_name(results, o.scenario), key_dyad(results, o.dyad)
        table = table_of(results, dyad, scenario)
        unit = results.step_unit(scenario)
        return draw(table, dyad, scenario, results.ladder(scenario), unit), table

    return make


def _transitions(results, o: Options) -> Drawn:
    scenario, dyad = scenario_name(results, o.scenario), key_dyad(results, o.dyad)
    table = transition_paths(results, dyad, scenario)
    return figures.transitions_figure(table, dyad, scenario), table


def _war(results, o: Options) -> Drawn:
    table = war_fan(results, o.measure, [o.scenario] if o.scenario else None)
    unit = results.step_unit(table["scenario"].iloc[0])
    return figures.war_figure(table, measures("war")[o.measure], unit), table


def _aid(results, o: Options) -> Drawn:
    scenario = scenario_name(results, o.scenario)
    table = aid_shares(results, scenario)
    fig = figures.aid_figure(
        table, scenario, results.actor_names(scenario), results.step_unit(scenario)
    )
    return fig, table


def _survival(results, o: Options) -> Drawn:
    threshold = o.threshold or SURVIVAL_THRESHOLD
    table = survival_curves(results, threshold, o.by)
    unit = results.step_unit(results.runs["scenario"].iloc[0])
    return figures.survival_figure(table, threshold, step_unit=unit), table


def _sensitivity(results, o: Options) -> Drawn:
    method, table = sensitivity(results, o.outcome, o.scenario)
    try:
        box, stats = prim_box(results, o.outcome, o.scenario, threshold=o.prim_threshold)
    except EscsimError:
        box, stats = None, None
    fig = figures.sensitivity_figure(method, table, box, stats, o.outcome)
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


def _indicators(results, o: Options) -> Drawn:
    threshold = o.threshold or DEFAULT_THRESHOLD
    table = indicator_auc(results, o.window, threshold)
    if o.scenario is not None:
        table = table[table["scenario"] == scenario_name(results, o.scenario)]
    unit = results.step_unit(table["scenario"].iloc[0])
    return figures.indicators_figure(table, threshold, o.window, step_unit=unit), table


KINDS: dict[str, Callable[[object, Options], Drawn]] = {
    "outcomes": _outcomes,
    "fan": _fan,
    "heatmap": _on_ladder(occupancy, figures.heatmap_figure),
    "survival": _survival,
    "paths": _on_ladder(sample_paths, figures.paths_figure),
    "transitions": _transitions,
    "war": _war,
    "aid": _aid,
    "sensitivity": _sensitivity,
    "indicators": _indicators,
}


def plot(source, kind: str, **options) -> Drawn:
    """The figure of ``kind`` and the table it draws: ``(figure, table)``.

    Options: ``scenario`` and ``dyad`` (path figures; default the first scenario, RUS-NATO),
    ``threshold`` (survival, default ``direct_clash``; indicators, default ``article4``),
    ``outcome`` (sensitivity), ``window`` (indicators, steps), ``measure`` (war: any war
    measure of the recorder, default ``front``), ``prim_threshold`` (sensitivity), ``by``
    (outcomes and survival: group by a swept parameter instead of by scenario)."""
    if kind not in KINDS:
        raise EscsimError(f"found {kind!r}; allowed: {', '.join(KINDS)}", parameter="kind")
    return KINDS[kind](results_of(source), Options(**options))
