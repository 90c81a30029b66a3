"""The results folder of a sweep (format: docs/results.md).

    DIR/manifest.json
    DIR/runs.parquet/part-00000.parquet ...
    DIR/paths.parquet/part-00000.parquet ...     (--record paths or full)
    DIR/events.parquet/part-00000.parquet ...    (--record paths or full)

Each part is written to a hidden temporary name and renamed when complete; the paths and events
parts of a batch are renamed before its runs part, so a run listed in runs.parquet always has its
paths and events on disk. Resuming deletes leftovers of a batch whose runs part never appeared
and moves damaged parts to DIR/damaged/ (sim.batch.integrity). The manifest has a backup
(manifest.json.bak) and every runs part carries the sweep's description, so ``repair`` can
rebuild a lost or damaged manifest.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from sim.batch.integrity import check_parts, parts, read_parts
from sim.errors import EscsimError

#: Runs per part file: one batch written at once.
DEFAULT_PART_SIZE = 2000

FORMAT = "escsim-sweep/1"
TABLES = ("runs", "paths", "events")
COMPRESSION = "zstd"
#: Manifest keys that change while a sweep runs; the others describe the sweep and never change.
VOLATILE = ("status", "finished", "counts", "sessions")
#: Key of the sweep's description in each runs part (a manifest can be rebuilt from any part).
HEADER_KEY = b"escsim.sweep"
BACKUP = "manifest.json.bak"

#: Lock files this process holds: POSIX record locks do not conflict within one process, so a
#: second writer in the same process is refused here.
_held: set[tuple[int, int]] = set()


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _write_json(path: Path, data: dict) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        temporary.write_text(json.dumps(data, indent=2, default=str))
        temporary.replace(path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def read_manifest(folder: Path) -> dict:
    try:
        manifest = json.loads((folder / "manifest.json").read_text())
    except FileNotFoundError:
        raise EscsimError(
            f"{folder}: no manifest.json; allowed: a folder written by escsim sweep"
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise EscsimError(
            f"{folder}/manifest.json: damaged ({exc}); allowed: a valid manifest: escsim repair "
            f"{folder} rebuilds it from its backup and the part files"
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise EscsimError(
            f"{folder}/manifest.json: not a manifest of escsim sweep; allowed: format {FORMAT} "
            f"(escsim repair {folder} rebuilds it)"
        )
    return manifest


def header(manifest: dict) -> dict:
    """What describes a sweep and never changes: the manifest without its volatile keys."""
    return {k: v for k, v in manifest.items() if k not in VOLATILE}


def folder_error(root: Path, exc: OSError) -> EscsimError:
    return EscsimError(
        f"{root}: cannot write there ({exc.strerror}); allowed: a folder you can write to",
        parameter="out",
    )


class ResultStore:
    """Writes part files and the manifest of one results folder."""

    def __init__(self, root: Path, tables: tuple[str, ...], next_part: int = 0) -> None:
        self.root = root
        self.tables = tables
        self.next_part = next_part
        self.header: dict = {}
        self._lock = None
        self._key: tuple[int, int] | None = None

    def _acquire(self) -> None:
        """One writer per folder: a POSIX record lock on DIR/.lock, held until ``close``. The
        system drops it when the process dies (SIGKILL included), and forked workers do not
        inherit it, so an orphaned worker can never keep a folder locked."""
        try:
            handle = open(self.root / ".lock", "a")  # noqa: SIM115 - held open while writing
        except OSError as exc:
            raise folder_error(self.root, exc) from None
        key = (os.fstat(handle.fileno()).st_dev, os.fstat(handle.fileno()).st_ino)
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: no lock
            self._lock = handle
            return
        try:
            if key in _held:
                raise BlockingIOError
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise EscsimError(
                f"{self.root}: another escsim sweep is writing this folder; allowed: wait for "
                "it to finish (or stop it), then resume",
                parameter="out",
            ) from None
        _held.add(key)
        self._lock, self._key = handle, key

    def close(self) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None
            _held.discard(self._key)

    # ------------------------------------------------------------- opening
    @classmethod
    def create(cls, root: Path, manifest: dict, tables: tuple[str, ...]) -> ResultStore:
        """A new folder; refused if it exists (checked by mkdir itself, so two sweeps started
        at once into one folder cannot both get it)."""
        try:
            root.parent.mkdir(parents=True, exist_ok=True)
            root.mkdir()
        except FileExistsError:
            raise EscsimError(
                f"{root}: the folder exists; allowed: a new folder, or resume to complete the "
                "sweep written there",
                parameter="out",
            ) from None
        except OSError as exc:
            raise folder_error(root, exc) from None
        store = cls(root, tables)
        store._acquire()
        try:
            for table in tables:
                (root / f"{table}.parquet").mkdir()
            store.write_manifest(manifest)
        except OSError as exc:
            store.close()
            raise folder_error(root, exc) from None
        return store

    @classmethod
    def open_existing(cls, root: Path) -> tuple[ResultStore, dict, set[int]]:
        """Lock the folder, read its manifest, check every part (damaged batches are moved
        aside with a warning) and return the store, the manifest and the run ids done."""
        if root.exists() and not root.is_dir():
            raise EscsimError(f"{root}: found a file; allowed: a results folder", parameter="out")
        manifest = read_manifest(root)
        tables = tuple(manifest["tables"])
        store = cls(root, tables)
        store._acquire()
        try:
            done = check_parts(root, tables, manifest.get("schemas", {}))
        except OSError as exc:
            store.close()
            raise folder_error(root, exc) from None
        except BaseException:
            store.close()
            raise
        store.header = header(manifest)
        store.next_part = 1 + max(
            (max(parts(root / f"{t}.parquet"), default=-1) for t in tables), default=-1
        )
        return store, manifest, done

    @classmethod
    def reopen(cls, root: Path, fingerprint: str) -> tuple[ResultStore, dict, set[int]]:
        """``open_existing`` for a resume: the folder must hold this very sweep."""
        manifest = read_manifest(root)
        if manifest.get("fingerprint") != fingerprint:
            raise EscsimError(
                f"{root}: the folder holds a different sweep (scenario text, design, seed, record "
                "level or columns differ); allowed: the same files and options as the sweep that "
                "wrote it",
                parameter="resume",
            )
        return cls.open_existing(root)

    # ------------------------------------------------------------- writing
    def open_part(self, schemas: dict[str, pa.Schema]) -> PartWriter:
        """A part being written: row groups are appended to hidden files as results arrive,
        and ``commit`` renames them (runs last). Memory holds one row group, not the part."""
        index = self.next_part
        self.next_part += 1
        described = json.dumps(self.header, default=str).encode()
        schemas = {**schemas, "runs": schemas["runs"].with_metadata({HEADER_KEY: described})}
        return PartWriter(self.root, f"part-{index:05d}.parquet", self.tables, schemas)

    def write_part(self, tables: dict[str, pa.Table]) -> None:
        """One whole batch as a part."""
        part = self.open_part({name: table.schema for name, table in tables.items()})
        part.append(tables)
        part.commit()

    def write_manifest(self, manifest: dict) -> None:
        """manifest.json and its backup (either rebuilds the other: escsim repair)."""
        self.header = header(manifest)
        _write_json(self.root / BACKUP, manifest)
        _write_json(self.root / "manifest.json", manifest)


class PartWriter:
    def __init__(
        self, root: Path, name: str, tables: tuple[str, ...], schemas: dict[str, pa.Schema]
    ) -> None:
        self.order = [t for t in tables if t != "runs"] + ["runs"]
        self.final = {t: root / f"{t}.parquet" / name for t in self.order}
        self.temporary = {t: root / f"{t}.parquet" / f".{name}.tmp" for t in self.order}
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.broken = False
        try:
            for t in self.order:
                self.writers[t] = pq.ParquetWriter(
                    self.temporary[t], schemas[t], compression=COMPRESSION
                )
        except BaseException:
            self.abandon()
            raise
        self.rows = 0

    def append(self, tables: dict[str, pa.Table | Iterable[pa.Table]]) -> None:
        """Append a table (or its pieces, written one by one so that a big one is never
        whole in memory) to each file."""
        try:
            for table in self.order:
                given = tables[table]
                for piece in [given] if isinstance(given, pa.Table) else given:
                    self.writers[table].write_table(piece)
        except BaseException:
            self.broken = True
            raise
        self.rows += tables["runs"].num_rows

    def commit(self) -> None:
        """Close the files, check that each reads back (a full disk can fail silently), then
        rename them into place, runs last."""
        if self.broken:
            raise OSError(f"{self.temporary['runs']}: an earlier write failed")
        try:
            for table in self.order:
                self.writers[table].close()
            for table in self.order:
                pq.read_metadata(self.temporary[table])
        except BaseException:
            self.broken = True
            raise
        for table in self.order:
            os.replace(self.temporary[table], self.final[table])

    def abandon(self) -> None:
        """Remove the hidden files (after a failed write: they may have filled the disk)."""
        for table, writer in self.writers.items():
            with contextlib.suppress(OSError, pa.ArrowException):
                writer.close()
            with contextlib.suppress(OSError):
                self.temporary[table].unlink()
        self.writers = {}


def recover_manifest(root: Path) -> tuple[dict, str]:
    """The best description of the sweep in ``root`` and where it came from: manifest.json,
    else its backup, else the header stored in every runs part."""
    for name in ("manifest.json", BACKUP):
        try:
            manifest = json.loads((root / name).read_text())
        except (OSError, ValueError):
            continue
        if isinstance(manifest, dict) and manifest.get("format") == FORMAT:
            return manifest, name
    for path in sorted(parts(root / "runs.parquet").values()):
        try:
            metadata = pq.read_schema(path).metadata or {}
            described = json.loads(metadata[HEADER_KEY])
        except (OSError, pa.ArrowException, KeyError, ValueError):
            continue
        return {**described, "status": "interrupted", "finished": None, "sessions": []}, path.name
    raise EscsimError(
        f"{root}: no readable manifest.json, backup or runs part; allowed: a results folder "
        "of escsim sweep (with nothing to recover, run the sweep again into a new folder)"
    )


def count_runs(root: Path) -> dict[str, int]:
    """Runs done, ok and failed, from the runs parts."""
    folder = root / "runs.parquet"
    status = read_parts(folder, columns=["status"])["status"] if parts(folder) else pd.Series()
    return {
        "done": len(status),
        "ok": int((status == "ok").sum()),
        "failed": int((status == "failed").sum()),
    }


@dataclass
class Repair:
    """What ``repair`` found and did."""

    folder: Path
    source: str
    manifest: dict[str, Any]


def repair(root: Path) -> Repair:
    """Rebuild DIR/manifest.json (from itself, its backup or the runs parts), move damaged
    parts aside and recount the runs, so that resume can complete the sweep."""
    root = Path(root)
    if not root.is_dir():
        raise EscsimError(f"{root}: not a folder; allowed: a results folder of escsim sweep")
    manifest, source = recover_manifest(root)
    if source != "manifest.json":
        store = ResultStore(root, tuple(manifest["tables"]))
        store._acquire()
        try:
            store.write_manifest(manifest)
        finally:
            store.close()
    store, manifest, _ = ResultStore.open_existing(root)
    try:
        counts = count_runs(root)
        total = manifest["counts"]["runs"] if "counts" in manifest else manifest["design"]["runs"]
        manifest["counts"] = {"runs": total, **counts}
        complete = counts["done"] == total
        manifest["status"] = "complete" if complete else "interrupted"
        store.write_manifest(manifest)
    finally:
        store.close()
    return Repair(root, source, manifest)
