"""Write one run's tables to a folder: paths, events and summary."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from sim.errors import EscsimError


def write_run(out: Path, tables: dict[str, pd.DataFrame], summary: dict) -> None:
    """Write ``paths.parquet``, ``events.parquet``, ``events.csv`` and ``summary.json``; each
    file goes to a temporary name first, so an interrupted write leaves no half file."""
    if out.exists() and not out.is_dir():
        raise EscsimError(f"--out {out}: found a file; allowed: a folder (new or existing)")
    out.mkdir(parents=True, exist_ok=True)
    writers = {
        "paths.parquet": lambda p: tables["paths"].to_parquet(p, index=False),
        "events.parquet": lambda p: tables["events"].to_parquet(p, index=False),
        "events.csv": lambda p: tables["events"].to_csv(p, index=False),
        "summary.json": lambda p: p.write_text(json.dumps(summary, indent=2)),
    }
    for name, write in writers.items():
        temporary = out / f".{name}.tmp"
        write(temporary)
        temporary.replace(out / name)
