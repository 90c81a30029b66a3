"""run_sweep: same tables whatever the backend or worker count, failures isolated, resume."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from sim import EscalationModel, load_scenario
from sim.batch import load_results, run_sweep
from sim.batch.worker import FAIL_ENV
from tests.sweep_helpers import assert_same_results, canonical, short_scenario


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """A clean sweep in this process (workers=1), full recording: the tables to match."""
    folder = tmp_path_factory.mktemp("sweeps")
    scenario = short_scenario(folder)
    out = folder / "reference"
    result = run_sweep([scenario], workers=1, out=out, record="full", part_size=5)
    assert result.ok == result.total == 12
    return scenario, load_results(out)


def test_two_workers_match_one_worker(reference, tmp_path):
    scenario, expected = reference
    two = run_sweep([scenario], workers=2, out=tmp_path / "two", record="full", chunk_size=2)
    assert two.workers == 2 and two.backend == "local"
    assert_same_results(load_results(two.out), expected)


@pytest.mark.slow
def test_dask_matches_one_worker(reference, tmp_path):
    scenario, expected = reference
    dask = run_sweep(
        [scenario], workers=2, backend="dask", out=tmp_path / "dask", record="full", chunk_size=3
    )
    assert dask.backend == "dask"
    assert_same_results(load_results(dask.out), expected)


def test_runs_table_columns_and_manifest(reference):
    scenario, results = reference
    runs = results.runs
    head = ["run_id", "scenario", "point"]
    params = ["param:rules.signalling.misperception", "param:actors.RUS.attributes.risk_tolerance"]
    assert list(runs.columns[:5]) == head + params
    assert list(runs.columns[5:10]) == ["replicate", "seed", "status", "error", "elapsed_s"]
    assert {"outcome", "peak:RUS-UKR", "first:direct_clash", "misreads"} <= set(runs.columns)
    assert runs["run_id"].tolist() == list(range(12))
    assert (runs["status"] == "ok").all()
    # Each run equals a single run of the same scenario and seed (replayable with escsim run).
    row = runs.iloc[7]
    swept = load_scenario(scenario)
    data = swept.model_dump()
    data["rules"]["signalling"]["misperception"] = row["param:rules.signalling.misperception"]
    data["actors"][0]["attributes"]["risk_tolerance"] = row[
        "param:actors.RUS.attributes.risk_tolerance"
    ]
    model = EscalationModel(type(swept).model_validate(data), seed=int(row["seed"])).run()
    assert model.summary()["outcome"] == row["outcome"]
    assert model.summary()["misreads"] == row["misreads"]
    manifest = results.manifest
    assert manifest["status"] == "complete"
    assert manifest["counts"] == {"runs": 12, "done": 12, "ok": 12, "failed": 0}
    assert manifest["scenarios"][0]["name"] == "short"
    assert "sha256" in manifest["scenarios"][0] and "text" in manifest["scenarios"][0]
    assert manifest["root_seed"] == 1  # baseline's run.seed
    assert json.loads((results.folder / "manifest.json").read_text()) == manifest
    parts = sorted((results.folder / "runs.parquet").glob("part-*.parquet"))
    assert [p.name for p in parts] == ["part-00000.parquet", "part-00001.parquet"]  # 6 + 6 runs


def test_paths_match_the_single_run(reference):
    """A run's paths in a sweep are the paths of the same run made alone (escsim run)."""
    scenario, results = reference
    row = results.runs.iloc[5]
    swept = load_scenario(scenario)
    data = swept.model_dump()
    data["rules"]["signalling"]["misperception"] = row["param:rules.signalling.misperception"]
    data["actors"][0]["attributes"]["risk_tolerance"] = row[
        "param:actors.RUS.attributes.risk_tolerance"
    ]
    model = EscalationModel(type(swept).model_validate(data), seed=int(row["seed"])).run()
    theirs = model.tables()["paths"]
    ours = results.paths[results.paths["run_id"] == row["run_id"]].drop(columns="run_id")
    ours = ours.reset_index(drop=True)
    for column in theirs.columns:
        if column not in ("kind", "entity"):
            ours[column] = ours[column].astype(float)
            theirs[column] = theirs[column].astype(float)
    pd.testing.assert_frame_equal(ours, theirs, check_dtype=False)
    assert set(results.paths["kind"]) == {"dyad", "directed", "actor", "alliance", "war"}


def test_record_levels(reference, tmp_path):
    scenario, full = reference
    summary = run_sweep([scenario], workers=1, out=tmp_path / "s", record="summary")
    loaded = load_results(summary.out)
    assert loaded.paths is None and loaded.events is None
    pd.testing.assert_frame_equal(canonical(loaded.runs), canonical(full.runs))
    paths = run_sweep([scenario], workers=1, out=tmp_path / "p", record="paths")
    loaded = load_results(paths.out)
    assert set(loaded.paths["kind"]) == {"dyad", "actor", "alliance", "war"}
    expected = full.paths[full.paths["kind"] != "directed"]
    pd.testing.assert_frame_equal(canonical(loaded.paths), canonical(expected))
    pd.testing.assert_frame_equal(canonical(loaded.events), canonical(full.events))


def test_failing_run_is_recorded_and_the_sweep_goes_on(reference, tmp_path, monkeypatch):
    scenario, expected = reference
    monkeypatch.setenv(FAIL_ENV, "4,9")
    result = run_sweep([scenario], workers=1, out=tmp_path / "f", record="full")
    assert (result.ok, result.failed) == (10, 2)
    assert result.failures["run_id"].tolist() == [4, 9]
    runs = load_results(result.out).runs
    failed = runs[runs["status"] == "failed"]
    assert failed["error"].str.contains("injected failure").all()
    assert failed["seed"].tolist() == expected.runs.loc[[4, 9], "seed"].tolist()
    assert failed["outcome"].isna().all()
    good = canonical(runs[runs["status"] == "ok"])
    pd.testing.assert_frame_equal(
        good,
        canonical(expected.runs[~expected.runs["run_id"].isin([4, 9])]),
        check_dtype=False,  # columns with nulls (failed runs) read back as floats
    )
    paths = load_results(result.out).paths
    assert not paths["run_id"].isin([4, 9]).any()


def test_resume_redoes_only_missing_runs_and_drops_half_batches(reference, tmp_path):
    scenario, expected = reference
    out = tmp_path / "r"
    run_sweep([scenario], workers=1, out=out, record="full", part_size=4, chunk_size=2)
    # Simulate a crash between the paths/events renames and the runs rename of batch 1,
    # and a temporary file left half-written.
    (out / "runs.parquet" / "part-00001.parquet").unlink()
    (out / "paths.parquet" / ".part-00003.parquet.tmp").write_bytes(b"half")
    result = run_sweep([scenario], workers=2, out=out, record="full", resume=True)
    assert (result.resumed, result.ran) == (8, 4)
    assert not list(out.glob("*/.*.tmp"))
    loaded = load_results(out)
    assert loaded.runs["run_id"].is_unique
    assert_same_results(loaded, expected)
    again = run_sweep([scenario], workers=1, out=out, record="full", resume=True)
    assert again.ran == 0 and again.resumed == 12
    assert len(loaded.manifest["sessions"]) == 2


def test_resume_refuses_a_different_sweep(reference, tmp_path):
    from sim.errors import EscsimError

    scenario, _ = reference
    out = tmp_path / "d"
    run_sweep([scenario], workers=1, out=out, record="summary")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    with pytest.raises(EscsimError, match="different sweep"):
        run_sweep([scenario], workers=1, out=out, record="summary", resume=True, seed=99)
    with pytest.raises(EscsimError, match="folder exists"):
        run_sweep([scenario], workers=1, out=out, record="summary")
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_parts_read_as_one_dataset_with_pyarrow(reference):
    import pyarrow.dataset as ds

    _, results = reference
    table = ds.dataset(results.folder / "paths.parquet", format="parquet").to_table()
    assert table.num_rows == len(results.paths)
    assert np.array_equal(
        np.sort(table.column("run_id").to_numpy()), np.sort(results.paths["run_id"].to_numpy())
    )


def test_one_writer_per_folder(reference, tmp_path):
    from sim.batch.store import ResultStore
    from sim.errors import EscsimError

    scenario, _ = reference
    out = tmp_path / "locked"
    run_sweep([scenario], workers=1, out=out, record="summary")
    manifest = load_results(out).manifest
    holder, _, _ = ResultStore.reopen(out, manifest["fingerprint"])  # another sweep writing
    try:
        with pytest.raises(EscsimError, match="another escsim sweep"):
            run_sweep([scenario], workers=1, out=out, record="summary", resume=True)
    finally:
        holder.close()
    again = run_sweep([scenario], workers=1, out=out, record="summary", resume=True)
    assert again.ran == 0


def test_chunks_are_about_four_per_worker_and_at_most_batch_runs():
    from sim.batch.runner import BATCH_RUNS, batch_size

    assert batch_size(2_000, 2) == 250  # 8 chunks: every worker busy, room to rebalance
    assert batch_size(20_000, 2) == BATCH_RUNS  # a batch's memory is bounded
    assert batch_size(3, 2) == 1


def test_sweeps_in_one_process_never_share_a_built_scenario(tmp_path):
    """workers=1 runs in this process: the second sweep's scenario 0, point 0 is its own, not
    the one the first sweep built (a cache keyed by position alone once mixed them up)."""
    for steps in (3, 5):
        source = short_scenario(tmp_path, f"short{steps}", steps=steps, replicates=2)
        run_sweep([source], workers=1, out=tmp_path / f"out{steps}", record="summary")
    assert load_results(tmp_path / "out3").runs["steps"].tolist() == [3, 3]
    assert load_results(tmp_path / "out5").runs["steps"].tolist() == [5, 5]
