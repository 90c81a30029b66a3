"""Record a run into arrays while it runs and turn them into tables at the end.

Paths keep actor-level state, the scenario's key dyads and, per directed dyad with Russia,
the rung; nothing grows faster than the number of actors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from sim.outcomes import PASSAGES
from sim.rules.signalling import READINGS, Perception

if TYPE_CHECKING:
    from sim.model import EscalationModel

EVENT_COLUMNS = (
    "step",
    "kind",
    "actor",
    "target",
    "move",
    "from_rung",
    "to_rung",
    "cause",
    "perceived",
    "misread",
    "reading",
    "red_line",
    "label",
)
_DEFAULTS = {
    "move": 0,
    "from_rung": "",
    "to_rung": "",
    "cause": "",
    "perceived": None,
    "misread": False,
    "reading": "",
    "red_line": "",
    "label": "",
}


def key_dyad_members(model: EscalationModel) -> dict[str, np.ndarray]:
    """Directed dyads behind each key dyad 'A-B' (A and B actor ids or groups), both ways."""
    members = {}
    for name in model.scenario.key_dyads:
        left, right = (set(model._expand([side])) for side in name.split("-"))
        dyads = [
            d
            for (i, j), d in model.dyad.items()
            if (i in left and j in right) or (i in right and j in left)
        ]
        members[name] = np.array(sorted(dyads), dtype=int)
    return members


class Recorder:
    def __init__(self, model: EscalationModel) -> None:
        self.model = model
        rows = model.max_steps + 1
        self.key_dyads = key_dyad_members(model)
        self.level = np.zeros((rows, model.n_dyads), dtype=np.int8)
        self.posture = np.zeros((rows, model.n_dyads), dtype=np.float32)
        self.hostility = np.zeros((rows, model.n_dyads), dtype=np.float32)
        self.support = np.zeros((rows, len(model.actors)), dtype=np.float32)
        self.cohesion = np.zeros((rows, 2), dtype=np.float32)
        self.events: list[dict] = []
        self._step_events: dict[int, list[int]] = {}
        self.last_step = 0

    def snapshot(self, t: int) -> None:
        m = self.model
        self.level[t] = m.level
        self.posture[t] = m.posture
        self.hostility[t] = m.hostility
        self.support[t] = m.support
        self.cohesion[t] = (m.cohesion["NATO"], m.cohesion["EU"])
        self.last_step = t
        self._step_events = {}

    def event(self, t: int, kind: str, actor: str | None, target: str | None, **fields) -> int:
        dyad = fields.pop("dyad", None)
        record = {"step": t, "kind": kind, "actor": actor or "", "target": target or ""}
        record.update(_DEFAULTS)
        record.update(fields)
        self.events.append(record)
        if dyad is not None:
            self._step_events.setdefault(int(dyad), []).append(len(self.events) - 1)
        return len(self.events) - 1

    def perceived(
        self, t: int, perception: Perception, executed: np.ndarray, signalled: np.ndarray
    ) -> None:
        """Add how each target read what was done to it; note holds misread as escalation."""
        for d, positions in self._step_events.items():
            for position in positions:
                record = self.events[position]
                record["perceived"] = int(perception.perceived[d])
                record["misread"] = bool(perception.misread[d])
                record["reading"] = READINGS[perception.reading[d]]
        m = self.model
        quiet = (executed == 0) & ~signalled & perception.misread
        for d in np.flatnonzero(quiet):
            self.event(
                t,
                "misread",
                m.ids[m.src[d]],
                m.ids[m.dst[d]],
                perceived=int(perception.perceived[d]),
                misread=True,
                reading=READINGS[perception.reading[d]],
                cause="inadvertent",
                label="a hold read as escalation",
            )

    # ------------------------------------------------------------------ output
    def key_levels(self) -> dict[str, np.ndarray]:
        """Rung of each key dyad per step (the higher of the two directions)."""
        steps = self.last_step + 1
        return {
            name: (
                self.level[:steps, dyads].max(axis=1) if dyads.size else np.zeros(steps, np.int8)
            )
            for name, dyads in self.key_dyads.items()
        }

    def summary(self) -> dict:
        m = self.model
        outcome, outcome_step = m.outcome()
        row: dict = {
            "scenario": m.scenario.name,
            "seed": m.seed,
            "steps": self.last_step,
            "outcome": outcome,
            "outcome_step": outcome_step,
        }
        for name, levels in self.key_levels().items():
            row[f"peak:{name}"] = int(levels.max())
            row[f"final:{name}"] = int(levels[-1])
        for name in PASSAGES:
            row[f"first:{name}"] = m.passage.steps[name]
        row.update(m.counts)
        row["min_cohesion:NATO"] = float(self.cohesion[: self.last_step + 1, 0].min())
        row["min_cohesion:EU"] = float(self.cohesion[: self.last_step + 1, 1].min())
        return row

    def paths_frame(self) -> pd.DataFrame:
        """Long table: one row per step and entity (key dyad, directed dyad, actor, alliance)."""
        m = self.model
        steps = np.arange(self.last_step + 1)
        n = steps.size
        blocks = []

        def block(kind: str, entity: str, **columns) -> None:
            frame = {"step": steps, "kind": kind, "entity": entity}
            frame.update(columns)
            blocks.append(pd.DataFrame(frame))

        for name, levels in self.key_levels().items():
            block("dyad", name, level=levels.astype(float))
        for d in range(m.n_dyads):
            block(
                "directed",
                f"{m.ids[m.src[d]]}>{m.ids[m.dst[d]]}",
                level=self.level[:n, d].astype(float),
                posture=self.posture[:n, d],
                hostility=self.hostility[:n, d],
            )
        for i, actor_id in enumerate(m.ids):
            block("actor", actor_id, support=self.support[:n, i])
        for k, name in enumerate(("NATO", "EU")):
            if m.members[name].size:
                block("alliance", name, cohesion=self.cohesion[:n, k])
        frame = pd.concat(blocks, ignore_index=True)
        for column in ("level", "posture", "hostility", "support", "cohesion"):
            if column not in frame:
                frame[column] = np.nan
        return frame[
            ["step", "kind", "entity", "level", "posture", "hostility", "support", "cohesion"]
        ]

    def events_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.events, columns=list(EVENT_COLUMNS))

    def tables(self) -> dict[str, pd.DataFrame]:
        return {
            "paths": self.paths_frame(),
            "events": self.events_frame(),
            "summary": pd.DataFrame([self.summary()]),
        }
