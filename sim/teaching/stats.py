"""Paired statistics for lesson claims. Every arm of a lesson runs the same seeds, and the
counter-based random streams make the arms' runs common random numbers: run k of one arm and
run k of the other differ only by the knob. So comparisons are paired, by seed:

* two arms: a one-sided Wilcoxon signed-rank test on the per-seed differences (an exact
  McNemar test, i.e. a sign test on the discordant pairs, for yes/no measures), and the mean
  paired difference with a bootstrap 95% interval;
* a dose series: Page's L test for an ordered trend over the doses with seeds as blocks (the
  repeated-measures form of the Jonckheere trend test), and the mean difference between the
  highest and the lowest dose with a bootstrap 95% interval.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

#: Significance level of every claim (one-sided).
ALPHA = 0.01
RESAMPLES = 2000


@dataclass(frozen=True)
class Verdict:
    """A claim's test: effect in the claimed direction (positive when the claim goes the
    stated way), its 95% interval, the one-sided p-value and whether the claim holds."""

    effect: float
    low: float
    high: float
    p: float

    @property
    def holds(self) -> bool:
        return self.effect > 0 and self.p < ALPHA


def bootstrap_mean(values: np.ndarray, seed: int = 0) -> tuple[float, float]:
    """Percentile bootstrap 95% interval of the mean of ``values`` (resampling seeds)."""
    values = np.asarray(values, dtype=float)
    if values.size < 2 or np.all(values == values[0]):
        return float(values.mean()), float(values.mean())
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, values.size, size=(RESAMPLES, values.size))
    means = values[picks].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return float(low), float(high)


def paired(higher: np.ndarray, lower: np.ndarray, binary: bool) -> Verdict:
    """Is ``higher`` above ``lower``, seed by seed?"""
    diff = np.asarray(higher, dtype=float) - np.asarray(lower, dtype=float)
    low, high = bootstrap_mean(diff)
    if not np.any(diff):
        p = 1.0
    elif binary:
        up, down = int((diff > 0).sum()), int((diff < 0).sum())
        p = float(stats.binomtest(up, up + down, 0.5, alternative="greater").pvalue)
    else:
        p = float(stats.wilcoxon(diff, alternative="greater").pvalue)
    return Verdict(float(diff.mean()), low, high, p)


def trend(values: np.ndarray) -> Verdict:
    """Does the measure rise over the doses? ``values`` is (seeds, doses) in dose order."""
    values = np.asarray(values, dtype=float)
    diff = values[:, -1] - values[:, 0]
    low, high = bootstrap_mean(diff)
    flat = np.all(values == values[:, :1])
    p = 1.0 if flat else float(stats.page_trend_test(values).pvalue)
    return Verdict(float(diff.mean()), low, high, p)
