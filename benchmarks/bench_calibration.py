"""Cost of calibration, as ratios measured in the same process: a small ABC-SMC of the
hindcast (validation/calibration.yaml, with a smaller budget) against the plain cost of one
hindcast simulation. Reports simulations per accepted particle per generation (how hard the
facts are to hit as epsilon falls), and the wall time of calibration over the time its
simulations alone would take (pyabc's overhead and the sampler's waiting).

    python benchmarks/bench_calibration.py [--population N] [--generations G] [--workers W]

A posterior folder's manifest.json (``cost``) records the same figures for a real run.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from sim.calibration.abc import HindcastModel, bounds, safe_name
from sim.calibration.run import calibrate
from sim.calibration.spec import load_calibration

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "validation" / "calibration.yaml"


def simulation_seconds(spec: Path, repeats: int) -> float:
    """Wall time of one particle's simulation at the prior midpoint (after a warm-up)."""
    calibration = load_calibration(spec)
    model = HindcastModel(
        calibration.base,
        calibration.facts,
        calibration.spec.replicates,
        calibration.spec.seed,
        bounds(calibration),
        calibration.integers,
    )
    middle = {safe_name(p): 0.0 for p in calibration.paths}  # logit 0: the prior's midpoint
    model(middle)
    start = time.perf_counter()
    for _ in range(repeats):
        model(middle)
    return (time.perf_counter() - start) / repeats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--population", type=int, default=20)
    parser.add_argument("--generations", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    one = simulation_seconds(SPEC, repeats=5)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        result = calibrate(
            SPEC,
            Path(folder) / "posterior",
            population=args.population,
            generations=args.generations,
            workers=args.workers,
        )
        wall = time.perf_counter() - start
    cost = result.manifest["cost"]
    print(
        f"one simulation (a particle, {load_calibration(SPEC).spec.replicates} runs): {one:.2f} s"
    )
    for g in result.generations:
        print(
            f"generation {g.t}: epsilon {g.epsilon:6.2f}, "
            f"{g.simulations / g.accepted:5.2f} simulations per accepted particle"
        )
    print(
        f"total: {cost['simulations']} simulations for {cost['accepted']} accepted particles "
        f"= {cost['simulations_per_accepted']:.2f} per accepted particle"
    )
    ideal = cost["simulations"] * one / args.workers
    print(
        f"wall time {wall:.0f} s = {wall / ideal:.2f}x the simulations' own time on "
        f"{args.workers} worker(s) ({wall / cost['accepted']:.2f} s per accepted particle)"
    )


if __name__ == "__main__":
    main()
