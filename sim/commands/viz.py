"""viz: the teaching dashboard in the browser."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sim.commands.app import app
from sim.errors import EscsimError
from sim.scenario import load_scenario


@app.command()
def viz(
    file: Annotated[
        Path | None,
        typer.Argument(help="Scenario to open first (default: scenarios/baseline.yaml)."),
    ] = None,
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1 to serve the dashboard on.")] = 8765,
) -> None:
    """Start the teaching dashboard on localhost, print its address, run until Ctrl-C.

    Works without internet. Needs the viz extra; see docs/dashboard.md.
    """
    from sim.viz.server import check_installed, check_port, serve

    if file is not None:
        if not file.is_file():
            raise EscsimError(f"{file}: file not found; allowed: an existing YAML file")
        load_scenario(file)  # a bad file fails here, with its line and field
    check_installed()
    check_port("127.0.0.1", port)
    status = serve(file, port, echo=lambda line: typer.echo(line))
    if status:
        raise EscsimError(f"the dashboard server stopped with exit status {status}")
