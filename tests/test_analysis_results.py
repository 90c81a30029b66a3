"""summary and compare on small real v2 sweeps: the numbers are recomputed from the parquet
files; bad input gives one line and exit status 2."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from sim.analysis import (
    compare,
    event_counts,
    outcome_shares,
    summary,
    threshold_times,
)
from sim.analysis.stats import risk_difference, wilson
from sim.errors import EscsimError
from sim.outcomes import COUNTS, OUTCOME_BY_NAME, OUTCOME_NAMES, PASSAGES
from sim.store.results import load_results
from tests.analysis_helpers import cli, shared_sweeps
from tests.conftest import run_process


@pytest.fixture(scope="module")
def sweeps(tmp_path_factory):
    return shared_sweeps(tmp_path_factory)


def _runs(folder) -> pd.DataFrame:
    return pd.read_parquet(folder / "runs.parquet")


def test_summary_shares_are_counts_with_wilson_intervals(sweeps):
    runs = _runs(sweeps["two"])
    shares = summary(sweeps["two"])["outcomes"]
    assert list(dict.fromkeys(shares["outcome"])) == list(OUTCOME_NAMES)
    for scenario, part in shares.groupby("scenario"):
        assert part["share"].sum() == pytest.approx(1.0)
        mine = runs[runs["scenario"] == scenario]
        for row in part.itertuples():
            k = int((mine["outcome"] == row.outcome).sum())
            assert (row.count, row.runs) == (k, len(mine))
            z = 1.959964
            p, n = k / len(mine), len(mine)
            centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
            half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / (1 + z**2 / n)
            assert row.low == pytest.approx(max(0.0, centre - half), abs=1e-6)
            assert row.high == pytest.approx(min(1.0, centre + half), abs=1e-6)
    # the tense variant ends in several outcomes, so the test above saw more than one
    tense = shares[(shares["scenario"] == "short_tense") & (shares["count"] > 0)]
    assert len(tense) >= 2


def test_threshold_times_are_quartiles_of_first_passages(sweeps):
    runs = _runs(sweeps["two"])
    times = summary(sweeps["two"])["thresholds"]
    assert set(times["threshold"]) == set(PASSAGES)
    for scenario, part in runs.groupby("scenario"):
        for passage in ("ceasefire", "nuclear_signal", "nato_incident"):
            values = part[f"first:{passage}"].dropna()
            row = times[(times["scenario"] == scenario) & (times["threshold"] == passage)].iloc[0]
            assert row["reached"] == len(values)
            assert row["share"] == pytest.approx(len(values) / len(part))
            if len(values):
                assert row["median"] == pytest.approx(np.median(values))
                assert row["q25"] == pytest.approx(np.quantile(values, 0.25))


def test_event_counts_are_means_and_shares_of_the_counts(sweeps):
    runs = _runs(sweeps["two"])
    table = summary(sweeps["two"])["events"]
    assert list(dict.fromkeys(table["event"])) == list(COUNTS)
    for row in table.itertuples():
        mine = runs.loc[runs["scenario"] == row.scenario, row.event]
        assert row.mean == pytest.approx(mine.mean())
        assert row.runs_with == (mine > 0).sum()
        low, high = wilson(row.runs_with, len(mine))
        assert (row.low, row.high) == pytest.approx((float(low), float(high)))


def test_failed_runs_are_counted_not_shared():
    runs = pd.DataFrame(
        {
            "run_id": range(5),
            "scenario": "s",
            "status": ["ok", "ok", "ok", "failed", "failed"],
            "outcome": ["ceasefire", "ceasefire", "war_continues", None, None],
            "first:ceasefire": [3, 4, np.nan, np.nan, np.nan],
            "incidents": [2, 0, 1, np.nan, np.nan],
        }
    )
    shares = outcome_shares(runs, ["scenario"]).set_index("outcome")
    assert shares.loc["ceasefire", "share"] == pytest.approx(2 / 3)
    assert (shares["failed"] == 2).all() and (shares["runs"] == 3).all()
    times = threshold_times(runs, ["scenario"]).set_index("threshold")
    assert times.loc["ceasefire", "reached"] == 2
    assert times.loc["ceasefire", "median"] == 3.5
    counts = event_counts(runs, ["scenario"]).set_index("event")
    assert counts.loc["incidents", "mean"] == pytest.approx(1.0)
    assert counts.loc["incidents", "runs_with"] == 2 and counts.loc["incidents", "runs"] == 3


def test_summary_by_design_point(sweeps):
    tables = summary(sweeps["grid"])
    assert {"scenario", "point"} <= set(tables["outcomes"].columns)
    assert tables["counts"]["runs"].tolist() == [10, 10, 10, 10]
    pooled = summary(sweeps["grid"], by=["scenario"])["outcomes"]
    assert pooled["runs"].unique().tolist() == [40]


def test_compare_scenarios_risk_differences(sweeps):
    c = compare([sweeps["two"]])
    assert c.reference == "short_base" and c.groups == ["short_base", "short_tense"]
    runs = _runs(sweeps["two"])
    counts = runs.groupby(["scenario", "outcome"]).size()
    n = runs.groupby("scenario").size()
    assert set(c.differences["outcome"]) == set(OUTCOME_NAMES)
    for row in c.differences.itertuples():
        k1 = counts.get((row.group, row.outcome), 0)
        k2 = counts.get((row.reference, row.outcome), 0)
        assert row.difference == pytest.approx(k1 / n[row.group] - k2 / n[row.reference])
        rd = risk_difference(k1, n[row.group], k2, n[row.reference])
        assert (row.low, row.high) == pytest.approx((rd.low, rd.high))
        assert row.low <= row.difference <= row.high
        assert 0 <= row.p_value <= 1
    # the tense rules make ceasefires common where the baseline has none: the comparison must
    # find that difference (interval above zero, small p), and the whole distributions differ
    ceasefire = c.differences.set_index("outcome").loc["ceasefire"]
    assert ceasefire["low"] > 0 and ceasefire["p_value"] < 0.01
    assert c.overall["p_value"].iloc[0] < 0.01


def test_compare_a_sweep_with_itself_finds_no_difference(sweeps):
    c = compare([sweeps["two"], sweeps["two"]])
    assert len(c.groups) == 4
    same = c.differences[c.differences["group"] == "two#2: short_base"]
    assert (same["difference"] == 0).all()
    assert (same["low"] <= 0).all() and (same["high"] >= 0).all()


def test_compare_by_parameter_and_across_folders(sweeps):
    c = compare([sweeps["grid"]], by="rules.diplomacy.offer_rate")
    assert c.groups == ["offer_rate=0", "offer_rate=0.1"]
    assert c.shares.groupby("group")["runs"].first().tolist() == [20, 20]
    # without offers there is no ceasefire; with them there are
    ceasefire = c.shares[c.shares["outcome"] == "ceasefire"].set_index("group")["count"]
    assert ceasefire["offer_rate=0"] == 0 and ceasefire["offer_rate=0.1"] > 0
    both = compare([sweeps["two"], sweeps["grid"]])
    assert both.groups == ["short_base", "short_tense", "grid"]


def test_bad_inputs_raise_clear_errors(sweeps, tmp_path):
    with pytest.raises(EscsimError, match="not a folder"):
        load_results(tmp_path / "missing")
    with pytest.raises(EscsimError, match=r"no manifest\.json"):
        load_results(tmp_path)
    empty = tmp_path / "empty"
    (empty / "runs.parquet").mkdir(parents=True)
    (empty / "manifest.json").write_text('{"format": "escsim-sweep/1"}')
    with pytest.raises(EscsimError, match="no runs"):
        load_results(empty).require_runs()
    with pytest.raises(EscsimError, match="not a parameter of the sweep"):
        compare([sweeps["grid"]], by="rules.nothing")
    with pytest.raises(EscsimError, match="only one group"):
        compare([sweeps["grid"]])


def test_cli_summary_json_csv_and_table(sweeps, capsys):
    status, out, err = cli(capsys, "summary", str(sweeps["two"]), "--json")
    assert status == 0, err
    data = json.loads(out)
    assert set(data) == {"outcomes", "thresholds", "events", "counts"}
    assert sum(r["count"] for r in data["outcomes"]) == 80
    status, out, _ = cli(capsys, "summary", str(sweeps["two"]), "--csv")
    assert status == 0 and out.startswith("# outcomes\n") and "# events\n" in out
    status, out, _ = cli(capsys, "summary", str(sweeps["two"]))
    assert status == 0 and "Wilson" in out
    # outcomes are headed by their registry names; outcomes nobody reached are left out
    header = next(line for line in out.splitlines() if "scenario" in line and "runs" in line)
    cells = [c.strip() for c in header.strip("┃ ").split("┃")]
    seen = [o for o in OUTCOME_NAMES if o in set(_runs(sweeps["two"])["outcome"])]
    assert cells == ["scenario", "runs", *(OUTCOME_BY_NAME[o].short for o in seen), "failed"]
    # counted events are rows of the events table, one column per scenario
    assert all(f"\n│ {event.replace('_', ' ')} " in out for event in COUNTS)


def test_cli_compare_writes_figure_and_table(sweeps, tmp_path, capsys):
    out = tmp_path / "cmp.png"
    status, _, err = cli(capsys, "compare", str(sweeps["two"]), "--out", str(out))
    assert status == 0, err
    assert out.exists() and out.with_suffix(".svg").exists()
    table = pd.read_csv(out.with_suffix(".csv"))
    assert set(table["outcome"]) == set(OUTCOME_NAMES)


@pytest.mark.parametrize(
    "args",
    [
        ("summary", "{missing}"),
        ("summary", "{plain}"),
        ("summary", "{empty}"),
        ("compare", "{grid}", "--by", "rules.nothing"),
        ("plot", "{grid}", "--kind", "pie"),
        ("plot", "{two}", "--kind", "war", "--measure", "morale"),
        ("plot", "{two}", "--kind", "survival", "--threshold", "doom"),
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
        "two": sweeps["two"],
    }
    status, _, err = cli(capsys, *(a.format(**names) for a in args))
    assert status == 2
    assert err.startswith("error: ") and err.count("\n") == 1
    assert "allowed" in err


@pytest.mark.slow
def test_cli_bad_input_in_a_real_process(tmp_path):
    result = run_process("summary", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and "no manifest.json" in result.stderr
    assert "Traceback" not in result.stderr
