"""escsim sweep --posterior: each design point is a draw of the scenario's rules from a
calibration posterior, the same draws and results on the local pool and on Dask for the same
root seed, and the spread of each outcome split into chance and parameter uncertainty."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from sim.calibration.posterior import MANIFEST, POSTERIOR
from sim.calibration.uncertainty import posterior_sweep, sweep_sources
from tests.conftest import BASELINE, run_cli


@pytest.fixture
def posterior(tmp_path):
    """A hand-made posterior: two rules and a hindcast-only event parameter."""
    folder = tmp_path / "posterior"
    folder.mkdir()
    pd.DataFrame(
        {
            "rules.diplomacy.offer_rate": [0.0, 0.05, 0.3],
            "rules.alliances.sanctions_rate": [0.01, 0.05, 0.08],
            "events.russian_mobilisation.size": [0.3, 0.5, 0.9],
            "weight": [0.2, 0.3, 0.5],
        }
    ).to_parquet(folder / POSTERIOR)
    (folder / MANIFEST).write_text(json.dumps({"status": "done"}))
    return folder


def sweep(tmp_path, posterior, name: str, *extra: str) -> pd.DataFrame:
    out = tmp_path / name
    result = run_cli(
        "sweep",
        str(BASELINE),
        "--posterior",
        str(posterior),
        "--samples",
        "4",
        "--replicates",
        "3",
        "--seed",
        "11",
        "--record",
        "summary",
        "--out",
        str(out),
        "--quiet",
        *extra,
    )
    assert result.returncode == 0, result.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert posterior_sweep(manifest)
    runs = pd.read_parquet(out / "runs.parquet").sort_values("run_id", ignore_index=True)
    return runs.drop(columns=["elapsed_s"])


@pytest.mark.slow
def test_posterior_sweep_is_the_same_on_the_local_pool_and_dask(tmp_path, posterior):
    local = sweep(tmp_path, posterior, "local", "--workers", "2")
    dask = sweep(tmp_path, posterior, "dask", "--backend", "dask", "--workers", "2")
    pd.testing.assert_frame_equal(local, dask)
    params = [c for c in local.columns if c.startswith("param:")]
    assert params == ["param:rules.diplomacy.offer_rate", "param:rules.alliances.sanctions_rate"]
    assert local.groupby("point")[params].nunique().eq(1).all().all()  # one draw per point
    assert len(local) == 12 and local["point"].nunique() == 4
    split = sweep_sources(local)
    assert set(split.columns) >= {"outcome", "share", "parameter_part"}


def test_posterior_and_param_do_not_mix(tmp_path, posterior):
    result = run_cli(
        "sweep",
        str(BASELINE),
        "--posterior",
        str(posterior),
        "--param",
        "rules.war.noise=0.1,0.2",
        "--out",
        str(tmp_path / "x"),
    )
    assert result.returncode == 2 and "neither with --posterior" in result.stderr


def test_a_folder_without_a_posterior_is_a_clear_error(tmp_path):
    result = run_cli(
        "sweep", str(BASELINE), "--posterior", str(tmp_path), "--out", str(tmp_path / "x")
    )
    assert result.returncode == 2 and "posterior folder" in result.stderr
    assert "Traceback" not in result.stderr
