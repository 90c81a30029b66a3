"""Fuzzing the scenario language: documents made by mutating the shipped scenarios (so the
fuzzer follows the schema as it changes). Every document either validates, and then a 3-step
run works, or gives one line on stderr and exit status 2; never a traceback, a hang or a file
written outside --out."""

from __future__ import annotations

import math
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from sim.paths import shipped_scenarios
from sim.scenario import scenario_text
from tests.conftest import run_cli
from tests.fuzz_helpers import assert_ok_or_one_clean_line, files_under

SHIPPED = sorted(p for p in shipped_scenarios().rglob("*.yaml") if not p.name.startswith("_"))
#: The shipped scenarios as plain data, ``extends`` merged in.
DOCUMENTS = {p.name: yaml.safe_load(scenario_text(p)) for p in SHIPPED}

ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from([-1, 0, 1, 2, -1e9, 1e9, 1e308, 0.5, math.nan, math.inf, -math.inf]),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.text(max_size=20),
    st.sampled_from(["XYZ", "RUS", "yes", "", "x" * 200_000, "exercises", "[", "*a"]),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _spots(data: Any, path: tuple = ()) -> list[tuple]:
    """Every path to a value of the document (mapping keys and list indexes)."""
    spots = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            spots += _spots(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            spots += _spots(value, (*path, index))
    return spots


def _parent(data: Any, path: tuple) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def mutated(draw) -> bytes:
    """A shipped scenario with a few keys deleted, values replaced by odd ones, unknown keys
    added, or its YAML text broken."""
    name = draw(st.sampled_from(sorted(DOCUMENTS)))
    data = yaml.safe_load(yaml.safe_dump(DOCUMENTS[name]))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        spots = [s for s in _spots(data) if s]
        path = draw(st.sampled_from(spots))
        parent = _parent(data, path)
        action = draw(st.sampled_from(["delete", "replace", "unknown key", "copy id"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "replace":
            parent[path[-1]] = draw(ODD_VALUES)
        elif action == "unknown key" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=8))] = draw(ODD_VALUES)
        elif action == "copy id" and isinstance(parent, list) and parent:
            parent.append(parent[0])  # a duplicate id, or a duplicate list entry
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True).encode()
    if draw(st.booleans()) and draw(st.booleans()):  # a quarter: break the bytes too
        at = draw(st.integers(min_value=0, max_value=len(text)))
        junk = draw(st.sampled_from([b"\xff\xfe", b"\x00", b": [", b"&a *a", b"\t- ", b"<<: *x"]))
        text = text[:at] + junk + text[at:]
    return text


@given(document=mutated())
def test_every_mutated_scenario_validates_and_runs_or_fails_cleanly(document):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = root / "fuzzed.yaml"
        path.write_bytes(document)
        checked = run_cli("validate", str(path), cwd=root, timeout=20)
        if assert_ok_or_one_clean_line(checked):
            out = root / "out"
            ran = run_cli(
                "run",
                str(path),
                "--steps",
                "3",
                "--seed",
                "1",
                "--out",
                str(out),
                "--json",
                cwd=root,
                timeout=30,
            )
            assert ran.returncode == 0, ran.stderr[-2000:]
            assert (out / "summary.json").exists()
        else:
            assert "fuzzed.yaml" in checked.stderr  # the message names the file
        written = files_under(root) - {Path("fuzzed.yaml")}
        assert all(p.parts[0] == "out" for p in written), written
