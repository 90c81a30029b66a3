"""The moves of direct conduct (sim.rules.moves): where each move leads over the open rungs."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from sim.rules.moves import (
    DEESCALATE,
    DELTAS,
    ESCALATE,
    HOLD,
    JUMP,
    MOVES,
    SIGNAL,
    move_for_delta,
    move_targets,
)


def test_moves_and_deltas_line_up():
    assert len(MOVES) == len(DELTAS)
    assert DELTAS[[DEESCALATE, HOLD, SIGNAL, ESCALATE, JUMP]].tolist() == [-1, 0, 0, 1, 2]


def test_move_for_delta_clips_to_the_moves_there_are():
    deltas = np.array([-3, -1, 0, 1, 2, 5])
    assert move_for_delta(deltas).tolist() == [DEESCALATE, DEESCALATE, HOLD, ESCALATE, JUMP, JUMP]


@given(hnp.arrays(np.int64, st.integers(1, 20), elements=st.integers(-10, 10)))
def test_move_for_delta_asks_for_the_clipped_change(deltas):
    assert (DELTAS[move_for_delta(deltas)] == np.clip(deltas, -1, 2)).all()


def test_targets_skip_closed_rungs():
    allowed = np.array([[True, True, False, True, False, True]])
    targets = move_targets(np.array([1]), allowed)
    # de-escalate, hold, signal, escalate (over the closed rung 2), escalate x2 (over 4)
    assert targets.tolist() == [[0, 1, 1, 3, 5]]


def test_a_move_with_nowhere_to_go_stays_put():
    allowed = np.array([[True, True, True], [False, True, False]])
    targets = move_targets(np.array([0, 1]), allowed)
    assert targets[0].tolist() == [0, 0, 0, 1, 2]  # nothing below the bottom rung
    assert targets[1].tolist() == [1, 1, 1, 1, 1]  # a single open rung


def test_one_open_rung_above_gives_both_escalations_the_same_target():
    allowed = np.array([[True, True, True, False]])
    assert move_targets(np.array([1]), allowed).tolist() == [[0, 1, 1, 2, 2]]


def test_batched_shapes():
    allowed = np.ones((3, 4, 9), dtype=bool)
    level = np.full((3, 4), 4)
    targets = move_targets(level, allowed)
    assert targets.shape == (3, 4, 5)
    assert (targets == np.array([3, 4, 4, 5, 6])).all()


@st.composite
def open_rungs(draw):
    rungs = draw(st.integers(2, 10))
    allowed = draw(hnp.arrays(bool, rungs))
    level = draw(st.integers(0, rungs - 1))
    return allowed, level


@given(open_rungs())
def test_targets_never_leave_the_open_rungs_and_keep_their_order(case):
    allowed, level = case
    targets = move_targets(np.array([level]), allowed[None, :])[0]
    down, hold, signal, up, up2 = targets.tolist()
    assert hold == signal == level
    assert down <= level <= up <= up2
    for target in targets:
        assert target == level or allowed[target]
    # nearest open rungs: nothing open is skipped
    assert not allowed[down + 1 : level].any() if down < level else not allowed[:level].any()
    assert not allowed[level + 1 : up].any() if up > level else not allowed[level + 1 :].any()
    assert not allowed[up + 1 : up2].any() if up2 > up else not allowed[up + 1 :].any()
