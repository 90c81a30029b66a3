"""Bargaining while fighting (sim.rules.bargaining): each side's acceptable terms, the aid
Ukraine expects if it refuses a plan, and the balance it then projects."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.rules import bargaining
from sim.rules.bargaining import Side
from sim.scenario.schema import DiplomacyRules
from tests.properties import unit

RULES = DiplomacyRules(withdrawal_threat=0.5, opposition_boost=0.2)


def side(projected=0.3, cost=0.05, aim=0.4, resolve=0.5, fear=0.0) -> Side:
    return Side(np.array(projected), np.array(cost), aim, np.array(resolve), np.array(fear))


def test_russias_floor_by_hand():
    # 0.3 - 0.05 + 1.0 * 0.5 * (0.4 - 0.3)
    assert bargaining.russia_floor(side(), 1.0) == pytest.approx(0.3)
    # an aim already reached adds nothing
    assert bargaining.russia_floor(side(aim=0.2), 1.0) == pytest.approx(0.25)


def test_ukraines_ceiling_by_hand():
    # 0.3 + 0.05 - 1.0 * 0.5 * (0.3 - 0.1)
    assert bargaining.ukraine_ceiling(side(aim=0.1), 1.0) == pytest.approx(0.25)
    assert bargaining.ukraine_ceiling(side(aim=0.5), 1.0) == pytest.approx(0.35)


@given(unit, st.floats(0.0, 0.2), st.floats(0.0, 0.2), unit, unit)
def test_a_costlier_war_widens_the_range_from_both_ends(projected, cost, more, aim, resolve):
    """Fatigue enters as cost: it lowers Russia's floor and raises Ukraine's ceiling."""
    cheap, dear = side(projected, cost, aim, resolve), side(projected, cost + more, aim, resolve)
    assert bargaining.russia_floor(dear, 1.0) <= bargaining.russia_floor(cheap, 1.0)
    assert bargaining.ukraine_ceiling(dear, 1.0) >= bargaining.ukraine_ceiling(cheap, 1.0)
    if more > 1e-9:
        gap = bargaining.russia_floor(cheap, 1.0) - bargaining.russia_floor(dear, 1.0)
        assert gap == pytest.approx(more)


@given(unit, unit, unit, unit)
def test_a_tired_public_holds_war_aims_less_firmly(projected, aim, firm, tired):
    tired = min(firm, tired)
    weight = 1.0
    assert bargaining.russia_floor(side(projected, 0.0, aim, tired), weight) <= (
        bargaining.russia_floor(side(projected, 0.0, aim, firm), weight) + 1e-12
    )
    assert bargaining.ukraine_ceiling(side(projected, 0.0, aim, tired), weight) >= (
        bargaining.ukraine_ceiling(side(projected, 0.0, aim, firm), weight) - 1e-12
    )


@given(unit, st.floats(0.0, 0.2), st.floats(0.0, 0.2))
def test_agreed_projections_and_a_costly_war_leave_a_bargaining_range(projected, c_r, c_u):
    """Fearon (1995): with common beliefs and no aims beyond them, costly war means some
    terms both prefer to fighting on."""
    russia = side(projected, c_r, 0.0, 1.0)
    ukraine = side(projected, c_u, 1.0, 1.0)
    floor = bargaining.russia_floor(russia, 1.0)
    ceiling = bargaining.ukraine_ceiling(ukraine, 1.0)
    assert floor <= projected <= ceiling


def test_mutual_optimism_closes_the_range():
    russia = side(0.35, 0.02, 0.0, 1.0)
    ukraine = side(0.25, 0.02, 1.0, 1.0)
    assert bargaining.russia_floor(russia, 1.0) > bargaining.ukraine_ceiling(ukraine, 1.0)


def test_fear_of_the_others_growth_raises_russias_floor_and_lowers_ukraines_ceiling():
    """The commitment problem (Powell 2006): ground at risk during an agreement is asked for
    (Russia) or held back (Ukraine) one for one."""
    assert bargaining.russia_floor(side(fear=0.04), 1.0) == pytest.approx(0.34)
    assert bargaining.ukraine_ceiling(side(aim=0.5, fear=0.04), 1.0) == pytest.approx(0.31)


def _expected(flows, backers, opponents) -> np.ndarray:
    return bargaining.expected_flows(flows, np.ones_like(flows), backers, opponents, RULES)


def test_expected_flows_by_hand():
    flows = np.array([[1.0, 1.0], [2.0, 1.0], [0.0, 0.0]])
    backers = np.array([True, False])
    opponents = np.array([False, True])
    # backers withhold half their aid, opponents add a fifth
    assert _expected(flows, backers, opponents) == pytest.approx([1.7, 2.2, 0.0])
    nobody = np.zeros(2, dtype=bool)
    half = np.array([[1.0, 0.5]])  # the second supporter is counted on for half its aid
    assert bargaining.expected_flows(np.ones((1, 2)), half, nobody, nobody, RULES) == (
        pytest.approx([1.5])
    )


def test_a_plan_europe_opposes_keeps_ukraines_outside_option_high():
    flows = np.array([[1.0, 1.0, 1.0]])
    sponsor = np.array([True, False, False])
    nobody = np.zeros(3, dtype=bool)
    backed = _expected(flows, np.ones(3, dtype=bool), nobody)
    alone = _expected(flows, sponsor, nobody)
    opposed = _expected(flows, sponsor, ~sponsor)
    assert backed < alone < opposed
    assert _expected(flows, nobody, nobody) == pytest.approx(3.0)


def test_shifted_balance_by_hand():
    balance = np.array([0.5, 0.5, 0.6])
    factor = np.array([1.0, 3.0, 0.5])
    assert bargaining.shifted_balance(balance, 1.0, factor) == pytest.approx(
        [0.5, 0.25, 0.6 / (0.6 + 0.4 * 0.5)]
    )
    assert bargaining.shifted_balance(balance, factor, 1.0) == pytest.approx(
        [0.5, 0.75, 0.3 / (0.3 + 0.4)]
    )


@given(st.floats(0.01, 0.99), st.floats(0.1, 5.0), st.floats(0.1, 5.0))
def test_more_expected_aid_lowers_russias_projected_share(balance, first, second):
    low, high = sorted((first, second))
    shifted = bargaining.shifted_balance(np.array(balance), 1.0, np.array([low, high]))
    assert 0.0 < shifted[1] <= shifted[0] < 1.0
