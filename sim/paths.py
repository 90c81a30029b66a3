"""Where the shipped scenario files are, in a source checkout and in an installed package."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def shipped_scenarios() -> Path:
    """The folder of shipped scenarios: ``sim/_scenarios`` in an installed package (the wheel
    maps the top-level ``scenarios/`` there), else ``scenarios/`` next to the ``sim`` source."""
    installed = _PACKAGE / "_scenarios"
    return installed if installed.is_dir() else _PACKAGE.parent / "scenarios"
