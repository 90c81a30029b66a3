"""Simulation.continue_from: a run saved at week t goes on under another scenario and other
seeds. With its own scenario and seed it is the straight run; under a change, the draws after
week t are the same as without it (common random numbers from the branch point)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sim import load_scenario
from sim.model import Simulation
from sim.model.tables import events_frame, paths_frame, summary_frame
from sim.model.world import World
from tests.conftest import BASELINE, SCENARIOS, variant

AT = 12


@pytest.fixture(scope="module")
def baseline():
    return load_scenario(BASELINE)


def to_week(scenario, seeds, week, record="full"):
    sim = Simulation(scenario, seeds, record=record)
    while sim.t < week:
        sim.step()
    return sim


def assert_same_run(left, k, right, j):
    pd.testing.assert_frame_equal(events_frame(left, k), events_frame(right, j))
    pd.testing.assert_frame_equal(paths_frame(left, k), paths_frame(right, j))
    assert left.recorder.summaries()[k] == right.recorder.summaries()[j]


def test_no_change_with_the_original_seed_is_the_straight_run(baseline):
    straight = Simulation(baseline, [8]).run()
    snapshot = to_week(baseline, [8], AT).save()
    continued = Simulation.continue_from(snapshot, baseline, [8]).run()
    assert_same_run(straight, 0, continued, 0)
    pd.testing.assert_frame_equal(summary_frame(straight), summary_frame(continued))


def test_a_saved_batch_continues_replicate_by_replicate(baseline):
    straight = Simulation(baseline, [4, 5, 6]).run()
    snapshot = to_week(baseline, [4, 5, 6], AT).save()
    continued = Simulation.continue_from(snapshot, baseline, [4, 5, 6]).run()
    for k in range(3):
        assert_same_run(straight, k, continued, k)


def test_one_saved_run_starts_every_continuation_and_keeps_its_past(baseline):
    straight = Simulation(baseline, [8]).run()
    snapshot = to_week(baseline, [8], AT).save()
    continued = Simulation.continue_from(snapshot, baseline, [8, 100, 200]).run()
    assert_same_run(straight, 0, continued, 0)
    for k in (1, 2):
        past = paths_frame(continued, k)
        early = paths_frame(straight, 0)
        pd.testing.assert_frame_equal(
            past[past["step"] <= AT].reset_index(drop=True),
            early[early["step"] <= AT].reset_index(drop=True),
        )
        events = events_frame(continued, k)
        pd.testing.assert_frame_equal(
            events[events["step"] <= AT].reset_index(drop=True),
            events_frame(straight, 0).query(f"step <= {AT}").reset_index(drop=True),
        )
    assert not events_frame(continued, 1).equals(events_frame(continued, 2))


def test_a_change_keeps_the_draws_of_every_other_mechanism(baseline):
    """Common random numbers from the branch point: with slips switched off, the week's
    battlefield luck and the news read from it are those of the unchanged continuation."""
    quiet = variant(BASELINE, rules__accidents__slip_rate=0.0)
    snapshot = to_week(baseline, [3], AT).save()
    seeds = [11, 12, 13]
    on = Simulation.continue_from(snapshot, baseline, seeds)
    off = Simulation.continue_from(snapshot, quiet, seeds)
    on.step()
    off.step()
    assert np.array_equal(on.state.war.lost, off.state.war.lost)
    assert np.array_equal(on.state.war.belief, off.state.war.belief)


def test_the_change_applies_from_the_branch_week_only(baseline):
    """An event moved into the future fires in the changed arm only, and nothing before the
    branch week differs."""
    changed = variant(BASELINE, changes={"events.kyiv_strikes.step": AT + 2})
    snapshot = to_week(baseline, [5], AT).save()
    same = Simulation.continue_from(snapshot, baseline, [5]).run()
    moved = Simulation.continue_from(snapshot, changed, [5]).run()
    strikes = [
        events_frame(sim, 0).query("kind == 'strikes'")["step"].tolist() for sim in (same, moved)
    ]
    assert strikes == [[1], [1, AT + 2]]


def test_a_changed_policy_takes_effect_at_the_branch_point(baseline):
    capped = variant(BASELINE, changes={"actors.USA.policy.max_aid": "non_lethal"})
    sim = to_week(baseline, [2], AT)
    before = sim.state.copy()
    continued = Simulation.continue_from(sim.save(), capped, [2, 3])
    usa = sim.world.index["USA"]
    assert (continued.state.politics.max_aid[:, usa] == 1).all()
    others = np.arange(sim.world.n) != usa
    assert (continued.state.politics.max_aid[:, others] == before.politics.max_aid[0, others]).all()
    assert np.array_equal(continued.state.beliefs.hostility[0], before.beliefs.hostility[0])
    assert np.array_equal(continued.state.war.front, np.repeat(before.war.front, 2))


def test_a_change_of_shape_is_refused_with_the_field_named(baseline):
    longer = variant(BASELINE, changes={"rules.support.lag": [0, 2, 4, 20, 8]})
    assert World(longer).rules.support.lag[3] == 20
    snapshot = to_week(baseline, [2], AT).save()
    with pytest.raises(ValueError, match=r"support\.pipeline.*longest aid lag"):
        Simulation.continue_from(snapshot, longer, [2])


def test_continuations_must_fit_the_snapshot(baseline):
    snapshot = to_week(baseline, [2, 3], AT).save()
    with pytest.raises(ValueError, match="continues as 1 or 2 runs, not 3"):
        Simulation.continue_from(snapshot, baseline, [1, 2, 3])
    with pytest.raises(ValueError, match="before week"):
        Simulation.continue_from(snapshot, baseline, [1, 2], steps=AT - 1)


def test_a_variant_scenario_continues_too():
    surge = load_scenario(SCENARIOS / "aid_surge_redline.yaml")
    straight = Simulation(surge, [9], record="paths").run()
    snapshot = to_week(surge, [9], 9, record="paths").save()
    assert_same_run(straight, 0, Simulation.continue_from(snapshot, surge, [9]).run(), 0)
