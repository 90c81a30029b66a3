"""Analysis reads the ladder of the scenario that ran, from the results manifest, never the
built-in default: a sweep on a ladder of its own (renamed rungs, one more rung) is labelled
with that ladder's names and levels."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from sim.analysis import indicator_table, occupancy, transition_paths
from sim.analysis.plots import plot
from sim.errors import EscsimError
from sim.ladder import DEFAULT_LADDER
from sim.store.results import load_results
from tests.analysis_helpers import CUSTOM_LADDER, ladder_sweep

CUSTOM_NAMES = {r["level"]: r["name"] for r in CUSTOM_LADDER}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return ladder_sweep(tmp_path_factory.mktemp("ladder"))


def test_the_ladder_comes_from_the_manifest(folder):
    ladder = load_results(folder).ladder("own_ladder")
    assert len(ladder) == len(DEFAULT_LADDER) + 1
    assert [r.name for r in ladder.rungs] == [CUSTOM_NAMES[k] for k in range(len(ladder))]
    assert load_results(folder).scenario("own_ladder").run.steps == 16


def test_rung_labels_and_heatmap_rows_use_the_scenarios_ladder(folder):
    fig, table = plot(folder, "heatmap")
    assert list(table.index) == list(range(len(CUSTOM_LADDER)))
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert ticks == [f"{CUSTOM_NAMES[k]} ({k})" for k in range(len(CUSTOM_LADDER))]
    # the model reports on the same ladder: grey-zone acts sit one rung higher than by default
    grey = DEFAULT_LADDER.level_of("grey_zone") + 1
    occ = occupancy(folder, "RUS-NATO")
    assert occ.loc[grey].max() > 0.5 and occ.loc[grey - 1].max() == 0
    fig, _ = plot(folder, "fan")
    names = {t.get_text() for ax in fig.axes for t in ax.get_yticklabels()}
    assert f"{CUSTOM_NAMES[grey]} ({grey})" in names
    assert not names & {f"{r.name} ({r.level})" for r in DEFAULT_LADDER.rungs}


def test_transition_paths_name_the_scenarios_rungs(folder):
    table = transition_paths(folder, "RUS-NATO")
    rungs = {rung for path in table["path"] for rung in path.split(" → ")}
    assert rungs and rungs <= set(CUSTOM_NAMES.values())
    for path, levels in zip(table["path"], table["levels"], strict=True):
        assert path.split(" → ") == [CUSTOM_NAMES[v] for v in levels]


def test_indicators_do_not_depend_on_the_ladder(folder):
    # events name channel levels, so drills are counted on any ladder; the baseline's NATO
    # drills of week 10 are in every run
    table = indicator_table(folder, 12)
    assert (table["exercise_intensity"] > 0).all()
    events = pd.read_parquet(folder / "events.parquet")
    assert not set(events["to_rung"]) & set(CUSTOM_NAMES.values())


def test_a_manifest_without_scenario_text_is_a_clear_error(folder, tmp_path):
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "runs.parquet").symlink_to(folder / "runs.parquet")
    (copy / "paths.parquet").symlink_to(folder / "paths.parquet")
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["scenarios"][0].pop("text")
    (copy / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(EscsimError, match="has no 'text'"):
        plot(copy, "heatmap")
    manifest["scenarios"][0]["text"] = "name: own_ladder\nactors: 3\n"
    (copy / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(EscsimError, match="not a scenario of this version"):
        plot(copy, "heatmap")
    manifest["scenarios"] = []
    (copy / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(EscsimError, match="no scenario 'own_ladder'"):
        load_results(copy).ladder("own_ladder")
