"""Sweep designs: reproducible points for every design type, seeds, dotted paths."""

from __future__ import annotations

import numpy as np
import pytest

from sim.batch import plan_sweep
from sim.batch.design import apply_point, get_path
from sim.batch.seeds import run_seed, run_seeds
from sim.errors import EscsimError
from tests.conftest import BASELINE

RANGES = [
    "rules.signalling.misperception=0.0:0.3",
    "actors.RUS.attributes.risk_tolerance=0.2:0.8",
    "events.us_peace_plan.step=10:40",
]


@pytest.mark.parametrize("design", ["lhs", "sobol", "random"])
def test_seeded_designs_are_identical_across_calls(design):
    first = plan_sweep([BASELINE], design=design, samples=8, params=RANGES, seed=11)
    again = plan_sweep([BASELINE], design=design, samples=8, params=RANGES, seed=11)
    other = plan_sweep([BASELINE], design=design, samples=8, params=RANGES, seed=12)
    points = first.scenarios[0].points
    assert points == again.scenarios[0].points
    assert points != other.scenarios[0].points
    expected = 8 * (2 * 3 + 2) if design == "sobol" else 8
    assert len(points) == expected
    for point in points:
        assert 0.0 <= point["rules.signalling.misperception"] <= 0.3
        assert 0.2 <= point["actors.RUS.attributes.risk_tolerance"] <= 0.8
        step = point["events.us_peace_plan.step"]
        assert isinstance(step, int) and 10 <= step <= 40  # integer field: rounded


def test_lhs_stratifies_each_parameter():
    plan = plan_sweep([BASELINE], design="lhs", samples=10, params=RANGES[:1], seed=3)
    values = np.array([p["rules.signalling.misperception"] for p in plan.scenarios[0].points])
    bins = np.floor(values / 0.03).astype(int)  # 10 equal strata of [0, 0.3]
    assert sorted(bins) == list(range(10))


def test_grid_is_the_cartesian_product_in_order():
    plan = plan_sweep(
        [BASELINE],
        params=[
            "rules.signalling.misperception=0,0.1",
            "actors.RUS.doctrine.strategy=grit,tit_for_tat",
        ],
        replicates=2,
    )
    scenario_plan = plan.scenarios[0]
    assert scenario_plan.design == "grid"
    assert [tuple(p.values()) for p in scenario_plan.points] == [
        (0, "grit"),
        (0, "tit_for_tat"),
        (0.1, "grit"),
        (0.1, "tit_for_tat"),
    ]
    assert plan.n_runs == 8
    applied = scenario_plan.scenario(3)
    assert applied.rules.signalling.misperception == 0.1
    assert applied.actors[0].doctrine.strategy == "tit_for_tat"


def test_run_ids_seeds_and_parameters_are_stable():
    plan = plan_sweep([BASELINE], design="lhs", samples=4, params=RANGES, replicates=3, seed=5)
    runs = list(plan.runs())
    assert [r.run_id for r in runs] == list(range(12))
    assert [r.seed for r in runs] == run_seeds(5, 12)  # SeedSequence(5).spawn(12)
    assert [(r.point, r.replicate) for r in runs[:4]] == [(0, 0), (0, 1), (0, 2), (1, 0)]
    skipped = list(plan.runs(skip={0, 5, 7}))
    assert {r.run_id: r.seed for r in skipped} == {
        r.run_id: r.seed for r in runs if r.run_id not in {0, 5, 7}
    }
    assert run_seed(5, 7) == runs[7].seed
    assert len(set(r.seed for r in runs)) == 12


def test_actor_attribute_shortcut_and_event_by_id():
    plan = plan_sweep(
        [BASELINE], params=["actors.RUS.risk_tolerance=0.9", "events.us_peace_plan.step=30"]
    )
    scenario_plan = plan.scenarios[0]
    assert get_path(scenario_plan.base, "actors.RUS.risk_tolerance") == 0.5
    swept = apply_point(scenario_plan.base, scenario_plan.points[0])
    assert swept.actors[0].attributes.risk_tolerance == 0.9
    assert next(e for e in swept.events if e.id == "us_peace_plan").step == 30


def test_several_scenarios_share_the_design_and_get_distinct_run_ids(tmp_path):
    from tests.sweep_helpers import short_scenario

    variant = short_scenario(tmp_path, name="variant")
    plan = plan_sweep([short_scenario(tmp_path), variant], seed=1)
    assert [s.name for s in plan.scenarios] == ["short", "variant"]
    assert plan.scenarios[0].points == plan.scenarios[1].points
    assert plan.n_runs == 2 * 4 * 3
    with pytest.raises(EscsimError, match="appears twice"):
        plan_sweep([variant, variant])


def test_bad_specs_raise_clear_errors():
    with pytest.raises(EscsimError) as info:
        plan_sweep([BASELINE], params=["rules.signalling.nope=0:1"])
    assert info.value.parameter == "params"  # the argument at fault; the CLI names its flag
    message = str(info.value)
    assert message.startswith("params: rules.signalling.nope: unknown parameter path")
    assert "found 'nope'" in message and "misperception" in message
    assert "--" not in message  # no command-line words in a library error
    with pytest.raises(EscsimError, match="power of two"):
        plan_sweep([BASELINE], design="sobol", samples=6, params=RANGES)
