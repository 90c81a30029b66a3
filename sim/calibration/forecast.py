"""Outcome mixes of a scenario that starts where the hindcast ended (the calibrated baseline),
carrying parameter uncertainty: each posterior draw (its portable rules) runs a batch of seeded
replicates, and every run is classified at several horizons from one long run (the streams are
keyed by step, so the first 52 weeks of a 208-week run are the 52-week run)."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pandas as pd

from sim.batch.design import apply_point
from sim.batch.seeds import run_seed
from sim.calibration.posterior import Posterior
from sim.concepts.channels import WAR
from sim.model import Simulation
from sim.outcomes import PASSAGES, Ending, classify
from sim.scenario.schema import Scenario


def _classify_at(passage: np.ndarray, status: np.ndarray, step: int) -> list[str]:
    out = []
    for r in range(passage.shape[0]):
        passages = {
            name: (int(v) if 0 <= v <= step else None)
            for name, v in zip(PASSAGES, passage[r], strict=True)
        }
        level = WAR.levels[status[r]].id if status[r] >= 0 else "none"
        out.append(classify(Ending(passages, level))[0])
    return out


def _run(args: tuple[dict, dict, list[int], tuple[int, ...]]) -> dict[int, list[str]]:
    base, point, seeds, horizons = args
    sim = Simulation(apply_point(base, point), seeds, steps=max(horizons), record="summary")
    out: dict[int, list[str]] = {}
    while not sim.done:
        sim.step()
        if sim.t in horizons:
            state = sim.state
            out[sim.t] = _classify_at(state.record.passage, state.war.status, sim.t)
    return out


def outcome_runs(
    scenario: Scenario,
    posterior: Posterior | None,
    draws: int,
    replicates: int,
    seed: int,
    horizons: tuple[int, ...] = (52, 104, 208),
    workers: int = 1,
) -> pd.DataFrame:
    """One row per run and horizon: point (the draw), replicate, horizon, outcome. Without a
    posterior every draw is the scenario as written (chance only)."""
    base = scenario.model_dump(mode="json", exclude={"sweep"})
    if posterior is not None:
        paths = [p for p in posterior.portable]
        points = posterior.draws(draws, seed, paths)
    else:
        points = [{} for _ in range(draws)]
    tasks = [
        (base, point, [run_seed(seed, k * replicates + j) for j in range(replicates)], horizons)
        for k, point in enumerate(points)
    ]
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(_run, tasks))
    else:
        results = [_run(task) for task in tasks]
    rows = [
        {"point": k, "replicate": j, "horizon": h, "outcome": outcome}
        for k, result in enumerate(results)
        for h, outcomes in result.items()
        for j, outcome in enumerate(outcomes)
    ]
    return pd.DataFrame(rows)
