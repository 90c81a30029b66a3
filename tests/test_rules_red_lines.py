"""Red lines (sim.rules.red_lines): the owner's chance of following through and what a
violator believes it to be."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given

from sim.rules.red_lines import believed_enforcement, enforce_chance
from sim.scenario.schema import RedLineRules
from tests.properties import unit, weight

RULES = RedLineRules(audience_weight=4.0, resolve_weight=2.0, restraint_weight=1.0)


def enforce(commitment=0.5, audience=0.0, resolve=0.5, risk=0.0) -> float:
    arrays = [np.array(v) for v in (commitment, audience, resolve, risk)]
    return float(enforce_chance(*arrays, RULES))


def believed(commitment=0.5, audience=0.0, resolve=0.5, reputation=1.0) -> float:
    arrays = [np.array(v) for v in (commitment, audience, resolve, reputation)]
    return float(believed_enforcement(*arrays, RULES))


def test_enforcement_by_hand():
    assert enforce() == pytest.approx(0.5)
    # log-odds 0 + 4 * 0.25 + 2 * (0.75 - 0.5) - 1 * 2 = -0.5
    assert enforce(audience=0.25, resolve=0.75, risk=2.0) == pytest.approx(1 / (1 + np.exp(0.5)))


def test_a_full_commitment_is_kept_and_none_is_not():
    assert enforce(commitment=1.0, risk=2.0) > 0.999
    assert enforce(commitment=0.0, audience=0.5) < 0.001


@given(unit, unit, unit, weight, unit, weight)
def test_audience_costs_and_resolve_tie_hands_and_risk_restrains(c, a, r, risk, more, riskier):
    base = enforce(c, a, r, risk)
    assert 0.0 <= base <= 1.0
    assert enforce(c, a + more, r, risk) >= base
    assert enforce(c, a, min(1.0, r + more), risk) >= base
    assert enforce(c, a, r, risk + riskier) <= base
    assert enforce(min(1.0, c + more), a, r, risk) >= base


def test_violators_believe_the_public_commitment_times_reputation():
    # log-odds 0 + 4 * 0.25 + 2 * (0.25 - 0.5) = 0.5, seen through a reputation of 0.6
    value = believed(audience=0.25, resolve=0.25, reputation=0.6)
    assert value == pytest.approx(0.6 / (1 + np.exp(-0.5)))


@given(unit, unit, unit, unit, weight)
def test_violators_cannot_see_the_owners_restraint(commitment, audience, resolve, rep, risk):
    seen = believed(commitment, audience, resolve, rep)
    unrestrained = enforce(commitment, audience, resolve, 0.0)
    assert seen == pytest.approx(rep * unrestrained)
    assert enforce(commitment, audience, resolve, risk) <= unrestrained + 1e-12
