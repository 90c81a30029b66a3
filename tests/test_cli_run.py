"""escsim run: a readable narrative, tables on disk, JSON summary, and the Python API."""

from __future__ import annotations

import json

import pandas as pd

from sim import EscalationModel, load_scenario
from sim.narrative import sentence
from sim.outcomes import OUTCOME_NAMES
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
    paths = pd.read_parquet(out / "paths.parquet")
    events = pd.read_parquet(out / "events.parquet")
    summary = json.loads((out / "summary.json").read_text())
    assert summary["outcome"] in OUTCOME_NAMES
    assert paths["step"].max() == 52
    assert set(paths["kind"]) == {"dyad", "directed", "actor", "alliance", "war"}
    assert {"RUS-UKR", "RUS-NATO", "RUS-EU"} <= set(paths.loc[paths.kind == "dyad", "entity"])
    assert len(events) == len(pd.read_csv(out / "events.csv"))
    expected = EscalationModel(load_scenario(BASELINE), seed=3).run().tables()["events"]
    pd.testing.assert_frame_equal(events, expected)


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
    assert "found a file" in result.stderr
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
