"""Posterior predictive runs of a hindcast: parameter sets drawn from the posterior, each run
with a few seeded replicates; every fact's measure per run, and the state of the war each run
ends in (the calibrated starting state of the scenarios that follow the hindcast)."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np

from sim.batch.design import apply_point
from sim.batch.seeds import run_seed
from sim.calibration.posterior import Posterior
from sim.calibration.spec import Calibration
from sim.validation.check import fact_values
from sim.validation.facts import FactsFile
from sim.validation.measures import trace

#: Quantities of the war at the end of the hindcast, by name: (R,) readers of a War state.
END_STATE = {
    "front": lambda w: w.front,
    "forces_russia": lambda w: w.forces[:, 0],
    "forces_ukraine": lambda w: w.forces[:, 1],
    "materiel": lambda w: w.materiel,
    "casualties_russia": lambda w: w.casualties[:, 0],
    "casualties_ukraine": lambda w: w.casualties[:, 1],
    "uncertainty": lambda w: np.sqrt(w.uncertainty.mean(axis=1)),
}


@dataclass
class Predictive:
    values: dict[str, np.ndarray]  # fact id -> (runs,)
    end: dict[str, np.ndarray]  # END_STATE name -> (runs,)
    draws: list[dict[str, float]]  # the parameter set of each draw
    replicates: int


def _run(args: tuple[dict, dict, FactsFile, list[int]]) -> tuple[dict, dict]:
    base, point, facts, seeds = args
    tr = trace(apply_point(base, point), seeds)
    end = {name: read(tr.sim.state.war).copy() for name, read in END_STATE.items()}
    return fact_values(tr, facts), end


def predictive(
    calibration: Calibration,
    posterior: Posterior,
    draws: int,
    replicates: int,
    seed: int,
    workers: int = 1,
) -> Predictive:
    """Run ``draws`` posterior parameter sets x ``replicates`` seeds each."""
    points = posterior.draws(draws, seed)
    tasks = [
        (
            calibration.base,
            point,
            calibration.facts,
            [run_seed(seed, k * replicates + j) for j in range(replicates)],
        )
        for k, point in enumerate(points)
    ]
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(_run, tasks, chunksize=max(1, len(tasks) // (4 * workers))))
    else:
        results = [_run(task) for task in tasks]
    facts = [f.id for f in calibration.facts.facts]
    values = {f: np.concatenate([r[0][f] for r in results]) for f in facts}
    end = {name: np.concatenate([r[1][name] for r in results]) for name in END_STATE}
    return Predictive(values, end, points, replicates)
