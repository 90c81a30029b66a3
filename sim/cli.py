"""Entry point of ``escsim``: user errors become one message and exit status 2."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import sim.commands
from sim.commands.app import app
from sim.errors import EscsimError


def _register_commands() -> None:
    for module in pkgutil.iter_modules(sim.commands.__path__):
        importlib.import_module(f"sim.commands.{module.name}")


def main() -> None:
    _register_commands()
    try:
        app(standalone_mode=False)
    except EscsimError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as error:  # click's usage errors arrive here in non-standalone mode
        import click

        if isinstance(error, click.exceptions.ClickException):
            error.show()
            sys.exit(2)
        raise
