"""summary and compare on small real sweeps; bad input gives one line and exit status 2."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from sim.analysis import compare, outcome_shares, read_results, summary, threshold_times
from sim.analysis.stats import risk_difference, wilson
from sim.errors import EscsimError
from sim.outcomes import OUTCOMES
from tests.analysis_helpers import cli, grid_sweep, two_scenario_sweep
from tests.conftest import run_process


@pytest.fixture(scope="module")
def sweeps(tmp_path_factory):
    folder = tmp_path_factory.mktemp("analysis")
    return {"two": two_scenario_sweep(folder), "grid": grid_sweep(folder), "root": folder}


def test_summary_shares_counts_and_intervals(sweeps):
    runs = pd.read_parquet(sweeps["two"] / "runs.parquet")
    tables = summary(sweeps["two"])
    shares = tables["outcomes"]
    assert set(shares["outcome"]) == set(OUTCOMES)
    for scenario, part in shares.groupby("scenario"):
        assert part["share"].sum() == pytest.approx(1.0)
        expected = runs[runs["scenario"] == scenario]["outcome"].value_counts()
        for row in part.itertuples():
            assert row.count == expected.get(row.outcome, 0)
            low, high = wilson(row.count, row.runs)
            assert (row.low, row.high) == pytest.approx((float(low), float(high)))
    times = tables["thresholds"]
    for scenario, part in runs.groupby("scenario"):
        values = part["first:nato_incident"].dropna()
        row = times[(times["scenario"] == scenario) & (times["threshold"] == "nato_incident")]
        assert int(row["reached"].iloc[0]) == len(values)
        if len(values):
            assert float(row["median"].iloc[0]) == pytest.approx(np.median(values))
            assert float(row["q25"].iloc[0]) == pytest.approx(np.quantile(values, 0.25))
    assert tables["counts"]["runs"].sum() == len(runs)


def test_failed_runs_are_counted_not_shared():
    runs = pd.DataFrame(
        {
            "run_id": range(5),
            "scenario": "s",
            "status": ["ok", "ok", "ok", "failed", "failed"],
            "outcome": ["settlement", "settlement", "frozen_conflict", None, None],
            "first:settlement": [3, 4, np.nan, np.nan, np.nan],
        }
    )
    shares = outcome_shares(runs, ["scenario"]).set_index("outcome")
    assert shares.loc["settlement", "share"] == pytest.approx(2 / 3)
    assert (shares["failed"] == 2).all() and (shares["runs"] == 3).all()
    times = threshold_times(runs, ["scenario"]).set_index("threshold")
    assert times.loc["settlement", "reached"] == 2
    assert times.loc["settlement", "median"] == 3.5


def test_summary_by_design_point(sweeps):
    tables = summary(sweeps["grid"])
    assert {"scenario", "point"} <= set(tables["outcomes"].columns)
    assert tables["counts"]["runs"].tolist() == [10, 10, 10, 10]


def test_compare_scenarios_risk_difference(sweeps):
    c = compare([sweeps["two"]])
    assert c.reference == "short_base" and c.groups == ["short_base", "short_noisy"]
    runs = pd.read_parquet(sweeps["two"] / "runs.parquet")
    counts = runs.groupby(["scenario", "outcome"]).size()
    n = runs.groupby("scenario").size()
    for row in c.differences.itertuples():
        k1 = counts.get((row.group, row.outcome), 0)
        k2 = counts.get((row.reference, row.outcome), 0)
        rd = risk_difference(k1, n[row.group], k2, n[row.reference])
        assert (row.difference, row.low, row.high) == pytest.approx(
            (rd.difference, rd.low, rd.high)
        )
        assert 0 <= row.p_value <= 1
    assert len(c.overall) == 1


def test_compare_by_parameter_and_across_folders(sweeps):
    c = compare([sweeps["grid"]], by="rules.signalling.misperception")
    assert c.groups == ["misperception=0", "misperception=0.3"]
    assert c.shares.groupby("group")["runs"].first().tolist() == [20, 20]
    both = compare([sweeps["two"], sweeps["grid"]])
    assert both.groups == ["short_base", "short_noisy", "grid"]


def test_bad_inputs_raise_clear_errors(sweeps, tmp_path):
    with pytest.raises(EscsimError, match="not a folder"):
        read_results(tmp_path / "missing")
    with pytest.raises(EscsimError, match=r"no manifest\.json"):
        read_results(tmp_path)
    empty = tmp_path / "empty"
    (empty / "runs.parquet").mkdir(parents=True)
    (empty / "manifest.json").write_text('{"format": "escsim-sweep/1"}')
    with pytest.raises(EscsimError, match="no runs"):
        read_results(empty)
    with pytest.raises(EscsimError, match="not a parameter of the sweep"):
        compare([sweeps["grid"]], by="rules.nothing")
    with pytest.raises(EscsimError, match="only one group"):
        compare([sweeps["grid"]])


def test_cli_summary_json_and_csv(sweeps, capsys):
    status, out, err = cli(capsys, "summary", str(sweeps["two"]), "--json")
    assert status == 0, err
    data = json.loads(out)
    assert {"outcomes", "thresholds", "counts"} <= set(data)
    assert sum(r["count"] for r in data["outcomes"]) == 60
    status, out, _ = cli(capsys, "summary", str(sweeps["two"]), "--csv")
    assert status == 0 and out.startswith("# outcomes\n")
    status, out, _ = cli(capsys, "summary", str(sweeps["two"]))
    assert status == 0 and "Wilson" in out


def test_cli_compare_writes_figure_and_table(sweeps, tmp_path, capsys):
    out = tmp_path / "cmp.png"
    status, _, err = cli(capsys, "compare", str(sweeps["two"]), "--out", str(out))
    assert status == 0, err
    assert out.exists() and out.with_suffix(".svg").exists()
    table = pd.read_csv(out.with_suffix(".csv"))
    assert set(table["outcome"]) == set(OUTCOMES)


@pytest.mark.parametrize(
    "args",
    [
        ("summary", "{missing}"),
        ("summary", "{plain}"),
        ("summary", "{empty}"),
        ("compare", "{grid}", "--by", "rules.nothing"),
        ("plot", "{grid}", "--kind", "pie"),
    ],
)
def test_cli_bad_input_exits_2_with_one_line(sweeps, tmp_path, capsys, args):
    empty = tmp_path / "empty"
    (empty / "runs.parquet").mkdir(parents=True)
    (empty / "manifest.json").write_text('{"format": "escsim-sweep/1"}')
    names = {
        "missing": tmp_path / "nope",
        "plain": tmp_path,
        "empty": empty,
        "grid": sweeps["grid"],
    }
    status, _, err = cli(capsys, *(a.format(**names) for a in args))
    assert status == 2
    assert err.startswith("error: ") and err.count("\n") == 1


@pytest.mark.slow
def test_cli_bad_input_in_a_real_process(tmp_path):
    result = run_process("summary", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and "no manifest.json" in result.stderr
    assert "Traceback" not in result.stderr
