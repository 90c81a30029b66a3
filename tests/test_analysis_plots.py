"""Each plot kind drawn from a small real v2 sweep, with the data drawn recomputed from the
parquet files."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from sim.analysis import (
    aid_shares,
    indicator_auc,
    indicator_table,
    kaplan_meier,
    prim_box,
    sensitivity,
    sobol_indices,
    war_fan,
)
from sim.analysis.figures import save
from sim.analysis.figures.outcomes import SEVERE
from sim.analysis.plots import KINDS, plot
from sim.analysis.stats import auc_delong, wilson
from sim.analysis.survival import survival_medians
from sim.batch import run_sweep
from sim.concepts.channels import AID, CONDUCT, NUCLEAR_SIGNAL
from sim.errors import EscsimError
from sim.ladder import DEFAULT_LADDER
from sim.outcomes import OUTCOME_BY_NAME
from sim.store.results import load_results
from tests.analysis_helpers import cli, shared_sweeps, short_scenario, sobol_sweep


@pytest.fixture(scope="module")
def sweeps(tmp_path_factory):
    return shared_sweeps(tmp_path_factory)


def _runs(folder) -> pd.DataFrame:
    return pd.read_parquet(folder / "runs.parquet").set_index("run_id")


def _paths(folder, kind, entity, column, scenario="short_base") -> np.ndarray:
    """runs x steps of one measure of one entity, read straight from the parquet files."""
    runs = _runs(folder)
    paths = pd.read_parquet(folder / "paths.parquet")
    paths = paths[(paths["kind"] == kind) & (paths["entity"] == entity)]
    paths = paths[paths["run_id"].isin(runs.index[runs["scenario"] == scenario])]
    return paths.pivot(index="run_id", columns="step", values=column).to_numpy(float)


def test_outcomes_figure_stacks_shares_by_severity(sweeps):
    fig, table = plot(sweeps["two"], "outcomes")
    runs = _runs(sweeps["two"])
    tense = runs[runs["scenario"] == "short_tense"]["outcome"]
    ax = fig.axes[0]
    # one bar segment per outcome reached, in the outcome's colour, as wide as its share,
    # from the least to the most severe
    seen = [
        o
        for o in table["outcome"].unique()
        if (table.loc[table["outcome"] == o, "count"] > 0).any()
    ]
    bars = {to_hex(c.patches[0].get_facecolor()): c for c in ax.containers}
    assert set(bars) == {OUTCOME_BY_NAME[o].colour for o in seen}
    severities = [OUTCOME_BY_NAME[o].severity for o in seen]
    assert severities == sorted(severities)
    for outcome in seen:
        widths = [p.get_width() for p in bars[OUTCOME_BY_NAME[outcome].colour].patches]
        assert widths[1] == pytest.approx((tense == outcome).mean())  # short_tense: 2nd bar
    # the severe share written at the right is the count of severe outcomes with its interval
    severe = tense.map(lambda o: OUTCOME_BY_NAME[o].severity >= SEVERE).sum()
    low, high = wilson(severe, len(tense))
    text = f"{severe / len(tense):.1%} [{float(low):.1%}, {float(high):.1%}]"
    assert text in [t.get_text() for t in ax.texts]


def test_fan_chart_draws_the_median_and_bands(sweeps):
    fig, table = plot(sweeps["two"], "fan")
    matrix = _paths(sweeps["two"], "dyad", "RUS-NATO", "level")
    expected = np.quantile(matrix, 0.5, axis=0, method="inverted_cdf")
    part = table[table["dyad"] == "RUS-NATO"]
    np.testing.assert_array_equal(part["median"].to_numpy(), expected)
    ax = fig.axes[[a.get_title() for a in fig.axes].index("RUS-NATO")]
    (line,) = ax.lines
    np.testing.assert_array_equal(line.get_ydata(), expected)
    assert len(ax.collections) == 2  # 50% and 90% bands
    assert (part["q05"] <= part["q25"]).all() and (part["q75"] <= part["q95"]).all()
    assert "weeks" in ax.get_xlabel()
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert f"{DEFAULT_LADDER.name(int(expected[-1]))} ({int(expected[-1])})" in ticks


def test_heatmap_shares_sum_to_one_per_step(sweeps):
    fig, _ = plot(sweeps["two"], "heatmap")
    drawn = np.asarray(fig.axes[0].images[0].get_array())
    assert drawn.shape[0] == len(DEFAULT_LADDER)
    np.testing.assert_allclose(drawn.sum(axis=0), 1.0)
    matrix = _paths(sweeps["two"], "dyad", "RUS-NATO", "level")
    step = matrix.shape[1] - 1
    for rung in range(drawn.shape[0]):
        assert drawn[rung, step] == pytest.approx((matrix[:, step] == rung).mean())


def test_survival_curves_are_kaplan_meier_on_first_passages(sweeps):
    fig, table = plot(sweeps["two"], "survival", threshold="ceasefire")
    runs = _runs(sweeps["two"])
    tense = runs[runs["scenario"] == "short_tense"]
    crossed = tense["first:ceasefire"].notna()
    assert 0 < crossed.sum() < len(tense)  # events and censored runs both present
    curve = kaplan_meier(tense["first:ceasefire"].where(crossed, tense["steps"]), crossed)
    lines = {line.get_label(): line for line in fig.axes[0].lines}
    np.testing.assert_allclose(lines["short_tense"].get_ydata(), curve["survival"])
    # the base scenario has no ceasefire: its curve stays at 1, every run censored at the end
    base = table[table["group"] == "short_base"]
    assert (base["survival"] == 1).all() and base["censored"].sum() == 40
    # the Kaplan-Meier median is the first time half the runs have crossed (no censoring
    # before it here, so it is the empirical median of the crossing steps among all runs)
    median = survival_medians(table)["short_tense"]
    steps = tense["first:ceasefire"].fillna(np.inf).sort_values().to_numpy()
    assert median == steps[int(np.ceil(len(steps) / 2)) - 1]


def test_survival_and_outcomes_by_a_swept_parameter(sweeps):
    parameter = "rules.diplomacy.offer_rate"
    fig, table = plot(sweeps["grid"], "survival", threshold="ceasefire", by=parameter)
    runs = _runs(sweeps["grid"])
    assert list(dict.fromkeys(table["group"])) == ["offer_rate=0", "offer_rate=0.1"]
    offers = runs[runs[f"param:{parameter}"] == 0.1]
    crossed = offers["first:ceasefire"].notna()
    curve = kaplan_meier(offers["first:ceasefire"].where(crossed, offers["steps"]), crossed)
    lines = {line.get_label(): line for line in fig.axes[0].lines}
    np.testing.assert_allclose(lines["offer_rate=0.1"].get_ydata(), curve["survival"])
    _, shares = plot(sweeps["grid"], "outcomes", by=parameter)
    part = shares[shares["group"] == "offer_rate=0.1"].set_index("outcome")
    for outcome, share in offers["outcome"].value_counts(normalize=True).items():
        assert part.loc[outcome, "share"] == pytest.approx(share)


def test_paths_coloured_by_outcome(sweeps):
    fig, table = plot(sweeps["two"], "paths", scenario="short_tense")
    runs = _runs(sweeps["two"])
    lines = fig.axes[0].lines
    assert len(lines) == table["run_id"].nunique()
    for line, (run_id, _) in zip(lines, table.groupby("run_id", sort=False), strict=True):
        assert line.get_color() == OUTCOME_BY_NAME[runs.loc[run_id, "outcome"]].colour


def test_transitions_table_and_bars(sweeps):
    fig, table = plot(sweeps["two"], "transitions", scenario="short_tense")
    assert (table.groupby("outcome")["share"].sum() <= 1 + 1e-9).all()
    bars = [p.get_width() for p in fig.axes[0].patches]
    np.testing.assert_allclose(bars, table["share"])
    names = {r.name for r in DEFAULT_LADDER.rungs}
    assert all(set(p.split(" → ")) <= names for p in table["path"])


def test_war_fan_is_quantiles_of_the_front(sweeps):
    table = war_fan(sweeps["two"])
    matrix = _paths(sweeps["two"], "war", "RUS-UKR", "front", "short_tense")
    part = table[table["scenario"] == "short_tense"]
    np.testing.assert_allclose(part["median"], np.median(matrix, axis=0))
    np.testing.assert_allclose(part["q95"], np.quantile(matrix, 0.95, axis=0))
    assert set(table["scenario"]) == {"short_base", "short_tense"}
    fig, _ = plot(sweeps["two"], "war", measure="materiel", scenario="short_base")
    assert "materiel" in fig.axes[0].get_ylabel().lower()
    with pytest.raises(EscsimError, match=r"allowed: .*front"):
        war_fan(sweeps["two"], "morale")


def test_aid_shares_per_supplier_sum_to_one(sweeps):
    table = aid_shares(sweeps["two"], "short_base")
    totals = table.groupby(["actor", "step"])["share"].sum()
    np.testing.assert_allclose(totals, 1.0)
    assert "RUS" not in set(table["actor"]) and "UKR" not in set(table["actor"])
    matrix = _paths(sweeps["two"], "actor", "USA", "aid")
    usa = table[(table["actor"] == "USA") & (table["aid"] == AID.levels[-1].id)]
    np.testing.assert_allclose(usa["share"], (matrix == len(AID.levels) - 1).mean(axis=0))
    fig, _ = plot(sweeps["two"], "aid")
    titles = [ax.get_title() for ax in fig.axes if ax.get_visible()]
    assert "United States" in titles and "Austria" in titles


@pytest.mark.slow
def test_sensitivity_logistic_for_grid_and_prim_box(sweeps):
    method, effects = sensitivity(sweeps["grid"], "war_continues")
    assert method == "logistic"
    effects = effects.set_index("parameter")
    assert set(effects.index) == {
        "rules.diplomacy.offer_rate",
        "rules.alliances.fracture_threshold",
    }
    # a parameter with two equally used values: the fitted odds ratio is the 2 x 2 table's,
    # per standard deviation (half the distance between the values)
    runs = pd.read_parquet(sweeps["grid"] / "runs.parquet")
    x = runs["param:rules.alliances.fracture_threshold"]
    y = runs["outcome"] == "war_continues"
    (k0, n0), (k1, n1) = [(y[x == v].sum(), (x == v).sum()) for v in sorted(x.unique())]
    estimate = effects.loc["rules.alliances.fracture_threshold", "odds_ratio_per_sd"]
    if 0 < k0 < n0 and 0 < k1 < n1:
        log_or = np.log(k1 / (n1 - k1)) - np.log(k0 / (n0 - k0))
        assert estimate == pytest.approx(np.exp(log_or / 2), rel=1e-4)
    else:
        assert np.isnan(estimate)
    results = load_results(sweeps["two"])
    with pytest.raises(EscsimError, match="sweeps no numeric parameter"):
        sensitivity(results, "ceasefire", "short_base")
    box, stats = prim_box(sweeps["grid"], "ceasefire", threshold=0.5)
    runs = pd.read_parquet(sweeps["grid"] / "runs.parquet")
    inside = np.ones(len(runs), bool)
    for row in box.itertuples():
        values = runs[f"param:{row.parameter}"]
        inside &= (values >= row.low) & (values <= row.high)
    y = runs["outcome"] == "ceasefire"
    assert stats["density"] == pytest.approx(y[inside].mean())
    assert stats["coverage"] == pytest.approx(y[inside].sum() / y.sum())
    assert stats["density"] > stats["base_rate"]
    fig, _ = plot(sweeps["grid"], "sensitivity", outcome="ceasefire")
    assert len(fig.axes) == 2


@pytest.mark.slow
def test_sobol_indices_match_salib(sweeps):
    from SALib.analyze import sobol

    folder = sobol_sweep(sweeps["root"])
    table = sobol_indices(folder, "ceasefire")
    runs = pd.read_parquet(folder / "runs.parquet")
    y = (runs["outcome"] == "ceasefire").groupby(runs["point"]).mean().to_numpy()
    problem = {
        "num_vars": 2,
        "names": ["rules.diplomacy.offer_rate", "rules.alliances.fracture_threshold"],
        "bounds": [[0.0, 0.2], [0.3, 0.65]],
    }
    ref = sobol.analyze(problem, y, calc_second_order=True, seed=1)
    for column in ("S1", "S1_conf", "ST", "ST_conf"):
        np.testing.assert_allclose(table[column], ref[column])
    # the bootstrap intervals are seeded: the same sweep gives the same intervals
    pd.testing.assert_frame_equal(sobol_indices(folder, "ceasefire"), table)
    method, _ = sensitivity(folder, "ceasefire")
    assert method == "sobol"
    with pytest.raises(EscsimError, match="allowed: a Sobol design"):
        sobol_indices(sweeps["grid"], "ceasefire")


def _label(channel, level_id: str) -> str:
    return channel.levels[channel.index(level_id)].label


def test_indicators_counted_from_v2_events(sweeps):
    window = 12
    table = indicator_table(sweeps["two"], window).set_index("run_id")
    events = pd.read_parquet(sweeps["two"] / "events.parquet")
    early = events[events["step"].between(1, window)]
    action = (early["kind"] == "action") & (early["channel"] == "conduct")
    drills = early[
        action
        & (
            ((early["to_rung"] == _label(CONDUCT, "exercises")) & (early["move"] >= 0))
            | ((early["cause"] == "scheduled") & (early["move"] == 0))
        )
    ]
    threats = early[
        (early["kind"] == "nuclear_signal") & (early["to_rung"] == _label(NUCLEAR_SIGNAL, "threat"))
    ]
    expected = (
        pd.DataFrame(
            {
                "exercise_intensity": drills.groupby("run_id").size(),
                "exercise_frequency": drills.groupby("run_id")["step"].nunique(),
                "rhetoric": early[early["kind"] == "warning"]
                .groupby("run_id")
                .size()
                .add(threats.groupby("run_id").size(), fill_value=0),
                "aid_shifts": early[early["kind"] == "aid"].groupby("run_id").size(),
                "diplomatic_initiatives": early[early["kind"] == "peace_offer"]
                .groupby("run_id")
                .size(),
            }
        )
        .reindex(table.index)
        .fillna(0)
    )
    pd.testing.assert_frame_equal(
        table[expected.columns].astype(float), expected.astype(float), check_names=False
    )
    for column in expected.columns:  # every indicator sees something in these runs
        assert table[column].sum() > 0, column


def test_scheduled_drills_count_as_exercises(sweeps):
    # the baseline's timeline has NATO drills on the northern flank in week 10: a window that
    # takes that week in counts each of those shows of force
    before = indicator_table(sweeps["two"], 9).set_index("run_id")
    after = indicator_table(sweeps["two"], 10).set_index("run_id")
    events = pd.read_parquet(sweeps["two"] / "events.parquet")
    shows = events[
        (events["step"] == 10) & (events["cause"] == "scheduled") & (events["kind"] == "action")
    ]
    assert len(shows) > 0
    gained = after["exercise_intensity"] - before["exercise_intensity"]
    assert (gained >= shows.groupby("run_id").size().reindex(gained.index, fill_value=0)).all()


def test_indicator_auc_scores_later_crossings(sweeps):
    window, threshold = 4, "ceasefire"
    auc = indicator_auc(sweeps["two"], window, threshold)
    table = indicator_table(sweeps["two"], window)
    runs = _runs(sweeps["two"])
    tense = table[table["scenario"] == "short_tense"].set_index("run_id")
    first = runs.loc[tense.index, "first:ceasefire"]
    keep = ~(first <= window)
    expected = auc_delong(tense.loc[keep, "diplomatic_initiatives"], first[keep].notna())
    got = auc[(auc["scenario"] == "short_tense") & (auc["indicator"] == "diplomatic_initiatives")]
    got = got.iloc[0]
    assert got["auc"] == pytest.approx(expected.auc)
    assert (got["later"], got["never"]) == (first[keep].notna().sum(), first.isna().sum())
    assert got["excluded"] == (first <= window).sum()
    fig, drawn = plot(sweeps["two"], "indicators", window=window, threshold=threshold)
    assert "AUC" in fig.axes[0].get_xlabel()
    assert set(drawn["scenario"]) == {"short_base", "short_tense"}


@pytest.mark.slow
def test_every_kind_saves_png_and_svg(sweeps, tmp_path):
    for kind in KINDS:
        folder = sweeps["grid"] if kind == "sensitivity" else sweeps["two"]
        fig, _ = plot(folder, kind, outcome="ceasefire")
        written = save(fig, tmp_path / f"{kind}.png")
        assert all(p.stat().st_size > 1000 for p in written)
        assert written[1].read_text().lstrip().startswith("<?xml")


def test_saved_figures_are_reproducible(sweeps, tmp_path):
    # the same results give byte-identical files, so regenerated docs figures only change
    # when the results do
    written = [save(plot(sweeps["two"], "war")[0], tmp_path / f"w{k}.png") for k in range(2)]
    for first, second in zip(*written, strict=True):
        assert first.read_bytes() == second.read_bytes()


def test_cli_plot(sweeps, tmp_path, capsys):
    status, _, err = cli(
        capsys, "plot", str(sweeps["two"]), "--kind", "heatmap", "--out", str(tmp_path / "h")
    )
    assert status == 0, err
    assert (tmp_path / "h.png").exists() and (tmp_path / "h.svg").exists()
    assert (tmp_path / "h.csv").exists()
    status, _, err = cli(
        capsys, "plot", str(sweeps["two"]), "--kind", "war", "--out", str(tmp_path / "w")
    )
    assert status == 0, err
    assert pd.read_csv(tmp_path / "w.csv")["measure"].unique().tolist() == ["front"]
    status, _, err = cli(capsys, "plot", str(sweeps["two"]), "--kind", "paths", "--dyad", "XXX")
    assert status == 2 and "not a key dyad" in err


def test_path_figures_need_recorded_paths(tmp_path):
    scenario = short_scenario(tmp_path, "tiny", steps=4)
    folder = tmp_path / "summary_only"
    run_sweep([scenario], replicates=2, workers=1, out=folder, record="summary", seed=1)
    for kind in ("fan", "war", "aid", "indicators"):
        with pytest.raises(EscsimError, match="--record paths or full"):
            plot(folder, kind)
    _, table = plot(folder, "outcomes")  # the runs table is enough for the outcome mix
    assert table["runs"].max() == 2
