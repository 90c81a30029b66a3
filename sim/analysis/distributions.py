"""Outcome shares, times to thresholds and event counts, per scenario or design point; the
outcomes, thresholds and counted events are those declared in ``sim.outcomes``."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.analysis.stats import wilson
from sim.outcomes import COUNTS, OUTCOME_NAMES, PASSAGES
from sim.store.results import results_of


def _group_columns(by) -> list[str]:
    if by is None:
        return ["scenario"]
    return [by] if isinstance(by, str) else list(by)


def outcome_shares(runs: pd.DataFrame, by=("scenario",), confidence: float = 0.95) -> pd.DataFrame:
    """Share of finished runs ending in each outcome, per group, with Wilson intervals.

    One row per group and outcome (every outcome listed, also those never seen): the group
    columns, ``outcome``, ``runs`` (finished runs of the group), ``count``, ``share``, ``low``,
    ``high``, and ``failed`` (runs of the group that raised an error, excluded from ``runs``)."""
    keys = _group_columns(by)
    status_ok = runs["status"].to_numpy() == "ok"
    failed = runs.loc[~status_ok].groupby(keys, sort=True, dropna=False).size()
    ok = runs.loc[status_ok]
    counts = (
        ok.groupby([*keys, "outcome"], sort=True, dropna=False)
        .size()
        .unstack("outcome", fill_value=0)
        .reindex(columns=list(OUTCOME_NAMES), fill_value=0)
    )
    groups = counts.index.union(failed.index) if len(failed) else counts.index
    counts = counts.reindex(groups, fill_value=0)
    long = counts.stack().rename("count").reset_index()
    long.columns = [*keys, "outcome", "count"]
    totals = counts.sum(axis=1)
    index = pd.MultiIndex.from_frame(long[keys]) if len(keys) > 1 else long[keys[0]]
    long["runs"] = totals.reindex(index).to_numpy()
    long["share"] = np.where(long["runs"] > 0, long["count"] / long["runs"].clip(lower=1), np.nan)
    low, high = wilson(long["count"], long["runs"], confidence)
    long["low"], long["high"] = low, high
    long["failed"] = failed.reindex(index, fill_value=0).to_numpy() if len(failed) else 0
    order = {o: i for i, o in enumerate(OUTCOME_NAMES)}
    long = long.sort_values(
        [*keys, "outcome"],
        key=lambda s: s.map(order) if s.name == "outcome" else s,
        kind="stable",
        ignore_index=True,
    )
    return long[[*keys, "outcome", "runs", "count", "share", "low", "high", "failed"]]


def threshold_times(runs: pd.DataFrame, by=("scenario",)) -> pd.DataFrame:
    """Time (steps) to each first-passage threshold, per group: ``reached`` (runs that crossed
    it), ``share`` of finished runs, and the quartiles ``q25``, ``median``, ``q75`` of the step
    among runs that crossed (runs that never crossed are censored; see ``survival`` for the
    Kaplan-Meier view that accounts for them)."""
    keys = _group_columns(by)
    ok = runs[runs["status"] == "ok"]
    columns = [f"first:{p}" for p in PASSAGES if f"first:{p}" in ok.columns]
    grouped = ok.groupby(keys, sort=True, dropna=False)
    size = grouped.size()
    parts = []
    for column in columns:
        g = grouped[column]
        q = g.quantile([0.25, 0.5, 0.75]).unstack()
        part = pd.DataFrame(
            {
                "threshold": column[len("first:") :],
                "runs": size,
                "reached": g.count(),
                "q25": q[0.25],
                "median": q[0.5],
                "q75": q[0.75],
            }
        )
        part["share"] = part["reached"] / part["runs"]
        parts.append(part)
    names = [*keys, "threshold", "runs", "reached", "share", "q25", "median", "q75"]
    if not parts:
        return pd.DataFrame(columns=names)
    table = pd.concat(parts).reset_index()
    order = {p: i for i, p in enumerate(PASSAGES)}
    table = table.sort_values(
        [*keys, "threshold"],
        key=lambda s: s.map(order) if s.name == "threshold" else s,
        kind="stable",
        ignore_index=True,
    )
    return table[names]


def event_counts(runs: pd.DataFrame, by=("scenario",), confidence: float = 0.95) -> pd.DataFrame:
    """Per group and counted event (``sim.outcomes.COUNTS``: red lines crossed, incidents,
    nuclear signals, peace offers, ...): ``mean`` per finished run, ``runs_with`` (runs with
    at least one), their ``share`` and its Wilson interval ``low``/``high``."""
    keys = _group_columns(by)
    ok = runs[runs["status"] == "ok"]
    names = [c for c in COUNTS if c in ok.columns]
    columns = [*keys, "event", "runs", "mean", "runs_with", "share", "low", "high"]
    if not names:
        return pd.DataFrame(columns=columns)
    grouped = ok.groupby(keys, sort=True, dropna=False)
    means = grouped[names].mean().stack().rename("mean")
    with_one = (ok[names] > 0).groupby([ok[k] for k in keys], sort=True, dropna=False).sum()
    table = pd.concat([means, with_one.stack().rename("runs_with")], axis=1).reset_index()
    table.columns = [*keys, "event", "mean", "runs_with"]
    size = grouped.size()
    index = pd.MultiIndex.from_frame(table[keys]) if len(keys) > 1 else table[keys[0]]
    table["runs"] = size.reindex(index).to_numpy()
    table["share"] = table["runs_with"] / table["runs"]
    table["low"], table["high"] = wilson(table["runs_with"], table["runs"], confidence)
    return table[columns]


def summary(source, by=None) -> dict[str, pd.DataFrame]:
    """The tables of ``escsim summary``: ``outcomes`` (shares with Wilson intervals),
    ``thresholds`` (times to thresholds), ``events`` (counted events per run) and ``counts``
    (runs, ok, failed per group).

    ``by``: group columns; default per scenario, and per design point when the sweep has
    parameters (``("scenario", "point")``)."""
    results = results_of(source)
    runs = results.runs
    if by is None:
        by = ["scenario", "point"] if results.parameters and "point" in runs else ["scenario"]
    by = _group_columns(by)
    counts = (
        runs.assign(ok=runs["status"] == "ok", failed=runs["status"] != "ok")
        .groupby(by, sort=True)
        .agg(runs=("run_id", "size"), ok=("ok", "sum"), failed=("failed", "sum"))
        .reset_index()
    )
    return {
        "outcomes": outcome_shares(runs, by),
        "thresholds": threshold_times(runs, by),
        "events": event_counts(runs, by),
        "counts": counts,
    }
