"""Helpers shared by the sweep tests: small scenario files and table comparison."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from sim.batch.tables import TIMING_COLUMNS
from tests.conftest import BASELINE, write_yaml


def short_scenario(folder: Path, name: str = "short", steps: int = 6, **sweep) -> Path:
    """Baseline cut to a few steps (events after them removed), with a small grid sweep (or
    the given sweep section)."""
    spec = sweep or {
        "parameters": {
            "rules.signalling.misperception": [0.0, 0.2],
            "actors.RUS.attributes.risk_tolerance": [0.3, 0.6],
        },
        "replicates": 3,
    }
    base = yaml.safe_load(BASELINE.read_text())
    late = [e["id"] for e in base["events"] if (e.get("step") or e["window"][0]) > steps]
    data = {
        "extends": str(BASELINE),
        "name": name,
        "run": {"steps": steps},
        "sweep": spec,
        "events": [{"id": event, "remove": True} for event in late],
    }
    return write_yaml(folder / f"{name}.yaml", data)


def canonical(frame: pd.DataFrame) -> pd.DataFrame:
    """A table without timing columns, in run order, ready to compare."""
    frame = frame.drop(columns=[c for c in TIMING_COLUMNS if c in frame.columns])
    return frame.sort_values("run_id", kind="stable").reset_index(drop=True)


def assert_same_results(left, right, tables=("runs", "paths", "events")) -> None:
    for table in tables:
        pd.testing.assert_frame_equal(canonical(left[table]), canonical(right[table]))
