"""Each plot kind drawn from a small real sweep, with checks on the data drawn."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sim.analysis import (
    indicator_auc,
    indicator_table,
    kaplan_meier,
    prim_box,
    read_results,
    sensitivity,
    sobol_indices,
)
from sim.analysis.figures import OUTCOME_COLORS, save
from sim.analysis.plots import KINDS, plot
from sim.analysis.stats import auc_delong
from sim.errors import EscsimError
from tests.analysis_helpers import cli, grid_sweep, sobol_sweep, two_scenario_sweep


@pytest.fixture(scope="module")
def sweeps(tmp_path_factory):
    folder = tmp_path_factory.mktemp("plots")
    return {
        "two": two_scenario_sweep(folder),
        "grid": grid_sweep(folder),
        "sobol": sobol_sweep(folder),
    }


def _levels(folder, dyad="RUS-NATO", scenario="short_base"):
    """The dyad's level matrix (runs x steps), read straight from the parquet files."""
    runs = pd.read_parquet(folder / "runs.parquet")
    ids = runs.loc[runs["scenario"] == scenario, "run_id"]
    paths = pd.read_parquet(folder / "paths.parquet")
    paths = paths[(paths["kind"] == "dyad") & (paths["entity"] == dyad)]
    paths = paths[paths["run_id"].isin(ids)]
    return paths.pivot(index="run_id", columns="step", values="level").to_numpy(float)


def test_fan_chart_draws_the_median_and_bands(sweeps):
    fig, table = plot(sweeps["two"], "fan")
    matrix = _levels(sweeps["two"])
    expected = np.quantile(matrix, 0.5, axis=0, method="inverted_cdf")
    part = table[table["dyad"] == "RUS-NATO"]
    np.testing.assert_array_equal(part["median"].to_numpy(), expected)
    ax = fig.axes[[a.get_title() for a in fig.axes].index("RUS-NATO")]
    (line,) = ax.lines
    np.testing.assert_array_equal(line.get_ydata(), expected)
    assert len(ax.collections) == 2  # 50% and 90% bands
    assert (part["q05"] <= part["q25"]).all() and (part["q75"] <= part["q95"]).all()
    assert "weeks" in ax.get_xlabel()
    assert any("Grey zone" in t.get_text() for t in fig.axes[0].get_yticklabels())
    save(fig, sweeps["two"] / "fan.png")


def test_heatmap_shares_sum_to_one_per_step(sweeps):
    fig, _ = plot(sweeps["two"], "heatmap")
    drawn = np.asarray(fig.axes[0].images[0].get_array())
    np.testing.assert_allclose(drawn.sum(axis=0), 1.0)
    matrix = _levels(sweeps["two"])
    step = matrix.shape[1] - 1
    for rung in range(drawn.shape[0]):
        assert drawn[rung, step] == pytest.approx((matrix[:, step] == rung).mean())


def test_survival_curves_are_kaplan_meier(sweeps):
    fig, table = plot(sweeps["two"], "survival", threshold="nato_incident")
    runs = pd.read_parquet(sweeps["two"] / "runs.parquet")
    base = runs[runs["scenario"] == "short_base"]
    crossed = base["first:nato_incident"].notna()
    curve = kaplan_meier(base["first:nato_incident"].where(crossed, base["steps"]), crossed)
    line = fig.axes[0].lines[0]
    np.testing.assert_allclose(line.get_ydata(), curve["survival"])
    assert line.get_label() == "short_base"
    assert set(table["scenario"]) == {"short_base", "short_noisy"}


def test_paths_coloured_by_outcome(sweeps):
    fig, table = plot(sweeps["two"], "paths")
    runs = pd.read_parquet(sweeps["two"] / "runs.parquet").set_index("run_id")
    lines = fig.axes[0].lines
    assert len(lines) == table["run_id"].nunique()
    for line, (run_id, _) in zip(lines, table.groupby("run_id", sort=False), strict=True):
        assert line.get_color() == OUTCOME_COLORS[runs.loc[run_id, "outcome"]]


def test_transitions_table_and_bars(sweeps):
    fig, table = plot(sweeps["two"], "transitions")
    assert (table.groupby("outcome")["share"].sum() <= 1 + 1e-9).all()
    bars = [p.get_width() for p in fig.axes[0].patches]
    np.testing.assert_allclose(bars, table["share"])
    assert all(p.split(" → ")[-1] for p in table["path"])


def test_sensitivity_logistic_for_grid_and_prim_box(sweeps):
    method, effects = sensitivity(sweeps["grid"], "frozen_conflict")
    assert method == "logistic"
    assert set(effects["parameter"]) == {
        "rules.signalling.misperception",
        "actors.RUS.attributes.risk_tolerance",
    }
    results = read_results(sweeps["two"])
    with pytest.raises(EscsimError, match="sweeps no numeric parameter"):
        sensitivity(results, "frozen_conflict", "short_base")
    box, stats = prim_box(sweeps["grid"], "frozen_conflict", threshold=0.5)
    runs = pd.read_parquet(sweeps["grid"] / "runs.parquet")
    inside = np.ones(len(runs), bool)
    for row in box.itertuples():
        values = runs[f"param:{row.parameter}"]
        inside &= (values >= row.low) & (values <= row.high)
    y = runs["outcome"] == "frozen_conflict"
    assert stats["density"] == pytest.approx(y[inside].mean())
    assert stats["coverage"] == pytest.approx(y[inside].sum() / y.sum())
    fig, _ = plot(sweeps["grid"], "sensitivity", outcome="frozen_conflict")
    assert len(fig.axes) == 2


def test_sobol_indices_match_salib(sweeps):
    from SALib.analyze import sobol

    table = sobol_indices(sweeps["sobol"], "frozen_conflict")
    runs = pd.read_parquet(sweeps["sobol"] / "runs.parquet")
    y = (runs["outcome"] == "frozen_conflict").groupby(runs["point"]).mean().to_numpy()
    problem = {
        "num_vars": 2,
        "names": ["rules.signalling.misperception", "actors.RUS.attributes.risk_tolerance"],
        "bounds": [[0.0, 0.5], [0.1, 0.9]],
    }
    ref = sobol.analyze(problem, y, calc_second_order=True, seed=0)
    np.testing.assert_allclose(table["S1"], ref["S1"])
    np.testing.assert_allclose(table["ST"], ref["ST"])
    method, _ = sensitivity(sweeps["sobol"], "frozen_conflict")
    assert method == "sobol"
    with pytest.raises(EscsimError, match="allowed: a Sobol design"):
        sobol_indices(sweeps["grid"], "frozen_conflict")


def test_indicators_counted_from_events_and_auc(sweeps):
    window = 5
    table = indicator_table(sweeps["two"], window)
    events = pd.read_parquet(sweeps["two"] / "events.parquet")
    run = int(table["run_id"].iloc[3])
    mine = events[(events["run_id"] == run) & events["step"].between(1, window)]
    drills = mine[(mine["kind"] == "action") & (mine["to_rung"] == "Exercises and shows of force")]
    row = table.set_index("run_id").loc[run]
    assert row["exercise_intensity"] == len(drills)
    assert row["exercise_frequency"] == drills["step"].nunique()
    assert row["rhetoric"] == (mine["kind"] == "warning").sum()
    assert row["diplomatic_initiatives"] == (mine["kind"] == "peace_offer").sum()
    auc = indicator_auc(sweeps["two"], window, "nato_incident")
    runs = pd.read_parquet(sweeps["two"] / "runs.parquet").set_index("run_id")
    base = table[table["scenario"] == "short_base"].set_index("run_id")
    first = runs.loc[base.index, "first:nato_incident"]
    keep = ~(first <= window)
    expected = auc_delong(base.loc[keep, "rhetoric"], first[keep].notna())
    got = auc[(auc["scenario"] == "short_base") & (auc["indicator"] == "rhetoric")].iloc[0]
    assert got["auc"] == pytest.approx(expected.auc, nan_ok=True)
    fig, _ = plot(sweeps["two"], "indicators", window=window)
    assert "AUC" in fig.axes[0].get_xlabel()


def test_every_kind_saves_png_and_svg(sweeps, tmp_path):
    for kind in KINDS:
        folder = sweeps["grid"] if kind == "sensitivity" else sweeps["two"]
        fig, _ = plot(folder, kind, outcome="frozen_conflict")
        written = save(fig, tmp_path / f"{kind}.png")
        assert all(p.stat().st_size > 1000 for p in written)
        assert written[1].read_text().lstrip().startswith("<?xml")


def test_cli_plot(sweeps, tmp_path, capsys):
    status, _, err = cli(
        capsys, "plot", str(sweeps["two"]), "--kind", "heatmap", "--out", str(tmp_path / "h")
    )
    assert status == 0, err
    assert (tmp_path / "h.png").exists() and (tmp_path / "h.svg").exists()
    assert (tmp_path / "h.csv").exists()
    status, _, err = cli(capsys, "plot", str(sweeps["two"]), "--kind", "paths", "--dyad", "XXX")
    assert status == 2 and "not a key dyad" in err
