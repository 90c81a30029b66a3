"""Richardson's arms race (sim.rules.posture): x(t+1) = x + a y - m x + g."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.rules.posture import richardson_step


def test_richardson_step_by_hand():
    new = richardson_step(np.array([1.0]), np.array([2.0]), np.array(0.15), 0.25, np.array(0.05))
    assert new == pytest.approx([1.0 + 0.3 - 0.25 + 0.05])


@given(st.floats(0.0, 0.2), st.floats(0.25, 0.9), st.floats(0.0, 0.2))
def test_a_stable_race_settles_at_the_fixed_point(a, m, g):
    """Two identical rivals with reactivity below decay settle at x* = g / (m - a)."""
    x = np.array([0.0, 3.0])
    for _ in range(700):  # slowest mode 1 - m + a <= 0.95
        x = richardson_step(x, x[::-1], np.array(a), m, np.array(g))
    assert x == pytest.approx([g / (m - a)] * 2, abs=1e-6)


def test_reactivity_above_decay_runs_away():
    x = np.array([0.1, 0.1])
    for _ in range(200):
        x = richardson_step(x, x[::-1], np.array(0.4), 0.25, np.array(0.0))
    assert (x > 1e10).all()


@given(st.floats(0.0, 5.0), st.floats(0.0, 5.0), st.floats(0.0, 5.0))
def test_a_rival_seen_stronger_raises_posture(x, y, more):
    low = richardson_step(np.array(x), np.array(y), np.array(0.2), 0.25, np.array(0.0))
    high = richardson_step(np.array(x), np.array(y + more), np.array(0.2), 0.25, np.array(0.0))
    assert high >= low
