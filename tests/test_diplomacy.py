"""The diplomacy component on a real state (the baseline after a few weeks): the commitment
problem (an aid pipeline or a mobilisation under way narrows the bargaining range), the US
administration's stance (a supporter that turns away makes Ukraine concede more) and war
weariness, each with its knock-out."""

from __future__ import annotations

import numpy as np
import pytest

from sim.model import Simulation
from sim.model.diplomacy import reservations
from sim.scenario import Scenario, load_scenario
from tests.conftest import BASELINE

RUNS = 64


def baseline(**diplomacy) -> Scenario:
    data = load_scenario(BASELINE).model_dump()
    data["rules"]["diplomacy"].update(diplomacy)
    return Scenario.model_validate(data)


def at_week(scenario: Scenario, week: int = 10) -> Simulation:
    sim = Simulation(scenario, np.arange(RUNS), steps=week + 1, record="summary")
    for _ in range(week):
        sim.step()
    return sim


def answers(sim: Simulation, kind: str = "ceasefire") -> tuple[np.ndarray, np.ndarray]:
    nobody = np.zeros(sim.world.n, dtype=bool)
    return reservations(sim.ctx, kind, nobody, nobody)


def range_width(sim: Simulation) -> np.ndarray:
    floor, ceiling = answers(sim)
    return ceiling - floor


@pytest.mark.parametrize("shift_weight", [1.0, 0.0])
def test_a_full_aid_pipeline_narrows_the_bargaining_range(shift_weight):
    """Powell (2006): Ukraine counts on the aid under way, Russia fears the lull that lets it
    arrive; with shift_weight 0 (knock-out) the pipeline changes nothing."""
    sim = at_week(baseline(shift_weight=shift_weight))
    before = range_width(sim)
    sim.state.support.pipeline += 2.0 * sim.state.support.pipeline.max() + 1.0
    after = range_width(sim)
    if shift_weight:
        # narrower in most replicates and on average (where a side's projection crosses the
        # offence margin the range can widen: the line it projects jumps)
        assert np.mean(after < before) > 0.5 and np.mean(after - before) < 0
    else:
        assert np.allclose(after, before)


@pytest.mark.parametrize("shift_weight", [1.0, 0.0])
def test_a_russian_mobilisation_under_way_raises_russias_floor(shift_weight):
    """Russia expects its strength to grow while it mobilises, so it asks for more now (the
    range moves; whether it narrows depends on how far Ukraine foresees the same growth)."""
    # a narrow offence margin, so that a shift of strength moves the projected line
    data = baseline(shift_weight=shift_weight).model_dump()
    data["rules"]["war"]["offence_margin"] = 0.02
    sim = at_week(Scenario.model_validate(data))
    floor0, ceiling0 = answers(sim)
    sim.state.war.mobilising[:, 0] = 26
    floor1, ceiling1 = answers(sim)
    if shift_weight:
        # it asks for more wherever the shift moves its projected line (inside the offence
        # margin around an even balance, neither side gains ground, so nothing changes there)
        assert np.all(floor1 >= floor0 - 1e-12) and np.any(floor1 > floor0)
    else:
        assert np.allclose(floor1, floor0) and np.allclose(ceiling1, ceiling0)


@pytest.mark.parametrize(("support_cost", "shift_weight"), [(2.0, 1.0), (0.0, 0.0)])
def test_a_supporter_turning_away_makes_ukraine_concede_more(support_cost, shift_weight):
    """The US administration's stance enters Ukraine's acceptance through the support it
    expects; with both channels knocked out the stance changes nothing."""
    sim = at_week(baseline(support_cost=support_cost, shift_weight=shift_weight))
    _, before = answers(sim, "settlement")
    usa = sim.world.index["USA"]
    sim.state.politics.stance_u[:, usa] = 0.0
    _, after = answers(sim, "settlement")
    if support_cost:
        assert np.all(after > before)
    else:
        assert np.allclose(after, before)


@pytest.mark.parametrize("weariness_weight", [0.05, 0.0])
def test_losses_since_the_war_began_make_both_sides_concede_more(weariness_weight):
    sim = at_week(baseline(weariness_weight=weariness_weight))
    floor0, ceiling0 = answers(sim)
    sim.state.war.casualties *= 3.0
    floor1, ceiling1 = answers(sim)
    if weariness_weight:
        assert np.all(floor1 < floor0) and np.all(ceiling1 > ceiling0)
    else:
        assert np.allclose(floor1, floor0) and np.allclose(ceiling1, ceiling0)


def test_a_ceasefire_asks_less_of_war_aims_than_a_settlement():
    sim = at_week(baseline())
    floor_c, ceiling_c = answers(sim, "ceasefire")
    floor_s, ceiling_s = answers(sim, "settlement")
    assert np.all(ceiling_c - floor_c > ceiling_s - floor_s)
