"""Reading a sweep's results folder (format: docs/results.md) for analysis.

Tables are read lazily: ``summary`` needs only ``runs.parquet``, so summarising a large sweep
does not touch its (much larger) paths and events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from sim.batch.integrity import parts, read_parts
from sim.batch.store import read_manifest
from sim.errors import EscsimError
from sim.outcomes import OUTCOME_NAMES

PARAM = "param:"


def _read_table(folder: Path, table: str, columns: list[str] | None = None):
    path = folder / f"{table}.parquet"
    if not path.exists():
        return None
    if path.is_dir() and not parts(path):
        return pd.DataFrame(columns=columns or [])
    frame = read_parts(path, columns=columns)
    if "run_id" in frame.columns:
        frame = frame.sort_values("run_id", kind="stable", ignore_index=True)
    return frame


@dataclass
class SweepResults:
    """A results folder: the manifest, and its tables read on first use."""

    folder: Path
    manifest: dict
    label: str = ""
    _runs: pd.DataFrame | None = field(default=None, repr=False)

    @property
    def runs(self) -> pd.DataFrame:
        if self._runs is None:
            self._runs = _read_table(self.folder, "runs")
        return self._runs

    @cached_property
    def paths(self) -> pd.DataFrame:
        return self._recorded("paths")

    @cached_property
    def events(self) -> pd.DataFrame:
        return self._recorded("events")

    def _recorded(self, name: str) -> pd.DataFrame:
        """A table only sweeps recorded with --record paths or full have."""
        frame = _read_table(self.folder, name)
        if frame is None:
            raise EscsimError(
                f"{self.folder}: no {name}.parquet (swept with --record summary); allowed: a "
                "sweep recorded with --record paths or full"
            )
        return frame

    @cached_property
    def dyad_paths(self) -> pd.DataFrame:
        """Rows of paths.parquet of kind 'dyad' (run_id, step, entity, level), read alone."""
        path = self.folder / "paths.parquet"
        if not path.exists():
            self.paths  # noqa: B018 - raises the clear error
        if not parts(path):
            return pd.DataFrame(columns=["run_id", "step", "entity", "level"])
        frame = read_parts(
            path, columns=["run_id", "step", "entity", "level"], filters=[("kind", "==", "dyad")]
        )
        return frame.sort_values(["run_id", "entity", "step"], kind="stable", ignore_index=True)

    def read_events(self, columns: list[str], filters=None) -> pd.DataFrame:
        """Some columns of events.parquet (rows matching pyarrow ``filters``), without reading
        the whole table (it is the largest of a sweep)."""
        if "events" in self.__dict__:
            return self.events[columns]
        path = self.folder / "events.parquet"
        if not path.exists():
            self.events  # noqa: B018 - raises the clear error
        if not parts(path):
            return pd.DataFrame(columns=columns)
        return read_parts(path, columns=columns, filters=filters)

    @property
    def ok(self) -> pd.DataFrame:
        """Runs that finished (status 'ok')."""
        runs = self.runs
        return runs[runs["status"] == "ok"]

    @property
    def parameters(self) -> list[str]:
        """Swept parameters (dotted paths), from the ``param:`` columns."""
        return [c[len(PARAM) :] for c in self.runs.columns if c.startswith(PARAM)]

    @property
    def key_dyads(self) -> list[str]:
        return [c[len("peak:") :] for c in self.runs.columns if c.startswith("peak:")]

    def design(self, scenario: str) -> dict:
        for entry in self.manifest.get("design", {}).get("scenarios", []):
            if entry.get("scenario") == scenario:
                return entry
        return {}


def read_results(folder: str | Path, label: str | None = None) -> SweepResults:
    """Open a results folder written by ``escsim sweep``; EscsimError if it is not one, or if
    it holds no runs."""
    folder = Path(folder)
    if not folder.is_dir():
        raise EscsimError(f"{folder}: not a folder; allowed: a results folder of escsim sweep")
    manifest = read_manifest(folder)
    if not (folder / "runs.parquet").exists():
        raise EscsimError(
            f"{folder}: not a results folder (no runs.parquet); allowed: a folder written by "
            "escsim sweep"
        )
    results = SweepResults(folder, manifest, label or folder.name)
    runs = results.runs
    missing = {"run_id", "scenario", "status", "outcome"} - set(runs.columns)
    if missing and len(runs.columns):
        raise EscsimError(
            f"{folder}/runs.parquet: missing columns {', '.join(sorted(missing))}; allowed: "
            "a runs table written by escsim sweep"
        )
    if runs.empty:
        raise EscsimError(f"{folder}: the sweep has no runs yet; allowed: a sweep with runs")
    unknown = set(runs["outcome"].dropna()) - set(OUTCOME_NAMES)
    if unknown:
        raise EscsimError(
            f"{folder}/runs.parquet: unknown outcomes {sorted(unknown)}; allowed: "
            f"{', '.join(OUTCOME_NAMES)}"
        )
    return results


def as_results(source) -> SweepResults:
    """A SweepResults from a folder path, or the object itself."""
    return source if isinstance(source, SweepResults) else read_results(source)


def check_parameter(results: SweepResults, parameter: str) -> str:
    """The ``param:`` column of ``parameter`` (with or without the prefix), or EscsimError."""
    name = parameter[len(PARAM) :] if parameter.startswith(PARAM) else parameter
    if name not in results.parameters:
        swept = ", ".join(results.parameters) or "none (no parameter was swept)"
        raise EscsimError(
            f"{parameter}: not a parameter of the sweep in {results.folder}; allowed: {swept}",
            parameter="by",
        )
    return PARAM + name
