"""Facts against runs: the value of each fact's measure per run, the discrepancy of a batch
(what calibration minimises) and the predictive check (what docs/validation.md shows)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.scenario.schema import Scenario
from sim.validation.facts import Fact, FactsFile, interval, quantile
from sim.validation.measures import Trace, trace, value


def fact_values(tr: Trace, facts: FactsFile) -> dict[str, np.ndarray]:
    """(R,) values of each fact's measure, by fact id."""
    return {f.id: value(tr, f.measure, f.year) for f in facts.facts}


def run_facts(scenario: Scenario, seeds, facts: FactsFile) -> dict[str, np.ndarray]:
    """Trace ``seeds`` of ``scenario`` and read every fact's measure."""
    return fact_values(trace(scenario, seeds), facts)


def discrepancies(means: dict[str, float], facts: FactsFile) -> dict[str, float]:
    return {f.id: f.discrepancy(means[f.id]) for f in facts.facts}


def distance(means: dict[str, float], facts: FactsFile) -> float:
    """Root of the summed squared discrepancies of a batch's means from the facts."""
    return float(np.sqrt(sum(d * d for d in discrepancies(means, facts).values())))


def _observed(fact: Fact) -> str:
    if fact.high > fact.low:
        return f"{fact.low:g} to {fact.high:g}"
    return f"{fact.low:g}"


def check(
    values: dict[str, np.ndarray], facts: FactsFile, weights: np.ndarray | None = None
) -> pd.DataFrame:
    """One row per fact: observed, the predictive distribution (mean, median, 90% interval),
    the share of runs inside the observation, and whether the interval covers it."""
    rows = []
    for fact in facts.facts:
        v = np.asarray(values[fact.id], dtype=float)
        w = np.ones_like(v) if weights is None else np.asarray(weights, dtype=float)
        low, high = interval(v, w)
        inside = (v >= fact.low - 1e-9) & (v <= fact.high + 1e-9)
        rows.append(
            {
                "fact": fact.id,
                "measure": fact.measure,
                "year": fact.year,
                "observed": _observed(fact),
                "mean": float(np.average(v, weights=w)),
                "median": quantile(v, 0.5, w),
                "low": low,
                "high": high,
                "p_inside": float(np.average(inside, weights=w)),
                "covered": fact.covered(v, w),
                "statement": fact.statement,
                "source": fact.source,
            }
        )
    return pd.DataFrame(rows)
