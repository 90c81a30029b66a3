"""Shared helpers: paths, running the CLI, and scenario variants."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

if TYPE_CHECKING:
    from sim.scenario import Scenario

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
BASELINE = SCENARIOS / "baseline.yaml"


def run_cli(
    *args: str, cwd: Path | None = None, timeout: float = 300
) -> subprocess.CompletedProcess:
    """Run ``python -m sim ARGS`` as a user would and capture its output."""
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "sim", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        timeout=timeout,
        env=env,
    )


def write_yaml(path: Path, data: dict | str) -> Path:
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False))
    return path


QUIET_RULES = {
    "signalling": {"noise": 0.0, "misperception": 0.0, "hold_misread_rate": 0.0},
    "accidents": {"slip_rate": 0.0, "stray_rate": 0.0},
    "alliances": {"sanctions_rate": 0.0},
    "diplomacy": {"offer_rate": 0.0},
    "posture": {"noise": 0.0},
}


def duel(first: dict, second: dict, steps: int = 6, start: str = "exercises") -> dict:
    """A two-actor scenario (Russia against one NATO member) with every source of noise off."""
    return {
        "name": "duel",
        "key_dyads": ["RUS-BLU"],
        "actors": [
            {
                "id": "RUS",
                "name": "Russia",
                "role": "russia",
                "stance": "belligerent",
                "doctrine": first,
                "attributes": {"nuclear": True},
                "conduct": {"BLU": start},
            },
            {
                "id": "BLU",
                "name": "Blue",
                "role": "nato_member",
                "memberships": ["NATO"],
                "stance": "frontline_hawk",
                "doctrine": second,
                "conduct": {"RUS": start},
            },
        ],
        "rules": QUIET_RULES,
        "run": {"steps": steps, "seed": 3},
    }


def variant(path: Path | str, **changes) -> "Scenario":
    """A shipped scenario with dotted-path changes (``rules__signalling__misperception=0.1``
    or a dict via ``changes={"rules.signalling.misperception": 0.1}``)."""
    from sim.batch.design import apply_point
    from sim.scenario import load_scenario

    points = dict(changes.pop("changes", {}))
    points.update({k.replace("__", "."): v for k, v in changes.items()})
    return apply_point(load_scenario(path).model_dump(mode="json"), points)


@pytest.fixture
def tmp_scenario(tmp_path):
    def make(data: dict | str, name: str = "scenario.yaml") -> Path:
        return write_yaml(tmp_path / name, data)

    return make
