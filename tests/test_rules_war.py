"""The war as a state (sim.rules.war): attrition, Western materiel in Ukraine's strength, the
front line and battlefield news."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.rules import war
from sim.scenario.schema import WarRules
from tests.properties import unit

RULES = WarRules(materiel_effect=0.6, attrition=0.02, exchange_exponent=0.3, noise=0.0)


def test_materiel_multiplies_ukraines_strength_only():
    forces = np.array([[1.2, 0.7], [1.2, 0.7]])
    strength = war.strengths(forces, np.array([0.0, 0.5]), RULES)
    assert strength[0].tolist() == [1.2, 0.7]
    assert strength[1] == pytest.approx([1.2, 0.7 * (1 + 0.6 * 0.5)])
    assert forces.tolist() == [[1.2, 0.7], [1.2, 0.7]]  # the forces are not changed


@given(st.floats(0.1, 2.0), st.floats(0.1, 2.0), unit, st.floats(0.0, 1.0))
def test_more_aid_lowers_russias_share_of_strength(russia, ukraine, materiel, more):
    forces = np.array([[russia, ukraine]] * 2)
    strength = war.strengths(forces, np.array([materiel, materiel + more]), RULES)
    share = war.balance(strength)
    assert share[1] <= share[0]
    if more > 1e-6:
        assert share[1] < share[0]


def test_losses_at_parity_are_the_attrition_rate():
    forces = np.array([[1.0, 1.0]])
    lost = war.losses(forces, forces, np.array([1.0]), np.zeros((1, 2)), RULES)
    assert lost[0] == pytest.approx([0.02, 0.02])


def test_no_fighting_no_losses():
    forces = np.array([[1.2, 0.7]])
    lost = war.losses(forces, forces, np.array([0.0]), np.ones((1, 2)), RULES)
    assert lost.tolist() == [[0.0, 0.0]]


def test_the_side_facing_the_stronger_enemy_loses_more():
    forces = np.array([[1.0, 1.0]])
    strength = np.array([[2.0, 1.0]])
    lost = war.losses(forces, strength, np.array([1.0]), np.zeros((1, 2)), RULES)
    assert lost[0] == pytest.approx([0.02 * 2**-0.3, 0.02 * 2**0.3])


def test_battlefield_luck_is_mean_one():
    noisy = RULES.model_copy(update={"noise": 0.3})
    luck = np.random.default_rng(1).standard_normal((200_000, 2))
    forces = np.ones((200_000, 2))
    lost = war.losses(forces, forces, np.ones(200_000), luck, noisy)
    assert lost.mean() == pytest.approx(0.02, rel=0.01)
    assert lost.std() > 0.004


def test_replacement_settles_the_force_ratio_where_the_model_says():
    """With theta < 1/2 and constant replacement the ratio settles at
    (rep_R / rep_U)^(1 / (1 - 2 theta))."""
    rules = RULES.model_copy(update={"exchange_exponent": 0.25})
    replacement = np.array([0.022, 0.016])
    forces = np.array([[1.0, 1.0]])
    for _ in range(5000):
        strength = war.strengths(forces, np.zeros(1), rules)
        lost = war.losses(forces, strength, np.ones(1), np.zeros((1, 2)), rules)
        forces = forces - lost + replacement
    ratio = forces[0, 0] / forces[0, 1]
    assert ratio == pytest.approx((0.022 / 0.016) ** (1 / (1 - 2 * 0.25)), rel=1e-4)


def test_balance():
    strength = np.array([[1.0, 1.0], [3.0, 1.0], [0.0, 0.0]])
    assert war.balance(strength).tolist() == [0.5, 0.75, 0.0]


def test_advance_by_hand():
    rules = RULES.model_copy(update={"offence_margin": 0.1})
    balance = np.array([0.0, 0.2, 0.45, 0.5, 0.55, 0.8, 1.0])
    # outside the defender's margin the front moves at (balance - 1/2 -+ margin) / (1/2 - margin)
    assert war.advance(balance, rules) == pytest.approx([-1.0, -0.5, 0.0, 0.0, 0.0, 0.5, 1.0])


@given(unit, unit, st.floats(0.0, 0.4))
def test_advance_is_monotone_bounded_and_symmetric(first, second, margin):
    rules = RULES.model_copy(update={"offence_margin": margin})
    low, high = sorted((first, second))
    a_low, a_high = war.advance(np.array([low, high]), rules)
    assert -1.0 <= a_low <= a_high <= 1.0
    assert war.advance(np.array(1.0 - low), rules) == pytest.approx(-a_low)


def test_projected_front():
    rules = RULES.model_copy(update={"offence_margin": 0.1, "front_speed": 0.01})
    front = np.array([0.2, 0.2, 0.995])
    believed = np.array([0.8, 0.2, 1.0])
    projected = war.projected_front(front, believed, 10, rules)
    assert projected == pytest.approx([0.2 + 10 * 0.01 * 0.5, 0.2 - 10 * 0.01 * 0.5, 1.0])
    assert war.projected_front(front, believed, 0, rules) == pytest.approx(front)


def test_battlefield_news_moves_beliefs_toward_what_was_seen():
    """A Kalman step: the gain is prior variance / (prior variance + news variance)."""
    belief = np.array([0.5, 0.5, 0.5])
    observed = np.array([0.7, 0.3, 2.0])

    def learn(variance: float, noise: float) -> tuple[np.ndarray, np.ndarray]:
        return war.learn_balance(belief, np.full(3, variance), observed, np.full(3, noise), 0.0)

    quarter, left = learn(0.25, 0.75)
    assert quarter == pytest.approx([0.55, 0.45, 0.875])
    assert left == pytest.approx([0.1875] * 3)
    assert learn(0.25, 0.0)[0] == pytest.approx([0.7, 0.3, 0.99])
    assert learn(0.0, 0.75)[0].tolist() == [0.5, 0.5, 0.5]
