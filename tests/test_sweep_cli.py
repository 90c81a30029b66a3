"""escsim sweep from the command line: bad specs, limits, progress and the results line.
(Kills, signals and resumes: tests/test_faults.py.)"""

from __future__ import annotations

import pytest

from sim.batch import load_results, run_sweep
from tests.conftest import run_cli, run_process, write_yaml
from tests.sweep_helpers import short_scenario

BAD_OPTIONS = {
    "unknown path": (["--param", "rules.signalling.nope=0:1"], "unknown parameter path"),
    "unknown actor": (["--param", "actors.XYZ.risk_tolerance=0,1"], "ids RUS, UKR"),
    "section not value": (["--param", "rules.signalling=0:1"], "names a section"),
    "empty range": (["--param", "rules.signalling.noise=0.1:0.1"], "empty range"),
    "empty values": (["--param", "rules.signalling.noise="], "empty range"),
    "low above high": (["--param", "rules.signalling.noise=0.3:0.1"], "low > high"),
    "non-numeric low": (["--param", "rules.signalling.noise=abc:0.1"], "is not a number"),
    "range on text": (["--param", "actors.RUS.doctrine.strategy=0:1"], "numeric field"),
    "out of bounds": (["--param", "rules.signalling.misperception=0,1.5"], "less than or equal"),
    "zero replicates": (["--replicates", "0"], "--replicates: found 0"),
    "sobol samples": (
        ["--design", "sobol", "--samples", "3", "--param", "rules.signalling.noise=0:1"],
        "power of two",
    ),
    "grid with range": (["--design", "grid", "--param", "rules.signalling.noise=0:1"], "grid"),
    "unknown design": (["--design", "latin"], "--design: found 'latin'"),
    "unknown record": (["--record", "all"], "--record: found 'all'"),
    "zero workers": (["--workers", "0"], "--workers: found 0"),
}
BAD_SECTIONS = {
    "low above high": (
        {"parameters": {"rules.signalling.noise": {"low": 0.3, "high": 0.1}}},
        "low must not exceed high",
    ),
    "empty range": (
        {"parameters": {"rules.signalling.noise": {"low": 0.3, "high": 0.3}}},
        "empty range",
    ),
    "empty values": ({"parameters": {"rules.signalling.noise": []}}, "empty list"),
    "non-numeric": (
        {"parameters": {"rules.signalling.noise": {"low": "x", "high": 1}}},
        "valid number",
    ),
    "zero replicates": ({"replicates": 0}, "sweep.replicates"),
    "unknown path": ({"parameters": {"rules.nope.x": [1, 2]}}, "unknown parameter path"),
    "missing high": ({"parameters": {"rules.signalling.noise": {"low": 0.1}}}, "both low and high"),
}


def _snapshot(folder):
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _assert_one_clear_error(result, needle):
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert needle in lines[0]
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    return short_scenario(tmp_path_factory.mktemp("cli"))


@pytest.fixture(scope="module")
def existing(tmp_path_factory, scenario):
    """A finished results folder that bad commands must leave untouched."""
    out = tmp_path_factory.mktemp("existing") / "out"
    run_sweep([scenario], workers=1, out=out, record="summary")
    return out


@pytest.mark.parametrize("case", BAD_OPTIONS, ids=list(BAD_OPTIONS))
def test_bad_options_exit_2_and_write_nothing(case, scenario, existing, tmp_path):
    options, needle = BAD_OPTIONS[case]
    before = _snapshot(existing)
    for out in (tmp_path / "new", existing):
        args = ("sweep", str(scenario), "--out", str(out), "--quiet", *options)
        _assert_one_clear_error(run_cli(*args), needle)
    assert not (tmp_path / "new").exists()
    assert _snapshot(existing) == before


@pytest.mark.slow
def test_bad_option_as_a_user_runs_it(scenario, tmp_path):
    result = run_process(
        "sweep", str(scenario), "--out", str(tmp_path / "new"), "--param", "x.y=1:0"
    )
    _assert_one_clear_error(result, "low > high")
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("case", BAD_SECTIONS, ids=list(BAD_SECTIONS))
def test_bad_sweep_sections_exit_2_naming_the_field(case, tmp_path):
    section, needle = BAD_SECTIONS[case]
    bad = short_scenario(tmp_path, name="bad", **section)
    result = run_cli("sweep", str(bad), "--out", str(tmp_path / "new"))
    _assert_one_clear_error(result, needle)
    assert "bad.yaml:" in result.stderr and "sweep." in result.stderr
    assert not (tmp_path / "new").exists()


def test_existing_folder_without_resume_is_an_error(scenario, existing):
    before = _snapshot(existing)
    result = run_cli("sweep", str(scenario), "--out", str(existing), "--record", "summary")
    _assert_one_clear_error(result, "the folder exists")
    assert _snapshot(existing) == before


def test_plain_progress_lines_and_outcome_table(scenario, tmp_path):
    result = run_cli("sweep", str(scenario), "--out", str(tmp_path / "o"), "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert "sweep: 12/12 runs (100%)" in result.stdout  # not a terminal: plain lines
    assert "Outcome shares" in result.stdout and "ok: 12   failed: 0" in result.stdout
    quiet = run_cli("sweep", str(scenario), "--out", str(tmp_path / "q"), "--quiet")
    assert quiet.returncode == 0 and quiet.stderr == ""
    assert quiet.stdout == f"results: {tmp_path / 'q'}/\n"  # quiet, but says where it wrote
    manifest = load_results(tmp_path / "q").manifest
    assert manifest["command"].startswith("escsim sweep ")


def test_default_out_folder_is_named_after_scenario_and_time(scenario, tmp_path):
    result = run_cli("sweep", str(scenario), "--quiet", "--record", "summary", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    [folder] = (tmp_path / "results").iterdir()
    assert folder.name.startswith("short-") and len(folder.name) == len("short-20260101-120000")


def test_several_scenarios_in_one_sweep(tmp_path):
    base = short_scenario(tmp_path)
    variant = write_yaml(
        tmp_path / "variant.yaml",
        {"extends": "short.yaml", "name": "variant", "rules": {"accidents": {"slip_rate": 0.2}}},
    )
    result = run_cli("sweep", str(base), str(variant), "--out", str(tmp_path / "o"), "--quiet")
    assert result.returncode == 0, result.stderr
    runs = load_results(tmp_path / "o").runs
    assert runs.groupby("scenario").size().to_dict() == {"short": 12, "variant": 12}
    assert runs["run_id"].tolist() == list(range(24))
