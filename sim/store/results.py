"""Reading a results folder (format: docs/results.md): the one reader that the command line,
analysis, teaching and the dashboard use.

Tables are read lazily: ``escsim summary`` needs only ``runs.parquet``, so summarising a large
sweep does not touch its (much larger) paths and events. The scenarios are read from the texts
the manifest stored, so rung labels come from the ladder of the scenario that ran.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import yaml
from pydantic import ValidationError

from sim.batch.integrity import parts, read_parts
from sim.batch.store import read_manifest
from sim.errors import EscsimError
from sim.ladder import Ladder
from sim.outcomes import OUTCOME_NAMES
from sim.scenario.references import build_ladder
from sim.scenario.schema import Scenario

PARAM = "param:"
RECORDED = ("paths", "events")


def read_table(folder: Path, table: str, columns: list[str] | None = None) -> pd.DataFrame | None:
    """One table of a results folder in run id order (rows of a run in the order the model
    recorded them); None when the folder has no such table."""
    path = folder / f"{table}.parquet"
    if not path.is_dir():
        return None
    if not parts(path):
        manifest = read_manifest(folder)
        recorded = manifest.get("schemas", {}).get(table)
        if recorded is None:
            return pd.DataFrame(columns=columns or [])
        schema = pa.schema([(n, pa.type_for_alias(t)) for n, t in recorded])
        frame = schema.empty_table().to_pandas()
        return frame[columns] if columns else frame
    frame = read_parts(path, columns=columns)
    if "run_id" in frame.columns:
        frame = frame.sort_values("run_id", kind="stable", ignore_index=True)
    return frame


@lru_cache(maxsize=32)
def _parse(text: str) -> Scenario:
    return Scenario.model_validate(yaml.safe_load(text))


@dataclass
class Results:
    """A results folder: its manifest, and its tables read on first use. ``paths`` and
    ``events`` are None for a sweep recorded with ``--record summary``; ``recorded(name)``
    raises a clear error instead."""

    folder: Path
    manifest: dict
    label: str = ""
    _runs: pd.DataFrame | None = field(default=None, repr=False)

    def __getitem__(self, name: str) -> pd.DataFrame | None:
        return getattr(self, name)

    @property
    def runs(self) -> pd.DataFrame:
        if self._runs is None:
            self._runs = read_table(self.folder, "runs")
        return self._runs

    @cached_property
    def paths(self) -> pd.DataFrame | None:
        return read_table(self.folder, "paths")

    @cached_property
    def events(self) -> pd.DataFrame | None:
        return read_table(self.folder, "events")

    def recorded(self, name: str) -> pd.DataFrame:
        """A table only sweeps recorded with --record paths or full have."""
        frame = getattr(self, name)
        if frame is None:
            raise EscsimError(
                f"{self.folder}: no {name}.parquet (swept with --record summary); allowed: a "
                "sweep recorded with --record paths or full"
            )
        return frame

    @cached_property
    def dyad_paths(self) -> pd.DataFrame:
        """Rows of paths.parquet of kind 'dyad' (run_id, step, entity, level), read alone."""
        columns = ["run_id", "step", "entity", "level"]
        path = self.folder / "paths.parquet"
        if not path.exists():
            self.recorded("paths")
        if not parts(path):
            return pd.DataFrame(columns=columns)
        frame = read_parts(path, columns=columns, filters=[("kind", "==", "dyad")])
        return frame.sort_values(["run_id", "entity", "step"], kind="stable", ignore_index=True)

    def read_events(self, columns: list[str], filters=None) -> pd.DataFrame:
        """Some columns of events.parquet (rows matching pyarrow ``filters``), without reading
        the whole table (it is the largest of a sweep)."""
        if "events" in self.__dict__:
            return self.recorded("events")[columns]
        path = self.folder / "events.parquet"
        if not path.exists():
            self.recorded("events")
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

    # ------------------------------------------------------------------ scenarios
    def scenario(self, name: str) -> Scenario:
        """The validated Scenario called ``name``, as the manifest stored it."""
        entries = self.manifest.get("scenarios", [])
        for entry in entries:
            if entry.get("name") == name:
                break
        else:
            known = ", ".join(e.get("name", "?") for e in entries) or "none"
            raise EscsimError(
                f"{self.folder}/manifest.json: no scenario {name!r} in 'scenarios'; allowed: "
                f"{known}"
            )
        text = entry.get("text")
        if not isinstance(text, str):
            raise EscsimError(
                f"{self.folder}/manifest.json: scenario {name!r} has no 'text'; allowed: a "
                "manifest written by escsim sweep (it stores each scenario's YAML)"
            )
        try:
            return _parse(text)
        except (yaml.YAMLError, ValidationError) as exc:
            first = str(exc).splitlines()[0]
            raise EscsimError(
                f"{self.folder}/manifest.json: the text of scenario {name!r} is not a scenario "
                f"of this version of escsim ({first}); allowed: results of the current model"
            ) from None

    def ladder(self, name: str) -> Ladder:
        """The reporting ladder of scenario ``name`` (its own, or the default it declared)."""
        return build_ladder(self.scenario(name))

    def step_unit(self, name: str) -> str:
        """What one step of scenario ``name`` is (week, day or month)."""
        return self.scenario(name).run.step_unit

    def actor_names(self, name: str) -> dict[str, str]:
        """Display names of scenario ``name``'s actors, by id."""
        return {actor.id: actor.name for actor in self.scenario(name).actors}

    def require_runs(self) -> Results:
        """Self, or a clear error when the sweep has no runs yet (nothing to analyse)."""
        if self.runs.empty:
            raise EscsimError(
                f"{self.folder}: the sweep has no runs yet; allowed: a sweep with runs"
            )
        return self


def load_results(folder: str | Path, label: str | None = None) -> Results:
    """Open a results folder written by ``escsim sweep`` (or ``escsim run --out``);
    EscsimError naming the file when it is not one or its runs table is not ours."""
    folder = Path(folder)
    if not folder.is_dir():
        raise EscsimError(f"{folder}: not a folder; allowed: a results folder of escsim sweep")
    manifest = read_manifest(folder)
    if not (folder / "runs.parquet").exists():
        raise EscsimError(
            f"{folder}: not a results folder (no runs.parquet); allowed: a folder written by "
            "escsim sweep"
        )
    results = Results(folder, manifest, label or folder.name)
    runs = results.runs
    missing = {"run_id", "scenario", "status", "outcome"} - set(runs.columns)
    if missing and len(runs.columns):
        raise EscsimError(
            f"{folder}/runs.parquet: missing columns {', '.join(sorted(missing))}; allowed: "
            "a runs table written by escsim sweep"
        )
    unknown = set(runs["outcome"].dropna()) - set(OUTCOME_NAMES) if "outcome" in runs else set()
    if unknown:
        raise EscsimError(
            f"{folder}/runs.parquet: unknown outcomes {sorted(unknown)}; allowed: "
            f"{', '.join(OUTCOME_NAMES)}"
        )
    return results


def results_of(source: str | Path | Results) -> Results:
    """The Results of a folder path (which must hold runs), or the object itself."""
    if isinstance(source, Results):
        return source
    return load_results(source).require_runs()
