"""The Typer application every command module registers on."""

import typer
from rich.console import Console

app = typer.Typer(
    name="escsim",
    help="Agent-based escalation simulator: Russia, Ukraine, NATO and EU states on a ladder.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: The one console every command prints through (tests set its width to check tables fit).
console = Console()
