"""escsim sweep --paired: replicate k of every scenario and design point draws from the same
seed, the manifest says so, and escsim compare reads the pairs (McNemar, paired risk
differences, and how much narrower they are than with independent seeds)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from sim.analysis.pairing import binary_differences, is_paired, paired_comparison
from sim.batch import plan_sweep, run_sweep
from sim.batch.seeds import run_seed
from sim.commands.app import console
from sim.commands.branch import paired_records, print_paired_comparison
from sim.errors import EscsimError
from tests.conftest import BASELINE, SCENARIOS, run_cli

SURGE = SCENARIOS / "aid_surge_redline.yaml"
REPLICATES = 60


@pytest.fixture(scope="module")
def paired(tmp_path_factory):
    out = tmp_path_factory.mktemp("paired") / "sweep"
    result = run_cli(
        "sweep", str(BASELINE), str(SURGE), "--paired", "--replicates", str(REPLICATES),
        "--workers", "1", "--record", "summary", "--out", str(out), "--quiet",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return out


def test_replicate_k_has_the_same_seed_in_every_scenario(paired):
    runs = pd.read_parquet(paired / "runs.parquet").sort_values("run_id")
    by = {name: part.set_index("replicate")["seed"] for name, part in runs.groupby("scenario")}
    pd.testing.assert_series_equal(by["baseline"], by["aid_surge_redline"], check_names=False)
    assert by["baseline"].nunique() == REPLICATES
    assert by["baseline"].tolist() == [run_seed(1, k) for k in range(REPLICATES)]
    manifest = json.loads((paired / "manifest.json").read_text())
    assert manifest["design"]["paired"] is True and is_paired(paired)


def test_unpaired_sweeps_keep_their_seeds_and_fingerprint():
    sources = [BASELINE, SURGE]
    plain = plan_sweep(sources, replicates=3)
    assert [r.seed for r in plain.runs()] == [run_seed(1, i) for i in range(6)]
    assert "paired" not in plain.describe()
    paired = plan_sweep(sources, replicates=3, paired=True)
    assert [r.seed for r in paired.runs()] == [run_seed(1, i % 3) for i in range(6)]
    assert paired.fingerprint() != plain.fingerprint()  # a resume cannot mix the two


@pytest.mark.parametrize(
    ("sources", "replicates", "message"),
    [
        ([BASELINE], 3, "--paired: one scenario"),
        ([BASELINE, SURGE], None, "allowed: scenarios with the same number"),
    ],
)
def test_scenarios_that_cannot_be_paired_are_refused(tmp_scenario, sources, replicates, message):
    if replicates is None:
        other = tmp_scenario(f"extends: {SURGE}\nname: few\nrun: {{replicates: 7}}\n")
        sources = [BASELINE, other]
    with pytest.raises(EscsimError) as error:
        plan_sweep(sources, replicates=replicates, paired=True)
    assert message in error.value.render(lambda p: f"--{p}")


def test_paired_comparison_pairs_by_point_and_replicate(paired):
    table = paired_comparison(paired)
    assert set(table["group"]) == {"aid_surge_redline"} and set(table["reference"]) == {"baseline"}
    assert (table["pairs"] == REPLICATES).all()
    crossed = table.set_index("name").loc["red_line_crossed"]
    assert crossed["share"] > 0.9 and crossed["reference_share"] == 0
    assert crossed["low"] > 0 and crossed["p_value"] < 1e-6
    assert ((table["low"] <= table["difference"]) & (table["difference"] <= table["high"])).all()


def test_pairing_narrows_the_interval_of_a_result_both_arms_share():
    """Common random numbers: where the change moves a result in few pairs, the pairs move
    together and the paired variance is a fraction of the unpaired one; where one arm never
    reaches it, the pairs share nothing and pairing cannot help (a ratio of one)."""
    a = pd.DataFrame(
        {"outcome": ["war_continues"] * 16, "first:nuclear_signal": [1] * 12 + [None] * 4}
    )
    b = a.copy()
    b.loc[0, "first:nuclear_signal"] = None  # one discordant pair in sixteen
    row = binary_differences(a, b).set_index("name").loc["nuclear_signal"]
    assert row["discordant"] == 1 and row["difference"] == pytest.approx(-1 / 16)
    unpaired = (12 / 16 * 4 / 16 + 11 / 16 * 5 / 16) / 16
    paired = (1 / 16 - 1 / 16**2) / 16
    assert row["variance_ratio"] == pytest.approx(unpaired / paired)
    assert row["variance_ratio"] > 4
    a["first:nuclear_signal"] = None  # never crossed without the change: nothing to share
    row = binary_differences(a, b).set_index("name").loc["nuclear_signal"]
    assert row["discordant"] == 11 and row["variance_ratio"] == pytest.approx(1.0)


def test_compare_shows_the_paired_table(paired, tmp_path):
    width = console._width
    console.width = 200
    try:
        with console.capture() as captured:
            print_paired_comparison([paired])
    finally:
        console._width = width
    text = captured.get()
    assert "Paired risk differences against baseline" in text
    assert "crossed: red line" in text and "variance vs" in text
    records = paired_records([paired])
    assert list(records) == [str(paired)] and records[str(paired)][0]["pairs"] == REPLICATES


def test_an_unpaired_folder_is_not_read_as_pairs(tmp_path):
    out = tmp_path / "plain"
    run_sweep([BASELINE, SURGE], replicates=2, workers=1, record="summary", out=out)
    assert not is_paired(out) and paired_records([out]) is None
    with pytest.raises(EscsimError, match="not a paired sweep"):
        paired_comparison(out)
