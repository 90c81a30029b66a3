"""Analysis of sweep results: outcome distributions with intervals, comparisons, escalation
paths, the war and aid channels, survival, sensitivity and scenario discovery, early-warning
indicators, and figures.

Every table is a function returning a DataFrame and every figure a function returning a
matplotlib Figure, so notebooks get what ``escsim summary``, ``compare`` and ``plot`` show
(docs/analysis.md). Results folders are read with ``sim.store.load_results`` (one reader for
every layer)."""

from sim.analysis.channels import aid_shares, war_fan
from sim.analysis.compare import Comparison, compare, grouped_runs
from sim.analysis.distributions import event_counts, outcome_shares, summary, threshold_times
from sim.analysis.indicators import INDICATORS, indicator_auc, indicator_table
from sim.analysis.paths import fan_data, occupancy, sample_paths, transition_paths
from sim.analysis.sensitivity import logistic_effects, prim_box, sensitivity, sobol_indices
from sim.analysis.stats import (
    auc_delong,
    distribution_test,
    kaplan_meier,
    risk_difference,
    two_proportion_test,
    wilson,
)
from sim.analysis.survival import survival_curves

__all__ = [
    "INDICATORS",
    "Comparison",
    "aid_shares",
    "auc_delong",
    "compare",
    "distribution_test",
    "event_counts",
    "fan_data",
    "grouped_runs",
    "indicator_auc",
    "indicator_table",
    "kaplan_meier",
    "logistic_effects",
    "occupancy",
    "outcome_shares",
    "prim_box",
    "risk_difference",
    "sample_paths",
    "sensitivity",
    "sobol_indices",
    "summary",
    "survival_curves",
    "threshold_times",
    "transition_paths",
    "two_proportion_test",
    "war_fan",
    "wilson",
]
