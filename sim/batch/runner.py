"""run_sweep: plan the runs, hand chunks to a backend, write parts as results arrive, resume.

The parent process only plans, collects and writes: memory stays flat however many runs a sweep
has. Results are appended to the open part file every ``ROW_GROUP_RUNS`` runs, and a part is
completed (renamed) every ``part_size`` runs or ``flush_seconds``, whichever comes first.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import platform
import re
import shlex
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import yaml

from sim.batch.backends import make_backend
from sim.batch.design import (
    ScenarioPlan,
    SweepPlan,
    apply_point,
    digest,
    plan_posterior,
    plan_scenario,
)
from sim.batch.integrity import read_parts
from sim.batch.interrupt import Interrupted, SweepStopped, signals_raise
from sim.batch.interrupt import check as check_interrupted
from sim.batch.limits import (
    DEFAULT_PART_SIZE,
    DEFAULT_RUN_TIMEOUT,
    MAX_RUN_ID,
    MAX_RUNS,
    MAX_SEED,
)
from sim.batch.store import (
    FORMAT,
    ResultStore,
    count_runs,
    now,
    read_manifest,
)
from sim.batch.tables import (
    EVENTS_SCHEMA,
    PATHS_SCHEMA,
    RECORD_LEVELS,
    concat,
    paths_file,
    runs_schema,
    runs_table,
    summary_type,
    to_file,
    value_type,
)
from sim.batch.worker import Task
from sim.errors import EscsimError
from sim.model import Simulation
from sim.scenario import Scenario, load_scenario, scenario_text
from sim.scenario.sweep import DESIGNS, Sweep, SweepParameter

#: Runs per part file (a batch written at once), and the longest wait between writes.
#: Runs gathered in memory before they are appended to the open part as one row group.
ROW_GROUP_RUNS = 100
#: Most runs in one chunk sent to a worker (runs of a scenario point in a chunk are one batch).
BATCH_RUNS = 512
DEFAULT_FLUSH_SECONDS = 30.0
#: Posterior draws (design points) of a sweep with --posterior, when --samples is not given.
POSTERIOR_SAMPLES = 32

Progress = Callable[[int, int], None]


def batch_size(runs: int, workers: int) -> int:
    """Runs per chunk (one batch per scenario point): about four chunks per worker, at most
    BATCH_RUNS, so a small sweep still spreads over every worker."""
    return max(1, min(BATCH_RUNS, math.ceil(runs / (workers * 4))))


# ------------------------------------------------------------------- planning
def parse_param(text: str) -> tuple[str, SweepParameter]:
    """``PATH=LOW:HIGH`` (a range) or ``PATH=v1,v2,...`` (values), as the command line gives."""
    usage = "PATH=LOW:HIGH (a range of numbers) or PATH=v1,v2,... (values)"

    def bad(message: str) -> EscsimError:
        return EscsimError(message, parameter="params")

    path, sep, spec = text.partition("=")
    path, spec = path.strip(), spec.strip()
    if not sep or not path:
        raise bad(f"{text!r}: no PATH=...; allowed: {usage}")
    if not spec:
        raise bad(f"{text!r}: empty range (no values); allowed: {usage}")
    if ":" in spec:
        low_text, _, high_text = spec.partition(":")
        bounds = []
        for name, part in (("low", low_text), ("high", high_text)):
            try:
                value = float(part)
            except ValueError:
                raise bad(
                    f"{path}: {name} {part.strip()!r} is not a number; allowed: {usage}"
                ) from None
            if not math.isfinite(value):
                raise bad(f"{path}: {name} {part.strip()!r}; allowed: a finite number")
            bounds.append(value)
        low, high = bounds
        if low > high:
            raise bad(f"{path}: low > high (found {low:g}:{high:g}); allowed: LOW <= HIGH")
        if low == high:
            raise bad(
                f"{path}: empty range (found {low:g}:{high:g}); allowed: LOW < HIGH, "
                f"or {path}={low:g} for a single value"
            )
        return path, SweepParameter(low=low, high=high)
    values = [_scalar(v) for v in spec.split(",")]
    if any(v == "" for v in values):
        raise bad(f"{text!r}: an empty value in the list; allowed: {usage}")
    if any(isinstance(v, float) and not math.isfinite(v) for v in values):
        raise bad(f"{text!r}: a value that is not finite; allowed: finite numbers")
    return path, SweepParameter(values=values)


def _scalar(text: str) -> Any:
    text = text.strip()
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return {"true": True, "false": False}.get(text.lower(), text)


#: A scenario file, a Scenario, or a Scenario with the name of where it came from.
Source = str | Path | Scenario | tuple[Scenario, str]


def _source(item: Source) -> tuple[Scenario, str, str]:
    if isinstance(item, tuple):
        scenario, label = item
        return scenario, label, _source(scenario)[2]
    if isinstance(item, Scenario):
        data = item.model_dump(mode="json", exclude_defaults=True)
        return item, "<python>", yaml.safe_dump(data, sort_keys=False)
    return load_scenario(item), str(item), scenario_text(item)


def plan_sweep(
    sources: Sequence[Source],
    *,
    replicates: int | None = None,
    design: str | None = None,
    samples: int | None = None,
    params: dict[str, SweepParameter] | Sequence[str] | None = None,
    seed: int | None = None,
    max_runs: int | None = MAX_RUNS,
    paired: bool = False,
    seeds: Sequence[int] | None = None,
    posterior: str | Path | None = None,
) -> SweepPlan:
    """Every run of the sweep, checked: bad specs raise EscsimError before anything is written.

    Options given here override each scenario's ``sweep:`` section (``params`` replaces its
    parameters). The root seed is ``seed``, else the first scenario's ``sweep.seed``, else its
    ``run.seed``. More than ``max_runs`` runs is refused (None: no cap), so a typing slip does
    not start a sweep of years. ``paired`` gives replicate k of design point p the same seed
    in every scenario (common random numbers: see ``SweepPlan.seed_index``). ``seeds`` are the
    runs' own seeds (replicate k of each scenario gets ``seeds[k]``; one design point): a sweep
    that replays given runs, as ``escsim run --out`` writes one. With ``posterior`` (a
    calibration's folder) each scenario's design points are ``samples`` draws of its rules from
    the posterior (``sim.batch.design.plan_posterior``)."""
    if not sources:
        raise EscsimError("no scenario files; allowed: one or more scenario files")
    if replicates is not None and not 1 <= replicates <= MAX_RUN_ID:
        raise EscsimError(f"found {replicates}; allowed: an integer >= 1", parameter="replicates")
    if samples is not None and not 1 <= samples <= MAX_RUN_ID:
        raise EscsimError(f"found {samples}; allowed: an integer >= 1", parameter="samples")
    if design is not None and design not in DESIGNS:
        raise EscsimError(f"found {design!r}; allowed: {', '.join(DESIGNS)}", parameter="design")
    for given in ([seed] if seed is not None else []) + list(seeds or []):
        if not 0 <= given <= MAX_SEED:
            raise EscsimError(f"found {given}; allowed: 0 to {MAX_SEED}", parameter="seed")
    if seeds is not None:
        if not seeds:
            raise EscsimError("no seeds; allowed: one or more seeds", parameter="seeds")
        replicates = len(seeds)
    if params is not None and not isinstance(params, dict):
        parsed = [parse_param(p) for p in params]
        params = dict(parsed)
        if len(params) < len(parsed):
            raise EscsimError("a path given twice; allowed: each path once", parameter="params")
    loaded = [_source(item) for item in sources]
    names = [s.name for s, _, _ in loaded]
    duplicate = next((n for n in names if names.count(n) > 1), None)
    if duplicate is not None:
        raise EscsimError(
            f"scenario name {duplicate!r} appears twice; allowed: scenarios with distinct "
            "names (the scenario column tells them apart)"
        )
    first = loaded[0][0]
    root = seed
    if root is None:
        root = first.sweep.seed if first.sweep and first.sweep.seed is not None else first.run.seed
    if posterior is not None:
        if params or design is not None:
            raise EscsimError(
                "found --param or --design; allowed: neither with --posterior (it draws the "
                "parameters)",
                parameter="posterior",
            )
        plans = [
            plan_posterior(
                scenario,
                source=source,
                text=text,
                root_seed=root,
                folder=str(posterior),
                samples=samples or POSTERIOR_SAMPLES,
                replicates=replicates or scenario.run.replicates,
            )
            for scenario, source, text in loaded
        ]
    else:
        plans = [
            _plan_grid(scenario, source, text, root, params, design, samples, replicates)
            for scenario, source, text in loaded
        ]
    plan = SweepPlan(tuple(plans), root, paired, tuple(seeds) if seeds is not None else None)
    if paired:
        check_paired(plan)
    for scenario_plan in plan.scenarios if seeds is not None else ():
        if len(scenario_plan.points) != 1:
            raise EscsimError(
                f"{scenario_plan.name} has {len(scenario_plan.points)} design points; allowed: "
                "one design point when the runs' seeds are given",
                parameter="seeds",
            )
    limit = MAX_RUN_ID if max_runs is None else min(max_runs, MAX_RUN_ID)
    if plan.n_runs > limit:
        raise EscsimError(
            f"{plan.n_runs:,} planned runs; allowed: at most {limit:,} "
            + ("(confirm a larger sweep with max_runs=None)" if max_runs is not None else ""),
            parameter="max_runs",
        )
    return plan


def _plan_grid(
    scenario: Scenario,
    source: str,
    text: str,
    root: int,
    params: dict[str, SweepParameter] | None,
    design: str | None,
    samples: int | None,
    replicates: int | None,
) -> ScenarioPlan:
    """One scenario's design points from its ``sweep:`` section, with the options overriding it."""
    spec = scenario.sweep or Sweep()
    overrides = {
        "parameters": params if params else None,
        "design": design,
        "samples": samples,
        "replicates": replicates,
    }
    updates = {k: v for k, v in overrides.items() if v is not None}
    if updates:
        spec = spec.model_copy(update=updates)
    return plan_scenario(
        scenario, source=source, text=text, root_seed=root, sweep=spec, cli=frozenset(updates)
    )


def check_paired(plan: SweepPlan) -> None:
    """A paired sweep pairs replicate k of point p across scenarios: they need the same
    number of design points and replicates."""
    if len(plan.scenarios) < 2:
        raise EscsimError(
            "one scenario; allowed: two or more scenarios to pair", parameter="paired"
        )
    first = plan.scenarios[0]
    for other in plan.scenarios[1:]:
        if (len(other.points), other.replicates) != (len(first.points), first.replicates):
            raise EscsimError(
                f"{other.name} has {len(other.points)} design points x {other.replicates} "
                f"replicates, {first.name} {len(first.points)} x {first.replicates}; allowed: "
                "scenarios with the same number of design points and replicates",
                parameter="paired",
            )


def _tasks(plan: SweepPlan, done: set[int]) -> Iterator[Task]:
    for spec in plan.runs(skip=done):
        params = plan.scenarios[spec.scenario].points[spec.point]
        yield Task(spec.run_id, spec.scenario, spec.point, spec.replicate, spec.seed, params)


def _chunks(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    chunk: list[Task] = []
    for task in tasks:
        chunk.append(task)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _run_columns(plan: SweepPlan) -> pa.Schema:
    """runs.parquet's schema: parameter types from the design, summary columns from a one-step
    probe run of each scenario (so every part has the same columns and types)."""
    parameters: dict[str, pa.DataType] = {}
    for path in plan.parameter_paths():
        values = [p[path] for s in plan.scenarios for p in s.points if path in p]
        parameters[path] = value_type(values)
    summary: dict[str, pa.DataType] = {}
    for scenario_plan in plan.scenarios:
        probe = apply_point(scenario_plan.base, scenario_plan.points[0])
        row = Simulation(probe, [0], steps=1, record="summary").run().recorder.summaries()[0]
        for key, value in row.items():
            summary.setdefault(key, summary_type(key, value))
    return runs_schema(parameters, summary)


def _schema_list(schema: pa.Schema) -> list[list[str]]:
    return [[f.name, str(f.type)] for f in schema]


def default_out(plan: SweepPlan, root: Path = Path("results")) -> Path:
    """results/<scenario names>-<time>; names cut to safe characters and a sane length."""
    names = [
        re.sub(r"[^A-Za-z0-9_.-]+", "_", s.name)[:40].strip("._") or "sweep" for s in plan.scenarios
    ]
    label = "+".join(names) if len(names) <= 3 else f"{names[0]}+{len(names) - 1}-more"
    return root / f"{label}-{datetime.now().strftime('%Y%m%d-%H%M%S')}"


# ------------------------------------------------------------------- running
@dataclass
class SweepResult:
    """What a finished sweep reports: where it wrote, counts and outcome shares."""

    out: Path
    total: int
    ran: int
    resumed: int
    ok: int
    failed: int
    seconds: float
    workers: int
    backend: str
    outcomes: pd.DataFrame = field(repr=False)
    failures: pd.DataFrame = field(repr=False)

    @property
    def runs_per_second(self) -> float:
        return self.ran / self.seconds if self.seconds > 0 else float("nan")


class _Buffer:
    def __init__(self, schema: pa.Schema, record: str) -> None:
        self.schema, self.record = schema, record
        self.clear()

    def clear(self) -> None:
        self.runs: list[dict] = []
        self.paths: list[pa.Table] = []
        self.events: list[pa.Table] = []
        self.path_rows = 0

    def add(self, result) -> None:
        self.runs.extend(result.runs)
        if result.paths is not None:
            self.paths.extend(result.paths)
            self.events.append(result.events)
            self.path_rows += sum(t.num_rows for t in result.paths) + result.events.num_rows

    def tables(self) -> dict[str, pa.Table | Iterator[pa.Table]]:
        tables: dict = {"runs": runs_table(self.runs, self.schema)}
        if self.record != "summary":
            tables["paths"] = paths_file(self.paths)
            tables["events"] = to_file(concat(self.events, EVENTS_SCHEMA), EVENTS_SCHEMA)
        return tables


def run_sweep(
    sources: Sequence[Source],
    *,
    replicates: int | None = None,
    design: str | None = None,
    samples: int | None = None,
    params: dict[str, SweepParameter] | Sequence[str] | None = None,
    workers: int | None = None,
    backend: str = "local",
    scheduler: str | None = None,
    out: str | Path | None = None,
    resume: bool = False,
    record: str = "paths",
    seed: int | None = None,
    progress: Progress | None = None,
    chunk_size: int | None = None,
    part_size: int = DEFAULT_PART_SIZE,
    flush_seconds: float = DEFAULT_FLUSH_SECONDS,
    run_timeout: float = DEFAULT_RUN_TIMEOUT,
    max_runs: int | None = MAX_RUNS,
    command: str | None = None,
    paired: bool = False,
    seeds: Sequence[int] | None = None,
    posterior: str | Path | None = None,
) -> SweepResult:
    """Run a sweep of one or more scenarios and write its results folder (docs/results.md).

    ``progress(done, total)`` is called as runs finish. Raises EscsimError for bad input before
    anything is written; an existing ``out`` is an error unless ``resume`` is set, in which case
    exactly the runs missing from it are run (damaged parts are moved aside and run again).
    A run that takes longer than ``run_timeout`` seconds in a worker process is retried, then
    recorded as failed. SIGINT, SIGTERM or a full disk raise SweepStopped after every finished
    run is saved and the folder is marked resumable."""
    if record not in RECORD_LEVELS:
        raise EscsimError(
            f"found {record!r}; allowed: {', '.join(RECORD_LEVELS)}", parameter="record"
        )
    if part_size < 1:
        raise EscsimError(f"found {part_size}; allowed: an integer >= 1", parameter="part_size")
    if chunk_size is not None and chunk_size < 1:
        raise EscsimError(f"found {chunk_size}; allowed: an integer >= 1", parameter="chunk_size")
    plan = plan_sweep(
        sources,
        replicates=replicates,
        design=design,
        samples=samples,
        params=params,
        seed=seed,
        max_runs=max_runs,
        paired=paired,
        seeds=seeds,
        posterior=posterior,
    )
    executor = make_backend(backend, workers, scheduler, run_timeout)
    schema = _run_columns(plan)
    tables = ("runs",) if record == "summary" else ("runs", "paths", "events")
    fingerprint = digest(
        {"plan": plan.fingerprint(), "record": record, "columns": _schema_list(schema)}
    )
    folder = Path(out) if out is not None else default_out(plan)
    if not resume and folder.exists():  # checked again (atomically) by ResultStore.create
        ResultStore.create(folder, {}, tables)
    done: set[int] = set()
    executor.prepare()
    try:
        if resume and folder.exists():
            store, manifest, done = ResultStore.reopen(folder, fingerprint)
        else:
            manifest = _manifest(plan, record, tables, schema, fingerprint, command)
            store = ResultStore.create(folder, manifest, tables)
    except BaseException:
        executor.close()
        raise
    try:
        with signals_raise():
            return _execute(
                plan,
                store,
                manifest,
                done,
                executor,
                schema,
                record,
                progress,
                chunk_size,
                part_size,
                flush_seconds,
            )
    finally:
        store.close()


class _Parts:
    """The open part and the runs gathered for it; ``saved`` counts runs on disk."""

    def __init__(self, store: ResultStore, schema: pa.Schema, record: str, saved: int) -> None:
        self.store, self.buffer = store, _Buffer(schema, record)
        self.schemas = {"runs": schema, "paths": PATHS_SCHEMA, "events": EVENTS_SCHEMA}
        self.part = None
        self.saved = saved
        self.last_commit = time.monotonic()

    def write_group(self) -> None:
        """Append the buffered runs to the open part as one row group."""
        if self.buffer.runs:
            if self.part is None:
                self.part = self.store.open_part(self.schemas)
            self.part.append(self.buffer.tables())
            self.buffer.clear()

    def commit(self) -> None:
        self.write_group()
        if self.part is not None:
            self.part.commit()
            self.saved += self.part.rows
            self.part = None
        self.last_commit = time.monotonic()

    def add(self, result, part_size: int, flush_seconds: float) -> None:
        self.buffer.add(result)
        if len(self.buffer.runs) >= ROW_GROUP_RUNS or self.buffer.path_rows >= 1_000_000:
            self.write_group()
        in_part = len(self.buffer.runs) + (self.part.rows if self.part is not None else 0)
        if in_part >= part_size or time.monotonic() - self.last_commit >= flush_seconds:
            self.commit()

    def save_what_can_be(self) -> None:
        """After a stop: commit what arrived; if the disk refuses, drop the open part (its
        hidden files may be what filled the disk) and keep every part already committed."""
        try:
            self.commit()
        except (OSError, pa.ArrowException):
            if self.part is not None:
                self.part.abandon()
                self.part = None


def _stop_reason(exc: BaseException) -> tuple[str, int] | None:
    """(reason, exit status) for the stops a resume recovers from; None for other errors."""
    if isinstance(exc, Interrupted):
        return f"interrupted by {signal.Signals(exc.signum).name}", 128 + exc.signum
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted", 128 + signal.SIGINT
    if isinstance(exc, OSError):
        where = f" writing {exc.filename}" if exc.filename else ""
        return f"{exc.strerror or exc}{where}", 2
    if isinstance(exc, pa.ArrowException) and "No space left" in str(exc):
        return "no space left on device", 2
    return None


def _execute(
    plan: SweepPlan,
    store: ResultStore,
    manifest: dict,
    done: set[int],
    executor,
    schema: pa.Schema,
    record: str,
    progress: Progress | None,
    chunk_size: int | None,
    part_size: int,
    flush_seconds: float,
) -> SweepResult:
    folder = store.root
    total = plan.n_runs
    resumed = len(done)
    session = {
        "started": now(),
        "finished": None,
        "backend": executor.name,
        "workers": executor.workers,
        "runs_before": resumed,
        "ran": 0,
    }
    manifest["sessions"].append(session)
    manifest["status"] = "running"
    store.write_manifest(manifest)

    todo = total - resumed
    size = chunk_size or batch_size(todo, executor.workers)
    executor.workers = min(executor.workers, max(1, math.ceil(todo / size)))
    parts = _Parts(store, schema, record, resumed)
    finished = resumed
    started = time.perf_counter()
    if progress:
        progress(finished, total)
    try:
        with executor:
            chunks = _chunks(_tasks(plan, done), size)
            for result in executor.run(_bases(plan), record, chunks):
                check_interrupted()
                parts.add(result, part_size, flush_seconds)
                finished += len(result.runs)
                session["ran"] += len(result.runs)
                if progress:
                    progress(finished, total)
        check_interrupted()
        parts.commit()
    except BaseException as exc:
        parts.save_what_can_be()  # every finished run kept: a resume does only the rest
        session["finished"] = now()
        manifest["status"] = "interrupted"
        with contextlib.suppress(OSError, EscsimError, pa.ArrowException):
            manifest["counts"] = {"runs": total, **count_runs(folder)}
        with contextlib.suppress(OSError):  # else it stays "running": resumable all the same
            store.write_manifest(manifest)
        stop = _stop_reason(exc)
        if stop is None:
            raise
        raise SweepStopped(stop[0], folder, parts.saved, total, stop[1]) from None
    seconds = time.perf_counter() - started
    runs = read_parts(
        folder / "runs.parquet",
        columns=["scenario", "status", "outcome", "run_id", "seed", "error"],
    )
    ok = int((runs["status"] == "ok").sum())
    failed = int((runs["status"] == "failed").sum())
    session["finished"] = now()
    manifest.update(
        status="complete" if len(runs) == total else "incomplete",
        finished=session["finished"],
        counts={"runs": total, "done": len(runs), "ok": ok, "failed": failed},
    )
    store.write_manifest(manifest)
    return SweepResult(
        out=folder,
        total=total,
        ran=session["ran"],
        resumed=resumed,
        ok=ok,
        failed=failed,
        seconds=seconds,
        workers=executor.workers,
        backend=executor.name,
        outcomes=outcome_shares(runs),
        failures=runs.loc[runs["status"] == "failed", ["run_id", "scenario", "seed", "error"]]
        .sort_values("run_id")
        .reset_index(drop=True),
    )


def _bases(plan: SweepPlan) -> list[tuple[str, dict]]:
    return [(s.name, s.base) for s in plan.scenarios]


def outcome_shares(runs: pd.DataFrame) -> pd.DataFrame:
    """Share of each outcome among a scenario's successful runs (rows: scenario)."""
    good = runs[runs["status"] == "ok"]
    if good.empty:
        return pd.DataFrame()
    return pd.crosstab(good["scenario"], good["outcome"], normalize="index")


def _manifest(
    plan: SweepPlan,
    record: str,
    tables: tuple[str, ...],
    schema: pa.Schema,
    fingerprint: str,
    command: str | None,
) -> dict:
    import mesa
    import numpy

    import sim

    schemas = {"runs": _schema_list(schema)}
    if "paths" in tables:
        schemas["paths"] = _schema_list(PATHS_SCHEMA)
        schemas["events"] = _schema_list(EVENTS_SCHEMA)
    return {
        "format": FORMAT,
        "status": "running",
        "created": now(),
        "finished": None,
        "command": command or "python: " + shlex.join(sys.argv),
        "versions": {
            "escsim": sim.__version__,
            "python": platform.python_version(),
            "mesa": mesa.__version__,
            "numpy": numpy.__version__,
            "pyarrow": pa.__version__,
        },
        "root_seed": plan.root_seed,
        "record": record,
        "tables": list(tables),
        "scenarios": [
            {
                "name": s.name,
                "source": s.source,
                "sha256": hashlib.sha256(s.text.encode()).hexdigest(),
                "text": s.text,
            }
            for s in plan.scenarios
        ],
        "design": plan.describe(),
        "fingerprint": fingerprint,
        "schemas": schemas,
        "counts": {"runs": plan.n_runs, "done": 0, "ok": 0, "failed": 0},
        "sessions": [],
    }


__all__ = [
    "SweepResult",
    "SweepStopped",
    "parse_param",
    "plan_sweep",
    "read_manifest",
    "run_sweep",
]
