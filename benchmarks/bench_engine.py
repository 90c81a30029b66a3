"""Engine benchmark: the replicate-batched kernel against one run at a time and mesa.batch_run,
cost per run against the batch size, the number of actors and of steps, peak memory of a big
sweep against a small one, and the variance of paired against unpaired risk differences.

    python benchmarks/bench_engine.py            # the full run (about 10-20 minutes on 2 cores)
    python benchmarks/bench_engine.py --quick    # smaller counts, same tables

Every ratio compares two measurements made in this one invocation. Times are CPU seconds of
the whole process tree (this process and its finished workers: ``resource.getrusage``), so a
machine shared with other work inflates both sides alike; wall time is printed beside them
and is what an idle machine would show for the sweep (its CPU time over two cores).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import mesa
import numpy as np
import pandas as pd
from mesa.datacollection import DataCollector

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sim.analysis.pairing import indicators  # noqa: E402
from sim.batch import run_sweep  # noqa: E402
from sim.concepts.alliances import ALLIANCE_NAMES  # noqa: E402
from sim.model import EscalationModel, Simulation  # noqa: E402
from sim.model.mesa_model import release  # noqa: E402
from sim.scenario import load_scenario  # noqa: E402
from sim.scenario.schema import Scenario  # noqa: E402

BASELINE = ROOT / "scenarios" / "baseline.yaml"
SURGE = ROOT / "scenarios" / "aid_surge_redline.yaml"
SCENARIO = load_scenario(BASELINE)


def cpu() -> float:
    """CPU seconds of this process and of its finished children (worker processes)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class Timed:
    """CPU and wall seconds of a block."""

    def __enter__(self) -> Timed:
        self.cpu, self.wall = cpu(), time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        self.cpu, self.wall = cpu() - self.cpu, time.perf_counter() - self.wall


def table(title: str, rows: list[list], header: list[str]) -> None:
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows, strict=True)]
    print(f"\n{title}")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    for row in rows:
        print("  ".join(str(x).ljust(w) for x, w in zip(row, widths, strict=True)))


# ------------------------------------------------------------------ 1. the sweep pipeline
class BatchRunModel(mesa.Model):
    """The baseline as a user of ``mesa.batch_run`` would run it: ``EscalationModel`` stepped
    one run at a time, a DataCollector collecting what ``--record paths`` keeps every step (key
    dyads' rungs, each actor's support and aid, alliance cohesion, the war)."""

    def __init__(self, seed: int = 0) -> None:
        super().__init__(rng=seed)
        self.inner = EscalationModel(SCENARIO, seed=seed, record="summary")
        sim = self.inner.simulation

        def state(m: BatchRunModel):
            return m.inner.simulation.state

        reporters = {}
        for k, (name, _, _) in enumerate(sim.world.key_dyads):
            reporters[f"level:{name}"] = lambda m, k=k: int(
                m.inner.simulation.recorder.key_levels[m.inner.simulation.t, 0, k]
            )
        for i, actor in enumerate(sim.world.ids):
            reporters[f"support:{actor}"] = lambda m, i=i: float(state(m).politics.support[0, i])
            reporters[f"aid:{actor}"] = lambda m, i=i: int(state(m).support.aid[0, i])
        for k, name in enumerate(ALLIANCE_NAMES):
            reporters[f"cohesion:{name}"] = lambda m, k=k: float(state(m).alliances.cohesion[0, k])
        reporters["front"] = lambda m: float(state(m).war.front[0])
        reporters["balance"] = lambda m: float(state(m).war.balance[0])
        reporters["nuclear_shadow"] = lambda m: float(state(m).nuclear.shadow[0])
        self.datacollector = DataCollector(model_reporters=reporters)
        self.datacollector.collect(self)

    def step(self) -> None:
        self.inner.step()
        self.datacollector.collect(self)
        if not self.inner.running:
            self.running = False
            release(self.inner)


def batch_run(runs: int) -> Timed:
    with Timed() as timed:
        rows = mesa.batch_run(
            BatchRunModel,
            parameters={"seed": list(range(runs))},
            number_processes=1,
            iterations=1,
            data_collection_period=1,
            max_steps=10_000,
            display_progress=False,
        )
    assert len(rows) >= runs * SCENARIO.run.steps, len(rows)  # a row per run and week
    return timed


def sweep(runs: int, folder: Path, chunk_size: int | None = None, workers: int = 2) -> Timed:
    out = folder / f"sweep-{runs}-{chunk_size}-{workers}"
    with Timed() as timed:
        result = run_sweep(
            [BASELINE], replicates=runs, workers=workers, record="paths", out=out,
            chunk_size=chunk_size,
        )  # fmt: skip
    assert result.ok == runs
    return timed


def pipeline(args, folder: Path) -> dict:
    big, single, mesa_runs = args.runs, args.single_runs, args.mesa_runs
    ours = sweep(big, folder)
    alone = sweep(single, folder, chunk_size=1)  # batches of one: one model per run
    theirs = batch_run(mesa_runs)
    per_run = {
        "batched": 1000 * ours.cpu / big,
        "single": 1000 * alone.cpu / single,
        "batch_run": 1000 * theirs.cpu / mesa_runs,
    }
    rows = [
        ["escsim sweep, batches of up to 256, 2 workers", big, f"{per_run['batched']:.2f}",
         f"{ours.wall:.1f}", f"{big / ours.wall:.0f}", "1.0x"],
        ["escsim sweep, batches of 1 (one run at a time)", single, f"{per_run['single']:.1f}",
         f"{alone.wall:.1f}", f"{single / alone.wall:.0f}",
         f"{per_run['single'] / per_run['batched']:.1f}x"],
        ["mesa.batch_run + DataCollector, 1 process", mesa_runs, f"{per_run['batch_run']:.1f}",
         f"{theirs.wall:.1f}", f"{mesa_runs / theirs.wall:.0f}",
         f"{per_run['batch_run'] / per_run['batched']:.1f}x"],
    ]  # fmt: skip
    table(
        "1. Baseline runs with --record paths (whole pipeline: plan, run, tables, Parquet)",
        rows,
        ["what", "runs", "CPU ms/run", "wall s", "runs/s (wall)", "CPU cost vs batched"],
    )
    idle = per_run["batched"] * 10_000 / 1000 / 2
    print(
        f"   10,000 runs: {per_run['batched'] * 10:.1f} s of CPU = {idle:.1f} s on two idle cores; "
        f"measured here {ours.wall * 10_000 / big:.1f} s wall "
        f"(load average {os.getloadavg()[0]:.1f})"
    )
    return {"per_run_ms": per_run, "wall_s": {"batched": ours.wall}, "runs": big}


# ------------------------------------------------------------------ 2. cost against R
def engine_cost(scenario: Scenario, replicates: int, rounds: int, steps: int | None = None):
    """CPU ms per run of the kernel alone (record paths), the best of ``rounds``."""
    Simulation(scenario, list(range(min(replicates, 4))), steps=steps, record="paths").run()
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        Simulation(scenario, list(range(replicates)), steps=steps, record="paths").run()
        best = min(best, time.process_time() - start)
    return 1000 * best / replicates


def batch_sizes(args) -> dict:
    sizes = (1, 16, 64, 256, 512, 1024)
    cost = {r: engine_cost(SCENARIO, r, args.rounds if r > 1 else 1) for r in sizes}
    table(
        "2. Kernel cost per run against the batch size R (baseline, 52 weeks, --record paths)",
        [[r, f"{cost[r]:.3f}", f"{cost[1] / cost[r]:.1f}x"] for r in sizes],
        ["R", "CPU ms/run", "speed-up vs R=1"],
    )
    return {str(r): c for r, c in cost.items()}


# ------------------------------------------------------------------ 3. actors and steps
def with_actors(count: int) -> Scenario:
    """The baseline with third states cloned (NATO and EU-only members in turn) up to
    ``count`` actors."""
    data = SCENARIO.model_dump(mode="json")
    nato = next(a for a in data["actors"] if a["id"] == "SWE")
    eu = next(a for a in data["actors"] if a["id"] == "AUT")
    for k in range(count - len(data["actors"])):
        template = nato if k % 3 else eu
        clone = {**template, "id": f"X{k:02d}", "name": f"Member {k}", "red_lines": []}
        clone["attributes"] = {**template["attributes"], "exposure": (k % 5) / 5}
        data["actors"].append(clone)
    data["name"] = f"baseline_{count}_actors"
    return Scenario.model_validate(data)


def scaling(args) -> dict:
    r = 256
    actors = {n: engine_cost(with_actors(n), r, args.rounds) for n in (12, 24, 48, 96)}
    table(
        f"3a. Kernel cost per run against the number of actors (R={r}, 52 weeks)",
        [[n, f"{c:.3f}", f"{c / actors[12]:.2f}x", f"{n / 12:.0f}x"] for n, c in actors.items()],
        ["actors", "CPU ms/run", "cost vs 12", "actors vs 12"],
    )
    steps = {s: engine_cost(SCENARIO, r, args.rounds, steps=s) for s in (26, 52, 104, 208)}
    table(
        f"3b. Kernel cost per run against the number of steps (R={r}, 12 actors)",
        [[s, f"{c:.3f}", f"{c / steps[26]:.2f}x", f"{s / 26:.0f}x"] for s, c in steps.items()],
        ["steps", "CPU ms/run", "cost vs 26", "steps vs 26"],
    )
    return {"actors": actors, "steps": steps}


# ------------------------------------------------------------------ 4. memory
def peak_memory(runs: int, folder: Path) -> dict[str, float]:
    """Peak RSS in MiB of a fresh ``escsim sweep`` process (--record paths, 2 workers) and of
    its largest worker, read from the kernel's high-water marks after it ends."""
    out = folder / f"memory-{runs}"
    probe = (
        "import resource, sys; from sim.cli import main; sys.argv = sys.argv[1:]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print('MEMORY', own, kids)"
    )
    command = [sys.executable, "-c", probe, "escsim", "sweep", str(BASELINE)]
    command += ["--replicates", str(runs), "--workers", "2", "--out", str(out), "--quiet"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("MEMORY"))
    own, kids = (int(v) / 1024 for v in line.split()[1:])
    return {"parent": own, "worker": kids}


def memory(args, folder: Path) -> dict:
    small, big = args.memory_runs
    low, high = peak_memory(small, folder), peak_memory(big, folder)
    table(
        f"4. Peak memory (RSS), {big:,} runs against {small:,} (escsim sweep, --record paths)",
        [
            [p, f"{low[p]:.0f}", f"{high[p]:.0f}", f"{high[p] / low[p]:.2f}x"]
            for p in ("parent", "worker")
        ],
        ["process", f"{small:,} runs MiB", f"{big:,} runs MiB", "ratio"],
    )
    return {"small": low, "big": high}


# ------------------------------------------------------------------ 5. paired variance
def paired_variance(args, folder: Path) -> dict:
    """Risk differences aid_surge_redline - baseline of every binary result that varies: the
    variance of the paired estimate (runs on the same seeds) against the unpaired one
    (independent seeds), analytic from the whole sample and empirical over blocks."""
    n, blocks = args.pairs, 20
    paired = folder / "paired"
    run_sweep([BASELINE, SURGE], replicates=n, workers=2, record="summary", out=paired,
              paired=True)  # fmt: skip
    apart = folder / "unpaired"
    run_sweep([BASELINE, SURGE], replicates=n, workers=2, record="summary", out=apart)
    runs = pd.read_parquet(paired / "runs.parquet").sort_values(["scenario", "replicate"])
    other = pd.read_parquet(apart / "runs.parquet").sort_values(["scenario", "replicate"])
    base = indicators(runs[runs["scenario"] == "baseline"])
    surge = indicators(runs[runs["scenario"] == "aid_surge_redline"])
    independent = indicators(other[other["scenario"] == "aid_surge_redline"])
    rows, found = [], {}
    size = n // blocks
    for key, a in base.items():
        b, c = surge[key], independent[key]
        if (a.all() and b.all()) or not (a.any() or b.any()):
            continue
        d = b.astype(float) - a.astype(float)
        analytic_paired = d.var() / n
        analytic_unpaired = (a.mean() * (1 - a.mean()) + b.mean() * (1 - b.mean())) / n
        by_block = [slice(k * size, (k + 1) * size) for k in range(blocks)]
        paired_rd = [b[s].mean() - a[s].mean() for s in by_block]
        unpaired_rd = [c[s].mean() - a[s].mean() for s in by_block]
        empirical = np.var(unpaired_rd, ddof=1) / max(np.var(paired_rd, ddof=1), 1e-300)
        ratio = analytic_unpaired / analytic_paired if analytic_paired > 0 else float("inf")
        found[key[1]] = {"ratio": ratio, "empirical": empirical, "share_a": a.mean(),
                         "share_b": b.mean()}  # fmt: skip
        rows.append([key[2], f"{a.mean():.3f}", f"{b.mean():.3f}", f"{d.mean():+.3f}",
                     f"{analytic_paired:.2e}", f"{analytic_unpaired:.2e}", f"{ratio:.1f}x",
                     f"{empirical:.1f}x"])  # fmt: skip
    table(
        f"5. Risk differences aid_surge_redline - baseline, {n:,} runs each: variance of the "
        f"paired estimate (same seeds) and of the unpaired one (independent seeds)",
        rows,
        ["result", "baseline", "surge", "difference", "paired var", "unpaired var",
         "unpaired/paired", f"empirical ({blocks} blocks)"],
    )  # fmt: skip
    print("   results the same in every run of both scenarios (every outcome here: the war goes")
    print("   on) have no variance to compare and are left out")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller counts (a check)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    quick = args.quick
    args.runs = 2_000 if quick else 10_000
    args.single_runs = 60 if quick else 200
    args.mesa_runs = 30 if quick else 100
    args.rounds = 2 if quick else 3
    args.memory_runs = (400, 4_000) if quick else (2_000, 20_000)
    args.pairs = 400 if quick else 2_000
    print(f"escsim engine benchmark: {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f} at the start")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        figures = {
            "pipeline": pipeline(args, folder),
            "batch_sizes": batch_sizes(args),
            "scaling": scaling(args),
            "memory": memory(args, folder),
            "paired": paired_variance(args, folder),
        }
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=float))


if __name__ == "__main__":
    main()
