"""Each measure of sim/validation/measures.py computed on a hand-built trace: two runs, three
actors, five steps over two calendar years, with values chosen so every answer is worked out
by hand below (the facts of validation/facts_2022_2024.yaml name these measures)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from sim.concepts.channels import AID, CONDUCT
from sim.outcomes import COUNT_INDEX, PASSAGE_INDEX
from sim.validation.measures import MEASURE_NAMES, MEASURES, Trace, value

YEARS = (2022, 2023)
#: step 0 is the start (counted with 2022); steps 1-2 in 2022, 3-4 in 2023.
YEAR_OF_STEP = np.array([2022, 2022, 2022, 2023, 2023])
R, N = 2, 3


class FakeLog:
    """The two things the incident measure reads from an event log: rows and text codes."""

    def __init__(self, rows: list[tuple[str, int, int, int]]):
        self.vocab = {"incident": 0, "other": 1}
        kinds, reps, steps, targets = zip(*rows, strict=True) if rows else ((), (), (), ())
        self.rows = {
            "kind": np.array([self.vocab[k] for k in kinds], dtype=np.int32),
            "replicate": np.array(reps, dtype=np.int64),
            "step": np.array(steps, dtype=np.int64),
            "target": np.array(targets, dtype=np.int64),
        }

    def view(self) -> dict[str, np.ndarray]:
        return self.rows

    def code(self, text: str) -> int:
        return self.vocab[text]


def _counts(**per_year: tuple[tuple[int, int], tuple[int, int]]) -> np.ndarray:
    """(Y, R, counts) cumulative counts from (2022 per run, 2023 per run) of named counts."""
    out = np.zeros((len(YEARS), R, len(COUNT_INDEX)), dtype=np.int64)
    for name, (first, second) in per_year.items():
        out[0, :, COUNT_INDEX[name]] = first
        out[1, :, COUNT_INDEX[name]] = np.add(first, second)
    return out


@pytest.fixture
def trace() -> Trace:
    front = np.array(
        [
            [0.07, 0.07],  # start
            [0.20, 0.10],
            [0.15, 0.12],  # end of 2022
            [0.16, 0.30],
            [0.18, 0.25],  # end of 2023
        ]
    )
    # NATO membership: actor 2 joins at step 3 (both runs); actor 1 is a member throughout.
    nato = np.zeros((5, R, N), dtype=bool)
    nato[:, :, 1] = True
    nato[3:, :, 2] = True
    russia_to_nato = np.zeros((5, R), dtype=np.int64)
    russia_to_nato[4, 1] = CONDUCT.index("incident")
    counts = _counts(
        sanctions_adopted=((9, 2), (3, 1)),
        sanctions_blocked=((4, 0), (0, 5)),
        sanctions_dropped=((0, 1), (0, 0)),
        nuclear_signals=((3, 1), (2, 6)),
        article4=((1, 0), (0, 0)),
        article5_votes=((0, 0), (0, 1)),
        red_lines_crossed=((1, 2), (2, 0)),
    )
    advanced, long_range = AID.index("advanced"), AID.index("long_range")
    aid = np.zeros((len(YEARS), R, N), dtype=np.int64)
    aid[0] = [[0, advanced, 0], [0, 0, 0]]
    aid[1] = [[long_range, advanced, long_range], [0, long_range, advanced]]
    passage = np.full((R, len(PASSAGE_INDEX)), -1)
    passage[1, PASSAGE_INDEX["direct_clash"]] = 4
    passage[0, PASSAGE_INDEX["armistice"]] = 2
    log = FakeLog(
        [
            ("incident", 0, 1, 1),  # 2022 on a member
            ("incident", 0, 2, 2),  # 2022 on a state not yet in NATO: not counted
            ("incident", 0, 3, 2),  # 2023, now a member
            ("other", 0, 3, 1),  # not an incident
            ("incident", 1, 4, 1),  # 2023
            ("incident", 1, 4, 0),  # 2023 on a non-member
        ]
    )
    sim = SimpleNamespace(
        state=SimpleNamespace(record=SimpleNamespace(passage=passage)),
        log=log,
        # actor 0 (Russia's side) is no supplier; 1 and 2 are.
        world=SimpleNamespace(supplier=np.array([False, True, True])),
    )
    return Trace(sim, YEARS, YEAR_OF_STEP, front, nato, russia_to_nato, counts, aid)


#: measure -> (R, Y) or (R,) expected from the trace above.
EXPECTED = {
    "front_end": [[0.15, 0.18], [0.12, 0.25]],
    "front_peak": [[0.20, 0.18], [0.12, 0.30]],
    "front_retaken": [[0.05, 0.0], [0.0, 0.05]],
    "sanctions_adopted": [[9, 3], [2, 1]],
    "sanctions_blocked": [[4, 0], [0, 5]],
    "sanctions_dropped": [[0, 0], [1, 0]],
    "nuclear_signals": [[3, 2], [1, 6]],
    "article4": [[1, 0], [0, 0]],
    "article5_votes": [[0, 0], [0, 1]],
    "red_lines_crossed": [[1, 2], [2, 0]],
    "incidents_nato": [[1, 1], [0, 1]],
    "aid_advanced": [[1, 2], [0, 2]],
    "aid_long_range": [[0, 1], [0, 1]],
    "direct_clash": [0, 1],
    "nuclear_use": [0, 0],
    "russia_attacks_nato": [0, 1],
    "agreement": [1, 0],
}


def test_every_measure_has_a_hand_worked_case():
    assert set(EXPECTED) == set(MEASURE_NAMES)


@pytest.mark.parametrize("name", MEASURE_NAMES)
def test_measure_on_a_hand_built_trace(trace, name):
    np.testing.assert_allclose(MEASURES[name].read(trace), EXPECTED[name], atol=1e-12)


@pytest.mark.parametrize("name", [n for n in MEASURE_NAMES if MEASURES[n].per_year])
def test_a_fact_for_a_year_reads_that_year_and_a_period_fact_the_total(trace, name):
    expected = np.asarray(EXPECTED[name], dtype=float)
    np.testing.assert_allclose(value(trace, name, 2023), expected[:, 1])
    if MEASURES[name].total == "sum":
        np.testing.assert_allclose(value(trace, name, None), expected.sum(axis=1))
    else:
        with pytest.raises(ValueError, match="name a year"):
            value(trace, name, None)
