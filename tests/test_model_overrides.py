"""The kernel's hook for decisions taken outside the model (a student playing one actor):
``Simulation.step(overrides)`` and ``Simulation.preview()``."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sim.model import EscalationModel, Overrides, Simulation, release
from sim.model.overrides import NONE
from sim.model.tables import events_frame, paths_frame
from sim.rules.moves import ESCALATE, HOLD, MOVES
from sim.scenario import Scenario, load_scenario
from tests.conftest import BASELINE
from tests.viz_helpers import duel

SEEDS = [3, 11, 29]


@pytest.fixture(scope="module")
def baseline() -> Scenario:
    return load_scenario(BASELINE)


def tables(sim: Simulation, replicate: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    return paths_frame(sim, replicate), events_frame(sim, replicate)


def assert_same_run(first: Simulation, second: Simulation) -> None:
    for a, b in zip(tables(first), tables(second), strict=True):
        pd.testing.assert_frame_equal(a, b)
    assert first.recorder.summaries() == second.recorder.summaries()


@pytest.mark.parametrize("seed", SEEDS)
def test_preview_leaves_the_run_unchanged(baseline, seed):
    plain = Simulation(baseline, [seed]).run()
    looked = Simulation(baseline, [seed])
    while not looked.done:
        looked.preview()
        looked.step()
        if not looked.done:
            last = looked.ctx.scratch
            looked.preview()
            assert looked.ctx.scratch is last  # what the last step did, not the preview
    assert_same_run(plain, looked)


@pytest.mark.parametrize("seed", SEEDS)
def test_forcing_the_models_own_picks_reproduces_its_run(baseline, seed):
    """The preview's pick is the move the model makes: a player who agrees every week plays
    the model's own run, table for table."""
    plain = Simulation(baseline, [seed]).run()
    played = Simulation(baseline, [seed])
    while not played.done:
        conduct, aid = played.preview()
        played.step(
            Overrides(
                conduct={d: int(m) for d, m in enumerate(conduct.chosen[0])},
                aid={a: int(m) for a, m in enumerate(aid.chosen[0])},
            )
        )
    assert_same_run(plain, played)


def test_an_override_moves_its_dyad_and_no_other_decision(baseline):
    """The student's move is made; every other decider in that step chooses as it would have
    (the draws are keyed by dyad, not by what was drawn before)."""
    sim = Simulation(baseline, SEEDS)
    conduct, _ = sim.preview()
    open_ = np.isfinite(conduct.utility[:, :, ESCALATE]).all(axis=0)
    differs = (conduct.chosen != ESCALATE).all(axis=0)
    d = int(np.flatnonzero(open_ & differs)[0])
    sim.step(Overrides(conduct={d: ESCALATE}))
    made = sim.ctx.scratch.conduct_choices
    assert (made.made[:, d] == ESCALATE).all()
    others = np.arange(sim.world.n_dyads) != d
    np.testing.assert_array_equal(made.made[:, others], conduct.chosen[:, others])
    np.testing.assert_array_equal(made.chosen, conduct.chosen)


def test_a_forced_escalation_climbs_one_rung():
    model = EscalationModel(duel(), seed=5)
    world = model.simulation.world
    d = world.dyad[(world.index["BLU"], world.rus)]
    before = int(model.simulation.state.conduct.level[0, d])
    conduct, _ = model.simulation.preview()
    model.step(Overrides(conduct={d: ESCALATE}))
    assert model.simulation.state.conduct.level[0, d] == conduct.targets[0, d, ESCALATE]
    assert model.simulation.state.conduct.level[0, d] == before + 1
    release(model)


def test_a_closed_move_is_refused():
    scenario = duel(start="normal")
    sim = Simulation(scenario, [1])
    d = sim.world.dyad[(sim.world.rus, sim.world.index["BLU"])]
    with pytest.raises(ValueError, match="closed"):
        sim.step(Overrides(conduct={d: MOVES.index("de-escalate")}))
    with pytest.raises(ValueError, match="does not exist"):
        Simulation(scenario, [1]).step(Overrides(conduct={d: len(MOVES)}))


def low_aid(scenario: Scenario) -> Scenario:
    """Every supplier starting with no aid, so that the model has room to raise it."""
    data = scenario.model_dump()
    for actor in data["actors"]:
        actor["aid"] = "none"
    return Scenario.model_validate(data)


def test_an_aid_override_changes_the_kind_sent(baseline):
    """Forcing a cut cuts; forcing a hold on a supplier the model would have raised holds
    (found in the first weeks of a few seeds, from a start with room to raise)."""
    cut, hold = 0, 1
    checked = 0
    for seed in SEEDS:
        sim = Simulation(low_aid(baseline), [seed])
        for _ in range(8):
            _, aid = sim.preview()
            now = sim.state.support.aid[0].copy()
            suppliers = sim.world.supplier
            cutters = np.flatnonzero(suppliers & (now > 0) & (aid.chosen[0] != cut))
            raisers = np.flatnonzero(
                suppliers & (aid.targets[0, :, 2] > now) & (aid.chosen[0] == 2)
            )
            if raisers.size and np.setdiff1d(cutters, raisers[:1]).size:
                raiser = int(raisers[0])
                cutter = int(np.setdiff1d(cutters, [raiser])[0])
                sim.step(Overrides(aid={cutter: cut, raiser: hold}))
                assert sim.state.support.aid[0, cutter] == now[cutter] - 1
                assert sim.state.support.aid[0, raiser] == now[raiser]
                checked += 1
                break
            sim.step()
    assert checked, "no week in which a supplier would raise while another holds aid to cut"


def test_holding_every_dyad_leaves_no_deliberate_move(baseline):
    """Russia told to hold makes no deliberate move that week (the timeline and red-line
    responses still act), in weeks where the model itself would have moved it."""
    found = 0
    for scenario in (duel(), baseline):
        for seed in SEEDS:
            sim = Simulation(scenario, [seed])
            world = sim.world
            russia = [d for d in range(world.n_dyads) if world.src[d] == world.rus]
            while not sim.done:
                conduct, _ = sim.preview()
                moving = conduct.free[0, russia] & (conduct.chosen[0, russia] != HOLD)
                week = sim.t + 1
                sim.step(Overrides(conduct=dict.fromkeys(russia, HOLD)) if moving.any() else NONE)
                if not moving.any():
                    continue
                found += 1
                events = events_frame(sim)
                chosen = events[
                    (events.step == week)
                    & (events.kind == "action")
                    & (events.actor == "RUS")
                    & events.cause.isin(["deliberate", "inadvertent"])
                ]
                assert chosen.empty, chosen
                break
    assert found, "the model moves Russia in some week"


def test_the_timeline_preempts_a_decision_and_says_so(baseline):
    """Where the scenario's timeline fixes a dyad's conduct that week, the choice is marked
    as not counting and a forced move changes nothing."""
    plain = Simulation(baseline, [3]).run()
    world = plain.world
    events = events_frame(plain)
    scheduled = events[(events.kind == "action") & (events.cause == "scheduled")]
    week = int(scheduled.step.iloc[0])
    fixed = {
        world.dyad[(world.index[row.actor], world.index[row.target])]
        for row in scheduled[scheduled.step == week].itertuples()
    }
    sim = Simulation(baseline, [3])
    while sim.t < week - 1:
        sim.step()
    conduct, _ = sim.preview()
    assert set(np.flatnonzero(~conduct.free[0])) == fixed
    d = min(fixed)
    other = int(np.flatnonzero(np.isfinite(conduct.utility[0, d]) & (np.arange(5) != 1))[0])
    sim.step(Overrides(conduct={d: other}))
    rungs = ("directed", "level")
    assert sim.recorder.buffers[rungs][week, 0, d] == plain.recorder.buffers[rungs][week, 0, d]
