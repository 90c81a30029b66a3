"""The deterrence calculus (sim.rules.deterrence): V(L) = a L - P C(L) - u L_c - RL(L), moves
valued by the change in V less inertia and the audience cost of stepping down."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.rules import deterrence
from sim.rules.moves import DELTAS
from sim.scenario.schema import DeterrenceRules
from tests.properties import concave, unit, units, weight

RULES = DeterrenceRules(
    gain_weight=1.0, denial_weight=0.5, reaction_weight=0.8, hawk_weight=0.2, domestic_weight=0.4
)
RUNGS = np.arange(9, dtype=float)
TOP = 8


def motive(**changes) -> float:
    values = {
        "stakes": 1.0,
        "denial": 0.4,
        "hostility": 0.75,
        "seen": 4.0,
        "hawkishness": 0.9,
        "fatigue": 0.25,
        "reacts": 1.0,
    }
    rules = changes.pop("rules", RULES)
    values.update(changes)
    arrays = {k: np.array([v], dtype=float) for k, v in values.items()}
    return float(deterrence.motive(**arrays, top=TOP, rules=rules)[0])


# ------------------------------------------------------------------------- credibility
def test_credibility_is_capability_times_resolve_times_reputation():
    value = deterrence.credibility(np.array([0.25]), np.array([0.8]), np.array([0.5]), 2.0)
    assert value[0] == pytest.approx(min(1, 2 * 0.25) * 0.8 * 0.5)


def test_the_capability_factor_saturates_at_one():
    value = deterrence.credibility(np.array([0.8]), np.array([0.9]), np.array([0.5]), 2.0)
    assert value[0] == pytest.approx(0.45)


@given(units(3), units(3), st.floats(0.0, 5.0))
def test_credibility_is_a_probability_rising_in_each_factor(low, extra, scale):
    high = np.minimum(low + extra, 1.0)
    base = deterrence.credibility(low[0], low[1], low[2], scale)
    assert 0.0 <= base <= 1.0
    for k in range(3):
        raised = low.copy()
        raised[k] = high[k]
        assert deterrence.credibility(*raised, scale) >= base


# ------------------------------------------------------------------------- denial
def test_defence_share():
    share = deterrence.defence_share(np.array([3.0, 1.0, 0.0]), np.array([1.0, 1.0, 0.0]))
    assert share.tolist() == [0.75, 0.5, 0.0]


@given(st.floats(0.0, 10.0), st.floats(0.0, 10.0), st.floats(0.0, 10.0))
def test_defence_share_is_a_share_rising_with_the_defender(target, source, more):
    share = deterrence.defence_share(np.array(target), np.array(source))
    assert 0.0 <= share <= 1.0
    assert deterrence.defence_share(np.array(target + more), np.array(source)) >= share
    if target + source > 1e-6:
        other = deterrence.defence_share(np.array(source), np.array(target))
        assert share + other == pytest.approx(1.0)


# ------------------------------------------------------------------------- punishment
def factors(growth=2.0, armed=2, multiplier=3.0, grey_zone=3, deniability=0.0, rungs=4):
    return deterrence.punishment_factors(rungs, growth, armed, multiplier, grey_zone, deniability)


def test_punishment_grows_geometrically_and_an_armed_attack_on_cover_costs_the_multiplier():
    plain, covered = factors()
    assert plain.tolist() == [0.0, 1.0, 3.0, 7.0]  # 2^L - 1
    assert covered.tolist() == [0.0, 1.0, 9.0, 21.0]  # x3 from the armed-attack rung up


def test_a_deniable_grey_zone_act_escapes_part_of_the_extra_risk():
    plain, covered = factors(deniability=0.5)
    assert plain[3] == 7.0 - 0.5 * (7.0 - 3.0)
    assert covered[3] == 21.0 - 0.5 * (21.0 - 9.0)
    fully = factors(deniability=1.0)
    assert fully[:, 3].tolist() == fully[:, 2].tolist()  # no more risk than the rung below


def test_punishment_cost_scales_the_row_of_each_target():
    table = factors()
    cost = deterrence.punishment_cost(np.array([2.0, 0.5]), np.array([False, True]), table)
    assert cost.tolist() == [[0.0, 2.0, 6.0, 14.0], [0.0, 0.5, 4.5, 10.5]]


@given(st.floats(1.0, 4.0), st.integers(1, 8), st.floats(1.0, 10.0), st.integers(1, 8), unit)
def test_punishment_is_zero_at_the_bottom_rising_and_never_below_the_plain_cost(
    growth, armed, multiplier, grey_zone, deniability
):
    plain, covered = factors(growth, armed, multiplier, grey_zone, deniability, rungs=9)
    for row in (plain, covered):
        assert row[0] == 0.0
        assert (np.diff(row) >= -1e-9).all()
    assert (covered >= plain - 1e-9).all()
    undeniable = factors(growth, armed, multiplier, grey_zone, 0.0, rungs=9)
    assert (plain <= undeniable[0] + 1e-9).all()


@given(st.floats(1.0, 4.0))
def test_plain_punishment_is_convex(growth):
    plain, _ = factors(growth, armed=9, multiplier=1.0, grey_zone=5, deniability=0.0, rungs=9)
    assert (np.diff(plain, n=2) >= -1e-9).all()


# ------------------------------------------------------------------------- motive
def test_motive_by_hand():
    # gain 1 * 1 * (1 - 0.5 * 0.4) = 0.8; rivalry 2 * 0.75 - 1 = 0.5; reaction 0.5 * 0.8 * 4/8
    # = 0.2; hawk 0.5 * 0.2 * (0.9 - 0.5) = 0.04; fatigue -0.4 * 0.25 = -0.1
    assert motive() == pytest.approx(0.8 + 0.2 + 0.04 - 0.1)


def test_denial_cuts_what_pressing_buys():
    assert motive(denial=0.8) < motive(denial=0.4) < motive(denial=0.0)
    assert motive(denial=0.8) - motive(denial=0.0) == pytest.approx(-0.5 * 0.8)
    unweighted = RULES.model_copy(update={"denial_weight": 0.0})
    assert motive(denial=0.8, rules=unweighted) == motive(denial=0.0, rules=unweighted)


def test_only_a_rival_believed_hostile_provokes_reaction_and_firmness():
    for hostility in (0.0, 0.3, 0.5):
        calm = motive(hostility=hostility, seen=0.0, hawkishness=0.5)
        assert motive(hostility=hostility, seen=8.0, hawkishness=1.0) == calm
    assert motive(hostility=1.0, seen=8.0) > motive(hostility=0.75, seen=8.0)


def test_reaction_grows_with_the_rival_rung_seen_and_is_clipped_to_the_ladder():
    assert motive(seen=6.0) > motive(seen=2.0)
    assert motive(seen=20.0) == motive(seen=TOP)
    assert motive(seen=-3.0) == motive(seen=0.0)
    assert motive(seen=8.0, reacts=0.0) == motive(seen=0.0, reacts=0.0)


def test_fatigue_damps_the_motive():
    assert motive(fatigue=0.25) - motive(fatigue=0.75) == pytest.approx(0.4 * 0.5)


@given(unit, unit, unit, unit)
def test_motive_falls_with_denial_and_fatigue_and_rises_with_stakes(denial, fatigue, d2, f2):
    base = motive(denial=denial, fatigue=fatigue)
    assert motive(denial=max(denial, d2), fatigue=fatigue) <= base + 1e-12
    assert motive(denial=denial, fatigue=max(fatigue, f2)) <= base + 1e-12
    assert motive(denial=denial, fatigue=fatigue, stakes=2.0) >= base


def test_rivalry():
    hostility = np.array([0.0, 0.5, 0.6, 0.75, 1.0])
    assert deterrence.rivalry_of(hostility) == pytest.approx([0.0, 0.0, 0.2, 0.5, 1.0])


# ------------------------------------------------------------------------- potential
def test_potential_by_hand():
    value = deterrence.potential(
        np.array([0.0, 1.0, 2.0]),
        np.array(1.0),
        np.array([0.0, 2.0, 6.0]),
        np.array(0.5),
        np.array([0.0, 0.0, 0.1]),
        np.array([0.0, 0.0, 1.0]),
    )
    assert value == pytest.approx([0.0, 0.0, 2.0 - 3.0 - 0.1 - 1.0])


def test_a_more_credible_retaliation_lowers_the_value_of_climbing():
    punishment = 0.5 * factors(1.5, armed=6, multiplier=1.0, grey_zone=5, rungs=9)[0]
    zero = np.zeros(9)

    def value(credible: float) -> np.ndarray:
        return deterrence.potential(
            RUNGS, np.array(1.0), punishment, np.array(credible), zero, zero
        )

    assert (value(0.9)[1:] < value(0.2)[1:]).all()
    assert value(0.9)[0] == value(0.2)[0] == 0.0
    assert np.argmax(value(0.9)) < np.argmax(value(0.2))


def test_a_red_line_lowers_the_value_of_the_rungs_beyond_it_only():
    zero = np.zeros(9)
    red = np.where(RUNGS >= 5, 2.0, 0.0)
    free = deterrence.potential(RUNGS, np.array(0.5), zero, np.array(0.5), zero, zero)
    fenced = deterrence.potential(RUNGS, np.array(0.5), zero, np.array(0.5), zero, red)
    assert (fenced[:5] == free[:5]).all()
    assert fenced[5:] == pytest.approx(free[5:] - 2.0)


@given(st.floats(-2.0, 3.0), st.floats(0.0, 3.0), st.floats(1.0, 3.0), unit, st.floats(0.0, 0.5))
def test_without_red_lines_the_potential_is_concave(a, scale, growth, credible, upkeep):
    """Convex punishment and upkeep make V concave: one preferred rung given beliefs. (Red
    lines, the nuclear multiplier from an armed attack on and the grey zone's deniability
    are steps, not curvature.)"""
    punishment = scale * factors(growth, armed=9, multiplier=1.0, grey_zone=5, rungs=9)[0]
    costly = np.array([False, False, True, True, True, True, True, True, True])
    value = deterrence.potential(
        RUNGS,
        np.array(a),
        punishment,
        np.array(credible),
        upkeep * np.cumsum(costly),
        np.zeros(9),
    )
    assert concave(value)


# ------------------------------------------------------------------------- moves
def utilities(level: int, targets: list[int], values: list[float], **changes) -> np.ndarray:
    args = {"inertia": 0.3, "backing_down": np.array(0.5), "warning_value": np.array(-0.2)}
    args.update(changes)
    return deterrence.move_utilities(
        np.array(values, dtype=float),
        np.array(targets),
        np.array(level),
        DELTAS,
        args["inertia"],
        args["backing_down"],
        args["warning_value"],
    )


def test_move_utilities_by_hand():
    # from rung 3: de-escalate to 2, hold, signal, escalate to 4, escalate x2 to 5
    u = utilities(3, [2, 3, 3, 4, 5], [1.0, 1.5, 1.5, 1.8, 1.2])
    assert u == pytest.approx([1.0 - 1.5 - 0.3 - 0.5, 0.0, -0.2, 1.8 - 1.5 - 0.3, 1.2 - 1.5 - 0.3])


def test_a_move_with_no_room_is_impossible_but_hold_and_signal_never_are():
    u = utilities(0, [0, 0, 0, 1, 1], [0.0, 0.0, 0.0, 0.4, 0.4])
    assert u[0] == -np.inf
    assert u[1] == 0.0 and u[2] == -0.2
    assert np.isfinite(u[3:]).all()
    top = utilities(8, [7, 8, 8, 8, 8], [0.5, 0.0, 0.0, 0.0, 0.0])
    assert top[3] == top[4] == -np.inf


def test_backing_down_costs_only_a_step_down_and_grows_with_hawkishness():
    dove = utilities(3, [2, 3, 3, 4, 5], [1.0] * 5, backing_down=np.array(0.0))
    hawk = utilities(3, [2, 3, 3, 4, 5], [1.0] * 5, backing_down=np.array(0.9))
    assert hawk[0] == pytest.approx(dove[0] - 0.9)
    assert hawk[3:] == pytest.approx(dove[3:])


@given(st.integers(0, 8), st.lists(st.floats(-5, 5), min_size=5, max_size=5), weight, weight)
def test_hold_is_worth_nothing_and_impossibility_is_exactly_no_room(level, v, inertia, back):
    targets = np.clip(level + DELTAS, 0, 8)
    u = utilities(level, targets.tolist(), v, inertia=inertia, backing_down=np.array(back))
    assert u[1] == 0.0
    no_room = (targets == level) & (DELTAS != 0)
    assert (np.isneginf(u) == no_room).all()
