"""escsim sweep: many seeded runs over parameters and scenarios, written to a results folder."""

from __future__ import annotations

import shlex
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from sim.batch.limits import DEFAULT_PART_SIZE, DEFAULT_RUN_TIMEOUT, MAX_RUNS
from sim.commands.app import Table, app, console
from sim.errors import EscsimError
from sim.outcomes import OUTCOME_BY_NAME

if TYPE_CHECKING:
    from sim.batch.runner import SweepResult


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
            known = OUTCOME_BY_NAME.get(str(outcome))
            table.add_column(known.short if known else str(outcome), justify="right")
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
    timeout: Annotated[
        float,
        typer.Option(
            help="Seconds one run may take in a worker before it is retried, then failed."
        ),
    ] = DEFAULT_RUN_TIMEOUT,
    yes: Annotated[
        bool, typer.Option("--yes", help=f"Allow more than {MAX_RUNS:,} planned runs.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", help="No progress and no summary; only the results folder.")
    ] = False,
    paired: Annotated[
        bool,
        typer.Option(
            "--paired",
            help="The same seeds (random streams) for every scenario: replicate k of each "
            "design point is paired across scenarios (escsim compare then pairs them).",
        ),
    ] = False,
    posterior: Annotated[
        Path | None,
        typer.Option(
            help="Draw each point's rules from this calibration posterior (escsim calibrate)."
        ),
    ] = None,
) -> None:
    """Run a sweep: design points x replicates x scenarios, seeded from one root seed.

    Ctrl-C (SIGINT) or SIGTERM saves every finished run, prints how to resume, and exits with
    status 130 or 143."""
    from sim.batch.interrupt import SweepStopped
    from sim.batch.runner import run_sweep

    command = "escsim " + shlex.join(str(a) for a in sys.argv[1:])
    try:
        with _Reporter(quiet) as reporter:
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
                run_timeout=timeout,
                max_runs=None if yes else MAX_RUNS,
                command=command,
                paired=paired,
                posterior=posterior,
            )
    except SweepStopped as stop:
        error = EscsimError(f"{stop.summary}; to complete it: {resume_command(sys.argv, stop.out)}")
        error.exit_code = stop.exit_code
        raise error from None
    if quiet:
        typer.echo(f"results: {result.out}/")
    else:
        _report(result)


def resume_command(argv: list[str], out: Path) -> str:
    """The command that completes a stopped sweep: the same arguments, with --out and --resume."""
    args = [str(a) for a in argv[1:]]
    if not any(a == "--out" or a.startswith("--out=") for a in args):
        args += ["--out", str(out)]
    if "--resume" not in args:
        args.append("--resume")
    return "escsim " + shlex.join(args)


@app.command()
def repair(
    folder: Annotated[Path, typer.Argument(help="Results folder of escsim sweep.")],
) -> None:
    """Rebuild a lost or damaged manifest.json (from its backup or the part files), move damaged
    parts aside to DIR/damaged/ and recount the runs; then a resume completes the sweep."""
    from sim.batch.store import repair as repair_folder

    report = repair_folder(folder)
    manifest = report.manifest
    counts = manifest["counts"]
    typer.echo(
        f"{folder}/manifest.json: rebuilt from {report.source}; "
        f"{counts['done']:,} of {counts['runs']:,} runs intact (status {manifest['status']})"
    )
    if manifest["status"] != "complete":
        command = shlex.split(manifest.get("command", ""))
        if command[:2] == ["escsim", "sweep"]:
            typer.echo(f"to complete it: {resume_command(command, folder)}")
        else:
            typer.echo("to complete it: run the same sweep again with resume (--resume)")
