"""Unit tests of the war and bargaining rules (sim/rules/war.py, sim/rules/bargaining.py):
each rule moves the way its source says, and knocking its weight out removes the effect."""

from __future__ import annotations

import numpy as np
import pytest

from sim.rules import bargaining, war
from sim.scenario.schema import DiplomacyRules, WarRules

RULES = WarRules()


def test_losses_grow_with_the_enemys_edge():
    forces = np.array([[1.0, 1.0], [1.0, 1.0]])
    strength = np.array([[1.0, 1.0], [2.0, 1.0]])  # even, then Russia twice as strong
    lost = war.losses(forces, strength, np.ones(2), np.zeros((2, 2)), RULES)
    assert lost[1, 1] > lost[0, 1] > 0  # Ukraine loses more against a stronger Russia
    assert lost[1, 0] < lost[0, 0]  # and Russia less
    flat = RULES.model_copy(update={"exchange_exponent": 0.0})
    even = war.losses(forces, strength, np.ones(2), np.zeros((2, 2)), flat)
    assert even[1, 1] == pytest.approx(even[0, 1])  # knock-out: no edge, no difference


def test_no_fighting_no_losses():
    lost = war.losses(np.ones((1, 2)), np.ones((1, 2)), np.zeros(1), np.zeros((1, 2)), RULES)
    assert np.all(lost == 0)


def test_the_front_holds_within_the_defenders_margin():
    margin = RULES.offence_margin
    inside = np.array([0.5 - 0.9 * margin, 0.5, 0.5 + 0.9 * margin])
    assert np.all(war.advance(inside, RULES) == 0)
    assert war.advance(np.array([0.8]), RULES)[0] > 0 > war.advance(np.array([0.2]), RULES)[0]
    assert np.all(np.diff(war.advance(np.linspace(0, 1, 21), RULES)) >= 0)


def test_news_is_the_truth_when_luck_is_even_and_tilts_with_it():
    balance = np.array([0.55, 0.55])
    luck = np.array([[0.0, 0.0], [0.0, 2.0]])  # second week: Ukraine unlucky (lost more)
    seen = war.news(balance, luck, RULES)
    assert seen[0] == pytest.approx(0.55)
    assert seen[1] > 0.55


def test_early_news_moves_beliefs_more_than_late_news():
    """Kalman learning: the convergence principle (Slantchev 2003)."""
    belief, variance = np.array([[0.7, 0.7]]), np.array([[0.15**2, 0.15**2]])
    noise = war.news_variance(np.array([0.5]), RULES)[:, None]
    moves = []
    for _ in range(30):
        new, variance = war.learn_balance(belief, variance, np.full((1, 2), 0.5), noise, 0.0)
        moves.append(float(belief[0, 0] - new[0, 0]))
        belief = new
    assert moves[0] > moves[10] > moves[29] > 0
    assert belief[0, 0] < 0.55  # mutual optimism erodes toward the truth


def test_drift_keeps_news_informative():
    variance = np.array([[1e-6, 1e-6]])
    noise = np.array([[0.01]])
    _, still = war.learn_balance(np.full((1, 2), 0.5), variance, np.full((1, 2), 0.6), noise, 0.0)
    _, drifting = war.learn_balance(
        np.full((1, 2), 0.5), variance, np.full((1, 2), 0.6), noise, 0.05
    )
    assert drifting[0, 0] > still[0, 0]


def _side(**change) -> bargaining.Side:
    values = {
        "projected": np.array([0.2]),
        "cost": np.array([0.05]),
        "aim": 0.0,
        "resolve": np.array([0.8]),
        "fear": np.array([0.0]),
    }
    values.update(change)
    return bargaining.Side(**values)


def test_ukraine_concedes_more_when_war_costs_more_and_less_with_firmer_aims_or_fear():
    base = bargaining.ukraine_ceiling(_side(), 1.0)
    assert bargaining.ukraine_ceiling(_side(cost=np.array([0.1])), 1.0) > base
    assert bargaining.ukraine_ceiling(_side(resolve=np.array([1.0])), 1.0) < base
    assert bargaining.ukraine_ceiling(_side(fear=np.array([0.02])), 1.0) < base
    assert bargaining.ukraine_ceiling(_side(), 0.0) == pytest.approx(0.25)  # aims knocked out


def test_russia_demands_less_when_war_costs_more_and_more_with_aims_beyond_the_front():
    side = _side(aim=0.3)
    base = bargaining.russia_floor(side, 1.0)
    assert bargaining.russia_floor(_side(aim=0.3, cost=np.array([0.1])), 1.0) < base
    assert bargaining.russia_floor(_side(aim=0.4), 1.0) > base
    assert bargaining.russia_floor(_side(aim=0.1), 1.0) == pytest.approx(0.15)  # aim reached


def test_backers_withhold_and_opponents_add_expected_aid():
    flows = np.array([[1.0, 1.0]])
    trust = np.ones((1, 2))
    nobody = np.zeros(2, dtype=bool)
    first = np.array([True, False])
    rules = DiplomacyRules()
    base = bargaining.expected_flows(flows, trust, nobody, nobody, rules)
    assert bargaining.expected_flows(flows, trust, first, nobody, rules) < base
    assert bargaining.expected_flows(flows, trust, nobody, first, rules) > base
    off = rules.model_copy(update={"withdrawal_threat": 0.0, "opposition_boost": 0.0})
    assert bargaining.expected_flows(flows, trust, first, ~first, off) == pytest.approx(base)


def test_a_supporter_that_turns_away_is_counted_on_less():
    stance0 = np.array([0.7, 0.7])
    now = bargaining.reliability(np.array([[0.9, 0.35]]), stance0, np.ones((1, 2)), np.ones(2))
    assert now[0, 1] == pytest.approx(0.5 * now[0, 0])
    tired = bargaining.reliability(np.array([[0.7, 0.7]]), stance0, np.array([[0.4, 0.8]]), 0.8)
    assert tired[0, 0] < tired[0, 1]
    assert tired[0, 0] == pytest.approx(0.5)  # its public at half the start: half the trust
    half = bargaining.reliability(np.array([[0.7]]), stance0[:1], np.array([[0.4]]), 0.8, 0.5)
    assert half[0, 0] == pytest.approx(0.75)  # 1 - w + w x 0.5
    deaf = bargaining.reliability(np.array([[0.7]]), stance0[:1], np.array([[0.4]]), 0.8, 0.0)
    assert deaf[0, 0] == pytest.approx(1.0)  # the public switched off


def test_losing_support_makes_fighting_on_cost_more():
    kept = np.array([0.4, 1.0, 1.3])
    factor = bargaining.support_cost(kept, 1.0)
    assert factor[0] > factor[1] > factor[2]
    assert factor[1] == pytest.approx(1.0)
    assert np.all(bargaining.support_cost(kept, 0.0) == 1.0)


def test_the_pipeline_and_mobilisation_shift_the_expected_balance():
    stock = bargaining.materiel_ahead(
        np.array([0.2]), np.array([5.0]), np.array([1.0]), 26, 0.04, 0.004
    )
    empty = bargaining.materiel_ahead(
        np.array([0.2]), np.array([0.0]), np.array([0.0]), 26, 0.04, 0.004
    )
    assert stock[0] > empty[0]
    factor = bargaining.mobilisation_ahead(
        np.array([[1.0, 1.0]]),
        np.array([[10, 0]]),
        np.zeros((1, 2)),
        np.array([0.02, 0.02]),
        0.5,
        26,
    )
    inflow = bargaining.mobilisation_ahead(
        np.array([[1.0, 1.0]]), np.array([[10, 0]]), np.array([[0.01, 0.01]]), np.zeros(2), 0.5, 26
    )
    assert inflow[0, 0] == pytest.approx(1.1) and inflow[0, 1] == 1.0
    assert factor[0, 0] > 1.0 == factor[0, 1]
    shifted = bargaining.shifted_balance(np.array([0.5]), factor[:, 0], np.array([1.0]))
    assert shifted[0] > 0.5


def test_weariness_grows_ever_more_slowly_with_losses():
    w = bargaining.weariness(np.array([0.0, 1.0, 2.0, 3.0]))
    assert w[0] == 0 and np.all(np.diff(w) > 0) and np.all(np.diff(w, 2) < 0)
