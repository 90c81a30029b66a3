"""What a worker does: run a chunk of seeded runs and return their rows as Arrow tables.

A run that raises is returned as a failed row (its error and seed kept) and the chunk goes on.
For tests, the environment variable ``ESCSIM_FAIL_RUNS`` (run ids separated by commas) makes
those runs raise an injected error; it has no other effect.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass

import mesa
import pyarrow as pa

from sim.batch.design import apply_point
from sim.batch.tables import event_rows, events_table, paths_columns, paths_table
from sim.model import EscalationModel
from sim.scenario.schema import Scenario

FAIL_ENV = "ESCSIM_FAIL_RUNS"


@dataclass(frozen=True)
class Task:
    """One run as a worker sees it."""

    run_id: int
    scenario: int
    point: int
    replicate: int
    seed: int
    params: dict


@dataclass(frozen=True)
class ChunkResult:
    runs: list[dict]
    paths: pa.Table | None
    events: pa.Table | None


#: The last scenario built, by (scenario index, point): replicates of a point share it.
_cache: dict[tuple[int, int], Scenario] = {}


def _scenario(bases: list[tuple[str, dict]], task: Task) -> Scenario:
    key = (task.scenario, task.point)
    if key not in _cache:
        _cache.clear()
        _cache[key] = apply_point(bases[task.scenario][1], task.params)
    return _cache[key]


def _injected_failures() -> frozenset[int]:
    text = os.environ.get(FAIL_ENV, "")
    return frozenset(int(part) for part in text.split(",") if part.strip())


def task_row(bases: list[tuple[str, dict]], task: Task) -> dict:
    """The identifying columns of a run's row (run id, scenario, point, seed, parameters)."""
    row = {
        "run_id": task.run_id,
        "scenario": bases[task.scenario][0],
        "point": task.point,
        "replicate": task.replicate,
        "seed": task.seed,
    }
    row.update({f"param:{p}": v for p, v in task.params.items()})
    return row


def lost_runs(
    bases: list[tuple[str, dict]], tasks: list[Task], record: str, why: str
) -> ChunkResult:
    """Failed rows for runs whose worker died or hung twice (the sweep goes on without them)."""
    runs = [
        {**task_row(bases, t), "status": "failed", "error": why, "elapsed_s": None} for t in tasks
    ]
    if record == "summary":
        return ChunkResult(runs, None, None)
    return ChunkResult(runs, paths_table([]), events_table([]))


def run_chunk(
    bases: list[tuple[str, dict]],
    tasks: list[Task],
    record: str,
    on_run: Callable[[], None] | None = None,
) -> ChunkResult:
    """Run ``tasks`` one after the other; ``bases`` are (name, scenario data) by index.
    ``on_run`` is called as each run starts (the pool's heartbeat for its timeout)."""
    failing = _injected_failures()
    runs: list[dict] = []
    paths: list = []
    events: list[dict] = []
    for task in tasks:
        if on_run is not None:
            on_run()
        row = task_row(bases, task)
        started = time.perf_counter()
        known = set(mesa.Agent._ids)
        model = None
        try:
            scenario = _scenario(bases, task)
            model = EscalationModel(scenario, seed=task.seed)
            if task.run_id in failing:
                raise RuntimeError(f"injected failure ({FAIL_ENV})")
            model.run()
            summary = model.summary()
            columns = paths_columns(model, task.run_id, record)
            run_events = event_rows(model, task.run_id) if columns is not None else []
        except Exception as exc:  # a failing run must not stop the sweep
            row.update(status="failed", error=f"{type(exc).__name__}: {exc}")
        else:
            row.update(status="ok", error=None)
            summary.pop("scenario", None)
            summary.pop("seed", None)
            row.update(summary)
            if columns is not None:
                paths.append(columns)
                events.extend(run_events)
        finally:
            # Mesa keeps every model in a class-level dict; drop this run's (also on failure).
            for key in set(mesa.Agent._ids) - known:
                mesa.Agent._ids.pop(key, None)
            del model
        row["elapsed_s"] = time.perf_counter() - started
        runs.append(row)
    if record == "summary":
        return ChunkResult(runs, None, None)
    return ChunkResult(runs, paths_table(paths), events_table(events))
