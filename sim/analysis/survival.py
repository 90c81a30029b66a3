"""Survival curves: probability that a threshold (``sim.outcomes.PASSAGES``) has not been
crossed by step t."""

from __future__ import annotations

import pandas as pd

from sim.analysis.io import as_results
from sim.analysis.stats import kaplan_meier, km_median
from sim.errors import EscsimError
from sim.outcomes import PASSAGES


def survival_curves(source, threshold: str = "direct_clash", by: str = "scenario") -> pd.DataFrame:
    """Kaplan-Meier curves of 'no <threshold> yet' per group (default per scenario).

    A run that crossed at step s is an event at s; a run that never crossed is censored at its
    last step (``steps``). Columns: the group, then ``time``, ``at_risk``, ``events``,
    ``censored``, ``survival``, ``low``, ``high`` (95% pointwise, Greenwood log-log)."""
    if threshold not in PASSAGES:
        raise EscsimError(f"--threshold: found {threshold!r}; allowed: {', '.join(PASSAGES)}")
    results = as_results(source)
    ok = results.ok
    column = f"first:{threshold}"
    if column not in ok.columns:
        raise EscsimError(f"{results.folder}: runs.parquet has no column {column}")
    parts = []
    for group, frame in ok.groupby(by, sort=False):
        crossed = frame[column].notna()
        durations = frame[column].where(crossed, frame["steps"]).astype(float)
        curve = kaplan_meier(durations, crossed)
        curve.insert(0, by, group)
        parts.append(curve)
    if not parts:
        raise EscsimError(f"{results.folder}: no finished runs")
    return pd.concat(parts, ignore_index=True)


def survival_medians(curves: pd.DataFrame, by: str = "scenario") -> pd.Series:
    """Kaplan-Meier median time to the threshold per group (nan: not reached by half)."""
    return curves.groupby(by, sort=False).apply(km_median, include_groups=False)
