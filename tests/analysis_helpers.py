"""Small real results folders for the analysis tests (built with sim.batch.run_sweep)."""

from __future__ import annotations

from pathlib import Path

from sim.batch import run_sweep
from tests.conftest import run_cli
from tests.sweep_helpers import short_scenario


def two_scenario_sweep(folder: Path, replicates: int = 30, steps: int = 20) -> Path:
    """Two scenarios (a baseline cut short, and the same with more misperception), no
    parameters, full paths and events."""
    base = short_scenario(folder, "short_base", steps=steps, replicates=replicates)
    noisy = short_scenario(
        folder,
        "short_noisy",
        steps=steps,
        parameters={"rules.signalling.misperception": [0.4]},
        replicates=replicates,
    )
    out = folder / "two"
    run_sweep([base, noisy], workers=1, out=out, record="paths", seed=7)
    return out


def grid_sweep(folder: Path) -> Path:
    """One scenario with a 2 x 2 grid of parameters, 10 replicates per point."""
    scenario = short_scenario(
        folder,
        "grid",
        steps=30,
        parameters={
            "rules.signalling.misperception": [0.0, 0.3],
            "actors.RUS.attributes.risk_tolerance": [0.3, 0.9],
        },
        replicates=10,
    )
    out = folder / "grid"
    run_sweep([scenario], workers=1, out=out, record="paths", seed=3)
    return out


def sobol_sweep(folder: Path) -> Path:
    scenario = short_scenario(
        folder,
        "sobol",
        steps=10,
        design="sobol",
        samples=4,
        parameters={
            "rules.signalling.misperception": {"low": 0.0, "high": 0.5},
            "actors.RUS.attributes.risk_tolerance": {"low": 0.1, "high": 0.9},
        },
        replicates=2,
    )
    out = folder / "sobol"
    run_sweep([scenario], workers=1, out=out, record="summary", seed=5)
    return out


def cli(capsys, *args: str):
    """``escsim ARGS`` in this process: (status, stdout, stderr)."""
    result = run_cli(*args)
    return result.returncode, result.stdout, result.stderr
