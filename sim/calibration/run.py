"""escsim calibrate: run (or resume) ABC-SMC into a posterior folder and record its cost."""

from __future__ import annotations

import hashlib
import platform
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np

from sim.calibration.abc import Generation, Progress, bounds, run_abc
from sim.calibration.posterior import (
    HISTORY,
    frame_from_history,
    read_manifest,
    write_manifest,
    write_posterior,
)
from sim.calibration.spec import Calibration, load_calibration
from sim.errors import EscsimError

BACKENDS = ("local", "dask")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def fingerprint(calibration: Calibration) -> str:
    """What must match for --resume: the spec (but its budget: a resume may run more
    generations or aim lower), the scenario and the facts."""
    parts = [
        calibration.spec.model_dump_json(exclude={"generations", "min_epsilon"}),
        calibration.scenario.model_dump_json(),
        calibration.facts.model_dump_json(),
    ]
    return _digest("\n".join(parts))


@dataclass
class CalibrationResult:
    folder: Path
    generations: list[Generation]
    manifest: dict = field(repr=False)


def effective_size(weights: np.ndarray) -> float:
    """Kish's effective sample size of importance weights: how many particles the weighted
    population is worth (it collapses when the weights degenerate)."""
    return float(weights.sum() ** 2 / (weights**2).sum())


def _cost(populations, seconds: float, replicates: int) -> dict:
    """Simulations (particles evaluated) per accepted particle, runs and wall time."""
    rows = populations[populations["t"] >= 0]
    simulations = int(populations["samples"].sum())
    accepted = int(rows["particles"].sum())
    return {
        "simulations": simulations,
        "runs": simulations * replicates,
        "accepted": accepted,
        "simulations_per_accepted": simulations / accepted if accepted else None,
        "seconds": seconds,
        "seconds_per_simulation": seconds / simulations if simulations else None,
    }


def calibrate(
    spec_path: str | Path,
    out: str | Path,
    *,
    resume: bool = False,
    backend: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
    population: int | None = None,
    generations: int | None = None,
    replicates: int | None = None,
    progress: Progress | None = None,
    command: str | None = None,
) -> CalibrationResult:
    """Fit the spec's parameters to its facts; writes ``out`` (see sim.calibration.posterior)."""
    if backend not in BACKENDS:
        raise EscsimError(f"--backend: found {backend!r}; allowed: {', '.join(BACKENDS)}")
    if workers < 1:
        raise EscsimError(f"--workers: found {workers}; allowed: an integer >= 1")
    if scheduler and backend != "dask":
        raise EscsimError("--scheduler: only with --backend dask")
    calibration = load_calibration(
        spec_path, population=population, generations=generations, replicates=replicates
    )
    folder = Path(out)
    print_ = fingerprint(calibration)
    if resume:
        if not (folder / HISTORY).exists():
            raise EscsimError(
                f"--resume: {folder} has no {HISTORY}; allowed: the folder of a calibration "
                "that was started (or leave out --resume)"
            )
        manifest = read_manifest(folder)
        if manifest.get("fingerprint") != print_:
            raise EscsimError(
                f"--resume: {folder} was calibrated with another spec, scenario or facts; "
                "allowed: the same files (or a new --out)"
            )
    else:
        if folder.exists() and any(folder.iterdir()):
            raise EscsimError(
                f"--out: {folder} exists and is not empty; allowed: a new folder, or --resume"
            )
        folder.mkdir(parents=True, exist_ok=True)
        manifest = {
            "kind": "escsim-posterior",
            "created": datetime.now().isoformat(timespec="seconds"),
            "spec_file": str(calibration.path),
            "spec": calibration.spec.model_dump(mode="json"),
            "scenario": calibration.scenario.name,
            "facts": [f.id for f in calibration.facts.facts],
            "fingerprint": print_,
            "sessions": [],
            "generations": [],
            "status": "running",
        }
    import pyabc

    session = {
        "started": datetime.now().isoformat(timespec="seconds"),
        "backend": backend,
        "workers": workers,
        "command": command,
        "python": platform.python_version(),
        "pyabc": pyabc.__version__,
    }
    manifest["sessions"].append(session)
    manifest["status"] = "running"
    write_manifest(folder, manifest)
    started = time.perf_counter()

    def record(generation: Generation) -> None:
        manifest["generations"].append(generation.__dict__ | {"acceptance": generation.acceptance})
        write_manifest(folder, manifest)
        if progress:
            progress(generation)

    done = run_abc(
        calibration,
        folder / HISTORY,
        resume=resume,
        backend=backend,
        workers=workers,
        scheduler=scheduler,
        progress=record,
    )
    seconds = time.perf_counter() - started
    session["finished"] = datetime.now().isoformat(timespec="seconds")
    session["seconds"] = seconds
    history = pyabc.History(f"sqlite:///{(folder / HISTORY).resolve()}")
    history.id = 1
    populations = history.get_all_populations()
    # Summed over generations, so a session that was stopped still counts what it finished.
    total_seconds = sum(g["seconds"] for g in manifest["generations"])
    manifest["cost"] = _cost(populations, total_seconds, calibration.spec.replicates)
    manifest["epsilon"] = [float(e) for e in populations[populations["t"] >= 0]["epsilon"]]
    for generation in manifest["generations"]:
        _, weights = history.get_distribution(m=0, t=generation["t"])
        generation["ess"] = effective_size(np.asarray(weights, dtype=float))
    manifest["status"] = "done"
    frame = frame_from_history(history, bounds(calibration), calibration.integers)
    write_posterior(folder, frame, manifest)
    return CalibrationResult(folder, done, manifest)
