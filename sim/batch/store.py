"""The results folder of a sweep (format: docs/results.md).

    DIR/manifest.json
    DIR/runs.parquet/part-00000.parquet ...
    DIR/paths.parquet/part-00000.parquet ...     (--record paths or full)
    DIR/events.parquet/part-00000.parquet ...    (--record paths or full)

Each part is written to a hidden temporary name and renamed when complete; the paths and events
parts of a batch are renamed before its runs part, so a run listed in runs.parquet always has its
paths and events on disk. Resuming deletes leftovers of a batch whose runs part never appeared.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from sim.errors import EscsimError

#: Runs per part file: one batch written at once.
DEFAULT_PART_SIZE = 2000

FORMAT = "escsim-sweep/1"
TABLES = ("runs", "paths", "events")
PART = re.compile(r"^part-(\d{5,})\.parquet$")
COMPRESSION = "zstd"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _write_json(path: Path, data: dict) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps(data, indent=2, default=str))
    temporary.replace(path)


def read_manifest(folder: Path) -> dict:
    try:
        return json.loads((folder / "manifest.json").read_text())
    except FileNotFoundError:
        raise EscsimError(
            f"{folder}: no manifest.json; allowed: a folder written by escsim sweep"
        ) from None
    except json.JSONDecodeError as exc:
        raise EscsimError(f"{folder}/manifest.json: not valid JSON ({exc})") from None


def _parts(folder: Path) -> dict[int, Path]:
    if not folder.is_dir():
        return {}
    found = {}
    for path in folder.iterdir():
        match = PART.match(path.name)
        if match:
            found[int(match.group(1))] = path
    return found


class ResultStore:
    """Writes part files and the manifest of one results folder."""

    def __init__(self, root: Path, tables: tuple[str, ...], next_part: int = 0) -> None:
        self.root = root
        self.tables = tables
        self.next_part = next_part
        self._lock = None

    def _acquire(self) -> None:
        """One writer per folder: an exclusive lock on DIR/.lock, held until ``close`` (the
        system drops it when the process dies, SIGKILL included)."""
        handle = open(self.root / ".lock", "a")  # noqa: SIM115 - held open while writing
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: no lock
            self._lock = handle
            return
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise EscsimError(
                f"--out {self.root}: another escsim sweep is writing this folder; allowed: "
                "wait for it to finish (or stop it), then --resume"
            ) from None
        self._lock = handle

    def close(self) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    # ------------------------------------------------------------- opening
    @classmethod
    def create(cls, root: Path, manifest: dict, tables: tuple[str, ...]) -> ResultStore:
        if root.exists():
            raise EscsimError(
                f"--out {root}: the folder exists; allowed: a new folder, or --resume to "
                "complete the sweep written there"
            )
        root.mkdir(parents=True)
        store = cls(root, tables)
        store._acquire()
        for table in tables:
            (root / f"{table}.parquet").mkdir()
        _write_json(root / "manifest.json", manifest)
        return store

    @classmethod
    def reopen(cls, root: Path, fingerprint: str) -> tuple[ResultStore, dict, set[int]]:
        """Check the folder holds this sweep, clean half-written leftovers, and return the
        store, its manifest and the run ids already done."""
        if root.exists() and not root.is_dir():
            raise EscsimError(f"--out {root}: found a file; allowed: a results folder")
        manifest = read_manifest(root)
        if manifest.get("fingerprint") != fingerprint:
            raise EscsimError(
                f"--resume {root}: the folder holds a different sweep (scenario text, design, "
                "seed, record level or columns differ); allowed: the same files and options as "
                "the sweep that wrote it"
            )
        tables = tuple(manifest["tables"])
        store = cls(root, tables)
        store._acquire()
        for table in tables:
            folder = root / f"{table}.parquet"
            folder.mkdir(exist_ok=True)
            for leftover in folder.glob(".*.tmp"):
                leftover.unlink()
        runs_parts = _parts(root / "runs.parquet")
        for table in tables:
            if table == "runs":
                continue
            for index, path in _parts(root / f"{table}.parquet").items():
                if index not in runs_parts:
                    path.unlink()  # its batch never completed: its runs will be redone
        done: set[int] = set()
        for path in runs_parts.values():
            ids = pq.read_table(path, columns=["run_id"]).column("run_id").to_pylist()
            done.update(ids)
        next_part = max(runs_parts, default=-1) + 1
        for table in tables:
            next_part = max(next_part, max(_parts(root / f"{table}.parquet"), default=-1) + 1)
        store.next_part = next_part
        return store, manifest, done

    # ------------------------------------------------------------- writing
    def open_part(self, schemas: dict[str, pa.Schema]) -> PartWriter:
        """A part being written: row groups are appended to hidden files as results arrive,
        and ``commit`` renames them (runs last). Memory holds one row group, not the part."""
        index = self.next_part
        self.next_part += 1
        return PartWriter(self.root, f"part-{index:05d}.parquet", self.tables, schemas)

    def write_part(self, tables: dict[str, pa.Table]) -> None:
        """One whole batch as a part."""
        part = self.open_part({name: table.schema for name, table in tables.items()})
        part.append(tables)
        part.commit()

    def write_manifest(self, manifest: dict) -> None:
        _write_json(self.root / "manifest.json", manifest)


class PartWriter:
    def __init__(
        self, root: Path, name: str, tables: tuple[str, ...], schemas: dict[str, pa.Schema]
    ) -> None:
        self.order = [t for t in tables if t != "runs"] + ["runs"]
        self.final = {t: root / f"{t}.parquet" / name for t in self.order}
        self.temporary = {t: root / f"{t}.parquet" / f".{name}.tmp" for t in self.order}
        self.writers = {
            t: pq.ParquetWriter(self.temporary[t], schemas[t], compression=COMPRESSION)
            for t in self.order
        }
        self.rows = 0

    def append(self, tables: dict[str, pa.Table]) -> None:
        for table in self.order:
            self.writers[table].write_table(tables[table])
        self.rows += tables["runs"].num_rows

    def commit(self) -> None:
        for table in self.order:
            self.writers[table].close()
        for table in self.order:
            os.replace(self.temporary[table], self.final[table])


# ----------------------------------------------------------------- reading
@dataclass
class Results:
    """A sweep's tables as pandas DataFrames (paths and events are None with --record summary)."""

    folder: Path
    manifest: dict
    runs: pd.DataFrame
    paths: pd.DataFrame | None
    events: pd.DataFrame | None

    def __getitem__(self, name: str):
        return getattr(self, name)


def read_table(folder: Path, table: str, columns: list[str] | None = None) -> pd.DataFrame | None:
    """One table of a results folder as a DataFrame, in run id order (rows of a run in the order
    the model recorded them)."""
    path = folder / f"{table}.parquet"
    if not path.is_dir():
        return None
    if not _parts(path):
        manifest = read_manifest(folder)
        schema = pa.schema([(n, pa.type_for_alias(t)) for n, t in manifest["schemas"][table]])
        return schema.empty_table().to_pandas()
    frame = pd.read_parquet(path, columns=columns)
    if "run_id" in frame.columns:
        frame = frame.sort_values("run_id", kind="stable", ignore_index=True)
    return frame


def load_results(folder: str | Path) -> Results:
    """Read a results folder written by ``escsim sweep`` / ``run_sweep``."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    runs = read_table(folder, "runs")
    return Results(
        folder, manifest, runs, read_table(folder, "paths"), read_table(folder, "events")
    )
