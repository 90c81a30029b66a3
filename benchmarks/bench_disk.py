"""Bytes on disk per 1,000 baseline runs at each ``--record`` level (zstd Parquet parts).

    python benchmarks/bench_disk.py [--runs N]

Sizes are what the sweep writes (every file under the results folder), scaled to 1,000 runs;
the ratios against ``summary`` are measured in this one invocation.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sim.batch import run_sweep  # noqa: E402
from sim.batch.runner import RECORD_LEVELS  # noqa: E402


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1000)
    args = parser.parse_args()
    sizes = {}
    with tempfile.TemporaryDirectory() as tmp:
        for record in RECORD_LEVELS:
            out = Path(tmp) / record
            run_sweep(
                [ROOT / "scenarios" / "baseline.yaml"],
                replicates=args.runs,
                out=out,
                record=record,
                workers=2,
            )
            sizes[record] = folder_bytes(out) / args.runs * 1000 / 2**20
    print(f"baseline, {args.runs} runs per level; MiB per 1,000 runs (ratio to summary)")
    for record, mib in sizes.items():
        print(f"  {record:8s} {mib:7.2f} MiB  ({mib / sizes['summary']:.1f}x)")


if __name__ == "__main__":
    main()
