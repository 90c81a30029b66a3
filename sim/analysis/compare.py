"""Comparing outcome distributions between scenarios, sweeps or values of a parameter."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from sim.analysis.distributions import outcome_shares
from sim.analysis.stats import distribution_test, risk_difference, two_proportion_test
from sim.errors import EscsimError
from sim.outcomes import OUTCOME_NAMES
from sim.store.results import PARAM, Results, results_of

#: A numeric parameter with more distinct values than this is cut into quartile bins.
MAX_LEVELS = 6


@dataclass
class Comparison:
    """``shares``: outcome shares per group (Wilson intervals); ``differences``: per outcome
    and group, the risk difference against the reference group (the first) with Newcombe's
    interval and a test (Fisher exact when counts are small, else chi-square); ``overall``:
    one test per group of the whole outcome distribution against the reference."""

    groups: list[str]
    reference: str
    shares: pd.DataFrame
    differences: pd.DataFrame
    overall: pd.DataFrame


def _label_values(values: pd.Series, parameter: str) -> pd.Series:
    name = parameter.split(".")[-1]
    distinct = values.dropna().unique()
    if pd.api.types.is_numeric_dtype(values) and len(distinct) > MAX_LEVELS:
        bins = pd.qcut(values, 4, duplicates="drop")
        return bins.map(lambda b: f"{name} in ({b.left:.3g}, {b.right:.3g}]").astype(str)
    return values.map(lambda v: f"{name}={v:.3g}" if isinstance(v, float) else f"{name}={v}")


def grouped_runs(sources, by: str | None = None) -> pd.DataFrame:
    """The runs of one or more sweeps with a ``group`` column: per sweep and scenario, or per
    value of parameter ``by`` (quartile bins when it has more than 6 values)."""
    results = [results_of(s) for s in sources]
    if not results:
        raise EscsimError("compare: no results folder given; allowed: one or more folders")
    labels = [r.label for r in results]
    if len(set(labels)) < len(labels):
        labels = [f"{r.label}#{i + 1}" for i, r in enumerate(results)]
    frames = []
    for label, r in zip(labels, results, strict=True):
        runs = r.runs
        if by is not None:
            column = check_parameter(r, by)
            runs = runs[runs[column].notna()]
        frames.append(runs.assign(sweep=label))
    runs = pd.concat(frames, ignore_index=True)
    if by is not None:
        column = PARAM + (by[len(PARAM) :] if by.startswith(PARAM) else by)
        group = _label_values(runs[column], column[len(PARAM) :])
        if runs["scenario"].nunique() > 1:
            group = runs["scenario"] + ": " + group
        order = runs.assign(group=group).sort_values(["scenario", column])["group"]
    else:
        group = runs["scenario"]
        if len(results) > 1:
            duplicated = runs.groupby("scenario")["sweep"].nunique().max() > 1
            if duplicated:
                group = runs["sweep"] + ": " + runs["scenario"]
        order = group
    runs = runs.assign(group=pd.Categorical(group, categories=list(dict.fromkeys(order))))
    if runs.empty or (runs["status"] == "ok").sum() == 0:
        raise EscsimError("compare: no finished runs to compare; allowed: sweeps with ok runs")
    return runs


def compare(sources, by: str | None = None, confidence: float = 0.95) -> Comparison:
    """Compare outcome distributions: between the scenarios of the sweeps (and between sweeps),
    or between the values of parameter ``by``. The first group is the reference."""
    runs = grouped_runs(sources, by)
    shares = outcome_shares(runs, by=["group"], confidence=confidence)
    shares = shares[shares["runs"] + shares["failed"] > 0].reset_index(drop=True)
    shares["group"] = shares["group"].astype(str)
    groups = list(dict.fromkeys(shares["group"]))
    if len(groups) < 2:
        raise EscsimError(
            "compare: only one group to compare "
            f"({groups[0] if groups else 'none'}); allowed: two or more scenarios, sweeps, "
            "or values of --by"
        )
    reference = groups[0]
    table = shares.pivot(index="group", columns="outcome", values="count").reindex(
        index=groups, columns=list(OUTCOME_NAMES)
    )
    n = shares.groupby("group")["runs"].first().reindex(groups)
    rows, overall = [], []
    for g in groups[1:]:
        result = distribution_test(table.loc[[reference, g]].to_numpy())
        overall.append((g, reference, result.statistic, result.p_value, result.test))
        for outcome in OUTCOME_NAMES:
            k1, n1 = int(table.loc[g, outcome]), int(n[g])
            k2, n2 = int(table.loc[reference, outcome]), int(n[reference])
            rd = risk_difference(k1, n1, k2, n2, confidence)
            test = two_proportion_test(k1, n1, k2, n2)
            rows.append(
                (
                    g,
                    reference,
                    outcome,
                    k1 / n1 if n1 else np.nan,
                    k2 / n2 if n2 else np.nan,
                    rd.difference,
                    rd.low,
                    rd.high,
                    test.test,
                    test.p_value,
                )
            )
    differences = pd.DataFrame(
        rows,
        columns=[
            "group",
            "reference",
            "outcome",
            "share",
            "reference_share",
            "difference",
            "low",
            "high",
            "test",
            "p_value",
        ],
    )
    overall_frame = pd.DataFrame(
        overall, columns=["group", "reference", "statistic", "p_value", "test"]
    )
    return Comparison(groups, reference, shares, differences, overall_frame)


def check_parameter(results: Results, parameter: str) -> str:
    """The ``param:`` column of ``parameter`` (with or without the prefix), or EscsimError."""
    name = parameter[len(PARAM) :] if parameter.startswith(PARAM) else parameter
    if name not in results.parameters:
        swept = ", ".join(results.parameters) or "none (no parameter was swept)"
        raise EscsimError(
            f"{parameter}: not a parameter of the sweep in {results.folder}; allowed: {swept}",
            parameter="by",
        )
    return PARAM + name
