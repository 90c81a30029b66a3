"""The paired statistics behind the lesson claims: they find a planted effect in the stated
direction only, report an interval around it, and find nothing where nothing differs."""

from __future__ import annotations

import numpy as np

from sim.analysis.paired import ALPHA, bootstrap_mean, paired, trend

RNG = np.random.default_rng(7)


def test_paired_test_finds_a_planted_shift_in_its_direction_only():
    base = RNG.normal(size=200)
    shifted = base + 0.3 + RNG.normal(scale=0.5, size=200)
    up = paired(shifted, base, binary=False)
    assert up.holds and up.low < 0.3 < up.high
    down = paired(base, shifted, binary=False)
    assert not down.holds and down.p > 0.5


def test_paired_test_of_identical_arms_never_holds():
    same = RNG.integers(0, 5, size=100).astype(float)
    verdict = paired(same, same, binary=False)
    assert (verdict.effect, verdict.low, verdict.high, verdict.p) == (0.0, 0.0, 0.0, 1.0)
    assert not verdict.holds


def test_binary_measures_use_the_discordant_pairs():
    low = np.zeros(60)
    high = np.zeros(60)
    high[:12] = 1.0  # 12 discordant pairs, all one way: p = 2**-12
    verdict = paired(high, low, binary=True)
    assert np.isclose(verdict.p, 0.5**12)
    assert np.isclose(verdict.effect, 0.2)
    tied = paired(high, high, binary=True)
    assert tied.p == 1.0


def test_trend_test_finds_a_rise_over_doses_and_not_a_fall():
    doses = np.arange(5)
    values = doses[None, :] * 0.2 + RNG.normal(size=(150, 5))
    rising = trend(values)
    assert rising.holds and rising.effect > 0
    assert not trend(-values).holds
    assert trend(np.ones((30, 5))).p == 1.0


def test_bootstrap_interval_covers_the_mean_and_shrinks_with_more_seeds():
    small = RNG.normal(loc=1.0, size=50)
    large = RNG.normal(loc=1.0, size=2000)
    low_s, high_s = bootstrap_mean(small)
    low_l, high_l = bootstrap_mean(large)
    assert low_s < small.mean() < high_s and low_l < 1.0 < high_l
    assert high_l - low_l < high_s - low_s
    assert ALPHA == 0.01
