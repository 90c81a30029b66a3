"""What a worker does: run a chunk of seeded runs as batches and return their rows as Arrow
tables. Runs of the same scenario point are stepped together (one ``Simulation`` with a
replicate axis); run k of a batch equals the same run made alone.

When a batch raises, its runs are made one by one, so a run that fails is returned as a failed
row (error and seed kept) and the rest go on. For tests, the environment variable
``ESCSIM_FAIL_RUNS`` (run ids separated by commas) makes those runs raise an injected error; it
has no other effect.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from sim.batch.design import apply_point
from sim.batch.tables import EVENTS_SCHEMA, concat, events_table, path_tables
from sim.model import Simulation
from sim.model.tables import event_codes
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
    paths: list[pa.Table] | None  # compact, one table per kind (tables.paths_file)
    events: pa.Table | None


#: The last scenario built: the sweep's bases it came from (held, so that another sweep in
#: this process can never match it), its scenario index and point; batches of a point share it.
_last: list = [None, None, None]


def _scenario(bases: list[tuple[str, dict]], task: Task) -> Scenario:
    built_from, key, scenario = _last
    if built_from is not bases or key != (task.scenario, task.point):
        scenario = apply_point(bases[task.scenario][1], task.params)
        _last[:] = [bases, (task.scenario, task.point), scenario]
    return scenario


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


def run_batch(scenario: Scenario, seeds: list[int], record: str) -> Simulation:
    """Run seeded replicates of one scenario together. The batched kernel makes no Mesa model,
    so nothing stays in Mesa's agent registry."""
    return Simulation(scenario, seeds, record=record).run()


def lost_runs(
    bases: list[tuple[str, dict]], tasks: list[Task], record: str, why: str
) -> ChunkResult:
    """Failed rows for runs whose worker died or hung twice (the sweep goes on without them)."""
    runs = [
        {**task_row(bases, t), "status": "failed", "error": why, "elapsed_s": None} for t in tasks
    ]
    if record == "summary":
        return ChunkResult(runs, None, None)
    return ChunkResult(runs, [], EVENTS_SCHEMA.empty_table())


def run_chunk(
    bases: list[tuple[str, dict]],
    tasks: list[Task],
    record: str,
    on_run: Callable[[], None] | None = None,
) -> ChunkResult:
    """Run ``tasks``, one batch per scenario point; ``bases`` are (name, scenario data). When a
    batch raises, its runs are made one by one, so only the runs that fail are lost. ``on_run``
    is called as each batch (or lone run) starts: the pool's heartbeat for its timeout."""
    beat = on_run or (lambda: None)
    runs: list[dict] = []
    paths: list[pa.Table] = []
    events: list[pa.Table] = []
    for _, group in itertools.groupby(tasks, key=lambda task: (task.scenario, task.point)):
        batch = list(group)
        beat()
        try:
            done = _batch(bases, batch, record)
        except Exception:
            done = []
            for task in batch:
                beat()
                done.append(_alone(bases, task, record))
        for rows, path_parts, event_table in done:
            runs.extend(rows)
            if path_parts is not None:
                paths.extend(path_parts)
                events.append(event_table)
    if record == "summary":
        return ChunkResult(runs, None, None)
    return ChunkResult(runs, paths, concat(events, EVENTS_SCHEMA))


Done = tuple[list[dict], list[pa.Table] | None, pa.Table | None]


def _batch(bases: list[tuple[str, dict]], batch: list[Task], record: str) -> list[Done]:
    started = time.perf_counter()
    injected = [t.run_id for t in batch if t.run_id in _injected_failures()]
    if injected:
        raise RuntimeError(f"injected failure ({FAIL_ENV}) in runs {injected}")
    sim = run_batch(_scenario(bases, batch[0]), [task.seed for task in batch], record)
    elapsed = (time.perf_counter() - started) / len(batch)
    rows = [
        {**task_row(bases, task), "status": "ok", "error": None, **row, "elapsed_s": elapsed}
        for task, row in zip(batch, sim.recorder.summaries(), strict=True)
    ]
    if record == "summary":
        return [(rows, None, None)]
    run_ids = np.array([task.run_id for task in batch], dtype=np.int64)
    return [
        (
            rows,
            path_tables(*sim.recorder.path_blocks(), run_ids=run_ids),
            events_table(*event_codes(sim), run_ids=run_ids),
        )
    ]


def _alone(bases: list[tuple[str, dict]], task: Task, record: str) -> Done:
    started = time.perf_counter()
    try:
        (done,) = _batch(bases, [task], record)
    except Exception as exc:  # a failing run must not stop the sweep
        row = {
            **task_row(bases, task),
            "status": "failed",
            "error": f"{type(exc).__name__}: {exc}",
            "elapsed_s": time.perf_counter() - started,
        }
        return [row], None, None
    return done


# ---------------------------------------------------------------- process-pool plumbing
_pool_state: dict = {}


def init_pool(bases: list[tuple[str, dict]], record: str) -> None:
    """Process-pool initializer: the scenarios reach each worker once, not with every task."""
    _pool_state["bases"] = bases
    _pool_state["record"] = record


def run_pooled(tasks: list[Task]) -> ChunkResult:
    return run_chunk(_pool_state["bases"], tasks, _pool_state["record"])
