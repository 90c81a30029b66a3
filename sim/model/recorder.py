"""Record a batch of runs while it runs: per-step measures into arrays, and at the end one
summary row per run. Each measure is declared once (``MEASURES``): its name, the kind of entity
it describes, a label, the recording level that keeps it, and how to read it off the state.

The paths table is long in entities and wide in measures: one row per run, step and entity
(a key dyad, a directed dyad, an actor, an alliance, the war), one column per measure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from sim.concepts.alliances import ALLIANCE_NAMES
from sim.concepts.channels import WAR
from sim.model.context import Context
from sim.model.state import NO_WAR
from sim.outcomes import COUNTS, PASSAGES, Ending, classify

#: Recording levels and the entity kinds each keeps in the paths table.
RECORD_LEVELS = ("summary", "paths", "full")
PATH_KINDS = {
    "summary": (),
    "paths": ("dyad", "actor", "alliance", "war"),
    "full": ("dyad", "directed", "actor", "alliance", "war"),
}


@dataclass(frozen=True)
class Measure:
    name: str
    kind: str  # entity kind: dyad, directed, actor, alliance, war
    label: str
    read: Callable[[Context], np.ndarray]  # (R, entities)


def _key_levels(ctx: Context) -> np.ndarray:
    """(R, key dyads): the reporting-ladder rung of each key dyad, over every channel."""
    world, state = ctx.world, ctx.state
    rungs = ctx.world.ladder_rungs
    conduct = rungs["conduct"][state.conduct.level]
    aid = rungs["aid"][state.support.aid[:, world.others]]
    conduct[:, world.s :] = np.maximum(conduct[:, world.s :], aid)
    signal = rungs["nuclear_signal"][state.nuclear.signal]
    conduct[:, : world.s] = np.maximum(conduct[:, : world.s], signal[:, None])
    use = np.where(state.nuclear.used, rungs["nuclear_use"][1], 0)
    status = state.war.status
    war = np.where(status == NO_WAR, 0, rungs["war"][np.maximum(status, 0)])
    war = np.maximum(war, use)
    out = np.zeros((ctx.replicates, len(world.key_dyads)))
    for k, (_, dyads, has_war) in enumerate(world.key_dyads):
        top = conduct[:, dyads].max(axis=1) if dyads.size else np.zeros(ctx.replicates)
        out[:, k] = np.maximum(top, war) if has_war else top
    return out


def _directed_rungs(ctx: Context) -> np.ndarray:
    return ctx.world.ladder_rungs["conduct"][ctx.state.conduct.level].astype(float)


def _credibility(ctx: Context) -> np.ndarray:
    _, believed, _, _ = ctx.deterrence_terms()
    return believed


def _war(read: Callable[[Context], np.ndarray]) -> Callable[[Context], np.ndarray]:
    return lambda ctx: read(ctx)[:, None]


MEASURES: tuple[Measure, ...] = (
    Measure("level", "dyad", "Rung on the escalation ladder", _key_levels),
    Measure("level", "directed", "Rung of direct conduct", _directed_rungs),
    Measure("posture", "directed", "Richardson posture", lambda c: c.state.conduct.posture),
    Measure(
        "hostility",
        "directed",
        "Hostility believed of the target",
        lambda c: c.state.beliefs.hostility,
    ),
    Measure(
        "resolve", "directed", "Resolve believed of the target", lambda c: c.state.beliefs.resolve
    ),
    Measure(
        "reputation",
        "directed",
        "Target's reputation for follow-through",
        lambda c: c.state.beliefs.reputation,
    ),
    Measure("credibility", "directed", "Credibility of the target's retaliation", _credibility),
    Measure(
        "support", "actor", "Domestic support (1 - war fatigue)", lambda c: c.state.politics.support
    ),
    Measure(
        "aid",
        "actor",
        "Kind of aid sent to Ukraine (0 none .. 4 long-range)",
        lambda c: c.state.support.aid.astype(float),
    ),
    Measure("cohesion", "alliance", "Alliance cohesion", lambda c: c.state.alliances.cohesion),
    Measure("front", "war", "Share of Ukraine held by Russia", _war(lambda c: c.state.war.front)),
    Measure("balance", "war", "Russia's share of strength", _war(lambda c: c.state.war.balance)),
    Measure("forces_russia", "war", "Russia's forces", _war(lambda c: c.state.war.forces[:, 0])),
    Measure("forces_ukraine", "war", "Ukraine's forces", _war(lambda c: c.state.war.forces[:, 1])),
    Measure(
        "materiel", "war", "Western materiel with Ukraine", _war(lambda c: c.state.war.materiel)
    ),
    Measure(
        "belief_russia",
        "war",
        "Russia's belief about its share of strength",
        _war(lambda c: c.state.war.belief[:, 0]),
    ),
    Measure(
        "belief_ukraine",
        "war",
        "Ukraine's belief about Russia's share of strength",
        _war(lambda c: c.state.war.belief[:, 1]),
    ),
    Measure(
        "status",
        "war",
        "War status (3 war, 2 ceasefire, 1 armistice, 0 settled)",
        _war(lambda c: c.state.war.status.astype(float)),
    ),
    Measure(
        "nuclear_shadow",
        "war",
        "Nuclear shadow cast by Russia's signals",
        _war(lambda c: c.state.nuclear.shadow),
    ),
    Measure(
        "nuclear_signal",
        "war",
        "Kind of nuclear signal this step (0 none)",
        _war(lambda c: c.state.nuclear.signal.astype(float)),
    ),
    Measure(
        "sanctions_packages",
        "war",
        "EU sanctions packages adopted",
        _war(lambda c: c.state.alliances.packages.astype(float)),
    ),
)
#: Value columns of the paths table, in order.
VALUE_COLUMNS: tuple[str, ...] = tuple(dict.fromkeys(m.name for m in MEASURES))


def entities(ctx: Context, kind: str) -> list[str]:
    world = ctx.world
    if kind == "dyad":
        return [name for name, _, _ in world.key_dyads]
    if kind == "directed":
        return [world.directed_name(d) for d in range(world.n_dyads)]
    if kind == "actor":
        return list(world.ids)
    if kind == "alliance":
        return list(ALLIANCE_NAMES)
    return ["RUS-UKR"] if world.ukr >= 0 else []


class Recorder:
    """Per-step buffers of every measure the recording level keeps, plus the key levels
    (always kept: the summary needs their peaks)."""

    def __init__(self, ctx: Context, steps: int, record: str = "full") -> None:
        self.ctx = ctx
        self.level = record
        self.kinds = PATH_KINDS[record]
        self.measures = [m for m in MEASURES if m.kind in self.kinds]
        rows = steps + 1
        self.buffers = {
            (m.kind, m.name): np.zeros(
                (rows, ctx.replicates, len(entities(ctx, m.kind))), dtype=np.float32
            )
            for m in self.measures
        }
        self.key_levels = np.zeros((rows, ctx.replicates, len(ctx.world.key_dyads)), np.int16)
        self.min_cohesion = np.ones((ctx.replicates, len(ALLIANCE_NAMES)))
        self.last_step = 0

    def snapshot(self, t: int) -> None:
        ctx = self.ctx
        key = _key_levels(ctx)
        self.key_levels[t] = key
        for m in self.measures:
            if not entities(ctx, m.kind):
                continue
            values = key if (m.kind, m.name) == ("dyad", "level") else m.read(ctx)
            self.buffers[(m.kind, m.name)][t] = values
        self.min_cohesion = np.minimum(self.min_cohesion, ctx.state.alliances.cohesion)
        self.last_step = t

    def copy(self, ctx: Context) -> Recorder:
        other = Recorder.__new__(Recorder)
        other.ctx = ctx
        other.level, other.kinds, other.measures = self.level, self.kinds, self.measures
        other.buffers = {k: v.copy() for k, v in self.buffers.items()}
        other.key_levels = self.key_levels.copy()
        other.min_cohesion = self.min_cohesion.copy()
        other.last_step = self.last_step
        return other

    def resume(self, earlier: Recorder, rows: np.ndarray, t: int) -> None:
        """Take weeks 0..t of ``earlier``'s replicates ``rows`` as this recorder's own (a run
        continued from a snapshot keeps the path that led to it)."""
        for key, buffer in self.buffers.items():
            buffer[: t + 1] = earlier.buffers[key][: t + 1, rows]
        self.key_levels[: t + 1] = earlier.key_levels[: t + 1, rows]
        self.min_cohesion = earlier.min_cohesion[rows].copy()
        self.last_step = t

    # ------------------------------------------------------------------------ summaries
    def outcomes(self) -> list[tuple[str, int | None]]:
        state = self.ctx.state
        status = state.war.status
        names = [WAR.levels[s].id if s >= 0 else "none" for s in status]
        out = []
        for r in range(self.ctx.replicates):
            passages = {
                name: (int(v) if v >= 0 else None)
                for name, v in zip(PASSAGES, state.record.passage[r], strict=True)
            }
            out.append(classify(Ending(passages, names[r])))
        return out

    def summaries(self) -> list[dict]:
        """One row per run: outcome, peaks and finals of key dyads, first passages, counts."""
        ctx = self.ctx
        world, state = ctx.world, ctx.state
        steps = self.last_step + 1
        levels = self.key_levels[:steps]
        rows = []
        for r, (outcome, step) in enumerate(self.outcomes()):
            row: dict = {"steps": self.last_step, "outcome": outcome, "outcome_step": step}
            for k, (name, _, _) in enumerate(world.key_dyads):
                row[f"peak:{name}"] = int(levels[:, r, k].max())
                row[f"final:{name}"] = int(levels[-1, r, k])
            for p, name in enumerate(PASSAGES):
                value = state.record.passage[r, p]
                row[f"first:{name}"] = int(value) if value >= 0 else None
            for c, name in enumerate(COUNTS):
                row[name] = int(state.record.counts[r, c])
            for k, name in enumerate(ALLIANCE_NAMES):
                row[f"min_cohesion:{name}"] = float(self.min_cohesion[r, k])
            if world.ukr >= 0:
                row["final_front"] = float(state.war.front[r])
                row["final_balance"] = float(state.war.balance[r])
            row["peak_aid"] = int(state.support.aid[r].max())
            rows.append(row)
        return rows

    def paths_columns(self, replicates: np.ndarray | None = None) -> dict[str, np.ndarray]:
        """Paths rows as columns, replicate-major; ``replicate`` gives the run within the
        batch. Kinds not kept by the recording level are absent."""
        columns, words = self.path_codes(replicates)
        text = np.asarray(words, dtype=object)
        for name in ("kind", "entity"):
            columns[name] = text[columns[name]] if columns[name].size else columns[name]
        return columns

    def path_codes(
        self, replicates: np.ndarray | None = None
    ) -> tuple[dict[str, np.ndarray], list[str]]:
        """``paths_columns`` with ``kind`` and ``entity`` as codes into the returned words."""
        blocks, words = self.path_blocks(replicates)
        if not blocks:
            names = ("replicate", "step", "kind", "entity", *VALUE_COLUMNS)
            return {c: np.zeros(0) for c in names}, []
        out = {}
        for column in ("replicate", "step", "kind", "entity", *VALUE_COLUMNS):
            out[column] = np.concatenate(
                [
                    block[column]
                    if column in block
                    else np.full(block["step"].size, np.nan, dtype=np.float32)
                    for block in blocks
                ]
            )
        return out, words

    def path_blocks(
        self, replicates: np.ndarray | None = None
    ) -> tuple[list[dict[str, np.ndarray]], list[str]]:
        """The paths rows kind by kind, each block with only the measures its kind has (the
        rest of the wide table is empty for it), and ``kind`` and ``entity`` as codes into the
        returned words: compact to send between processes, cheap to widen when written."""
        ctx = self.ctx
        steps = self.last_step + 1
        chosen = np.arange(ctx.replicates) if replicates is None else np.asarray(replicates)
        vocabulary: dict[str, int] = {}
        blocks = []
        for kind in self.kinds:
            names = entities(ctx, kind)
            if not names:
                continue
            e = len(names)
            codes = np.array([vocabulary.setdefault(n, len(vocabulary)) for n in names])
            block = {
                "replicate": np.repeat(chosen, steps * e),
                "step": np.tile(np.repeat(np.arange(steps), e), chosen.size),
                "kind": np.full(
                    chosen.size * steps * e, vocabulary.setdefault(kind, len(vocabulary))
                ),
                "entity": np.tile(codes, chosen.size * steps),
            }
            present = {m.name for m in self.measures if m.kind == kind}
            for column in VALUE_COLUMNS:
                if column in present:
                    data = self.buffers[(kind, column)][:steps, chosen]  # (steps, R, e)
                    block[column] = data.transpose(1, 0, 2).reshape(-1)
            blocks.append(block)
        return blocks, list(vocabulary)
