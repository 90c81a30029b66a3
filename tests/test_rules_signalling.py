"""Perception and beliefs (sim.rules.signalling): misreading on what was observed, Jervis's
spiral and deterrence readings, and how each reading moves hostility and believed resolve."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.rules import signalling
from sim.rules.signalling import (
    CHEAP_TALK,
    DETERRENT,
    NO_READING,
    REASSURANCE,
    RETALIATION,
    THREAT,
    Observation,
    Perception,
)
from sim.scenario.schema import SignallingRules
from tests.properties import draw, unit

CLEAR = SignallingRules(noise=0.0, misperception=0.0, hold_misread_rate=0.0)
RULES = SignallingRules(
    noise=0.0,
    misperception=0.2,
    hold_misread_rate=0.02,
    hostile_prior_bias=1.0,
    belief_rate=0.2,
    costly_weight=1.0,
    cheap_weight=0.3,
    prior_pull=0.1,
)
GRID = (np.arange(10_000) + 0.5) / 10_000


def seen(moved=0, shown=False, retaliated=False, warned=False, costly=False, size=1):
    def column(value):
        return np.full(size, value)

    return Observation(
        column(moved), column(shown), column(retaliated), column(warned), column(costly)
    )


def perceive(
    observation, hostility=0.5, misread_draw=0.99, reading_draw=0.99, noise=0.0, rules=CLEAR
):
    size = observation.moved.shape[0]
    uniforms = np.stack(
        [np.broadcast_to(misread_draw, size), np.broadcast_to(reading_draw, size)], axis=-1
    )
    return signalling.perceive(
        observation, np.full(size, hostility), uniforms, np.full(size, noise), rules
    )


# ------------------------------------------------------------------------- misreading
def test_misread_chance_by_hand():
    hostility = np.array([0.0, 0.5, 0.75, 1.0])
    assert signalling.misread_chance(0.2, hostility, 1.0) == pytest.approx([0.0, 0.2, 0.3, 0.4])
    assert signalling.misread_chance(0.8, np.array([1.0]), 1.0) == pytest.approx([1.0])


def test_observed_moves_are_misread_at_misperception_and_quiet_weeks_at_their_own_rate():
    moves = perceive(seen(moved=1, size=GRID.size), 0.75, GRID, rules=RULES)
    quiet = perceive(seen(size=GRID.size), 0.75, GRID, rules=RULES)
    assert moves.misread.mean() == pytest.approx(0.2 * 1.5, abs=1e-4)
    assert quiet.misread.mean() == pytest.approx(0.02 * 1.5, abs=1e-4)


def test_a_misreading_reads_one_rung_more_hostile():
    assert perceive(seen(moved=1), misread_draw=0.0, rules=RULES).perceived.tolist() == [2]
    calm = perceive(seen(moved=-1), misread_draw=0.0, rules=RULES)
    assert calm.perceived.tolist() == [0]
    assert calm.reading.tolist() == [NO_READING]
    quiet = perceive(seen(), misread_draw=0.0, rules=RULES)
    assert quiet.perceived.tolist() == [1] and quiet.misread.tolist() == [True]


# ------------------------------------------------------------------------- readings
def test_a_quiet_week_is_no_move():
    p = perceive(seen())
    assert p.perceived.tolist() == [0]
    assert p.reading.tolist() == [NO_READING]
    assert p.misread.tolist() == [False]


def test_an_escalation_reads_as_a_threat_with_the_receivers_hostility():
    """Jervis: the spiral model (threat) with probability h, else the deterrence model."""
    assert perceive(seen(moved=1), 0.9, reading_draw=0.1).reading.tolist() == [THREAT]
    assert perceive(seen(moved=1), 0.9, reading_draw=0.95).reading.tolist() == [DETERRENT]
    for hostility in (0.2, 0.7):
        p = perceive(seen(moved=1, size=GRID.size), hostility, reading_draw=GRID)
        assert (p.perceived == 1).all()
        assert (p.reading == THREAT).mean() == pytest.approx(hostility, abs=1e-4)
        assert ((p.reading == THREAT) | (p.reading == DETERRENT)).all()


def test_a_show_of_force_at_the_current_rung_is_seen_as_a_step_up():
    p = perceive(seen(shown=True, costly=True), 0.0)
    assert p.perceived.tolist() == [1]
    assert p.reading.tolist() == [DETERRENT]


def test_a_step_down_reads_as_reassurance():
    p = perceive(seen(moved=-1), 1.0, reading_draw=0.0)
    assert p.perceived.tolist() == [-1]
    assert p.reading.tolist() == [REASSURANCE]


def test_a_warning_alone_is_cheap_talk():
    p = perceive(seen(warned=True))
    assert p.perceived.tolist() == [0]
    assert p.reading.tolist() == [CHEAP_TALK]
    louder = perceive(seen(moved=1, warned=True), 0.0)
    assert louder.reading.tolist() == [DETERRENT]


def test_a_retaliation_is_read_as_a_retaliation_even_when_the_net_change_is_down():
    p = perceive(seen(moved=-1, retaliated=True), 0.0, reading_draw=0.0)
    assert p.perceived.tolist() == [1]
    assert p.reading.tolist() == [RETALIATION]


def test_a_slip_that_cancels_a_move_is_perceived_as_no_move():
    """Perception reads the net change: up by decision then back by a slip is no move."""
    cancelled = perceive(seen(moved=0), 0.8, rules=RULES)
    assert cancelled.perceived.tolist() == [0]
    assert cancelled.reading.tolist() == [NO_READING]


def test_noise_blurs_the_size_of_a_move():
    noisy = SignallingRules(noise=1.0, misperception=0.0, hold_misread_rate=0.0)
    up = perceive(seen(moved=1), 0.0, noise=1.2, rules=noisy)
    assert up.perceived.tolist() == [2]
    faded = perceive(seen(moved=1), 0.0, noise=-0.7, rules=noisy)
    assert faded.perceived.tolist() == [0]
    assert faded.reading.tolist() == [NO_READING]


@given(
    st.integers(-2, 2),
    st.booleans(),
    st.booleans(),
    unit,
    draw,
    draw,
    st.floats(-4.0, 4.0),
    st.floats(0.0, 0.12),
)
def test_a_retaliation_is_never_read_as_reassurance(moved, shown, warned, h, u0, u1, z, noise):
    rules = RULES.model_copy(update={"noise": noise})
    observation = seen(moved, shown, True, warned)
    p = perceive(observation, h, u0, u1, z, rules)
    assert p.reading.tolist() == [RETALIATION]
    assert p.perceived[0] >= 1


@given(st.integers(-2, 2), st.booleans(), st.booleans(), st.booleans(), unit, draw, draw)
def test_readings_are_valid_and_a_misreading_only_adds(moved, shown, retaliated, warned, h, u0, u1):
    observation = seen(moved, shown, retaliated, warned)
    p = perceive(observation, h, u0, u1, rules=RULES)
    clear = perceive(observation, h, 0.99, u1, rules=RULES)
    assert 0 <= p.reading[0] < len(signalling.READINGS)
    assert p.perceived[0] == clear.perceived[0] + int(p.misread[0])


@given(st.integers(-2, 1), st.booleans(), unit, draw, draw)
def test_a_bigger_move_is_never_perceived_smaller(moved, shown, h, u0, u1):
    small = perceive(seen(moved, shown), h, u0, u1, rules=RULES)
    big = perceive(seen(moved + 1, shown), h, u0, u1, rules=RULES)
    assert big.perceived[0] >= small.perceived[0]


# ------------------------------------------------------------------------- beliefs
def update(reading, costly=True, reputation=0.5, hostility=0.5, resolve=0.5, prior=0.3):
    perception = Perception(np.array([0]), np.array([False]), np.array([reading]))
    new_h, new_r = signalling.update_beliefs(
        perception,
        np.array([costly]),
        np.array([reputation]),
        np.array([hostility]),
        np.array([resolve]),
        np.array([prior]),
        RULES,
    )
    return float(new_h[0]), float(new_r[0])


def test_each_reading_moves_the_beliefs_it_is_about():
    step = 0.2  # belief_rate * costly_weight
    assert update(THREAT) == pytest.approx((0.5 + step * 0.5, 0.5))
    assert update(DETERRENT) == pytest.approx((0.5, 0.5 + step * 0.5))
    assert update(RETALIATION) == pytest.approx((0.6, 0.6))
    assert update(REASSURANCE) == pytest.approx((0.5 - step * 0.5, 0.5 - 0.5 * step * 0.5))
    assert update(NO_READING) == pytest.approx((0.5 + 0.1 * (0.3 - 0.5), 0.5))


def test_cheap_talk_moves_beliefs_by_its_weight_times_reputation():
    step = 0.2 * 0.3 * 0.5
    assert update(CHEAP_TALK, costly=False) == pytest.approx((0.5, 0.5 + step * 0.5))
    costly = update(DETERRENT, costly=True)[1] - 0.5
    cheap = update(DETERRENT, costly=False)[1] - 0.5
    assert costly > 2 * cheap > 0


@given(st.integers(0, len(signalling.READINGS) - 1), st.booleans(), unit, unit, unit, unit)
def test_beliefs_stay_on_zero_to_one_and_a_retaliation_never_reassures(
    reading, costly, reputation, hostility, resolve, prior
):
    new_h, new_r = update(reading, costly, reputation, hostility, resolve, prior)
    assert 0.0 <= new_h <= 1.0 and 0.0 <= new_r <= 1.0
    if reading in (THREAT, RETALIATION):
        assert new_h >= hostility
    if reading in (DETERRENT, CHEAP_TALK, RETALIATION):
        assert new_r >= resolve
    if reading == REASSURANCE:
        assert new_h <= hostility and new_r <= resolve
