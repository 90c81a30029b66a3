"""Fuzzing ``escsim sweep``'s options: generated --param, --design, --samples, --replicates,
--workers and --seed values (valid ones kept small so a valid sweep is quick). Every command
either completes, writing only under --out, or gives one line on stderr and exit status 2
having written nothing."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import BASELINE, run_cli, write_yaml
from tests.fuzz_helpers import assert_ok_or_one_clean_line, files_under

PATHS = [
    "rules.signalling.misperception",
    "rules.signalling.noise",
    "actors.RUS.risk_tolerance",
    "actors.HUN.doctrine.strategy",
    "events.us_peace_plan.step",
    "run.steps",
    "rules.signalling",
    "actors.XYZ.resolve",
    "nope",
    "",
]
NUMBERS = st.one_of(
    st.sampled_from(["0", "0.1", "0.5", "1", "-1", "1e9", "nan", "inf", "abc", "", "2"]),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
SPECS = st.one_of(
    st.tuples(NUMBERS, NUMBERS).map(":".join),
    st.lists(NUMBERS, min_size=1, max_size=3).map(",".join),
    st.sampled_from(["expected_utility,grim_trigger", "true,false", "=", ":", "0:1:2"]),
)
SMALL_OR_ODD = st.one_of(st.integers(1, 2), st.sampled_from([0, -1, 10**9, 2**63, 2**70]))


@st.composite
def options(draw) -> list[str]:
    args: list[str] = []
    for _ in range(draw(st.integers(0, 2))):
        args += ["--param", f"{draw(st.sampled_from(PATHS))}={draw(SPECS)}"]
    if draw(st.booleans()):
        args += ["--design", draw(st.sampled_from(["grid", "lhs", "sobol", "random", "latin"]))]
    if draw(st.booleans()):
        args += ["--samples", str(draw(st.one_of(st.sampled_from([1, 2, 4]), SMALL_OR_ODD)))]
    if draw(st.booleans()):
        args += ["--replicates", str(draw(SMALL_OR_ODD))]
    if draw(st.booleans()):
        args += ["--workers", str(draw(st.one_of(st.just(1), st.sampled_from([0, -2, 1000]))))]
    if draw(st.booleans()):
        args += ["--seed", str(draw(st.one_of(st.integers(0, 99), SMALL_OR_ODD, st.just(-5))))]
    return args


@given(extra=options())
def test_sweep_options_complete_or_fail_cleanly(extra):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        scenario = write_yaml(
            root / "tiny.yaml",
            {"extends": str(BASELINE), "name": "tiny", "run": {"steps": 3, "replicates": 2}},
        )
        out = root / "out"
        args = ["sweep", str(scenario), "--out", str(out), "--record", "summary", "--quiet"]
        result = run_cli(*args, *extra, cwd=root, timeout=60)
        if assert_ok_or_one_clean_line(result):
            assert result.stdout == f"results: {out}/\n"
        else:
            assert not out.exists(), "a refused sweep wrote its folder"
        written = files_under(root) - {Path("tiny.yaml")}
        assert all(p.parts[0] == "out" for p in written), written
