"""Red lines (sim.rules.red_lines): the owner's chance of following through and what a
violator believes it to be."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given

from sim.rules.red_lines import believed_enforcement, enforce_chance
from sim.scenario.schema import RedLineRules
from tests.properties import unit, weight

RULES = RedLineRules(audience_weight=4.0, restraint_weight=1.0)


def enforce(commitment=0.5, audience=0.0, risk=0.0) -> float:
    return float(enforce_chance(np.array(commitment), np.array(audience), np.array(risk), RULES))


def test_enforcement_by_hand():
    assert enforce() == pytest.approx(0.5)
    # log-odds 0 + 4 * 0.25 - 1 * 2 = -1
    assert enforce(audience=0.25, risk=2.0) == pytest.approx(1 / (1 + np.e))


def test_a_full_commitment_is_kept_and_none_is_not():
    assert enforce(commitment=1.0, risk=2.0) > 0.999
    assert enforce(commitment=0.0, audience=0.5) < 0.001


@given(unit, unit, weight, unit, weight)
def test_audience_costs_tie_hands_and_risk_restrains(commitment, audience, risk, more, riskier):
    base = enforce(commitment, audience, risk)
    assert 0.0 <= base <= 1.0
    assert enforce(commitment, audience + more, risk) >= base
    assert enforce(commitment, audience, risk + riskier) <= base
    assert enforce(min(1.0, commitment + more), audience, risk) >= base


def test_violators_believe_the_public_commitment_times_reputation():
    believed = believed_enforcement(np.array(0.5), np.array(0.25), np.array(0.6), RULES)
    assert believed == pytest.approx(0.6 * 1 / (1 + np.exp(-1.0)))


@given(unit, unit, unit, weight)
def test_violators_cannot_see_the_owners_restraint(commitment, audience, reputation, risk):
    believed = believed_enforcement(
        np.array(commitment), np.array(audience), np.array(reputation), RULES
    )
    unrestrained = enforce(commitment, audience, 0.0)
    assert believed == pytest.approx(reputation * unrestrained)
    assert believed <= reputation * unrestrained + 1e-12
    assert enforce(commitment, audience, risk) <= unrestrained + 1e-12
