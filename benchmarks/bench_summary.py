"""Summary benchmark: summarising a 100,000-run results folder takes seconds.

    python benchmarks/bench_summary.py            # 10,000 and 100,000 runs
    python benchmarks/bench_summary.py --runs 1000000

Builds synthetic results folders (manifest.json + runs.parquet in parts of 20,000 runs, with the
columns of a real sweep: 3 scenarios, 100 design points of 2 parameters each, the model's summary
columns), then times ``sim.analysis.summary`` (read + outcome shares + threshold quartiles), per
scenario and per design point, and ``escsim summary --json`` end to end (interpreter start-up
included).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sim.analysis import summary  # noqa: E402
from sim.outcomes import COUNTS, OUTCOME_NAMES, PASSAGES  # noqa: E402

SCENARIOS = ("baseline", "intensified_drills", "peace_plan_early")
POINTS = 100
PART = 20_000


def synthesise(folder: Path, n: int, seed: int = 0) -> Path:
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True)
    (folder / "runs.parquet").mkdir()
    per = n // len(SCENARIOS)
    manifest = {
        "format": "escsim-sweep/1",
        "status": "complete",
        "design": {
            "scenarios": [
                {"scenario": s, "design": "lhs", "points": POINTS, "replicates": per // POINTS}
                for s in SCENARIOS
            ]
        },
        "counts": {"runs": n, "done": n},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest))
    run_id = np.arange(n)
    scenario = np.array(SCENARIOS)[np.minimum(run_id // per, len(SCENARIOS) - 1)]
    point = (run_id % per) // max(1, per // POINTS)
    failed = rng.random(n) < 0.001
    # the last outcome (no decision: the war goes on) in 60% of runs, the others share the rest
    others = len(OUTCOME_NAMES) - 1
    weights = [0.4 / others] * others + [0.6]
    outcome = rng.choice(list(OUTCOME_NAMES), n, p=weights).astype(object)
    outcome[failed] = None
    frame = {
        "run_id": run_id,
        "scenario": scenario,
        "point": point,
        "param:rules.signalling.misperception": rng.random(n) * 0.5,
        "param:actors.RUS.attributes.risk_tolerance": rng.random(n),
        "replicate": run_id % 10,
        "seed": rng.integers(0, 2**62, n),
        "status": np.where(failed, "failed", "ok"),
        "error": np.where(failed, "RuntimeError: synthetic", None),
        "elapsed_s": rng.random(n) * 0.05,
        "steps": np.full(n, 52),
        "outcome": outcome,
        "outcome_step": np.where(outcome == OUTCOME_NAMES[-1], np.nan, rng.integers(1, 53, n)),
    }
    for dyad in ("RUS-UKR", "RUS-NATO", "RUS-EU"):
        frame[f"peak:{dyad}"] = rng.integers(7, 11, n)
        frame[f"final:{dyad}"] = rng.integers(6, 10, n)
    for p in PASSAGES:
        values = rng.integers(1, 53, n).astype(float)
        values[rng.random(n) < 0.7] = np.nan
        frame[f"first:{p}"] = values
    for c in COUNTS:
        frame[c] = rng.poisson(3, n)
    frame["min_cohesion:NATO"] = rng.random(n)
    frame["min_cohesion:EU"] = rng.random(n)
    runs = pd.DataFrame(frame)
    for k, start in enumerate(range(0, n, PART)):
        runs.iloc[start : start + PART].to_parquet(
            folder / "runs.parquet" / f"part-{k:05d}.parquet", compression="zstd", index=False
        )
    return folder


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100_000)
    args = parser.parse_args()
    small = max(1_000, args.runs // 10)
    with tempfile.TemporaryDirectory() as tmp:
        folders = {n: synthesise(Path(tmp) / f"r{n}", n) for n in (small, args.runs)}
        times = {}
        for n, folder in folders.items():
            by_scenario = timed(lambda f=folder: summary(f, by=["scenario"]))
            by_point = timed(lambda f=folder: summary(f))
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "sim", "summary", str(folder), "--json"],
                check=True,
                capture_output=True,
                cwd=ROOT,
            )
            cli = time.perf_counter() - start
            times[n] = by_point
            print(
                f"{n:>9,} runs: summary per scenario {by_scenario:6.2f} s, per design point "
                f"{by_point:6.2f} s, escsim summary --json {cli:6.2f} s (with start-up)"
            )
        ratio = times[args.runs] / times[small]
        print(
            f"ratio {args.runs:,} / {small:,} runs (per design point): {ratio:.1f}x "
            f"for {args.runs / small:.0f}x the runs"
        )


if __name__ == "__main__":
    main()
