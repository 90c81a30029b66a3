"""escsim sweep: many seeded runs over parameters and scenarios, written to a results folder."""

from __future__ import annotations

import shlex
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from sim.batch.store import DEFAULT_PART_SIZE
from sim.commands.app import app

if TYPE_CHECKING:
    from sim.batch.runner import SweepResult

console = Console()


class _RateColumn(ProgressColumn):
    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("-- runs/s" if speed is None else f"{speed:,.0f} runs/s")


class _Reporter:
    """Rich progress bar on a terminal, plain periodic lines otherwise, nothing with --quiet."""

    def __init__(self, quiet: bool, every: float = 5.0) -> None:
        self.quiet = quiet
        self.live = not quiet and console.is_terminal
        self.every = every
        self._bar: Progress | None = None
        self._task = None
        self._start = time.perf_counter()
        self._first = 0
        self._last_line = 0.0

    def __enter__(self) -> _Reporter:
        if self.live:
            self._bar = Progress(
                TextColumn("sweep"),
                BarColumn(),
                MofNCompleteColumn(),
                _RateColumn(),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=console,
                transient=False,
            )
            self._bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)

    def __call__(self, done: int, total: int) -> None:
        if self.quiet:
            return
        if self._bar is not None:
            if self._task is None:
                self._task = self._bar.add_task("sweep", total=total, completed=done)
            else:
                self._bar.update(self._task, completed=done)
            return
        now = time.perf_counter()
        if self._last_line == 0.0:
            self._first, self._last_line = done, now
            print(f"sweep: {done}/{total} runs done at start", flush=True)
            return
        if now - self._last_line < self.every and done < total:
            return
        self._last_line = now
        rate = (done - self._first) / max(now - self._start, 1e-9)
        eta = (total - done) / rate if rate > 0 else float("nan")
        print(
            f"sweep: {done}/{total} runs ({100 * done / total:.0f}%), {rate:.0f} runs/s, "
            f"ETA {eta:.0f} s",
            flush=True,
        )


def _report(result: SweepResult) -> None:
    console.print(
        f"{result.ran} runs in {result.seconds:.1f} s ({result.runs_per_second:.0f} runs/s, "
        f"{result.workers} {result.backend} worker{'s' if result.workers > 1 else ''})"
        + (f"; {result.resumed} already done" if result.resumed else ""),
        highlight=False,
    )
    shares = result.outcomes
    if not shares.empty:
        table = Table(title="Outcome shares")
        table.add_column("scenario")
        for outcome in shares.columns:
            table.add_column(str(outcome), justify="right")
        for scenario, row in shares.iterrows():
            table.add_row(str(scenario), *(f"{100 * v:.1f}%" for v in row))
        console.print(table)
    console.print(f"ok: {result.ok}   failed: {result.failed}", highlight=False)
    if result.failed:
        table = Table(title="Failed runs (replay one with: escsim run FILE --seed SEED)")
        for column in ("run_id", "scenario", "seed", "error"):
            table.add_column(column)
        for row in result.failures.head(10).itertuples():
            table.add_row(str(row.run_id), row.scenario, str(row.seed), str(row.error))
        console.print(table)
        if result.failed > 10:
            console.print(f"... and {result.failed - 10} more in runs.parquet (status failed)")
    console.print(f"results: {result.out}/", highlight=False)


@app.command()
def sweep(
    files: Annotated[list[Path], typer.Argument(help="Scenario files (a baseline and variants).")],
    replicates: Annotated[
        int | None, typer.Option(help="Seeded runs per design point (default: sweep/run).")
    ] = None,
    design: Annotated[
        str | None, typer.Option(help="grid, lhs, sobol or random (default: the sweep section).")
    ] = None,
    samples: Annotated[
        int | None, typer.Option(help="Design points (lhs/random) or Sobol base samples N.")
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            help="PATH=LOW:HIGH or PATH=v1,v2,... (repeatable; replaces the sweep's parameters).",
        ),
    ] = None,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes (default: all cores).")
    ] = None,
    backend: Annotated[str, typer.Option(help="local (process pool) or dask.")] = "local",
    scheduler: Annotated[
        str | None, typer.Option(help="Address of a running Dask scheduler (with --backend dask).")
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Results folder (default: results/<scenario>-<time>).")
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Complete the sweep in --out: run only missing runs.")
    ] = False,
    seed: Annotated[
        int | None, typer.Option(help="Root seed (default: sweep.seed, run.seed).")
    ] = None,
    record: Annotated[
        str, typer.Option(help="summary (runs only), paths (+ key paths, events) or full.")
    ] = "paths",
    part_size: Annotated[
        int, typer.Option(help="Runs per part file (a batch written at once).")
    ] = DEFAULT_PART_SIZE,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress and no summary.")] = False,
    posterior: Annotated[
        Path | None,
        typer.Option(
            help="Draw each point's rules from this calibration posterior (escsim calibrate)."
        ),
    ] = None,
) -> None:
    """Run a sweep: design points x replicates x scenarios, seeded from one root seed."""
    command = "escsim " + shlex.join(str(a) for a in sys.argv[1:])
    with _Reporter(quiet) as reporter:
        from sim.batch.runner import run_sweep

        result = run_sweep(
            files,
            replicates=replicates,
            design=design,
            samples=samples,
            params=param or None,
            workers=workers,
            backend=backend,
            scheduler=scheduler,
            out=out,
            resume=resume,
            record=record,
            seed=seed,
            progress=reporter,
            part_size=part_size,
            command=command,
            posterior=posterior,
        )
    if not quiet:
        _report(result)
