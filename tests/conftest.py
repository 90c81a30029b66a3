"""Shared helpers: paths, running the CLI, and scenario variants."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

if TYPE_CHECKING:
    from sim.scenario import Scenario

ROOT = Path(__file__).resolve().parents[1]
#: Modules whose every test is slow (statistical claims over many runs), marked here rather
#: than in the modules themselves.
SLOW_MODULES = {"test_mechanisms", "test_teaching_claims"}


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if item.module.__name__.rsplit(".", 1)[-1] in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


SCENARIOS = ROOT / "scenarios"
BASELINE = SCENARIOS / "baseline.yaml"


def run_process(
    *args: str, cwd: Path | None = None, timeout: float = 300
) -> subprocess.CompletedProcess:
    """Run ``python -m sim ARGS`` in a new process, as a user would (for tests where the
    process itself is the point: signals, kills, start-up)."""
    env = {**os.environ, "COLUMNS": "200", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "sim", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        timeout=timeout,
        env=env,
    )


class Hung(Exception):
    """An in-process command ran past its time limit."""


def _hung(signum, frame):
    raise Hung("the command ran past its time limit")


def run_cli(
    *args: str, cwd: Path | None = None, timeout: float = 300, columns: int = 200
) -> subprocess.CompletedProcess:
    """Run ``escsim ARGS`` in this process (no interpreter start-up) with the CLI's own error
    handling, and capture exit status, stdout and stderr. A command still running after
    ``timeout`` seconds raises Hung."""
    from sim.cli import main
    from sim.commands.app import console

    out, err = io.StringIO(), io.StringIO()
    argv, here, width = sys.argv, Path.cwd(), console._width
    sys.argv, console.width = ["escsim", *args], columns
    previous = signal.signal(signal.SIGALRM, _hung)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        os.chdir(cwd or ROOT)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main()
                code = 0
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        sys.argv, console._width = argv, width
        os.chdir(here)
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


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


def variant(path: Path | str, **changes) -> Scenario:
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
