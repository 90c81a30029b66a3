"""Entry point of ``escsim``: user errors become one message and exit status 2."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import warnings

import typer

import sim.commands
from sim.commands.app import app
from sim.errors import EscsimError

#: Click's base exception as Typer ships it (Typer >= 0.20 vendors Click).
UsageProblem = typer.BadParameter.__mro__[2]
#: Python argument names whose command-line flag is not ``--`` + the name with dashes.
FLAGS = {"params": "--param", "max_runs": "--yes", "run_timeout": "--timeout"}


def flag(parameter: str) -> str:
    """The command-line flag of a library function's argument (``part_size`` -> --part-size)."""
    return FLAGS.get(parameter, "--" + parameter.replace("_", "-"))


def _warn(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"warning: {message}", file=sys.stderr)


def _register_commands() -> None:
    for module in pkgutil.iter_modules(sim.commands.__path__):
        importlib.import_module(f"sim.commands.{module.name}")


def main() -> None:
    _register_commands()
    warnings.showwarning = _warn  # warnings as one line each, without source lines
    try:
        result = app(standalone_mode=False)
    except EscsimError as error:
        print(f"error: {error.render(flag)}", file=sys.stderr)
        sys.exit(error.exit_code)
    except UsageProblem as error:
        error.show()
        sys.exit(2)
    except OSError as error:  # a place that cannot be written or read: name it, no traceback
        where = f"{error.filename}: " if error.filename else ""
        print(f"error: {where}{error.strerror or error}", file=sys.stderr)
        sys.exit(2)
    sys.exit(result if isinstance(result, int) else 0)
