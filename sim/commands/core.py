"""validate, schema, ladder and run: the commands of a single scenario and a single run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from sim.commands.app import Table, app, console
from sim.errors import EscsimError
from sim.ladder import DEFAULT_LADDER
from sim.narrative import narrate
from sim.scenario import Scenario, build_ladder, load_scenario
from sim.scenario.reference import render_reference


@app.command()
def validate(files: Annotated[list[Path], typer.Argument(help="Scenario files.")]) -> None:
    """Check scenario files; print one line per file. Exit status 2 on the first bad file."""
    for path in files:
        scenario = load_scenario(path)
        name = scenario.name if len(scenario.name) <= 80 else scenario.name[:77] + "..."
        typer.echo(f"ok  {path}  ({name}: {len(scenario.actors)} actors)")


@app.command()
def schema(
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print the field reference as Markdown tables.")
    ] = False,
) -> None:
    """Print the JSON Schema of scenario files (or the field reference of docs/scenarios.md)."""
    if markdown:
        typer.echo(render_reference())
        return
    typer.echo(json.dumps(Scenario.model_json_schema(), indent=2))


@app.command()
def ladder(
    file: Annotated[Path | None, typer.Argument(help="Scenario whose ladder to show.")] = None,
    channels: Annotated[
        bool, typer.Option("--channels", help="Show each channel's levels and their rungs.")
    ] = False,
) -> None:
    """Print the escalation ladder (the built-in default, or a scenario's own): the scale on
    which the model's channels (war, aid, direct conduct, nuclear signalling and use) are
    reported."""
    rungs = build_ladder(load_scenario(file)) if file else DEFAULT_LADDER
    if channels:
        from sim.concepts.channels import CHANNELS
        from sim.ladder import channel_rungs

        table = Table(title="Channels and the rungs they are reported on")
        for column in ("channel", "level id", "level", "rung"):
            table.add_column(column)
        for channel in CHANNELS.values():
            for level, rung in zip(channel.levels, channel_rungs(rungs, channel), strict=True):
                table.add_row(channel.name, level.id, level.label, rungs.name(rung))
        console.print(table)
        return
    table = Table(title="Escalation ladder")
    for column in ("level", "id", "name", "category", "description"):
        table.add_column(column)
    for rung in reversed(rungs.rungs):
        table.add_row(str(rung.level), rung.id, rung.name, rung.category, rung.description)
    console.print(table)


@app.command()
def run(
    file: Annotated[Path, typer.Argument(help="Scenario file.")],
    seed: Annotated[
        int | None, typer.Option(help="Seed (default: the scenario's run.seed).")
    ] = None,
    steps: Annotated[int | None, typer.Option(help="Steps (default: run.steps).")] = None,
    out: Annotated[Path | None, typer.Option(help="Folder to write the run's tables to.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Run one seeded simulation, print its narrative and write its tables."""
    from sim.model import EscalationModel
    from sim.store.single import write_run

    scenario = load_scenario(file)
    if seed is not None and seed < 0:
        raise EscsimError(f"--seed: found {seed}; allowed: an integer >= 0")
    if steps is not None and not 1 <= steps <= 10_000:
        raise EscsimError(f"--steps: found {steps}; allowed: 1 to 10000")
    model = EscalationModel(scenario, seed=seed, steps=steps).run()
    tables = model.tables()
    summary = model.summary()
    if out is not None:
        write_run(out, tables, summary)
    if as_json:
        typer.echo(json.dumps(summary, indent=2))
        return
    for line in narrate(tables["events"].to_dict("records"), summary, scenario.run.step_unit):
        console.print(line, highlight=False, markup=False, soft_wrap=True)
    if out is not None:
        console.print(f"tables written to {out}/")
