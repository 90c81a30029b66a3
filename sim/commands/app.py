"""The Typer application every command module registers on."""

import typer
from rich.console import Console
from rich.table import Table as RichTable

app = typer.Typer(
    name="escsim",
    help="Agent-based escalation simulator: Russia, Ukraine, NATO and EU states on a ladder.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: flags shown as flags (not "--json <bool>"), wrapped
)

#: The one console every command prints through (tests set its width to check tables fit).
console = Console()


class Table(RichTable):
    """A Rich table whose cells wrap, and fold a word too long for the terminal, instead of
    cutting it with an ellipsis: nothing printed is ever lost at 80 columns."""

    def add_column(self, *args, **kwargs) -> None:
        kwargs.setdefault("overflow", "fold")
        super().add_column(*args, **kwargs)
