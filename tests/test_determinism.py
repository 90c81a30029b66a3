"""Same scenario and seed give identical runs; different seeds give different runs."""

from __future__ import annotations

import json

import pandas as pd

from sim import EscalationModel, load_scenario
from tests.conftest import BASELINE, run_cli


def tables(seed: int) -> dict[str, pd.DataFrame]:
    return EscalationModel(load_scenario(BASELINE), seed=seed).run().tables()


def test_same_seed_identical_tables():
    first, second = tables(5), tables(5)
    for name in ("paths", "events", "summary"):
        pd.testing.assert_frame_equal(first[name], second[name])


def test_different_seeds_differ():
    first, second = tables(5), tables(6)
    assert not first["events"].equals(second["events"])
    assert not first["paths"].equals(second["paths"])


def test_scenario_seed_is_the_default(tmp_path):
    scenario = load_scenario(BASELINE)
    default = EscalationModel(scenario).run().summary()
    explicit = EscalationModel(scenario, seed=scenario.run.seed).run().summary()
    assert default == explicit


def test_cli_run_replays_exactly(tmp_path):
    first = run_cli("run", str(BASELINE), "--seed", "9", "--json")
    second = run_cli("run", str(BASELINE), "--seed", "9", "--json")
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout) == json.loads(second.stdout)
    assert (
        json.loads(first.stdout) == EscalationModel(load_scenario(BASELINE), seed=9).run().summary()
    )
