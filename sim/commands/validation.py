"""escsim check-model: the plausibility report of a scenario (docs/validation.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sim.commands.app import app
from sim.errors import EscsimError


@app.command("check-model")
def check_model(
    file: Annotated[Path, typer.Argument(help="Scenario file, e.g. scenarios/baseline.yaml.")],
    runs: Annotated[int, typer.Option(help="Seeded runs of the scenario's length.")] = 2000,
    long_runs: Annotated[int, typer.Option(help="Seeded runs of the long horizon.")] = 1000,
    long_steps: Annotated[int, typer.Option(help="Steps of the long horizon.")] = 208,
    write: Annotated[
        Path | None, typer.Option(help="Markdown file whose plausibility section is rewritten.")
    ] = None,
) -> None:
    """Count what every actor does over many runs and check what an expert expects: who
    escalates against whom, who arms Ukraine, what causes clashes and nuclear steps."""
    from sim.scenario import load_scenario
    from sim.validation.plausibility import checks, observe, report, write_section

    if runs < 10 or long_runs < 10:
        raise EscsimError(f"--runs/--long-runs: found {runs}/{long_runs}; allowed: 10 or more")
    if not 1 <= long_steps <= 10_000:
        raise EscsimError(f"--long-steps: found {long_steps}; allowed: 1 to 10000")
    scenario = load_scenario(file)
    year = observe(scenario, runs)
    long = observe(scenario, long_runs, steps=long_steps)
    text = report(year, long)
    typer.echo(text)
    if write is not None:
        try:
            write_section(write, text)
        except OSError as exc:
            raise EscsimError(f"{write}: cannot write ({exc.strerror})") from None
    failed = [c.name for c in checks(year) if not c.passed]
    if failed:
        typer.echo(f"{len(failed)} check(s) failed: " + "; ".join(failed), err=True)
        raise typer.Exit(1)
