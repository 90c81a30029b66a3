"""Aid to Ukraine as the supplier's decision (sim.rules.support):
W(A) = b A - (coalition_pull / 2) (A - mean allied A)^2 - R(A) - RL(A)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.rules import support
from sim.scenario.schema import SupportRules
from tests.properties import concave, unit

RULES = SupportRules(
    need_base=0.5, need_weight=2.0, coalition_pull=0.5, risk_growth=2.0, inertia=0.3, cut_cost=0.4
)
KINDS = np.arange(5, dtype=float)


def values(benefit=1.0, mean=2.0, risk=0.1, red=None, rules=RULES) -> np.ndarray:
    red = np.zeros(5) if red is None else np.asarray(red, dtype=float)
    return support.aid_value(KINDS, np.array(benefit), np.array(mean), np.array(risk), red, rules)


def test_need_grows_with_russias_edge_only():
    balance = np.array([0.3, 0.5, 0.7])
    assert support.need(balance, RULES) == pytest.approx([0.5, 0.5, 0.5 + 2.0 * 0.2])


@given(unit, unit)
def test_need_is_monotone_in_the_balance(low, high):
    low, high = sorted((low, high))
    assert support.need(np.array(high), RULES) >= support.need(np.array(low), RULES)


def test_aid_value_by_hand():
    # W(A) = A - 0.25 (A - 2)^2 - 0.1 (2^A - 1)
    expected = [k - 0.25 * (k - 2) ** 2 - 0.1 * (2**k - 1) for k in range(5)]
    assert values() == pytest.approx(expected)


def test_the_coalition_pulls_toward_what_allies_send():
    flat = {"benefit": 0.0, "risk": 0.0}
    assert np.argmax(values(mean=1.0, **flat)) == 1
    assert np.argmax(values(mean=3.0, **flat)) == 3


def test_escalation_risk_weighs_on_the_higher_kinds():
    safe, risky = values(risk=0.0), values(risk=0.3)
    assert safe[0] == risky[0]
    loss = safe - risky
    assert (np.diff(loss) > 0).all()
    assert np.argmax(risky) < np.argmax(safe)


def test_a_red_line_lowers_the_kinds_beyond_it():
    plain = values()
    fenced = values(red=[0, 0, 0, 1.5, 1.5])
    assert fenced[:3] == pytest.approx(plain[:3])
    assert fenced[3:] == pytest.approx(plain[3:] - 1.5)


@given(st.floats(-3.0, 3.0), st.floats(0.0, 4.0), st.floats(0.0, 1.0), st.floats(0.0, 2.0))
def test_without_red_lines_the_value_of_aid_is_concave(benefit, mean, risk, pull):
    rules = RULES.model_copy(update={"coalition_pull": pull})
    assert concave(values(benefit, mean, risk, rules=rules))


def test_aid_moves_within_the_policy_limit():
    kind = np.array([0, 2, 3, 4, 3])
    limit = np.array([4, 4, 3, 4, 1])  # the last: a policy lowered below today's aid
    targets = support.aid_moves(kind, limit)
    assert targets.tolist() == [[0, 0, 1], [1, 2, 3], [2, 3, 3], [3, 4, 4], [2, 3, 3]]


@given(st.integers(0, 4), st.integers(0, 4))
def test_aid_moves_keep_order_and_bounds(kind, limit):
    down, hold, up = support.aid_moves(np.array(kind), np.array(limit)).tolist()
    assert 0 <= down <= hold == kind <= up <= max(limit, kind)
    assert up - down <= 2


def test_aid_utilities_by_hand():
    targets = np.array([1, 2, 3])
    u = support.aid_utilities(np.array([0.4, 1.0, 1.5]), targets, np.array(2), RULES)
    assert u == pytest.approx([0.4 - 1.0 - 0.3 - 0.4, 0.0, 1.5 - 1.0 - 0.3])


def test_a_cut_or_raise_with_no_room_is_impossible():
    u = support.aid_utilities(np.array([1.0, 1.0, 1.0]), np.array([0, 0, 1]), np.array(0), RULES)
    assert u[0] == -np.inf and u[1] == 0.0 and np.isfinite(u[2])
    top = support.aid_utilities(np.array([1.0, 1.0, 1.0]), np.array([3, 4, 4]), np.array(4), RULES)
    assert top[2] == -np.inf
