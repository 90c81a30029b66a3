"""Nuclear signalling and use (sim.rules.nuclear): two channels; use only by a deliberate
decision, P(use) = use_rate * sigmoid((desperation - use_threshold - deterrence) / use_scale)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.rules import nuclear
from sim.scenario.schema import NuclearRules
from tests.properties import unit, weight

RULES = NuclearRules(
    signal_base=-4.0,
    signal_aid_weight=1.0,
    signal_battle_weight=0.5,
    signal_nato_weight=0.8,
    signal_repeat_penalty=1.5,
    front_floor=0.15,
    desperation_front=1.0,
    desperation_forces=0.8,
    desperation_nato=0.4,
    use_threshold=0.75,
    use_scale=0.1,
    use_rate=0.05,
)


def logit(aid=0.0, lost=0.0, posture=0.0, recent=0.0) -> float:
    arrays = [np.array(v, dtype=float) for v in (aid, lost, posture, recent)]
    return float(nuclear.signal_logit(*arrays, RULES))


def test_signal_logit_by_hand():
    # -4 + 1 * 2 + 0.5 * 100 * 0.01 + 0.8 * 1.5 - 1.5 * 0.4
    assert logit(2, 0.01, 1.5, 0.4) == pytest.approx(-4 + 2 + 0.5 + 1.2 - 0.6)


def test_ground_won_and_a_nato_stand_down_do_not_lower_the_urge_to_signal():
    assert logit(lost=-0.05) == logit()
    assert logit(posture=-2.0) == logit()


@given(weight, st.floats(-0.05, 0.05), st.floats(-3.0, 3.0), weight, weight)
def test_pressure_raises_and_crying_wolf_lowers_the_urge(aid, lost, posture, recent, more):
    base = logit(aid, lost, posture, recent)
    assert logit(aid + more, lost, posture, recent) >= base
    assert logit(aid, lost + more / 100, posture, recent) >= base
    assert logit(aid, lost, posture + more, recent) >= base
    assert logit(aid, lost, posture, recent + more) <= base


def test_signal_kind_thresholds():
    motive = np.array([-1.0, 2.0, 2.01, 3.5, 3.51, 5.0, 5.01, 40.0])
    assert nuclear.signal_kind(motive).tolist() == [1, 1, 2, 2, 3, 3, 4, 4]


@given(st.floats(-20, 20), st.floats(-20, 20))
def test_stronger_motives_send_costlier_signals(first, second):
    low, high = sorted((first, second))
    kinds = nuclear.signal_kind(np.array([low, high]))
    assert 1 <= kinds[0] <= kinds[1] <= 4


def test_desperation_by_hand():
    # front 0.05 of Ukraine held against a floor of 0.15; forces at 40% of the start; one NATO
    # state at war
    value = nuclear.desperation(np.array(0.05), np.array(0.4), np.array(1.0), RULES)
    assert value == pytest.approx(1.0 * (0.1 / 0.15) + 0.8 * (0.1 / 0.5) + 0.4)
    calm = nuclear.desperation(np.array(0.2), np.array(0.9), np.array(0.0), RULES)
    assert calm == 0.0


@given(unit, unit, st.integers(0, 5), unit)
def test_desperation_grows_with_losses_and_war_with_nato(front, forces, at_war, more):
    def d(f, s, n):
        return float(nuclear.desperation(np.array(f), np.array(s), np.array(float(n)), RULES))

    base = d(front, forces, at_war)
    assert base >= 0.0
    assert d(max(0.0, front - more), forces, at_war) >= base
    assert d(front, max(0.0, forces - more), at_war) >= base
    assert d(front, forces, at_war + 1) > base


def test_use_chance_by_hand():
    assert nuclear.use_chance(np.array(0.75), np.array(0.0), RULES) == pytest.approx(0.025)
    assert nuclear.use_chance(np.array(0.0), np.array(0.0), RULES) < 1e-4


@given(st.floats(0.0, 3.0), st.floats(0.0, 3.0), st.floats(0.0, 3.0))
def test_use_is_bounded_and_deterred_by_promised_responses(despair, deterrence, more):
    base = nuclear.use_chance(np.array(despair), np.array(deterrence), RULES)
    assert 0.0 <= base <= RULES.use_rate
    assert nuclear.use_chance(np.array(despair), np.array(deterrence + more), RULES) <= base
    assert nuclear.use_chance(np.array(despair + more), np.array(deterrence), RULES) >= base
