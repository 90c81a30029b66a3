"""Entry point of ``escsim``: user errors become one message and exit status 2."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import typer

import sim.commands
from sim.commands.app import app
from sim.errors import EscsimError

#: Click's base exception as Typer ships it (Typer >= 0.20 vendors Click).
UsageProblem = typer.BadParameter.__mro__[2]


def _register_commands() -> None:
    for module in pkgutil.iter_modules(sim.commands.__path__):
        importlib.import_module(f"sim.commands.{module.name}")


def main() -> None:
    _register_commands()
    try:
        result = app(standalone_mode=False)
    except EscsimError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(error.exit_code)
    except UsageProblem as error:
        error.show()
        sys.exit(2)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
    sys.exit(result if isinstance(result, int) else 0)
