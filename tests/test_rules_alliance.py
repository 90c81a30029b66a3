"""Alliance decisions and cohesion (sim.rules.alliance): members' preferences, consensus and
majority rules, the spread over members, and cohesion's step."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from sim.rules import alliance
from sim.scenario.schema import AllianceRule, AllianceRules, VoteWeights
from tests.properties import unit

WEIGHTS = VoteWeights(base=0.1, hawkishness=0.3, exposure=0.2, threat=0.3, stance=0.3, fatigue=0.3)
CONSENSUS = AllianceRule(rule="consensus")
MAJORITY = AllianceRule(rule="majority", majority_share=0.5)


def test_member_preference_by_hand():
    value = alliance.member_preference(
        np.array(0.8), np.array(1.0), np.array(0.6), np.array(0.5), np.array(0.4), WEIGHTS
    )
    assert value == pytest.approx(0.1 + 0.24 + 0.2 + 0.18 + 0.15 - 0.12)


@given(unit, unit, unit, st.floats(-1.0, 1.0), unit, unit)
def test_hawks_exposed_and_threatened_members_want_more_and_tired_ones_less(h, e, t, s, f, more):
    def pref(**changes):
        args = {"hawkishness": h, "exposure": e, "threat": t, "stance": s, "fatigue": f}
        args.update(changes)
        return alliance.member_preference(
            **{k: np.array(v) for k, v in args.items()}, weights=WEIGHTS
        )

    base = pref()
    assert pref(hawkishness=h + more) >= base
    assert pref(exposure=e + more) >= base
    assert pref(threat=t + more) >= base
    assert pref(stance=s + more) >= base
    assert pref(fatigue=f + more) <= base


def test_consensus_needs_every_member():
    members = np.array([[True, True, True, False]] * 3 + [[False] * 4])
    yes = np.array(
        [
            [True, True, True, False],  # every member: adopted (the outsider does not count)
            [True, True, False, True],  # one member against: blocked
            [False, False, False, False],
            [True, True, True, True],  # no members at all: nothing to adopt
        ]
    )
    assert alliance.decide(yes, members, CONSENSUS).tolist() == [True, False, False, False]


def test_majority_needs_the_share():
    members = np.array([[True, True, True, True, False]] * 3)
    yes = np.array(
        [
            [True, True, False, False, True],  # 2 of 4 members: exactly half
            [True, False, False, False, True],  # 1 of 4
            [True, True, True, False, False],
        ]
    )
    assert alliance.decide(yes, members, MAJORITY).tolist() == [True, False, True]
    strict = AllianceRule(rule="majority", majority_share=0.75)
    assert alliance.decide(yes, members, strict).tolist() == [False, False, True]


@st.composite
def votes(draw):
    n = draw(st.integers(1, 8))
    members = draw(hnp.arrays(bool, (1, n)))
    yes = draw(hnp.arrays(bool, (1, n)))
    flip = draw(st.integers(0, n - 1))
    return members, yes, flip


@given(votes(), unit)
def test_one_more_yes_never_blocks_and_consensus_implies_any_majority(case, share):
    members, yes, flip = case
    more = yes.copy()
    more[0, flip] = True
    rule = AllianceRule(rule="majority", majority_share=share)
    for r in (CONSENSUS, rule):
        if alliance.decide(yes, members, r)[0]:
            assert alliance.decide(more, members, r)[0]
    if alliance.decide(yes, members, CONSENSUS)[0]:
        assert alliance.decide(yes, members, rule)[0]


def test_spread_over_members_only():
    values = np.array([[0.0, 1.0, 5.0], [0.3, 0.3, 9.0], [1.0, 2.0, 3.0]])
    members = np.array([[True, True, False], [True, True, False], [False, False, False]])
    assert alliance.spread(values, members) == pytest.approx([0.5, 0.0, 0.0])


def test_cohesion_step_by_hand():
    rules = AllianceRules(
        cohesion_recovery=0.1, cohesion_target=0.8, fatigue_cost=0.2, freeriding_cost=0.1
    )
    new = alliance.cohesion_step(np.array([0.6]), np.array([0.25]), np.array([0.5]), rules)
    assert new == pytest.approx([0.6 + 0.1 * 0.2 - 0.2 * 0.25 - 0.1 * 0.5])
    calm = alliance.cohesion_step(np.array([0.8]), np.zeros(1), np.zeros(1), rules)
    assert calm == pytest.approx([0.8])


@given(unit, unit, unit, unit)
def test_cohesion_stays_in_bounds_and_erodes_with_spread(cohesion, fatigue, contribution, more):
    rules = AllianceRules(fatigue_cost=0.5, freeriding_cost=0.5)
    args = np.array([cohesion]), np.array([fatigue]), np.array([contribution])
    new = alliance.cohesion_step(*args, rules)
    assert 0.0 <= new[0] <= 1.0
    tired = alliance.cohesion_step(args[0], args[1] + more, args[2], rules)
    riding = alliance.cohesion_step(args[0], args[1], args[2] + more, rules)
    assert tired[0] <= new[0] and riding[0] <= new[0]
