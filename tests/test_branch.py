"""escsim branch: a run continued from week t under changes and under no change on the same
random streams, with paired statistics; and the run of a sweep it can start from."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from sim import load_scenario
from sim.analysis.branching import report
from sim.batch import run_sweep
from sim.batch.branching import NO_CHANGE, branch, parse_change, run_of
from sim.batch.design import apply_point
from sim.batch.seeds import continuation_seeds
from sim.errors import EscsimError
from sim.model import Simulation
from tests.conftest import BASELINE, SCENARIOS, run_cli

SURGE = SCENARIOS / "aid_surge_redline.yaml"
NO_SURGE = "events.aid_surge.probability=0"


@pytest.fixture(scope="module")
def surge_branch():
    # the default aid risk, below the calibrated one, so that the surge is kept in every run
    scenario = apply_point(load_scenario(SURGE).model_dump(), {"rules.support.risk_weight": 0.25})
    return branch(scenario, 3, 9, [NO_SURGE], runs=40)


def test_continuation_seeds_depend_on_the_run_the_week_and_k():
    seeds = continuation_seeds(3, 9, 5)
    assert np.array_equal(seeds, continuation_seeds(3, 9, 8)[:5])
    assert len(set(seeds.tolist())) == 5
    assert not set(seeds.tolist()) & set(continuation_seeds(3, 10, 5).tolist())
    assert not set(seeds.tolist()) & set(continuation_seeds(4, 9, 5).tolist())


def test_every_arm_shares_the_run_to_the_branch_week(surge_branch):
    arms = list(surge_branch.paths)
    assert arms == [NO_CHANGE, NO_SURGE]
    for name, series in surge_branch.paths[NO_CHANGE].items():
        other = surge_branch.paths[NO_SURGE][name]
        assert np.array_equal(series[: surge_branch.at + 1], other[: surge_branch.at + 1]), name
        past = series[: surge_branch.at + 1]
        assert (past == past[:, :1]).all(), name  # every continuation has the same past
    runs = surge_branch.runs
    assert runs.groupby("arm")["seed"].apply(tuple).nunique() == 1  # the same seeds


def test_without_the_surge_the_red_line_is_never_crossed_and_never_enforced(surge_branch):
    """The mechanism in the example: the surge crosses Russia's declared red line (week 10);
    without it no run crosses it, and Russia never has to enforce it or back down."""
    runs = surge_branch.runs.set_index("arm")
    assert runs.loc[NO_CHANGE, "first:red_line_crossed"].notna().all()
    assert runs.loc[NO_SURGE, "first:red_line_crossed"].isna().all()
    assert (runs.loc[NO_SURGE, ["red_lines_enforced", "bluffs_called"]] == 0).all().all()
    tables = report(surge_branch, "red_lines_enforced", NO_CHANGE)
    crossed = tables["differences"].query("name == 'red_line_crossed'").iloc[0]
    assert crossed["difference"] == -1.0 and crossed["p_value"] < 1e-6
    measure = tables["measure"].iloc[0]
    assert measure["difference"] < 0 and measure["high"] < 0


def test_a_path_measure_is_read_at_the_last_week(surge_branch):
    tables = report(surge_branch, "reputation:USA>RUS", NO_CHANGE)
    row = tables["measure"].iloc[0]
    expected = (
        surge_branch.paths[NO_SURGE]["reputation:USA>RUS"][-1]
        - surge_branch.paths[NO_CHANGE]["reputation:USA>RUS"][-1]
    )
    assert row["difference"] == pytest.approx(float(np.mean(expected.astype(float))))


def test_changes_are_parsed_as_yaml_values():
    arm = parse_change("events.aid_surge.actors=[GBR, FRA]; rules.accidents.slip_rate=0.1")
    assert arm.changes == {
        "events.aid_surge.actors": ["GBR", "FRA"],
        "rules.accidents.slip_rate": 0.1,
    }
    for bad in ("no equals sign", "a=1;a=2", "=3"):
        with pytest.raises(EscsimError):
            parse_change(bad)


@pytest.fixture(scope="module")
def small_sweep(tmp_path_factory):
    """Four runs: two replicates at each of two slip rates."""
    folder = tmp_path_factory.mktemp("branch") / "sweep"
    run_sweep(
        [BASELINE],
        replicates=2,
        params=["rules.accidents.slip_rate=0.0,0.2"],
        workers=1,
        record="summary",
        out=folder,
    )
    return folder


def test_the_run_of_a_sweep_is_its_scenario_point_and_seed(small_sweep):
    scenario, seed = run_of(small_sweep, 3)
    assert scenario.rules.accidents.slip_rate == 0.2
    row = pd.read_parquet(small_sweep / "runs.parquet").set_index("run_id").loc[3]
    assert seed == row["seed"]
    again = Simulation(scenario, [seed], record="summary").run().recorder.summaries()[0]
    assert again["outcome"] == row["outcome"] and again["incidents"] == row["incidents"]
    with pytest.raises(EscsimError, match="no run 9"):
        run_of(small_sweep, 9)


def test_an_unknown_run_id_is_one_clear_message(small_sweep):
    result = run_cli("branch", str(small_sweep), "9", "--at", "5", "--change", NO_SURGE)
    assert result.returncode == 2
    assert "no run 9; allowed: a run id of the sweep (0 to 3" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_the_command_reports_and_writes_tables_and_figure(tmp_path):
    out = tmp_path / "branch"
    result = run_cli(
        "branch", str(SURGE), "3", "--at", "9", "--change", NO_SURGE, "--runs", "12",
        "--measure", "reputation:USA>RUS", "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Paired differences against no change" in result.stdout
    assert "crossed: red line" in result.stdout
    written = json.loads((out / "branch.json").read_text())
    assert written["at"] == 9 and written["runs_per_arm"] == 12
    assert [a["label"] for a in written["arms"]] == [NO_CHANGE, NO_SURGE]
    assert {"outcomes", "differences", "measure", "passages"} <= set(written)
    assert (out / "branch.png").stat().st_size > 10_000 and (out / "branch.svg").exists()
    assert len((out / "runs.csv").read_text().splitlines()) == 1 + 2 * 12


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--change", "rules.nothing.here=1"], "--change: rules.nothing.here: unknown path"),
        (["--change", "rules.accidents.slip_rate=7"], "--change: rules.accidents.slip_rate=7"),
        (["--change", "rules.support.lag=[0, 2, 4, 30, 8]"], "shape of the state"),
        (["--change", NO_SURGE, "--at", "60"], "--at: week 60; allowed: 0 to 51"),
        (["--change", NO_SURGE, "--measure", "nonsense"], "--measure: found 'nonsense'"),
    ],
)
def test_bad_input_is_one_clear_message(args, message):
    base = ["branch", str(SURGE), "3", "--runs", "2"]
    if "--at" not in args:
        base += ["--at", "9"]
    result = run_cli(*base, *args)
    assert result.returncode == 2
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
