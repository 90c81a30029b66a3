"""Statistics of sim.analysis.stats against statsmodels/scipy and hand-worked values."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats as st
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

from sim.analysis.stats import (
    auc_delong,
    distribution_test,
    kaplan_meier,
    km_median,
    risk_difference,
    two_proportion_test,
    wilson,
)


@pytest.mark.parametrize(("k", "n"), [(0, 10), (3, 10), (10, 10), (1, 300), (150, 300), (7, 9)])
def test_wilson_matches_statsmodels(k, n):
    low, high = wilson(k, n)
    ref = proportion_confint(k, n, alpha=0.05, method="wilson")
    assert float(low) == pytest.approx(ref[0], abs=1e-12)
    assert float(high) == pytest.approx(ref[1], abs=1e-12)


def test_wilson_is_vectorised_and_empty_is_nan():
    low, high = wilson([0, 5], [0, 10])
    assert np.isnan(low[0]) and np.isnan(high[0])
    assert low[1] == pytest.approx(0.2365931, abs=1e-6)


@pytest.mark.parametrize(
    ("k1", "n1", "k2", "n2"), [(56, 70, 48, 80), (0, 30, 3, 30), (9, 10, 1, 10)]
)
def test_risk_difference_matches_statsmodels(k1, n1, k2, n2):
    rd = risk_difference(k1, n1, k2, n2)
    low, high = confint_proportions_2indep(k1, n1, k2, n2, method="newcomb", compare="diff")
    assert rd.difference == pytest.approx(k1 / n1 - k2 / n2)
    assert (rd.low, rd.high) == pytest.approx((low, high), abs=1e-9)
    wald = risk_difference(56, 70, 48, 80, method="wald")
    low, high = confint_proportions_2indep(56, 70, 48, 80, method="wald", compare="diff")
    assert (wald.low, wald.high) == pytest.approx((low, high), abs=1e-9)


def test_2x2_uses_fisher_for_small_counts_and_chi_square_otherwise():
    small = two_proportion_test(1, 10, 6, 10)
    assert small.test == "Fisher exact"
    assert small.p_value == pytest.approx(st.fisher_exact([[1, 9], [6, 4]]).pvalue)
    large = two_proportion_test(40, 100, 60, 100)
    ref = st.chi2_contingency([[40, 60], [60, 40]], correction=False)
    assert large.test == "chi-square"
    assert (large.statistic, large.p_value) == pytest.approx((ref.statistic, ref.pvalue))
    assert two_proportion_test(0, 10, 0, 10).p_value == 1.0


def test_distribution_test():
    table = [[50, 30, 20], [30, 40, 30]]
    ref = st.chi2_contingency(table, correction=False)
    result = distribution_test(table)
    assert result.test == "chi-square"
    assert result.p_value == pytest.approx(ref.pvalue)
    # small expected counts: Monte Carlo exact version; a zero column is dropped
    small = distribution_test([[5, 1, 0, 0], [1, 5, 0, 2]])
    assert small.test.startswith("chi-square (exact")
    assert 0 < small.p_value < 0.2


def test_kaplan_meier_hand_worked_example():
    # times 2,3,3+,5,6+,8,8,9+ (+ = censored)
    curve = kaplan_meier([2, 3, 3, 5, 6, 8, 8, 9], [1, 1, 0, 1, 0, 1, 1, 0])
    s = dict(zip(curve["time"], curve["survival"], strict=True))
    assert s[2] == pytest.approx(7 / 8)
    assert s[3] == pytest.approx(7 / 8 * 6 / 7)  # 7 at risk, 1 event, 1 censored
    assert s[5] == pytest.approx(0.75 * 4 / 5)
    assert s[6] == pytest.approx(0.6)  # censoring only
    assert s[8] == pytest.approx(0.6 * 1 / 3)
    assert s[9] == pytest.approx(0.2)
    at_risk = dict(zip(curve["time"], curve["at_risk"], strict=True))
    assert (at_risk[2], at_risk[3], at_risk[5], at_risk[8], at_risk[9]) == (8, 7, 5, 3, 1)
    # Greenwood, log(-log) interval at t=2: var = 1/(8*7)
    se = np.sqrt(1 / 56) / abs(np.log(0.875))
    row = curve[curve["time"] == 2].iloc[0]
    assert row["low"] == pytest.approx(0.875 ** np.exp(1.959964 * se), rel=1e-5)
    assert row["high"] == pytest.approx(0.875 ** np.exp(-1.959964 * se), rel=1e-5)
    assert km_median(curve) == 8


def test_kaplan_meier_matches_statsmodels():
    from statsmodels.duration.survfunc import SurvfuncRight

    rng = np.random.default_rng(1)
    t = rng.integers(1, 30, 200)
    d = rng.random(200) < 0.6
    curve = kaplan_meier(t, d)
    ref = SurvfuncRight(t, d.astype(int))
    mine = curve.set_index("time")["survival"]
    for time, value in zip(ref.surv_times, ref.surv_prob, strict=True):
        assert mine[float(time)] == pytest.approx(value)


def test_auc_known_case_and_delong_se():
    a = auc_delong([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])
    assert a.auc == pytest.approx(0.75)
    # placements: positives 0.5 and 1, negatives 1 and 0.5 -> variances 0.125 each
    assert a.se == pytest.approx(np.sqrt(0.125 / 2 + 0.125 / 2))
    assert a.low < 0.75 < a.high
    assert auc_delong([1, 2, 3, 4], [0, 0, 1, 1]).auc == 1.0
    assert auc_delong([1, 1, 1, 1], [0, 1, 0, 1]).auc == 0.5
    assert np.isnan(auc_delong([1, 2], [1, 1]).auc)


def test_auc_equals_mann_whitney():
    rng = np.random.default_rng(0)
    x = rng.poisson(3, 120)
    y = rng.random(120) < 0.3
    u = st.mannwhitneyu(x[y], x[~y]).statistic
    assert auc_delong(x, y).auc == pytest.approx(u / (y.sum() * (~y).sum()))
