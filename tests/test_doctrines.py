"""Reciprocity doctrines reproduce the sequences the literature defines when noise is off
(escalate = defect D; hold, signal or de-escalate = cooperate C)."""

from __future__ import annotations

import pytest

from sim import EscalationModel
from sim.rules.doctrines import DOCTRINES
from sim.scenario.schema import Scenario
from tests.conftest import duel


def play(first: dict, second: dict, steps: int = 6) -> tuple[list[int], list[int]]:
    model = EscalationModel(Scenario.model_validate(duel(first, second, steps))).run()
    return model.move_history("RUS", "BLU"), model.move_history("BLU", "RUS")


def cd(moves: list[int]) -> str:
    return "".join("D" if m > 0 else "C" for m in moves)


TFT = {"strategy": "tit_for_tat"}
STFT = {"strategy": "suspicious_tit_for_tat"}
TF2T = {"strategy": "tit_for_two_tats"}
GRIM = {"strategy": "grim_trigger"}
ALLD = {"strategy": "always_escalate"}
ALLC = {"strategy": "always_hold"}


@pytest.mark.parametrize(
    ("first", "second", "expected_first", "expected_second"),
    [
        (TFT, ALLD, "CDDDDD", "DDDDDD"),
        (TFT, ALLC, "CCCCCC", "CCCCCC"),
        (TFT, TFT, "CCCCCC", "CCCCCC"),
        (STFT, TFT, "DCDCDC", "CDCDCD"),
        (TF2T, ALLD, "CCDDDD", "DDDDDD"),
        (GRIM, STFT, "CDDDDD", "DCDDDD"),
        (GRIM, ALLC, "CCCCCC", "CCCCCC"),
        ({"strategy": "generous_tit_for_tat", "generosity": 0.0}, ALLD, "CDDDDD", "DDDDDD"),
        ({"strategy": "generous_tit_for_tat", "generosity": 1.0}, ALLD, "CCCCCC", "DDDDDD"),
        ({"strategy": "grit", "grit_period": 3}, ALLD, "CDDDDD", "DDDDDD"),
    ],
)
def test_defined_sequences(first, second, expected_first, expected_second):
    moves_first, moves_second = play(first, second)
    assert cd(moves_first) == expected_first
    assert cd(moves_second) == expected_second


def test_grit_announces_steps_then_needs_reciprocity():
    grit, hold = play({"strategy": "grit", "grit_period": 3}, ALLC)
    assert grit == [-1, -1, -1, 0, 0, 0]
    assert hold == [0] * 6


def test_grit_and_tit_for_tat_climb_down_together():
    grit, tft = play({"strategy": "grit", "grit_period": 2}, TFT)
    assert grit == [-1] * 6
    assert tft == [0] + [-1] * 5


def test_generous_tit_for_tat_forgives_about_as_often_as_its_generosity():
    forgiving, _ = play({"strategy": "generous_tit_for_tat", "generosity": 0.3}, ALLD, steps=400)
    forgiven = sum(1 for m in forgiving[1:] if m <= 0) / (len(forgiving) - 1)
    assert 0.22 < forgiven < 0.38


def test_every_doctrine_has_a_classifier():
    for name, cls in DOCTRINES.items():
        assert cls.name == name
        assert {"memory_depth", "stochastic", "uses_calculus", "nice"} <= set(cls.classifier)
