"""Sweep benchmark: our runner against mesa.batch_run, worker scaling, memory, bytes, runs/s.

    python benchmarks/bench_sweep.py            # full: 1,000-run comparisons, 2,000 vs 20,000 runs
    python benchmarks/bench_sweep.py --quick    # counts divided by 5 (comparisons) and 10 (memory)

Everything is measured in this one invocation on scenarios/baseline.yaml (12 actors, 52 steps).
Numbers depend on what else the machine is doing: run it on an idle machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import mesa
import psutil
from mesa.datacollection import DataCollector

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sim.batch import run_sweep  # noqa: E402
from sim.model import EscalationModel  # noqa: E402
from sim.recorder import key_dyad_members  # noqa: E402
from sim.scenario import load_scenario  # noqa: E402

BASELINE = ROOT / "scenarios" / "baseline.yaml"
_SCENARIO = None


def _scenario():
    global _SCENARIO
    if _SCENARIO is None:
        _SCENARIO = load_scenario(BASELINE)
    return _SCENARIO


class BatchRunWrapper(mesa.Model):
    """EscalationModel stepped by mesa.batch_run, with a DataCollector recording what our
    ``--record paths`` keeps: each key dyad's rung and each actor's support, every step."""

    def __init__(self, seed: int = 0) -> None:
        super().__init__(seed=seed)
        self.inner = EscalationModel(_scenario(), seed=seed)
        inner = self.inner
        reporters = {}
        for name, dyads in key_dyad_members(inner).items():
            reporters[f"level:{name}"] = lambda m, d=dyads: int(m.inner.level[d].max())
        for i, actor in enumerate(inner.ids):
            reporters[f"support:{actor}"] = lambda m, i=i: float(m.inner.support[i])
        reporters["cohesion:NATO"] = lambda m: m.inner.cohesion["NATO"]
        reporters["cohesion:EU"] = lambda m: m.inner.cohesion["EU"]
        self.datacollector = DataCollector(model_reporters=reporters)
        self.datacollector.collect(self)

    def step(self) -> None:
        self.inner.step()
        self.datacollector.collect(self)
        if not self.inner.running:
            self.running = False
            mesa.Agent._ids.pop(self.inner, None)


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class Timing:
    """Wall and CPU time of a block: runs/s, CPU ms per run, and cores actually obtained."""

    def __init__(self, runs: int) -> None:
        self.runs = runs

    def __enter__(self) -> Timing:
        self.wall, self.cpu = time.perf_counter(), _cpu()
        return self

    def __exit__(self, *exc) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = _cpu() - self.cpu

    @property
    def rate(self) -> float:
        return self.runs / self.wall

    def __str__(self) -> str:
        return (
            f"{self.rate:.1f} runs/s ({1000 * self.cpu / self.runs:.1f} CPU ms/run, "
            f"{self.cpu / self.wall:.2f} cores busy)"
        )


def bench_batch_run(runs: int, processes: int) -> Timing:
    with Timing(runs) as timing:
        rows = mesa.batch_run(
            BatchRunWrapper,
            parameters={"seed": list(range(runs))},
            number_processes=processes,
            iterations=1,
            data_collection_period=1,
            max_steps=10_000,
            display_progress=False,
        )
    assert len(rows) >= runs * 52, len(rows)  # one row per run and collected step
    return timing


def bench_ours(runs: int, workers: int, record: str, folder: Path) -> tuple[Timing, int]:
    """Timing of run_sweep (start-up included) and bytes written."""
    out = folder / f"ours-{workers}-{record}-{runs}"
    with Timing(runs) as timing:
        result = run_sweep([BASELINE], replicates=runs, workers=workers, record=record, out=out)
    assert result.ok == runs
    size = sum(p.stat().st_size for p in out.rglob("*.parquet") if p.is_file())
    shutil.rmtree(out)
    return timing, size


def peak_memory(runs: int, folder: Path) -> tuple[float, float, float]:
    """Peak RSS (MiB) of the sweep's parent process and of its largest worker, and seconds, for
    ``escsim sweep`` with ``runs`` baseline runs (--record paths), polled every 50 ms."""
    out = folder / f"memory-{runs}"
    command = [sys.executable, "-m", "sim", "sweep", str(BASELINE), "--replicates", str(runs)]
    command += ["--workers", "2", "--out", str(out), "--quiet"]
    started = time.perf_counter()
    process = psutil.Popen(command, cwd=ROOT)
    parent_peak = worker_peak = 0
    while process.poll() is None:
        try:
            parent_peak = max(parent_peak, process.memory_info().rss)
            for child in process.children(recursive=True):
                worker_peak = max(worker_peak, child.memory_info().rss)
        except psutil.Error:
            pass
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    assert process.returncode == 0
    shutil.rmtree(out)
    return parent_peak / 2**20, worker_peak / 2**20, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="scaled-down counts")
    args = parser.parse_args()
    compare = 200 if args.quick else 1000
    small, large = (200, 2000) if args.quick else (2000, 20000)
    cores = len(os.sched_getaffinity(0))
    print(f"cores: {cores}; load average: {os.getloadavg()[0]:.2f} (other work skews numbers)")
    folder = Path(tempfile.mkdtemp(prefix="bench-sweep-"))
    try:
        single = EscalationModel(_scenario(), seed=0)
        t = time.perf_counter()
        for seed in range(20):
            EscalationModel(_scenario(), seed=seed).run()
        model_ms = (time.perf_counter() - t) / 20 * 1000
        del single
        print(f"one baseline run (model only, in process): {model_ms:.1f} ms")

        ours1, _ = bench_ours(compare, 1, "paths", folder)
        ours2, _ = bench_ours(compare, 2, "paths", folder)
        print(f"our sweep, {compare} runs, --record paths:")
        print(f"  1 worker:  {ours1}")
        print(f"  2 workers: {ours2}")
        print(f"  workers=2 vs workers=1: {ours2.rate / ours1.rate:.2f}x  (aim >= 1.8x)")

        batch1 = bench_batch_run(compare, 1)
        batch2 = bench_batch_run(compare, 2)
        print(f"mesa.batch_run, {compare} runs, DataCollector every step (same model, same rows):")
        print(f"  1 process:   {batch1}")
        print(f"  2 processes: {batch2}")
        best = max(batch1.rate, batch2.rate)
        print(
            f"  ours (2 workers) vs best batch_run: {ours2.rate / best:.2f}x  (aim >= 3x); "
            f"vs batch_run on 2 processes: {ours2.rate / batch2.rate:.2f}x; "
            f"CPU per run, batch_run 2 processes / ours 2 workers: "
            f"{batch2.cpu / ours2.cpu:.2f}x"
        )

        print(f"bytes written per 1,000 baseline runs ({compare} runs measured):")
        for record in ("summary", "paths", "full"):
            _, size = bench_ours(compare, 2, record, folder)
            print(f"  --record {record:<8} {size * 1000 / compare / 2**20:8.2f} MiB")

        parent_small, worker_small, secs_small = peak_memory(small, folder)
        parent_large, worker_large, secs_large = peak_memory(large, folder)
        print(
            f"peak RSS, escsim sweep --workers 2: {small} runs: parent {parent_small:.0f} MiB, "
            f"largest worker {worker_small:.0f} MiB ({secs_small:.0f} s)"
        )
        print(
            f"                                    {large} runs: parent {parent_large:.0f} MiB, "
            f"largest worker {worker_large:.0f} MiB ({secs_large:.0f} s)"
        )
        print(
            f"  parent {large} vs {small} runs: {parent_large / parent_small:.2f}x; "
            f"worker: {worker_large / worker_small:.2f}x  (aim <= 1.2x)"
        )
        cli_rate = (large - small) / (secs_large - secs_small)
        startup = secs_small - small / cli_rate
        print(
            f"escsim sweep baseline throughput (2 workers, --record paths): {cli_rate:.1f} runs/s "
            f"after {startup:.1f} s start-up"
        )
        print(
            f"  estimated time for 10,000 baseline runs: {startup + 10_000 / cli_rate:.0f} s "
            f"(aim < 120 s)"
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
