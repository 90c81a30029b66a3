"""escsim calibrate and escsim hindcast: spec checks, clear errors, a small-budget ABC-SMC run
that resumes, the predictive report written between its markers, posterior draws and the split
of outcome spread into chance and parameter uncertainty."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import yaml

from sim.calibration.forecast import _happened, forecast_table, load_forecasts
from sim.calibration.posterior import MANIFEST, POSTERIOR, Posterior, read_posterior
from sim.calibration.report import BEGIN, END, forecasts_table, replace_section
from sim.calibration.spec import load_calibration
from sim.calibration.uncertainty import sources
from sim.errors import EscsimError, ScenarioError
from sim.outcomes import PASSAGE_INDEX
from sim.scenario import load_scenario
from tests.conftest import ROOT, run_cli

SPEC = ROOT / "validation" / "calibration.yaml"
#: Wall-clock limit of a CLI call in the slow test (it needs about a minute of CPU).
SLOW = 1800


def small_spec(tmp_path, **changes) -> str:
    spec = {
        "scenario": str(ROOT / "scenarios" / "hindcast_2022.yaml"),
        "facts": str(ROOT / "validation" / "facts_2022_2024.yaml"),
        "replicates": 1,
        "population": 5,
        "generations": 2,
        "seed": 7,
        "parameters": {
            "rules.alliances.outrage_rate": {"low": 0.02, "high": 0.5},
            "rules.attribution.grey_zone_rate": {"low": 0.01, "high": 0.15},
        },
    }
    spec.update(changes)
    path = tmp_path / "calibration.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    return str(path)


def test_the_shipped_spec_names_fields_that_exist_within_their_bounds():
    calibration = load_calibration(SPEC)
    assert len(calibration.paths) >= 10
    assert all(p.startswith(("rules.", "events.", "war.")) for p in calibration.paths)


@pytest.mark.parametrize(
    ("parameters", "problem"),
    [
        ({"rules.war.no_such_rule": {"low": 0, "high": 1}}, "unknown parameter path"),
        ({"rules.war.front_speed": {"low": -0.5, "high": 0.1}}, "outside the field's bounds"),
        ({"rules.war.front_speed": {"low": 0.2, "high": 0.1}}, "low must be below high"),
        ({"rules.alliances.nato.rule": {"low": 0, "high": 1}}, "numeric field"),
    ],
)
def test_a_bad_spec_is_one_clear_error(tmp_path, parameters, problem):
    with pytest.raises(ScenarioError) as error:
        load_calibration(small_spec(tmp_path, parameters=parameters))
    assert problem in str(error.value) and "calibration.yaml" in str(error.value)


def test_cli_refuses_a_used_folder_and_a_resume_without_history(tmp_path):
    spec = small_spec(tmp_path)
    used = tmp_path / "used"
    used.mkdir()
    (used / "something").write_text("x")
    result = run_cli("calibrate", spec, "--out", str(used))
    assert result.returncode == 2 and "exists and is not empty" in result.stderr
    assert "Traceback" not in result.stderr
    result = run_cli("calibrate", spec, "--out", str(tmp_path / "new"), "--resume")
    assert result.returncode == 2 and "no history.db" in result.stderr
    result = run_cli("calibrate", spec, "--out", str(tmp_path / "x"), "--backend", "slurm")
    assert result.returncode == 2 and "allowed: local, dask" in result.stderr


@pytest.mark.slow
def test_small_budget_calibration_resumes_and_reports(tmp_path):
    """ABC-SMC on a tiny budget: a posterior with weights and its cost, a resume that adds a
    generation, and the hindcast report between its markers in a docs file."""
    spec = small_spec(tmp_path, population=4, generations=1)
    out = tmp_path / "posterior"
    result = run_cli("calibrate", spec, "--out", str(out), "--quiet", timeout=SLOW)
    assert result.returncode == 0, result.stderr
    posterior = read_posterior(out)
    assert len(posterior.frame) == 4 and posterior.weights.sum() == pytest.approx(1.0)
    assert set(posterior.paths) == {
        "rules.alliances.outrage_rate",
        "rules.attribution.grey_zone_rate",
    }
    cost = posterior.manifest["cost"]
    assert cost["simulations"] >= cost["accepted"] == 4 and cost["seconds"] > 0
    assert posterior.manifest["generations"][0]["ess"] == pytest.approx(4.0)  # equal weights
    other = small_spec(tmp_path, population=4, seed=8)
    result = run_cli("calibrate", other, "--out", str(out), "--resume", timeout=SLOW)
    assert result.returncode == 2 and "another spec" in result.stderr
    spec = small_spec(tmp_path, population=4, generations=1)  # the same file again
    result = run_cli(
        "calibrate",
        spec,
        "--out",
        str(out),
        "--resume",
        "--generations",
        "2",
        "--quiet",
        timeout=SLOW,
    )
    assert result.returncode == 0, result.stderr
    resumed = read_posterior(out)
    epsilons = [g["epsilon"] for g in resumed.manifest["generations"]]
    assert len(epsilons) == 2 and epsilons[1] <= epsilons[0]
    assert len(resumed.manifest["sessions"]) == 2 and resumed.manifest["cost"]["accepted"] == 8
    docs = tmp_path / "validation.md"
    docs.write_text(f"# Validation\n\nplausibility\n\n{BEGIN}\nOLD SECTION\n{END}\n\ntail\n")
    result = run_cli(
        "hindcast",
        str(out),
        "--draws",
        "3",
        "--replicates",
        "1",
        "--docs",
        str(docs),
        "--img",
        str(tmp_path / "img"),
        "--calibrated",
        str(tmp_path / "calibrated.yaml"),
        timeout=SLOW,
    )
    assert result.returncode == 0, result.stderr
    text = docs.read_text()
    assert "plausibility" in text and "tail" in text and "OLD SECTION" not in text
    assert "| fact |" in text and (tmp_path / "img" / "validation_facts.png").exists()
    calibrated = yaml.safe_load((tmp_path / "calibrated.yaml").read_text())
    assert set(calibrated) == {"rules", "war"} and 0 < calibrated["war"]["front"] < 1


def test_section_markers_replace_only_the_hindcast_section():
    doc = f"head\n{BEGIN}\nold\n{END}\ntail\n"
    assert replace_section(doc, "new") == f"head\n{BEGIN}\nnew\n{END}\ntail\n"
    assert replace_section("head\n", "new").endswith(f"{BEGIN}\nnew\n{END}\n")


def _posterior(tmp_path) -> Posterior:
    frame = pd.DataFrame({"rules.war.front_speed": [0.01, 0.02, 0.03], "weight": [0.0, 0.25, 0.75]})
    frame.to_parquet(tmp_path / POSTERIOR)
    (tmp_path / MANIFEST).write_text(json.dumps({"status": "done"}))
    return read_posterior(tmp_path)


def test_draws_follow_the_weights_and_the_seed(tmp_path):
    posterior = _posterior(tmp_path)
    draws = posterior.draws(2000, seed=3)
    values = np.array([d["rules.war.front_speed"] for d in draws])
    assert 0.01 not in values  # weight 0
    assert np.mean(values == 0.03) == pytest.approx(0.75, abs=0.04)
    assert draws == posterior.draws(2000, seed=3)
    assert draws != posterior.draws(2000, seed=4)
    assert posterior.median()["rules.war.front_speed"] == 0.03


def test_spread_splits_into_chance_and_parameters():
    rng = np.random.default_rng(1)
    same = pd.DataFrame(
        {"point": np.repeat(np.arange(20), 50), "outcome": rng.choice(["a", "b"], 1000)}
    )
    assert sources(same).set_index("outcome").loc["a", "parameter_part"] < 0.1
    share = np.repeat(np.tile([0.02, 0.98], 10), 50)  # draws that decide the outcome
    split = pd.DataFrame(
        {
            "point": np.repeat(np.arange(20), 50),
            "outcome": np.where(rng.random(1000) < share, "a", "b"),
        }
    )
    row = sources(split).set_index("outcome").loc["a"]
    assert row["parameter_part"] > 0.8 and row["draw_high"] - row["draw_low"] > 0.8


def _one_line_error(result, *needles: str) -> None:
    assert result.returncode == 2, result.stderr
    message = result.stderr.strip()
    assert message.startswith("error: ") and "\n" not in message and "Traceback" not in message
    for needle in needles:
        assert needle in message, message


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["calibrate", "missing.yaml", "--out", "{tmp}/a"], "calibration spec not found"),
        (["calibrate", "{spec}", "--out", "{tmp}/b", "--population", "1"], "--population"),
        (["calibrate", "{spec}", "--out", "{tmp}/c", "--workers", "0"], "--workers"),
        (["calibrate", "{spec}", "--out", "{tmp}/d", "--generations", "0"], "--generations"),
        (["hindcast", "{tmp}/none"], "no manifest.json"),
        (["hindcast", "{posterior}", "--draws", "0"], "--draws"),
        (["hindcast", "{posterior}", "--forecasts", "{forecasts}"], "needs --baseline"),
        (["hindcast", "{posterior}", "--baseline", "missing.yaml"], "missing.yaml"),
    ],
)
def test_bad_calibrate_and_hindcast_input_is_one_line_and_status_2(tmp_path, args, needle):
    _posterior(tmp_path)
    names = {
        "tmp": str(tmp_path),
        "spec": small_spec(tmp_path),
        "posterior": str(tmp_path),
        "forecasts": str(ROOT / "validation" / "forecasts.yaml"),
    }
    _one_line_error(run_cli(*[a.format(**names) for a in args]), needle)


def test_forecast_events_are_first_passages_by_the_horizon():
    passage = np.full((3, len(PASSAGE_INDEX)), -1)
    passage[0, PASSAGE_INDEX["direct_clash"]] = 60
    passage[1, PASSAGE_INDEX["armistice"]] = 30
    passage[2, PASSAGE_INDEX["settlement"]] = 53
    at_52 = _happened(passage, 52)
    assert at_52["clash"].tolist() == [False, False, False]
    assert at_52["agreement"].tolist() == [False, True, False]
    at_104 = _happened(passage, 104)
    assert at_104["clash"].tolist() == [True, False, False]
    assert at_104["agreement"].tolist() == [False, True, True]


def test_forecasts_are_set_against_the_share_of_runs_and_its_spread_over_draws():
    forecasts = load_forecasts(ROOT / "validation" / "forecasts.yaml")
    runs = pd.DataFrame(
        {
            "point": np.repeat([0, 1], 4).tolist() * 2,
            "replicate": list(range(4)) * 4,
            "horizon": [52] * 8 + [104] * 8,
            "outcome": ["war_continues"] * 16,
            "clash": [False] * 8 + [True, False, False, False, False, False, False, False],
            "agreement": [True, True, False, False, False, False, False, True] + [False] * 8,
        }
    )
    table = forecast_table(runs, forecasts).set_index("forecast")
    clash = table.loc["nato_russia_conflict_before_2027"]
    assert clash["probability"] == 0.14 and clash["model"] == pytest.approx(1 / 8)
    assert clash["draw_low"] < clash["draw_high"]  # draw 0: 1/4, draw 1: 0
    assert table.loc["ceasefire_2025_rfi", "model"] == pytest.approx(3 / 8)
    assert "manifold.markets" in forecasts_table(table.reset_index())
    with pytest.raises(EscsimError, match="allowed: a horizon of the runs"):
        forecast_table(runs[runs["horizon"] == 52], forecasts)


def test_a_bad_forecast_is_one_clear_error_naming_the_file(tmp_path):
    path = tmp_path / "forecasts.yaml"
    data = yaml.safe_load((ROOT / "validation" / "forecasts.yaml").read_text())
    data["forecasts"][0]["probability"] = 1.4
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(ScenarioError) as error:
        load_forecasts(path)
    assert "forecasts.yaml" in str(error.value) and "probability" in str(error.value)


def test_a_copy_of_the_baseline_elsewhere_keeps_its_calibrated_parent(tmp_path):
    copy = tmp_path / "mine.yaml"
    copy.write_text((ROOT / "scenarios" / "baseline.yaml").read_text())
    calibrated = yaml.safe_load((ROOT / "scenarios" / "calibrated" / "_end_2024.yaml").read_text())
    # the unobserved state of the war comes from the calibrated parent
    forces = load_scenario(copy).war.forces
    assert forces.russia == pytest.approx(calibrated["war"]["forces"]["russia"])
