"""Write one run's tables to a folder: paths, events and summary."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pandas as pd

from sim.errors import EscsimError


def write_run(out: Path, tables: dict[str, pd.DataFrame], summary: dict) -> None:
    """Write ``paths.parquet``, ``events.parquet``, ``events.csv`` and ``summary.json``; each
    file goes to a temporary name first, so an interrupted write leaves no half file."""
    if out.exists() and not out.is_dir():
        raise EscsimError(
            f"{out}: found a file; allowed: a folder (new or existing)", parameter="out"
        )
    if (out / "manifest.json").exists():
        raise EscsimError(
            f"{out}: a sweep's results folder; allowed: another folder (a run's tables would "
            "mix with the sweep's)",
            parameter="out",
        )
    out.mkdir(parents=True, exist_ok=True)
    writers = {
        "paths.parquet": lambda p: tables["paths"].to_parquet(p, index=False),
        "events.parquet": lambda p: tables["events"].to_parquet(p, index=False),
        "events.csv": lambda p: tables["events"].to_csv(p, index=False),
        "summary.json": lambda p: p.write_text(json.dumps(summary, indent=2)),
    }
    for name, write in writers.items():
        temporary = out / f".{name}.tmp"
        try:
            write(temporary)
            temporary.replace(out / name)
        except BaseException:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise
