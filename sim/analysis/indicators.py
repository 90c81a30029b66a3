"""Early-warning indicators: what each run shows in an early window, and how well it predicts
escalation later on.

The indicators are the ones the article says to watch: intensity and frequency of exercises,
rhetoric of key leaders, shifts in aid packages and diplomatic initiatives. Each is computed per
run over steps 1..window from the events table; a run *escalates later* when it crosses the
target threshold (default: the first incident on NATO territory) after the window. Runs that
crossed it within the window are left out (the warning would come too late).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.analysis.io import as_results
from sim.analysis.stats import auc_delong
from sim.errors import EscsimError
from sim.ladder import DEFAULT_LADDER
from sim.outcomes import PASSAGES

#: Default early window: the first quarter of a one-year run (13 weeks).
DEFAULT_WINDOW = 13

INDICATORS = {
    "exercise_intensity": "Exercises: actions (drills by any actor against any target)",
    "exercise_frequency": "Exercises: weeks with at least one drill",
    "rhetoric": "Rhetoric: warnings issued",
    "aid_shifts": "Aid: scheduled aid packages, and moves into or out of the aid rungs",
    "diplomatic_initiatives": "Diplomacy: peace offers made",
}
INDICATOR_LABELS = {
    "exercise_intensity": "Exercise intensity",
    "exercise_frequency": "Exercise frequency",
    "rhetoric": "Rhetoric (warnings)",
    "aid_shifts": "Aid shifts",
    "diplomatic_initiatives": "Diplomatic initiatives",
}


def _rungs_of(category: str) -> set[str]:
    """Names and ids of the default ladder's rungs in a category (events carry names)."""
    rungs = [r for r in DEFAULT_LADDER.rungs if r.category == category]
    return {r.name for r in rungs} | {r.id for r in rungs}


def indicator_table(source, window: int = DEFAULT_WINDOW) -> pd.DataFrame:
    """One row per finished run: ``run_id``, ``scenario`` and each indicator over steps
    1..``window``."""
    if window < 1:
        raise EscsimError(f"found {window}; allowed: an integer >= 1", parameter="window")
    results = as_results(source)
    ok = results.ok[["run_id", "scenario"]]
    events = results.read_events(
        ["run_id", "step", "kind", "from_rung", "to_rung", "move", "cause"],
        filters=[("step", ">=", 1), ("step", "<=", window)],
    )
    events = events[(events["step"] >= 1) & (events["step"] <= window)]
    events = events[events["run_id"].isin(ok["run_id"])]
    actions = events[events["kind"] == "action"]
    exercise = actions[actions["to_rung"].isin(_rungs_of("exercise"))]
    aid = _rungs_of("aid")
    into, out_of = actions["to_rung"].isin(aid), actions["from_rung"].isin(aid)
    changes = (into | out_of) & (actions["move"] != 0)
    packages = into & (actions["cause"] == "scheduled")
    aid_moves = actions[changes | packages]
    columns = {
        "exercise_intensity": exercise.groupby("run_id").size(),
        "exercise_frequency": exercise.groupby("run_id")["step"].nunique(),
        "rhetoric": events[events["kind"] == "warning"].groupby("run_id").size(),
        "aid_shifts": aid_moves.groupby("run_id").size(),
        "diplomatic_initiatives": events[events["kind"] == "peace_offer"].groupby("run_id").size(),
    }
    table = ok.set_index("run_id")
    for name, values in columns.items():
        table[name] = values.reindex(table.index, fill_value=0).astype(int)
    return table.reset_index()


def escalation_label(runs: pd.DataFrame, threshold: str, window: int) -> pd.Series:
    """1 when the run crosses ``threshold`` after the window, 0 when never; nan when it crossed
    within the window (left out)."""
    column = f"first:{threshold}"
    first = runs[column].astype(float)
    label = pd.Series(np.where(first.isna(), 0.0, 1.0), index=runs.index)
    return label.where(~(first <= window), np.nan)


def indicator_auc(
    source,
    window: int = DEFAULT_WINDOW,
    threshold: str = "nato_incident",
    by: str = "scenario",
    confidence: float = 0.95,
) -> pd.DataFrame:
    """How well each indicator, measured over the early window, predicts crossing
    ``threshold`` later: the AUC (0.5 = no better than chance; above 0.5 = more of it warns of
    escalation; below 0.5 = more of it goes with calm) with DeLong's interval, per group.

    Columns: the group, ``indicator``, ``auc``, ``low``, ``high``, ``escalated`` (runs that
    crossed after the window), ``calm`` (never crossed), ``excluded`` (crossed within it)."""
    if threshold not in PASSAGES:
        raise EscsimError(
            f"found {threshold!r}; allowed: {', '.join(PASSAGES)}", parameter="threshold"
        )
    results = as_results(source)
    table = indicator_table(results, window)
    runs = results.ok.set_index("run_id").loc[table["run_id"]].reset_index()
    table["escalates"] = escalation_label(runs, threshold, window).to_numpy()
    rows = []
    for group, frame in table.groupby(by, sort=False):
        kept = frame[frame["escalates"].notna()]
        labels = kept["escalates"].to_numpy() == 1
        for name in INDICATORS:
            a = auc_delong(kept[name].to_numpy(), labels, confidence)
            rows.append(
                (
                    group,
                    name,
                    a.auc,
                    a.low,
                    a.high,
                    a.n_positive,
                    a.n_negative,
                    int(frame["escalates"].isna().sum()),
                )
            )
    return pd.DataFrame(
        rows, columns=[by, "indicator", "auc", "low", "high", "escalated", "calm", "excluded"]
    )
