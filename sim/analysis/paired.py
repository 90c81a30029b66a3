"""Paired comparisons of arms run on the same seeds (common random numbers).

Every random draw is keyed by (seed, step, mechanism, slot), so run k of one arm and run k of
another share every draw the change does not touch: the difference within a pair is the effect
of the change with far less noise than between independent runs. Comparisons are therefore
paired, by seed:

* two arms: a one-sided Wilcoxon signed-rank test on the per-seed differences (an exact McNemar
  test, i.e. a sign test on the discordant pairs, for yes/no measures), and the mean paired
  difference with a percentile bootstrap 95% interval;
* a dose series: Page's L test for an ordered trend over the doses with seeds as blocks (the
  repeated-measures form of the Jonckheere trend test), and the mean difference between the
  highest and the lowest dose with a bootstrap 95% interval.

Estimates for reports (``escsim compare`` on a paired sweep, ``escsim branch``) are two-sided:
the paired risk difference with Agresti and Min's interval and the exact McNemar p, the paired
mean difference with a t interval and the Wilcoxon signed-rank p.

Used by the lessons' claims, the mechanism tests, paired sweeps and branches.
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
    """A paired test: the effect in the claimed direction (positive when the claim goes the
    stated way), its 95% interval, the one-sided p-value, and the standard errors of the
    difference with and without the pairing (how much common random numbers narrowed it)."""

    effect: float
    low: float
    high: float
    p: float
    paired_se: float = float("nan")
    unpaired_se: float = float("nan")

    @property
    def holds(self) -> bool:
        return self.effect > 0 and self.p < ALPHA

    def describe(self, what: str = "effect") -> str:
        return (
            f"{what} {self.effect:+.4g} (95% CI {self.low:+.4g} to {self.high:+.4g}), "
            f"one-sided p = {self.p:.2g}"
        )


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


def paired(higher: np.ndarray, lower: np.ndarray, binary: bool = False) -> Verdict:
    """Is ``higher`` above ``lower``, seed by seed?"""
    higher, lower = np.asarray(higher, dtype=float), np.asarray(lower, dtype=float)
    diff = higher - lower
    low, high = bootstrap_mean(diff)
    if not np.any(diff):
        p = 1.0
    elif binary:
        up, down = int((diff > 0).sum()), int((diff < 0).sum())
        p = float(stats.binomtest(up, up + down, 0.5, alternative="greater").pvalue)
    else:
        p = float(stats.wilcoxon(diff, alternative="greater").pvalue)
    n = diff.size
    paired_se = float(diff.std(ddof=1) / np.sqrt(n)) if n > 1 else float("nan")
    unpaired_se = (
        float(np.sqrt((higher.var(ddof=1) + lower.var(ddof=1)) / n)) if n > 1 else float("nan")
    )
    return Verdict(float(diff.mean()), low, high, p, paired_se, unpaired_se)


def trend(values: np.ndarray) -> Verdict:
    """Does the measure rise over the doses? ``values`` is (seeds, doses) in dose order."""
    values = np.asarray(values, dtype=float)
    diff = values[:, -1] - values[:, 0]
    low, high = bootstrap_mean(diff)
    flat = np.all(values == values[:, :1])
    p = 1.0 if flat else float(stats.page_trend_test(values).pvalue)
    return Verdict(float(diff.mean()), low, high, p)


def _unpaired_se(a: np.ndarray, b: np.ndarray, ddof: int = 1) -> float:
    """Standard error of the difference had the arms used independent seeds (same data)."""
    n = a.size
    return float(np.sqrt((a.var(ddof=ddof) + b.var(ddof=ddof)) / n)) if n > 1 else float("nan")


def risk_difference(a: np.ndarray, b: np.ndarray, confidence: float = 0.95) -> Verdict:
    """P(b) - P(a) over paired yes/no results: the exact two-sided McNemar p and Agresti and
    Min's (2005) interval (half a count added to every cell of the paired 2x2 table)."""
    a, b = np.asarray(a, dtype=bool), np.asarray(b, dtype=bool)
    n = a.size
    only_b, only_a = int((b & ~a).sum()), int((a & ~b).sum())
    discordant = only_a + only_b
    p = float(stats.binomtest(only_b, discordant, 0.5).pvalue) if discordant else 1.0
    m = n + 2
    pb, pa = (only_b + 0.5) / m, (only_a + 0.5) / m
    half = stats.norm.ppf(0.5 + confidence / 2) * np.sqrt((pb + pa - (pb - pa) ** 2) / m)
    diff = b.astype(float) - a.astype(float)
    paired_se = float(np.sqrt(diff.var() / n)) if n else float("nan")
    return Verdict(
        (only_b - only_a) / n,
        max(pb - pa - half, -1.0),
        min(pb - pa + half, 1.0),
        p,
        paired_se,
        _unpaired_se(a.astype(float), b.astype(float), ddof=0),
    )


def mean_difference(a: np.ndarray, b: np.ndarray, confidence: float = 0.95) -> Verdict:
    """Mean of b - a over pairs: a t interval and the two-sided Wilcoxon signed-rank p."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    diff = b - a
    n = diff.size
    se = float(diff.std(ddof=1) / np.sqrt(n)) if n > 1 else float("inf")
    half = stats.t.ppf(0.5 + confidence / 2, max(n - 1, 1)) * se
    p = 1.0 if np.allclose(diff, 0) else float(stats.wilcoxon(diff).pvalue)
    mean = float(diff.mean())
    return Verdict(mean, mean - half, mean + half, p, se, _unpaired_se(a, b))
