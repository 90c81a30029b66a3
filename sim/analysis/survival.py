"""Survival curves: probability that a threshold (``sim.outcomes.PASSAGES``) has not been
crossed by step t."""

from __future__ import annotations

import pandas as pd

from sim.analysis.compare import grouped_runs
from sim.analysis.stats import kaplan_meier, km_median
from sim.errors import EscsimError
from sim.outcomes import PASSAGES
from sim.store.results import results_of


def survival_curves(source, threshold: str = "direct_clash", by: str | None = None) -> pd.DataFrame:
    """Kaplan-Meier curves of 'no <threshold> yet' per group: per scenario, or per value of
    the swept parameter ``by`` (quartile bins when it has many values, as ``compare`` makes).

    A run that crossed at step s is an event at s; a run that never crossed is censored at its
    last step (``steps``). Columns: ``group``, then ``time``, ``at_risk``, ``events``,
    ``censored``, ``survival``, ``low``, ``high`` (95% pointwise, Greenwood log-log)."""
    if threshold not in PASSAGES:
        raise EscsimError(
            f"found {threshold!r}; allowed: {', '.join(PASSAGES)}", parameter="threshold"
        )
    results = results_of(source)
    column = f"first:{threshold}"
    if column not in results.runs.columns:
        raise EscsimError(f"{results.folder}: runs.parquet has no column {column}")
    runs = grouped_runs([results], by)
    parts = []
    for group, frame in runs[runs["status"] == "ok"].groupby("group", observed=True):
        crossed = frame[column].notna()
        durations = frame[column].where(crossed, frame["steps"]).astype(float)
        curve = kaplan_meier(durations, crossed)
        curve.insert(0, "group", str(group))
        parts.append(curve)
    return pd.concat(parts, ignore_index=True)


def survival_medians(curves: pd.DataFrame) -> pd.Series:
    """Kaplan-Meier median time to the threshold per group (nan: not reached by half)."""
    return curves.groupby("group", sort=False).apply(km_median, include_groups=False)
