"""What the commands print fits an 80-column terminal: no cell cut with an ellipsis, flags shown
as flags, and a per-point summary that says which parameter values each point has."""

from __future__ import annotations

import pytest

from tests.analysis_helpers import grid_sweep
from tests.conftest import run_cli
from tests.sweep_helpers import short_scenario


@pytest.fixture(scope="module")
def grid(tmp_path_factory):
    return grid_sweep(tmp_path_factory.mktemp("output"))


def assert_fits(result) -> str:
    assert result.returncode == 0, result.stderr
    assert "…" not in result.stdout, result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    return result.stdout


def test_tables_fit_80_columns(grid, tmp_path):
    summary = assert_fits(run_cli("summary", str(grid), columns=80))
    assert "p1 = rules.diplomacy.offer_rate" in summary  # the legend of the codes
    wide = run_cli("summary", str(grid), columns=160).stdout
    assert "p1=0.1" in wide and "p2=0.62" in wide
    assert "War goes on" in wide and "war_continues" not in wide  # short labels
    assert_fits(run_cli("ladder", columns=80))
    assert_fits(run_cli("concept", columns=80))
    scenario = short_scenario(tmp_path, name="a_scenario_with_a_rather_long_name_indeed")
    out = tmp_path / "o"
    swept = assert_fits(
        run_cli("sweep", str(scenario), "--out", str(out), "--workers", "1", columns=80)
    )
    assert "a_scenario_with_a" in swept and f"results: {out}/" in swept


def test_help_shows_flags_without_a_value():
    for command in ("sweep", "run", "summary", "compare"):
        help_text = run_cli(command, "--help", columns=80).stdout
        assert "<bool>" not in help_text, command
    assert "--json" in run_cli("run", "--help").stdout
