"""Light commands import no heavy modules: `escsim ladder`, `validate` and `schema` answer in a
fraction of a second because the CLI loads analysis, the model and Parquet only when a command
needs them (issue 13)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import BASELINE

HEAVY = ("pandas", "pyarrow", "mesa", "matplotlib", "dask", "solara")


def imported(*args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "sim", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = [line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line]
    return {line.split(".")[0] for line in lines}


@pytest.mark.parametrize("args", [("ladder",), ("schema",), ("validate", str(BASELINE))])
def test_light_commands_import_no_heavy_module(args):
    assert imported(*args).isdisjoint(HEAVY), imported(*args) & set(HEAVY)


def test_the_check_sees_a_heavy_import():
    assert {"pandas", "pyarrow"} <= imported("run", str(BASELINE), "--steps", "1", "--json")
