"""Paired comparisons of two arms run on the same seeds (common random numbers).

Because every random draw is keyed by (seed, step, mechanism, slot), run k of arm A and run k of
arm B share every draw the changed mechanism does not touch: differences within a pair are the
effect of the change plus far less noise than between independent runs. These functions test
and estimate such paired differences.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats


@dataclass(frozen=True)
class PairedEffect:
    """B minus A over paired runs: estimate, confidence interval, one-sided p (B > A)."""

    estimate: float
    low: float
    high: float
    p_greater: float
    n: int
    #: Standard error of the estimate had the arms used independent seeds (same data).
    unpaired_se: float
    paired_se: float

    def holds(self, alpha: float = 0.01) -> bool:
        return self.p_greater < alpha and self.low > 0

    def describe(self, what: str = "difference") -> str:
        return (
            f"{what} {self.estimate:+.4g} (95% CI {self.low:+.4g} to {self.high:+.4g}), "
            f"one-sided p = {self.p_greater:.2g}, n = {self.n} pairs"
        )


def mean_difference(a: np.ndarray, b: np.ndarray, confidence: float = 0.95) -> PairedEffect:
    """Mean of b - a with a t interval and the one-sided Wilcoxon signed-rank p (b > a)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    diff = b - a
    n = diff.size
    mean = float(diff.mean())
    se = float(diff.std(ddof=1) / np.sqrt(n)) if n > 1 else float("inf")
    half = stats.t.ppf(0.5 + confidence / 2, max(n - 1, 1)) * se
    if np.allclose(diff, 0):
        p = 1.0
    else:
        p = float(stats.wilcoxon(diff, alternative="greater", zero_method="wilcox").pvalue)
    unpaired = float(np.sqrt(a.var(ddof=1) / n + b.var(ddof=1) / n)) if n > 1 else float("inf")
    return PairedEffect(mean, mean - half, mean + half, p, n, unpaired, se)


def risk_difference(a: np.ndarray, b: np.ndarray, confidence: float = 0.95) -> PairedEffect:
    """P(b) - P(a) for paired binary outcomes: the exact one-sided McNemar p (b > a) and a
    Wald interval from the discordant pairs (Agresti & Min 2005 add-one correction)."""
    a, b = np.asarray(a, dtype=bool), np.asarray(b, dtype=bool)
    n = a.size
    only_b = int((b & ~a).sum())
    only_a = int((a & ~b).sum())
    estimate = (only_b - only_a) / n
    discordant = only_a + only_b
    p = (
        float(stats.binomtest(only_b, discordant, 0.5, alternative="greater").pvalue)
        if discordant
        else 1.0
    )
    # Agresti-Min: add 0.5 to every cell of the 2x2 table.
    m = n + 2
    pb, pa = (only_b + 0.5) / m, (only_a + 0.5) / m
    corrected = pb - pa
    se = float(np.sqrt((pb + pa - (pb - pa) ** 2) / m))
    z = stats.norm.ppf(0.5 + confidence / 2)
    p_a, p_b = a.mean(), b.mean()
    unpaired = float(np.sqrt(p_a * (1 - p_a) / n + p_b * (1 - p_b) / n))
    return PairedEffect(estimate, corrected - z * se, corrected + z * se, p, n, unpaired, se)


def trend(values_by_dose: list[np.ndarray]) -> tuple[np.ndarray, float]:
    """Means per dose and Page's L test p for an increasing trend over paired runs
    (``values_by_dose[k][i]`` is run i at dose k; each seed is a block)."""
    table = np.column_stack([np.asarray(v, dtype=float) for v in values_by_dose])
    means = table.mean(axis=0)
    varied = table.std(axis=1) > 0
    if varied.sum() < 2:
        return means, 1.0
    return means, float(stats.page_trend_test(table[varied]).pvalue)
