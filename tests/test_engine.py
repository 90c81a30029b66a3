"""The batched kernel: run k of a batch equals the same run made alone, table for table;
draws are keyed, so a change to one mechanism leaves the others' draws alone; a saved state
restores exactly."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sim import EscalationModel, load_scenario
from sim.model import Simulation
from sim.model.streams import Streams, key_of
from sim.model.tables import events_frame, paths_frame, summary_frame
from tests.conftest import BASELINE, variant

SEEDS = [11, 3, 2024, 7, 99]


@pytest.fixture(scope="module")
def baseline():
    return load_scenario(BASELINE)


@pytest.fixture(scope="module")
def batch(baseline):
    return Simulation(baseline, SEEDS).run()


@pytest.mark.parametrize("k", range(len(SEEDS)))
def test_run_k_of_a_batch_equals_the_run_alone(baseline, batch, k):
    alone = Simulation(baseline, [SEEDS[k]]).run()
    pd.testing.assert_frame_equal(events_frame(batch, k), events_frame(alone, 0))
    pd.testing.assert_frame_equal(paths_frame(batch, k), paths_frame(alone, 0))
    together = summary_frame(batch).iloc[[k]].reset_index(drop=True)

    # A batch in which some run has no outcome step (or passage) holds that column as float
    # with NaN for none, a run alone as None: the same values, other types.
    def plain(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.astype(object).where(frame.notna(), None)

    pd.testing.assert_frame_equal(plain(together), plain(summary_frame(alone)), check_dtype=False)


def test_the_mesa_face_is_the_batch_of_one(baseline, batch):
    model = EscalationModel(baseline, seed=SEEDS[2]).run()
    pd.testing.assert_frame_equal(model.tables()["events"], events_frame(batch, 2))
    assert model.summary()["outcome"] == summary_frame(batch).loc[2, "outcome"]


def test_same_seed_same_run_and_other_seeds_differ(baseline):
    first = Simulation(baseline, [5, 6]).run()
    again = Simulation(baseline, [5]).run()
    pd.testing.assert_frame_equal(events_frame(first, 0), events_frame(again, 0))
    assert not events_frame(first, 0).equals(events_frame(first, 1))


def test_streams_are_keyed_not_sequential():
    keys = np.array([key_of("a"), key_of("b")], dtype=np.uint64)
    streams = Streams([1, 2])
    first = streams.uniform(4, "war.luck", keys)
    streams.uniform(4, "something.else", keys)  # drawing elsewhere changes nothing
    assert np.array_equal(first, streams.uniform(4, "war.luck", keys))
    assert np.array_equal(first[:, 1:], streams.uniform(4, "war.luck", keys[1:]))
    assert not np.array_equal(first, streams.uniform(5, "war.luck", keys))
    assert not np.array_equal(first, streams.uniform(4, "war.news", keys))


def test_streams_are_uniform_and_independent():
    draws = Streams(np.arange(20_000)).uniform(1, "test", np.array([key_of("x"), key_of("y")]))
    assert abs(draws.mean() - 0.5) < 0.01
    assert abs(np.corrcoef(draws[:, 0], draws[:, 1])[0, 1]) < 0.03
    counts, _ = np.histogram(draws[:, 0], bins=10, range=(0, 1))
    assert counts.min() > 1800 and counts.max() < 2200


def test_a_change_to_one_mechanism_keeps_the_others_draws(baseline):
    """Common random numbers: with slips switched off, the battlefield luck of every week is
    the same as with slips on, so the war path changes only through what slips cause."""
    quiet = variant(BASELINE, rules__accidents__slip_rate=0.0)
    on = Simulation(baseline, [3], steps=1).run()
    off = Simulation(quiet, [3], steps=1).run()
    assert np.array_equal(on.state.war.lost, off.state.war.lost)
    assert np.array_equal(on.state.war.front, off.state.war.front)


def test_restore_then_continue_equals_a_straight_run(baseline):
    straight = Simulation(baseline, [8, 9]).run()
    branched = Simulation(baseline, [8, 9])
    for _ in range(20):
        branched.step()
    snapshot = branched.save()
    for _ in range(10):
        branched.step()
    branched.restore(snapshot)
    branched.run()
    for k in range(2):
        pd.testing.assert_frame_equal(events_frame(straight, k), events_frame(branched, k))
        pd.testing.assert_frame_equal(paths_frame(straight, k), paths_frame(branched, k))


def test_stepping_past_the_end_is_refused(baseline):
    sim = Simulation(baseline, [1], steps=2).run()
    with pytest.raises(RuntimeError, match="over"):
        sim.step()
