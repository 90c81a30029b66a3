"""Checking the part files of a results folder: find damaged parts, move them aside, and read
tables with one clear error that names a damaged file instead of a pyarrow traceback.

A part is damaged when its Parquet footer cannot be read (a truncated or overwritten file) or its
columns are not the table's. Damaged batches are moved to ``DIR/damaged/`` (never deleted), so
``resume`` runs their runs again and nothing is lost silently.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from sim.errors import EscsimError

PART = re.compile(r"^part-(\d{5,})\.parquet$")
DAMAGED = "damaged"


class DamagedPartWarning(UserWarning):
    """A damaged part file was moved aside; its runs will be run again."""


def parts(folder: Path) -> dict[int, Path]:
    """The completed part files of one table folder, by batch number."""
    if not folder.is_dir():
        return {}
    found = {}
    for path in folder.iterdir():
        match = PART.match(path.name)
        if match:
            found[int(match.group(1))] = path
    return found


def part_problem(path: Path, columns: list[str] | None = None) -> str | None:
    """Why the part cannot be read (None when its footer and columns are sound)."""
    try:
        schema = pq.read_schema(path)
    except (OSError, pa.ArrowException) as exc:
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if columns is not None and schema.names != columns:
        return "its columns are not those of the table"
    return None


def damaged_message(path: Path, problem: str) -> str:
    return (
        f"{path}: damaged part file ({problem}); allowed: intact parts: escsim repair "
        f"{path.parent.parent} moves damaged parts aside, then resume runs their runs again"
    )


def read_parts(
    folder: Path, columns: list[str] | None = None, filters: list | None = None
) -> pd.DataFrame:
    """A table folder as one DataFrame; EscsimError naming the file if a part is damaged."""
    try:
        return pd.read_parquet(folder, columns=columns, filters=filters)
    except (OSError, pa.ArrowException) as exc:
        for path in sorted(parts(folder).values()):
            problem = part_problem(path)
            if problem is not None:
                raise EscsimError(damaged_message(path, problem)) from None
        raise EscsimError(f"{folder}: cannot be read ({exc})") from None


def set_aside(root: Path, batch: int, tables: tuple[str, ...], why: str) -> None:
    """Move every table's part of ``batch`` to DIR/damaged/ and warn."""
    target = root / DAMAGED
    target.mkdir(exist_ok=True)
    for table in tables:
        path = parts(root / f"{table}.parquet").get(batch)
        if path is None:
            continue
        destination = target / f"{table}-{path.name}"
        copy = 1
        while destination.exists():
            destination = target / f"{table}-{path.stem}-{copy}.parquet"
            copy += 1
        path.replace(destination)
    warnings.warn(
        f"{root}: batch {batch} is damaged ({why}); moved to {target}/, its runs will be run again",
        DamagedPartWarning,
        stacklevel=3,
    )


def check_parts(root: Path, tables: tuple[str, ...], schemas: dict) -> set[int]:
    """Drop half-written leftovers, move damaged batches aside, and return the run ids of the
    intact runs parts. A batch whose paths or events part lacks its runs part never completed
    (the runs part is renamed last) and is deleted: its runs were never recorded as done."""
    for table in tables:
        folder = root / f"{table}.parquet"
        folder.mkdir(exist_ok=True)
        for leftover in folder.glob(".*.tmp"):
            leftover.unlink()
    runs_parts = parts(root / "runs.parquet")
    for table in tables:
        if table == "runs":
            continue
        for index, path in parts(root / f"{table}.parquet").items():
            if index not in runs_parts:
                path.unlink()
    done: set[int] = set()
    for batch in sorted(runs_parts):
        problem = None
        for table in tables:
            path = parts(root / f"{table}.parquet").get(batch)
            names = [name for name, _ in schemas.get(table, [])] or None
            problem = f"{table} part missing" if path is None else part_problem(path, names)
            if problem is not None:
                problem = f"{path or table}: {problem}"
                break
        if problem is None:
            try:
                ids = pq.read_table(runs_parts[batch], columns=["run_id"]).column("run_id")
            except (OSError, pa.ArrowException) as exc:
                problem = f"{runs_parts[batch]}: {exc}"
            else:
                done.update(ids.to_pylist())
                continue
        set_aside(root, batch, tables, problem)
    return done
