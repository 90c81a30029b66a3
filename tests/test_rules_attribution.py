"""Attribution of incidents (sim.rules.attribution): how fast an incident is attributed and
whether the verdict is right; hostility and deconfliction bias the reading of accidents."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.rules import attribution
from sim.rules.attribution import ACCIDENT, ATTACK, CLASH, DELIBERATE, GREY_ZONE, NOT_DELIBERATE
from sim.scenario.schema import AttributionRules
from tests.properties import draw, unit

RULES = AttributionRules(attribution_rate=0.3, accuracy=0.85, hostile_bias=0.5, deconfliction=0.0)
GRID = (np.arange(10_000) + 0.5) / 10_000


def share_deliberate(nature: int, hostility: float, rules=RULES) -> float:
    verdicts = attribution.verdict(
        np.full(GRID.size, nature), np.full(GRID.size, hostility), GRID, rules
    )
    return float((verdicts == DELIBERATE).mean())


def test_a_clash_is_attributed_at_once_other_incidents_at_the_rate():
    nature = np.array([ACCIDENT, GREY_ZONE, ATTACK, CLASH])
    assert attribution.resolve_chance(nature, RULES).tolist() == [0.3, 0.3, 0.3, 1.0]
    hotline = RULES.model_copy(update={"deconfliction": 0.5})
    assert attribution.resolve_chance(nature, hotline) == pytest.approx([0.45, 0.45, 0.45, 1.0])
    fast = RULES.model_copy(update={"attribution_rate": 0.8, "deconfliction": 1.0})
    assert attribution.resolve_chance(nature, fast).max() == 1.0


def test_deliberate_acts_are_read_right_at_the_accuracy():
    assert share_deliberate(GREY_ZONE, 0.5) == pytest.approx(0.85, abs=1e-4)
    assert share_deliberate(ATTACK, 0.9) == pytest.approx(0.85, abs=1e-4)
    assert share_deliberate(CLASH, 0.0) == 1.0


def test_accidents_are_misread_more_by_a_hostile_victim():
    # (1 - 0.85) * (1 + 0.5 * (2h - 1))
    assert share_deliberate(ACCIDENT, 0.5) == pytest.approx(0.15, abs=1e-4)
    assert share_deliberate(ACCIDENT, 1.0) == pytest.approx(0.225, abs=1e-4)
    assert share_deliberate(ACCIDENT, 0.0) == pytest.approx(0.075, abs=1e-4)


def test_deconfliction_makes_verdicts_better():
    half = RULES.model_copy(update={"deconfliction": 0.5})
    # accuracy 0.85 + 0.5 * 0.15 / 2; wrong accidents (1 - accuracy) * 1 * (1 - 0.5)
    assert share_deliberate(GREY_ZONE, 0.5, half) == pytest.approx(0.8875, abs=1e-4)
    assert share_deliberate(ACCIDENT, 0.5, half) == pytest.approx(0.1125 * 0.5, abs=1e-4)
    full = RULES.model_copy(update={"deconfliction": 1.0})
    assert share_deliberate(ACCIDENT, 1.0, full) == 0.0


@given(st.integers(0, 3), unit, draw, unit, unit)
def test_verdicts_are_valid_and_hostility_only_hurts(nature, hostility, u, more, deconfliction):
    rules = RULES.model_copy(update={"deconfliction": deconfliction})
    args = np.array([nature]), np.array([hostility]), np.array([u])
    verdict = attribution.verdict(*args, rules)[0]
    assert verdict in (DELIBERATE, NOT_DELIBERATE)
    hostile = attribution.verdict(args[0], np.array([min(1.0, hostility + more)]), args[2], rules)
    if nature == ACCIDENT and verdict == DELIBERATE:
        assert hostile[0] == DELIBERATE
    if nature != ACCIDENT:
        assert hostile[0] == verdict
