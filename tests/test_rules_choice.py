"""Bounded rationality (sim.rules.choice): softmax choice over utilities, sigmoid and logit."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from sim.rules.choice import logit, sigmoid, softmax_choice
from tests.properties import draw, draws

GRID = (np.arange(10_000) + 0.5) / 10_000  # evenly spread draws: exact frequencies


def frequencies(utility: list[float], temperature: float) -> np.ndarray:
    rows = np.tile(np.array(utility, dtype=float), (GRID.size, 1))
    chosen = softmax_choice(rows, np.full(GRID.size, temperature), GRID)
    return np.bincount(chosen, minlength=len(utility)) / GRID.size


def test_probabilities_are_softmax_of_utility_over_temperature():
    # weights 1 : 3 at temperature 1, so the draw splits at 1/4
    utility = np.array([[0.0, np.log(3.0)]] * 2)
    assert softmax_choice(utility, np.ones(2), np.array([0.2499, 0.2501])).tolist() == [0, 1]
    # the same odds at temperature 2 need twice the utility gap
    assert frequencies([0.0, 2 * np.log(3.0)], 2.0) == pytest.approx([0.25, 0.75], abs=1e-3)
    expected = np.exp([0.0, 1.0, -0.5])
    assert frequencies([0.0, 1.0, -0.5], 1.0) == pytest.approx(expected / expected.sum(), abs=1e-3)


def test_equal_utilities_are_equally_likely():
    assert frequencies([0.7, 0.7, 0.7, 0.7], 0.5) == pytest.approx([0.25] * 4, abs=1e-3)


def test_low_temperature_picks_the_best_option():
    assert frequencies([0.0, 0.3, 0.1, -2.0], 1e-6).tolist() == [0.0, 1.0, 0.0, 0.0]


def test_high_temperature_tends_to_indifference():
    assert frequencies([0.0, 1.0, 2.0], 1e4) == pytest.approx([1 / 3] * 3, abs=1e-3)


def test_impossible_options_are_never_chosen_even_at_the_edges_of_the_draw():
    utility = np.array([[-np.inf, 0.0, -np.inf, 1.0, -np.inf]] * 3)
    edges = np.array([0.0, 0.5, np.nextafter(1.0, 0.0)])
    chosen = softmax_choice(utility, np.ones(3), edges)
    assert set(chosen.tolist()) <= {1, 3}


def test_temperature_and_draws_broadcast_over_leading_axes():
    utility = np.zeros((2, 3, 2))
    utility[..., 1] = 1.0
    temperature = np.array([1e-6, 1e-6, 1e6])  # per dyad (last leading axis)
    chosen = softmax_choice(utility, temperature, np.full((2, 3), 0.4))
    assert chosen.shape == (2, 3)
    assert chosen[:, :2].tolist() == [[1, 1], [1, 1]]
    assert chosen[:, 2].tolist() == [0, 0]  # indifferent: a draw of 0.4 takes the first


@given(
    hnp.arrays(
        np.float64,
        st.tuples(st.integers(1, 6), st.integers(1, 6)),
        elements=st.one_of(st.floats(-50, 50), st.just(-np.inf)),
    ),
    st.floats(1e-3, 10.0),
    st.data(),
)
def test_a_valid_index_and_never_an_impossible_option(utility, temperature, data):
    utility[:, 0] = np.where(np.isinf(utility).all(axis=1), 0.0, utility[:, 0])
    uniforms = data.draw(draws(utility.shape[0]))
    chosen = softmax_choice(utility, np.full(utility.shape[0], temperature), uniforms)
    assert ((chosen >= 0) & (chosen < utility.shape[1])).all()
    assert np.isfinite(utility[np.arange(utility.shape[0]), chosen]).all()


@given(st.lists(st.floats(-5, 5), min_size=2, max_size=5), draw, draw)
def test_a_higher_draw_never_picks_an_earlier_option(utility, u, v):
    row = np.array([utility, utility])
    low, high = sorted((u, v))
    chosen = softmax_choice(row, np.ones(2), np.array([low, high]))
    assert chosen[0] <= chosen[1]


def test_sigmoid_values_and_symmetry():
    assert sigmoid(0.0) == 0.5
    assert sigmoid(np.log(3.0)) == pytest.approx(0.75)
    x = np.linspace(-30, 30, 61)
    np.testing.assert_allclose(sigmoid(x) + sigmoid(-x), 1.0)
    assert sigmoid(np.array([-1e6, 1e6])).tolist() == [0.0, 1.0]  # no overflow


def test_logit_inverts_sigmoid_and_stays_finite_at_the_ends():
    p = np.linspace(0.01, 0.99, 99)
    np.testing.assert_allclose(sigmoid(logit(p)), p)
    ends = logit(np.array([0.0, 1.0]))
    assert np.isfinite(ends).all()
    assert ends[0] < -20 < 20 < ends[1]
