"""Outcome mixes of a scenario that starts where the hindcast ended (the calibrated baseline),
carrying parameter uncertainty: each posterior draw (its portable rules) runs a batch of seeded
replicates, and every run is classified at several horizons from one long run (the streams are
keyed by step, so the first 52 weeks of a 208-week run are the 52-week run). Public forecasts
(validation/forecasts.yaml) are compared with the share of runs in which their event happened
by their horizon."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from sim.batch.design import apply_point
from sim.batch.seeds import run_seed
from sim.calibration.posterior import Posterior
from sim.concepts.channels import WAR
from sim.errors import EscsimError
from sim.model import Simulation
from sim.outcomes import PASSAGE_INDEX, PASSAGES, Ending, classify
from sim.scenario.schema import Scenario
from sim.validation.files import read_spec

#: What a forecast's event is in the model: the passages whose first step counts.
EVENTS = {
    "clash": ("direct_clash",),
    "agreement": ("ceasefire", "armistice", "settlement"),
}


class Forecast(BaseModel):
    """A public forecast: the probability that ``event`` happens within ``weeks``."""

    model_config = ConfigDict(extra="forbid")
    id: str
    question: str
    forecaster: str
    source: str
    probability: float = Field(ge=0.0, le=1.0)
    event: Literal["clash", "agreement"]
    weeks: int = Field(ge=1)
    note: str = ""


class ForecastsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    forecasts: list[Forecast] = Field(min_length=1)


def load_forecasts(path: str | Path) -> ForecastsFile:
    return read_spec(path, ForecastsFile, "forecasts file")


def _happened(passage: np.ndarray, step: int) -> dict[str, np.ndarray]:
    """(R,) per event: did it happen by ``step``."""
    first = {
        event: passage[:, [PASSAGE_INDEX[n] for n in names]] for event, names in EVENTS.items()
    }
    return {event: ((f >= 0) & (f <= step)).any(axis=1) for event, f in first.items()}


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


def _run(args: tuple[dict, dict, list[int], tuple[int, ...]]) -> dict[int, pd.DataFrame]:
    base, point, seeds, horizons = args
    sim = Simulation(apply_point(base, point), seeds, steps=max(horizons), record="summary")
    out: dict[int, pd.DataFrame] = {}
    while not sim.done:
        sim.step()
        if sim.t in horizons:
            passage = sim.state.record.passage
            out[sim.t] = pd.DataFrame(
                {"outcome": _classify_at(passage, sim.state.war.status, sim.t)}
                | _happened(passage, sim.t)
            )
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
    """One row per run and horizon: point (the draw), replicate, horizon, outcome and, per
    event of EVENTS, whether it happened by then. Without a posterior every draw is the
    scenario as written (chance only)."""
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
    frames = [
        frame.assign(point=k, replicate=np.arange(len(frame)), horizon=h)
        for k, result in enumerate(results)
        for h, frame in result.items()
    ]
    columns = ["point", "replicate", "horizon", "outcome", *EVENTS]
    return pd.concat(frames, ignore_index=True)[columns]


def forecast_table(runs: pd.DataFrame, forecasts: ForecastsFile) -> pd.DataFrame:
    """Per forecast: its probability, the model's share of runs in which the event happened by
    the forecast's horizon, and the 5-95% range of that share over posterior draws."""
    rows = []
    for f in forecasts.forecasts:
        at = runs[runs["horizon"] == f.weeks]
        if at.empty:
            horizons = ", ".join(str(h) for h in sorted(runs["horizon"].unique()))
            raise EscsimError(
                f"forecast {f.id}: weeks: found {f.weeks}; allowed: a horizon of the runs "
                f"({horizons})"
            )
        per_draw = at.groupby("point")[f.event].mean()
        rows.append(
            {
                "forecast": f.id,
                "question": f.question,
                "forecaster": f.forecaster,
                "source": f.source,
                "weeks": f.weeks,
                "probability": f.probability,
                "model": float(at[f.event].mean()),
                "draw_low": float(per_draw.quantile(0.05)),
                "draw_high": float(per_draw.quantile(0.95)),
                "note": f.note,
            }
        )
    return pd.DataFrame(rows)
