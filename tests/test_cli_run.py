"""escsim run: a readable narrative, tables on disk, JSON summary, and the Python API."""

from __future__ import annotations

import json

import pandas as pd

from sim import EscalationModel, load_scenario
from sim.narrative import sentence
from sim.outcomes import OUTCOME_NAMES
from sim.store.results import load_results
from tests.conftest import BASELINE, run_cli


def test_run_prints_narrative_and_writes_tables(tmp_path):
    out = tmp_path / "run"
    result = run_cli("run", str(BASELINE), "--seed", "3", "--out", str(out))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Week 1"
    assert "RUS: Overnight drone and missile strikes" in result.stdout
    assert "Kyiv" in result.stdout
    assert any(line.startswith("Outcome: ") for line in lines)
    # The run is written by the sweep's writer: a results folder of one run, read by every
    # analysis command, equal to the same run made through the Python API.
    results = load_results(out)
    model = EscalationModel(load_scenario(BASELINE), seed=3).run()
    expected = model.tables()
    assert results.manifest["design"]["seeds"] == [3]
    (row,) = results.runs.to_dict("records")
    assert row["seed"] == 3 and row["status"] == "ok"
    for key, value in model.summary().items():
        assert row[key] == value or (pd.isna(row[key]) and pd.isna(value)), key
    assert row["outcome"] in OUTCOME_NAMES
    paths = results.paths
    assert paths["step"].max() == 52
    assert set(paths["kind"]) == {"dyad", "directed", "actor", "alliance", "war"}
    assert {"RUS-UKR", "RUS-NATO", "RUS-EU"} <= set(paths.loc[paths.kind == "dyad", "entity"])
    for table in ("paths", "events"):
        written = getattr(results, table).drop(columns="run_id")
        pd.testing.assert_frame_equal(written, expected[table], check_dtype=False)
    summary = run_cli("summary", str(out), "--json")
    assert summary.returncode == 0, summary.stderr


def snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_run_out_refuses_an_existing_folder_and_keeps_it(tmp_path):
    out = tmp_path / "run"
    assert run_cli("run", str(BASELINE), "--steps", "3", "--out", str(out)).returncode == 0
    before = snapshot(out)
    again = run_cli("run", str(BASELINE), "--steps", "3", "--out", str(out))
    assert again.returncode == 2
    assert "allowed: a new folder" in again.stderr and "Traceback" not in again.stderr
    assert snapshot(out) == before


def test_steps_option_and_json(tmp_path):
    result = run_cli("run", str(BASELINE), "--seed", "1", "--steps", "10", "--json")
    summary = json.loads(result.stdout)
    assert summary["steps"] == 10
    assert summary["seed"] == 1


def test_out_must_not_be_a_file(tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("keep")
    result = run_cli("run", str(BASELINE), "--out", str(target))
    assert result.returncode == 2
    assert str(target) in result.stderr and "Traceback" not in result.stderr
    assert target.read_text() == "keep"


def test_bad_steps_option():
    result = run_cli("run", str(BASELINE), "--steps", "0")
    assert result.returncode == 2
    assert "--steps" in result.stderr and "Traceback" not in result.stderr


def test_sentences_cover_event_kinds():
    base = {"actor": "RUS", "target": "FIN", "label": "", "reading": "threat", "misread": True}
    assert sentence({**base, "kind": "red_line_bluff", "red_line": "x"}).startswith(
        "RUS backs down"
    )
    assert "misread" in sentence(
        {
            **base,
            "kind": "action",
            "move": 1,
            "from_rung": "a",
            "to_rung": "b",
            "cause": "deliberate",
        }
    )
    assert "FIN misreads" in sentence({**base, "kind": "misread"})
    assert "nuclear signal" in sentence(
        {**base, "kind": "nuclear_signal", "to_rung": "Threat", "cause": "deliberate"}
    )
    assert "steps up its aid" in sentence(
        {**base, "kind": "aid", "move": 1, "from_rung": "a", "to_rung": "b"}
    )
