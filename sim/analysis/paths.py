"""Escalation paths on the reporting ladder: fan charts, ladder occupancy, sample paths and
transition paths of the key dyads. Rungs are named by the ladder of the scenario that ran (read
from the manifest), never the built-in default."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.errors import EscsimError
from sim.outcomes import OUTCOME_NAMES
from sim.store.results import results_of

#: The dyad whose path decides horizontal escalation; the default for the path figures.
DEFAULT_DYAD = "RUS-NATO"


def scenario_name(results, scenario: str | None) -> str:
    """``scenario`` checked against the sweep's scenarios (default: the first)."""
    names = list(dict.fromkeys(results.runs["scenario"]))
    if scenario is None:
        return names[0]
    if scenario not in names:
        raise EscsimError(
            f"{scenario}: not in the sweep; allowed: {', '.join(names)}", parameter="scenario"
        )
    return scenario


def key_dyad(results, dyad: str | None) -> str:
    """``dyad`` checked against the sweep's key dyads (default RUS-NATO, else the first)."""
    dyads = results.key_dyads
    if dyad is None:
        return DEFAULT_DYAD if DEFAULT_DYAD in dyads else dyads[0]
    if dyad not in dyads:
        raise EscsimError(
            f"{dyad}: not a key dyad of the sweep; allowed: {', '.join(dyads)}",
            parameter="dyad",
        )
    return dyad


def wide(rows: pd.DataFrame, column: str) -> tuple[np.ndarray, pd.Index]:
    """Long rows (run_id, step, column) as a runs x steps matrix; nan after a run's end."""
    table = rows.pivot(index="run_id", columns="step", values=column).sort_index()
    return table.to_numpy(dtype=float), table.index


#: Quantiles of a fan chart and their column names: the 90% band, the 50% band, the median.
QUANTILES = {"q05": 0.05, "q25": 0.25, "median": 0.5, "q75": 0.75, "q95": 0.95}


def bands(matrix: np.ndarray, method: str = "linear") -> dict[str, np.ndarray]:
    """Per column (step) of a runs x steps matrix: ``step``, ``runs`` (not nan) and the
    ``QUANTILES`` across runs (numpy quantile ``method``)."""
    q = np.nanquantile(matrix, list(QUANTILES.values()), axis=0, method=method)
    return {
        "step": np.arange(matrix.shape[1]),
        "runs": (~np.isnan(matrix)).sum(axis=0),
        **dict(zip(QUANTILES, q, strict=True)),
    }


def level_matrix(source, dyad: str, scenario: str | None = None) -> tuple[np.ndarray, pd.Index]:
    """Rung of ``dyad`` per finished run (rows, run ids in the returned index) and step
    (columns 0..steps); nan after a run's last step."""
    results = results_of(source)
    scenario = scenario_name(results, scenario)
    ok = results.ok
    ids = ok.loc[ok["scenario"] == scenario, "run_id"]
    rows = results.dyad_paths
    rows = rows[(rows["entity"] == dyad) & rows["run_id"].isin(ids)]
    if rows.empty:
        raise EscsimError(
            f"{results.folder}: no paths of {dyad} for scenario {scenario}; allowed: a sweep "
            "recorded with --record paths or full"
        )
    return wide(rows, "level")


def fan_data(source, dyads=None, scenario: str | None = None) -> pd.DataFrame:
    """Per key dyad and step: the median rung and the 50% (q25-q75) and 90% (q05-q95) bands
    across finished runs of one scenario (default: the first). Quantiles are observed rungs
    (numpy's ``inverted_cdf``), never a rung between two."""
    results = results_of(source)
    scenario = scenario_name(results, scenario)
    dyads = dyads or results.key_dyads
    parts = []
    for dyad in dyads:
        matrix, _ = level_matrix(results, dyad, scenario)
        frame = bands(matrix, "inverted_cdf")
        parts.append(pd.DataFrame({"scenario": scenario, "dyad": dyad, **frame}))
    return pd.concat(parts, ignore_index=True)


def occupancy(source, dyad: str | None = None, scenario: str | None = None) -> pd.DataFrame:
    """Ladder occupancy: share of runs (of one scenario) on each rung of its ladder (rows,
    0..top) at each step (columns). Each column sums to 1."""
    results = results_of(source)
    dyad = key_dyad(results, dyad)
    scenario = scenario_name(results, scenario)
    matrix, _ = level_matrix(results, dyad, scenario)
    levels = np.arange(len(results.ladder(scenario)))
    counts = np.stack([(matrix == lv).sum(axis=0) for lv in levels])
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = counts / counts.sum(axis=0, keepdims=True)
    return pd.DataFrame(
        shares,
        index=pd.Index(levels, name="rung"),
        columns=pd.Index(np.arange(matrix.shape[1]), name="step"),
    )


def sample_paths(
    source,
    dyad: str | None = None,
    scenario: str | None = None,
    per_outcome: int = 15,
    seed: int = 0,
) -> pd.DataFrame:
    """Up to ``per_outcome`` runs of each outcome (a seeded random sample), long format:
    ``run_id``, ``outcome``, ``step``, ``level``."""
    results = results_of(source)
    dyad = key_dyad(results, dyad)
    matrix, ids = level_matrix(results, dyad, scenario)
    outcomes = results.runs.set_index("run_id").loc[ids, "outcome"].to_numpy()
    rng = np.random.default_rng(seed)
    parts = []
    for outcome in OUTCOME_NAMES:
        rows = np.flatnonzero(outcomes == outcome)
        if rows.size > per_outcome:
            rows = np.sort(rng.choice(rows, per_outcome, replace=False))
        for r in rows:
            steps = np.flatnonzero(~np.isnan(matrix[r]))
            parts.append(
                pd.DataFrame(
                    {"run_id": ids[r], "outcome": outcome, "step": steps, "level": matrix[r, steps]}
                )
            )
    return pd.concat(parts, ignore_index=True)


def transition_paths(
    source, dyad: str | None = None, scenario: str | None = None, top: int = 5, last: int = 4
) -> pd.DataFrame:
    """The most frequent rung-transition paths into each outcome: for each run, the sequence of
    distinct rungs ``dyad`` passed through up to the step the outcome was decided (the run's
    end when no step decided it), cut to its ``last`` rungs. Per outcome, the ``top`` paths with
    their count and share of that outcome's runs; rungs named by the scenario's ladder."""
    results = results_of(source)
    dyad = key_dyad(results, dyad)
    scenario = scenario_name(results, scenario)
    ladder = results.ladder(scenario)
    matrix, ids = level_matrix(results, dyad, scenario)
    runs = results.runs.set_index("run_id").loc[ids]
    outcomes = runs["outcome"].to_numpy()
    ends = runs["outcome_step"].to_numpy(dtype=float)
    sequences, levels = [], []
    for r in range(matrix.shape[0]):
        row = matrix[r]
        end = len(row) - 1 if np.isnan(ends[r]) else int(ends[r])
        row = row[: end + 1]
        row = row[~np.isnan(row)].astype(int)
        keep = np.r_[True, row[1:] != row[:-1]] if row.size else np.array([], bool)
        seq = row[keep][-last:]
        sequences.append(" → ".join(ladder.name(int(v)) for v in seq))
        levels.append(tuple(int(v) for v in seq))
    frame = pd.DataFrame({"outcome": outcomes, "path": sequences, "levels": levels})
    counts = frame.groupby(["outcome", "path", "levels"]).size().rename("runs").reset_index()
    totals = frame.groupby("outcome").size()
    counts["share"] = counts["runs"] / counts["outcome"].map(totals)
    order = {o: i for i, o in enumerate(OUTCOME_NAMES)}
    counts["_o"] = counts["outcome"].map(order)
    counts = counts.sort_values(["_o", "runs", "path"], ascending=[True, False, True])
    counts = counts.groupby("outcome", sort=False).head(top).drop(columns="_o")
    counts["outcome_runs"] = counts["outcome"].map(totals)
    return counts.reset_index(drop=True)
