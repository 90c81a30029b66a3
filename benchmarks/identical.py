"""Do optimisations change results? Digests of every table the model and the sweep runner
produce, for fixed scenarios and seeds, saved from one revision and checked against another.

    python benchmarks/identical.py --save /tmp/digest-main.json     # before a change
    python benchmarks/identical.py --check /tmp/digest-main.json    # after it: same bits?
    python benchmarks/identical.py --against main                   # both at once

A digest is a SHA-256 of each table's columns (names, dtypes and raw bytes; text as its repr),
so a float that moves in its last bit, a dtype that changes or a row out of order shows. This
is a tool for "engine:" commits that must change no result; it is deliberately not a test (a
model change is allowed to change the digests).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

#: The tree whose code is digested: this checkout, or a reference revision (``--against``).
TREE = "ESCSIM_IDENTICAL_TREE"
ROOT = Path(os.environ.get(TREE) or Path(__file__).resolve().parents[1])
sys.path.insert(0, str(ROOT))

from sim import EscalationModel, load_scenario  # noqa: E402
from sim.batch import run_sweep  # noqa: E402
from sim.batch.integrity import read_parts  # noqa: E402
from sim.model import Simulation  # noqa: E402
from sim.model.tables import events_columns  # noqa: E402

SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
SEEDS = list(range(100))


def column_digest(name: str, values) -> bytes:
    values = np.asarray(values)
    h = hashlib.sha256(f"{name}:{values.dtype}:{values.shape}".encode())
    if values.dtype == object:
        h.update("\x1f".join(map(repr, values.tolist())).encode())
    else:
        h.update(np.ascontiguousarray(values).tobytes())
    return h.digest()


def table_digest(columns: dict) -> str:
    h = hashlib.sha256()
    for name, values in columns.items():
        h.update(column_digest(name, values))
    return h.hexdigest()


def frame_digest(frame: pd.DataFrame) -> str:
    h = hashlib.sha256(repr([(c, str(t)) for c, t in frame.dtypes.items()]).encode())
    for name in frame.columns:
        h.update(column_digest(name, frame[name].to_numpy()))
    return h.hexdigest()


def model_digests() -> dict[str, str]:
    out = {}
    for path in SCENARIOS:
        scenario = load_scenario(path)
        sim = Simulation(scenario, SEEDS, record="full").run()
        out[f"{path.stem}/events"] = table_digest(events_columns(sim))
        out[f"{path.stem}/paths"] = table_digest(sim.recorder.paths_columns())
        out[f"{path.stem}/summaries"] = hashlib.sha256(
            json.dumps(sim.recorder.summaries()).encode()
        ).hexdigest()
    model = EscalationModel(load_scenario(ROOT / "scenarios/baseline.yaml"), seed=7).run()
    for name, frame in model.tables().items():
        out[f"mesa/{name}"] = frame_digest(frame)
    return out


def sweep_digests() -> dict[str, str]:
    out = {}
    sources = [ROOT / "scenarios/baseline.yaml", ROOT / "scenarios/aid_surge_redline.yaml"]
    for record in ("summary", "paths", "full"):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "sweep"
            run_sweep(sources, replicates=150, workers=1, record=record, seed=5, out=folder)
            tables = ["runs"] if record == "summary" else ["runs", "paths", "events"]
            for table in tables:
                frame = read_parts(folder / f"{table}.parquet")
                frame = frame.drop(columns=["elapsed_s"], errors="ignore")
                frame = frame.sort_values("run_id", kind="stable").reset_index(drop=True)
                out[f"sweep-{record}/{table}"] = frame_digest(frame)
    return out


def digests() -> dict[str, str]:
    return {**model_digests(), **sweep_digests()}


def revision() -> str:
    found = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True
    )
    return found.stdout.strip()


def reference(rev: str, quick: bool) -> Path:
    """Digests of revision ``rev`` (its code, its scenarios), computed by this script in a
    temporary copy of that revision."""
    here = Path(__file__).resolve()
    tmp = Path(tempfile.mkdtemp(prefix="identical-"))
    archive = subprocess.run(
        ["git", "archive", rev], cwd=here.parents[1], capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(tmp)], input=archive.stdout, check=True)
    saved = tmp / "digests.json"
    command = [sys.executable, str(here), "--save", str(saved)] + (["--quick"] if quick else [])
    env = {**os.environ, TREE: str(tmp), "PYTHONPATH": str(tmp)}
    subprocess.run(command, cwd=tmp, env=env, check=True)
    data = json.loads(saved.read_text())
    data["revision"] = (
        rev
        + " "
        + subprocess.run(
            ["git", "rev-parse", "--short", rev],
            cwd=here.parents[1],
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    saved.write_text(json.dumps(data))
    return saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path, help="write the digests of this tree to FILE")
    group.add_argument("--check", type=Path, help="compare this tree with the digests in FILE")
    group.add_argument("--against", help="compare this tree with git revision REV")
    parser.add_argument("--quick", action="store_true", help="model tables only (no sweeps)")
    args = parser.parse_args()
    found = model_digests() if args.quick else digests()
    if args.save:
        args.save.write_text(json.dumps({"revision": revision(), "digests": found}, indent=1))
        print(f"{len(found)} digests of {revision()} written to {args.save}")
        return 0
    source = reference(args.against, args.quick) if args.against else args.check
    saved = json.loads(source.read_text())
    expected = {k: v for k, v in saved["digests"].items() if k in found}
    differ = [k for k in expected if expected[k] != found[k]]
    print(
        f"{len(expected) - len(differ)}/{len(expected)} digests identical "
        f"to {saved['revision']} (this tree: {revision()})"
    )
    for key in differ:
        print(f"  DIFFERENT: {key}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
