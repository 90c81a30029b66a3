"""Statistics for sweep results: proportions, differences, survival, AUC.

Every function works on plain counts or arrays, so it can be used in notebooks on any data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats as st

Z95 = 1.959963984540054


def _z(confidence: float) -> float:
    return float(st.norm.ppf(0.5 + confidence / 2))


def wilson(k, n, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of a proportion k/n (vectorised). n == 0 gives (nan, nan)."""
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    z = _z(confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k / n
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
        low = np.clip(centre - half, 0.0, 1.0)
        high = np.clip(centre + half, 0.0, 1.0)
    low = np.where(n > 0, low, np.nan)
    high = np.where(n > 0, high, np.nan)
    # exact ends: the interval always contains 0 when k == 0 and 1 when k == n
    low = np.where((k == 0) & (n > 0), 0.0, low)
    high = np.where((k == n) & (n > 0), 1.0, high)
    return low, high


@dataclass(frozen=True)
class RiskDifference:
    """p1 - p2 with its interval (Newcombe's hybrid score interval, or Wald)."""

    difference: float
    low: float
    high: float
    method: str


def risk_difference(
    k1: int, n1: int, k2: int, n2: int, confidence: float = 0.95, method: str = "newcombe"
) -> RiskDifference:
    """Difference of two proportions k1/n1 - k2/n2 with a confidence interval.

    ``newcombe``: Newcombe's (1998) method 10, built from the two Wilson intervals; good
    coverage even near 0 or 1. ``wald``: the normal approximation (poor for small counts)."""
    if n1 <= 0 or n2 <= 0:
        return RiskDifference(float("nan"), float("nan"), float("nan"), method)
    p1, p2 = k1 / n1, k2 / n2
    d = p1 - p2
    if method == "wald":
        z = _z(confidence)
        se = np.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
        return RiskDifference(d, max(-1.0, d - z * se), min(1.0, d + z * se), method)
    if method != "newcombe":
        raise ValueError(f"method: {method!r}; allowed: newcombe, wald")
    l1, u1 = (float(x) for x in wilson(k1, n1, confidence))
    l2, u2 = (float(x) for x in wilson(k2, n2, confidence))
    low = d - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = d + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return RiskDifference(d, float(low), float(high), method)


@dataclass(frozen=True)
class HypothesisTest:
    statistic: float
    p_value: float
    test: str


def two_proportion_test(k1: int, n1: int, k2: int, n2: int) -> HypothesisTest:
    """Test that two proportions are equal: Fisher's exact test when an expected count is
    below 5, else Pearson's chi-square (no continuity correction)."""
    table = np.array([[k1, n1 - k1], [k2, n2 - k2]])
    if table.sum(axis=0).min() == 0:  # all or none had it: nothing to test
        return HypothesisTest(0.0, 1.0, "none (no variation)")
    expected = st.contingency.expected_freq(table)
    if expected.min() < 5:
        result = st.fisher_exact(table)
        return HypothesisTest(float(result.statistic), float(result.pvalue), "Fisher exact")
    result = st.chi2_contingency(table, correction=False)
    return HypothesisTest(float(result.statistic), float(result.pvalue), "chi-square")


def distribution_test(table, seed: int = 0, resamples: int = 9999) -> HypothesisTest:
    """Test that groups (rows) share one outcome distribution (columns): Pearson's chi-square,
    or its Monte Carlo exact version (permutation of the table margins, ``resamples`` tables)
    when an expected count is below 5. Columns and rows with no observations are dropped."""
    table = np.asarray(table, dtype=float)
    table = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]
    if table.shape[0] < 2 or table.shape[1] < 2:
        return HypothesisTest(0.0, 1.0, "none (no variation)")
    expected = st.contingency.expected_freq(table)
    if expected.min() >= 5:
        result = st.chi2_contingency(table, correction=False)
        return HypothesisTest(float(result.statistic), float(result.pvalue), "chi-square")
    if table.shape == (2, 2):
        result = st.fisher_exact(table.astype(int))
        return HypothesisTest(float(result.statistic), float(result.pvalue), "Fisher exact")
    method = st.PermutationMethod(n_resamples=resamples, rng=np.random.default_rng(seed))
    result = st.chi2_contingency(table.astype(int), correction=False, method=method)
    return HypothesisTest(float(result.statistic), float(result.pvalue), "chi-square (exact, MC)")


def kaplan_meier(durations, observed, confidence: float = 0.95) -> pd.DataFrame:
    """Kaplan-Meier estimate of S(t) = P(T > t).

    ``durations``: step of the event, or of censoring (the last step seen) when ``observed`` is
    False. Returns one row per distinct event time (plus t=0): ``time``, ``at_risk``,
    ``events``, ``censored``, ``survival``, and a pointwise interval ``low``/``high`` from
    Greenwood's variance on the log(-log) scale."""
    t = np.asarray(durations, dtype=float)
    d = np.asarray(observed, dtype=bool)
    keep = ~np.isnan(t)
    t, d = t[keep], d[keep]
    times = np.unique(t)
    z = _z(confidence)
    rows = [(0.0, len(t), 0, 0, 1.0, 1.0, 1.0)]
    s, greenwood, at_risk = 1.0, 0.0, len(t)
    for time in times:
        here = t == time
        events = int((here & d).sum())
        censored = int((here & ~d).sum())
        if events:
            s *= 1 - events / at_risk
            greenwood = (
                greenwood + events / (at_risk * (at_risk - events)) if at_risk > events else np.inf
            )
        if 0 < s < 1 and np.isfinite(greenwood):
            se = np.sqrt(greenwood) / abs(np.log(s))
            low, high = s ** np.exp(z * se), s ** np.exp(-z * se)
        else:
            low = high = s
        if time == 0:
            rows[0] = (0.0, at_risk, events, censored, s, low, high)
        else:
            rows.append((float(time), at_risk, events, censored, s, low, high))
        at_risk -= events + censored
    return pd.DataFrame(
        rows, columns=["time", "at_risk", "events", "censored", "survival", "low", "high"]
    )


def km_median(curve: pd.DataFrame) -> float:
    """First time S(t) <= 0.5 (nan when the curve never gets there)."""
    below = curve[curve["survival"] <= 0.5]
    return float(below["time"].iloc[0]) if len(below) else float("nan")


@dataclass(frozen=True)
class AUC:
    """Area under the ROC curve with its interval (DeLong) and counts."""

    auc: float
    low: float
    high: float
    se: float
    n_positive: int
    n_negative: int


def auc_delong(scores, labels, confidence: float = 0.95) -> AUC:
    """AUC of ``scores`` for binary ``labels`` (ties count one half) with DeLong's (1988)
    standard error; the interval is computed on the logit scale and mapped back, so it stays
    in [0, 1]. No positives or no negatives: nan."""
    x = np.asarray(scores, dtype=float)
    y = np.asarray(labels, dtype=bool)
    pos, neg = x[y], x[~y]
    m, n = len(pos), len(neg)
    if m == 0 or n == 0:
        return AUC(float("nan"), float("nan"), float("nan"), float("nan"), m, n)
    # placement values via ranks: V10[i] = share of negatives below positive i (+ ties / 2)
    all_ranks = st.rankdata(np.concatenate([pos, neg]))
    pos_ranks = st.rankdata(pos)
    neg_ranks = st.rankdata(neg)
    v10 = (all_ranks[:m] - pos_ranks) / n
    v01 = 1 - (all_ranks[m:] - neg_ranks) / m
    auc = float(v10.mean())
    s10 = v10.var(ddof=1) if m > 1 else 0.0
    s01 = v01.var(ddof=1) if n > 1 else 0.0
    se = float(np.sqrt(s10 / m + s01 / n))
    z = _z(confidence)
    if 0 < auc < 1 and se > 0:
        logit = np.log(auc / (1 - auc))
        se_logit = se / (auc * (1 - auc))
        low = 1 / (1 + np.exp(-(logit - z * se_logit)))
        high = 1 / (1 + np.exp(-(logit + z * se_logit)))
    else:
        low, high = max(0.0, auc - z * se), min(1.0, auc + z * se)
    return AUC(auc, float(low), float(high), se, m, n)
