"""War fatigue (sim.rules.fatigue): s(t+1) = s + recovery (s0 - s) - rate * burden
- casualty_weight * losses - upkeep, on 0-1."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given

from sim.rules.fatigue import support_step
from sim.scenario.schema import FatigueRules
from tests.properties import unit

RULES = FatigueRules(rate=0.01, recovery=0.1, casualty_weight=0.05)


def step(support=0.6, baseline=0.7, burden=0.0, losses=0.0, upkeep=0.0, rules=RULES) -> float:
    arrays = [np.array([v], dtype=float) for v in (support, baseline, burden, losses, upkeep)]
    return float(support_step(*arrays, rules)[0])


def test_support_step_by_hand():
    assert step(burden=1.0, losses=0.2, upkeep=0.003) == pytest.approx(
        0.6 + 0.1 * 0.1 - 0.01 - 0.05 * 0.2 - 0.003
    )


def test_support_recovers_toward_its_start_and_rests_there():
    assert step(support=0.5) > 0.5
    assert step(support=0.9) < 0.9
    assert step(support=0.7) == pytest.approx(0.7)


def test_support_stays_on_zero_to_one():
    assert step(support=0.0, burden=50.0) == 0.0
    assert step(support=1.0, baseline=1.0, burden=-50.0) == 1.0


@given(unit, unit, unit, unit, unit, unit)
def test_every_burden_lowers_support(support, baseline, burden, losses, upkeep, more):
    base = step(support, baseline, burden, losses, upkeep)
    assert step(support, baseline, burden + more, losses, upkeep) <= base
    assert step(support, baseline, burden, losses + more, upkeep) <= base
    assert step(support, baseline, burden, losses, upkeep + more) <= base
    assert 0.0 <= base <= 1.0
