"""Counterfactual branches: "what if, from here?"

A scenario is run with one seed to week t and its state saved. From that state the run goes
on K times under no change and K times under each change, continuation k of every arm drawing
from the same continuation seed (``seeds.continuation_seeds``: keyed by the run's seed, the
branch week and k). Counter-based streams make every draw after week t a function of that seed,
so arm differences within continuation k come from the change (and what it sets in motion),
not from luck: the paired statistics of ``sim.analysis.branching`` read them.

A change is ``PATH=VALUE`` (a scenario dotted path, as in sweeps: ``rules.*``, an actor's
attribute or policy, ``events.<id>.<field>``); several changes joined by ``;`` make one arm.
The state carries over; the new rules and future events apply from week t + 1 (see
``Simulation.continue_from``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml
from pydantic import ValidationError

from sim.batch.design import apply_point, get_path
from sim.batch.integrity import read_parts
from sim.batch.limits import MAX_SEED
from sim.batch.seeds import continuation_seeds
from sim.batch.store import read_manifest
from sim.errors import EscsimError
from sim.model import Simulation
from sim.model.recorder import entities
from sim.scenario.schema import Scenario

NO_CHANGE = "no change"
#: Most continuations per arm (each arm is one batch of this many runs).
MAX_RUNS = 100_000


@dataclass(frozen=True)
class Arm:
    """One way to go on from the branch point: the label and the paths it sets."""

    label: str
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass
class Branch:
    """Every continuation of every arm: ``runs`` has one row per (arm, k) with the run
    summary; ``paths[arm]["measure:entity"]`` is a recorded path (weeks 0..steps, K), e.g.
    ``level:RUS-NATO``, ``cohesion:NATO``, ``reputation:USA>RUS``, ``front:RUS-UKR``."""

    scenario: str
    origin: str
    seed: int
    at: int
    steps: int
    step_unit: str
    arms: list[Arm]
    key_dyads: list[str]
    runs: pd.DataFrame
    paths: dict[str, dict[str, np.ndarray]]

    def describe(self) -> dict:
        return {
            "scenario": self.scenario,
            "origin": self.origin,
            "seed": self.seed,
            "at": self.at,
            "steps": self.steps,
            "runs_per_arm": int(self.runs["k"].max()) + 1 if len(self.runs) else 0,
            "arms": [{"label": a.label, "changes": a.changes} for a in self.arms],
        }


def parse_change(text: str) -> Arm:
    """``PATH=VALUE[;PATH=VALUE...]``: one arm. Values are read as YAML (numbers, true/false,
    text, lists such as [GBR, FRA])."""
    usage = "PATH=VALUE, several joined by ';' (events.aid_surge.probability=0)"
    changes: dict[str, Any] = {}
    for part in text.split(";"):
        path, sep, value = part.partition("=")
        path = path.strip()
        if not sep or not path or not value.strip():
            raise EscsimError(
                f"{text!r}: {part.strip()!r} is not PATH=VALUE; allowed: {usage}",
                parameter="change",
            )
        if path in changes:
            raise EscsimError(
                f"{text!r}: {path} set twice; allowed: each path once", parameter="change"
            )
        try:
            changes[path] = yaml.safe_load(value)
        except yaml.YAMLError:
            raise EscsimError(
                f"{path}: value {value.strip()!r} is not readable; allowed: a "
                "number, true/false, text or a [list]",
                parameter="change",
            ) from None
    return Arm(text.strip(), changes)


def changed(base: dict, arm: Arm) -> Scenario:
    """The scenario with the arm's changes, validated (errors name the path and the value)."""
    for path in arm.changes:
        try:
            get_path(base, path)
        except ValueError as exc:
            found, allowed = exc.args
            raise EscsimError(
                f"{path}: unknown path (at {found!r}); allowed here: {allowed}", parameter="change"
            ) from None
    try:
        return apply_point(base, arm.changes)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        raise EscsimError(
            f"{arm.label}: {where}: {error['msg']} (found {error.get('input')!r})",
            parameter="change",
        ) from None
    except ValueError as exc:
        raise EscsimError(f"{arm.label}: {exc}", parameter="change") from None


def run_of(folder: Path, run_id: int) -> tuple[Scenario, int]:
    """The scenario (its design point applied) and seed of run ``run_id`` of a sweep folder."""
    manifest = read_manifest(folder)
    runs = read_parts(folder / "runs.parquet", filters=[("run_id", "==", run_id)])
    if runs.empty:
        total = manifest.get("counts", {}).get("runs", "?")
        raise EscsimError(
            f"{folder}: no run {run_id}; allowed: a run id of the sweep "
            f"(0 to {total} - 1, runs.parquet)",
            parameter="run",
        )
    row = runs.iloc[0]
    text = next((s["text"] for s in manifest["scenarios"] if s["name"] == row["scenario"]), None)
    if text is None:
        raise EscsimError(
            f"{folder}/manifest.json: no scenario {row['scenario']!r}; allowed: "
            "a manifest written by escsim sweep"
        )
    base = Scenario.model_validate(yaml.safe_load(text)).model_dump(mode="json", exclude={"sweep"})
    point = {
        column.removeprefix("param:"): value.item() if hasattr(value, "item") else value
        for column, value in row.items()
        if column.startswith("param:") and value is not None and value == value
    }
    return apply_point(base, point), int(row["seed"])


def branch(
    scenario: Scenario,
    seed: int,
    at: int,
    changes: list[Arm | str],
    runs: int = 200,
    steps: int | None = None,
    origin: str = "",
) -> Branch:
    """Run ``scenario`` with ``seed`` to week ``at``, then continue it ``runs`` times under no
    change and under each change (see the module docstring)."""
    arms = [NO_CHANGE_ARM] + [c if isinstance(c, Arm) else parse_change(c) for c in changes]
    labels = [a.label for a in arms]
    if len(set(labels)) < len(labels):
        raise EscsimError("a change given twice; allowed: distinct changes", parameter="change")
    if not 0 <= seed <= MAX_SEED:
        raise EscsimError(f"found {seed}; allowed: 0 to {MAX_SEED}", parameter="seed")
    if not 1 <= runs <= MAX_RUNS:
        raise EscsimError(f"found {runs}; allowed: 1 to {MAX_RUNS:,}", parameter="runs")
    total = scenario.run.steps if steps is None else steps
    if not 1 <= total <= 10_000:
        raise EscsimError(f"found {total}; allowed: 1 to 10000", parameter="steps")
    if not 0 <= at < total:
        raise EscsimError(
            f"week {at}; allowed: 0 to {total - 1} (the runs last {total} "
            f"{scenario.run.step_unit}s)",
            parameter="at",
        )
    base = scenario.model_dump(mode="json", exclude={"sweep"})
    scenarios = [scenario] + [changed(base, arm) for arm in arms[1:]]
    straight = Simulation(scenario, [seed], steps=total, record="full")
    while straight.t < at:
        straight.step()
    snapshot = straight.save()
    seeds = continuation_seeds(seed, at, runs)
    rows, paths = [], {}
    for arm, variant in zip(arms, scenarios, strict=True):
        try:
            sim = Simulation.continue_from(snapshot, variant, seeds, steps=total).run()
        except ValueError as exc:
            raise EscsimError(f"{arm.label}: {exc}", parameter="change") from None
        for k, summary in enumerate(sim.recorder.summaries()):
            rows.append({"arm": arm.label, "k": k, "seed": int(seeds[k]), **summary})
        paths[arm.label] = series(sim)
    return Branch(
        scenario=scenario.name,
        origin=origin or f"seed {seed}",
        seed=seed,
        at=at,
        steps=total,
        step_unit=scenario.run.step_unit,
        arms=arms,
        key_dyads=list(scenario.key_dyads),
        runs=pd.DataFrame(rows),
        paths=paths,
    )


def series(sim: Simulation) -> dict[str, np.ndarray]:
    """Every recorded path of a batch by ``measure:entity``: (weeks, runs)."""
    out = {}
    for (kind, name), buffer in sim.recorder.buffers.items():
        for e, entity in enumerate(entities(sim.ctx, kind)):
            out[f"{name}:{entity}"] = buffer[: sim.t + 1, :, e]
    return out


NO_CHANGE_ARM = Arm(NO_CHANGE)
