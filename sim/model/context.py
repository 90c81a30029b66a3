"""What every component's step works with: the world, the state, the random streams, the event
log and the scratch of the current step, plus the few quantities several components read
(effective capabilities, NATO's collective strength, how strongly a target is defended)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.concepts.channels import AID, CONDUCT
from sim.model.log import EventLog
from sim.model.state import State
from sim.model.streams import Streams
from sim.model.world import EU, NATO, World
from sim.outcomes import COUNT_INDEX, PASSAGE_INDEX
from sim.rules.deterrence import credibility, defence_share, punishment_cost
from sim.rules.signalling import READINGS


@dataclass
class Scratch:
    """What happened earlier in the current step, for the components that come later."""

    start_level: np.ndarray  # (R, D) conduct at the start of the step
    start_aid: np.ndarray  # (R, N)
    acted: np.ndarray  # (R, D) the timeline fixed this dyad's conduct this step
    decided: np.ndarray  # (R, D) a decision (not a slip or a response) moved the dyad
    responded: np.ndarray  # (R, D) a red-line or collective-defence response
    shown: np.ndarray  # (R, D) a costly show at the current rung
    warned: np.ndarray  # (R, D) a warning
    last_row: np.ndarray  # (R, D) row of the last conduct event this step (-1: none)
    attacked: np.ndarray  # (R, N) a member attacked this step (rally)
    aid_pressure: np.ndarray  # (R,) aid steps toward Russia's red lines this step
    forced_signal: np.ndarray  # (R,) a nuclear signal required (red-line response, timeline)
    used_now: np.ndarray  # (R,) nuclear use decided this step
    offers: list  # peace plans tabled this step: (replicates, event spec)


class Context:
    """A batch of runs in progress (see module docstring)."""

    def __init__(self, world: World, state: State, streams: Streams, log: EventLog) -> None:
        self.world, self.state, self.streams, self.log = world, state, streams, log
        self.t = 0
        self.scratch: Scratch | None = None
        self.level_text = np.array([log.code(level.label) for level in CONDUCT.levels])
        self.aid_text = np.array([log.code(level.label) for level in AID.levels])
        self.reading_text = np.array([log.code(reading) for reading in READINGS])
        self.all = np.arange(state.replicates)

    @property
    def replicates(self) -> int:
        return self.state.replicates

    # ---------------------------------------------------------------------- randomness
    def uniform(self, mechanism: str, keys: np.ndarray) -> np.ndarray:
        return self.streams.uniform(self.t, mechanism, keys)

    def normal(self, mechanism: str, keys: np.ndarray) -> np.ndarray:
        return self.streams.normal(self.t, mechanism, keys)

    def chance(self, mechanism: str) -> np.ndarray:
        """One uniform per replicate."""
        return self.streams.uniform(self.t, mechanism, self.world.one_key)[:, 0]

    # ---------------------------------------------------------------------- recording
    def passage(self, name: str, mask: np.ndarray) -> None:
        column = self.state.record.passage[:, PASSAGE_INDEX[name]]
        column[mask & (column < 0)] = self.t

    def count(self, name: str, amount: np.ndarray | int) -> None:
        self.state.record.counts[:, COUNT_INDEX[name]] += amount

    # ---------------------------------------------------------------------- conduct
    def set_conduct(
        self, mask: np.ndarray, new_level: np.ndarray, cause: str, label: str | np.ndarray = ""
    ) -> np.ndarray:
        """Move the masked (R, D) dyads to ``new_level`` and log each change; returns the rows
        changed as (replicates, dyads)."""
        level = self.state.conduct.level
        changed = mask & (new_level != level)
        reps, dyads = np.nonzero(changed)
        if reps.size == 0:
            return reps, dyads
        old = level[reps, dyads]
        new = new_level[reps, dyads]
        level[reps, dyads] = new
        world = self.world
        rows = self.log.emit(
            self.t,
            "action",
            reps,
            channel="conduct",
            actor=world.src[dyads],
            target=world.dst[dyads],
            move=new - old,
            from_rung=self.level_text[old],
            to_rung=self.level_text[new],
            cause=cause,
            label=label if isinstance(label, str) else label[reps, dyads],
        )
        self.scratch.last_row[reps, dyads] = rows
        return reps, dyads

    # ---------------------------------------------------------------------- strength
    def capability(self) -> np.ndarray:
        """(R, N) capability, Russia's scaled by the forces it has left."""
        world = self.world
        cap = np.tile(world.capability, (self.replicates, 1))
        cap[:, world.rus] = self.russia_capability()
        return cap

    def russia_capability(self) -> np.ndarray:
        """(R,) Russia's capability, scaled by the forces it has left."""
        world = self.world
        start = max(world.scenario.war.forces.russia, 1e-9)
        share = np.maximum(self.state.war.forces[:, 0], 0.0) / start
        return world.capability[world.rus] * share**world.rules.war.capability_exponent

    def fatigue(self) -> np.ndarray:
        """(R, N) war fatigue: the share of its starting support an actor has lost."""
        support0 = np.maximum(self.world.support0, 1e-9)
        return np.clip(1.0 - self.state.politics.support / support0, 0.0, 1.0)

    def nato(self) -> np.ndarray:
        return self.state.politics.member[:, :, NATO]

    def deterrence_terms(self) -> tuple[np.ndarray, ...]:
        """Per conduct dyad: (denial, credibility, punishment scale, nuclear cover code: 0 none,
        1 the target is nuclear-armed or covered, 2 both sides are)."""
        world, state = self.world, self.state
        rules = world.rules
        cap = self.capability()
        nato = self.nato()
        eu = state.politics.member[:, :, EU]
        collective = (cap * nato).sum(axis=1) * state.alliances.cohesion[:, NATO]
        solidarity = (
            (cap * eu).sum(axis=1)
            * state.alliances.cohesion[:, EU]
            * rules.deterrence.eu_solidarity
        )
        target = cap[:, world.dst]
        covered = nato[:, world.dst]
        target = np.where(covered, np.maximum(target, collective[:, None]), target)
        target = np.where(eu[:, world.dst], np.maximum(target, solidarity[:, None]), target)
        source = cap[:, world.src]
        joint = nato[:, world.src] & state.alliances.article5[:, world.src]
        source = np.where(joint, np.maximum(source, collective[:, None]), source)
        posture = state.conduct.posture
        weight = rules.posture.weight
        denial = defence_share(
            target * (1 + weight * posture[:, world.rev]), source * (1 + weight * posture)
        )
        believed = credibility(
            denial,
            state.beliefs.resolve,
            state.beliefs.reputation,
            rules.deterrence.credibility_scale,
        )
        nuclear_nato = (nato & world.nuclear).any(axis=1)
        nuclear = world.nuclear[world.dst][None, :] | (covered & nuclear_nato[:, None])
        source_nuclear = world.nuclear[world.src][None, :] | (
            nato[:, world.src] & nuclear_nato[:, None]
        )
        # 0: no nuclear cover; 1: the target is covered; 2: both sides are (self-deterrence).
        nuclear = nuclear.astype(np.int64) + (nuclear & source_nuclear)
        scale = (
            rules.deterrence.cost_weight
            * (1.0 - world.risk_tolerance[world.src])
            * (rules.deterrence.punishment_base + denial)
        )
        return denial, believed, scale, nuclear

    def punishment(self, scale: np.ndarray, nuclear: np.ndarray) -> Punishment:
        """C at the conduct rungs of every dyad (rules.deterrence), read where needed."""
        return Punishment(scale, nuclear, self.world.punishment_factors)


@dataclass(frozen=True)
class Punishment:
    """C(L) of every conduct dyad (rules.deterrence.punishment_cost), computed only at the rungs
    asked for: a step needs it at each dyad's few move targets and at red-line responses, never
    at every rung of every dyad."""

    scale: np.ndarray  # (R, D)
    nuclear: np.ndarray  # (R, D) cover code: the row of factors
    factors: np.ndarray  # (cover codes, rungs)

    def at(self, rungs: np.ndarray, dyads: np.ndarray | slice | int = slice(None)) -> np.ndarray:
        """C of ``dyads`` at ``rungs`` (R, dyads, k), (R, k) for one dyad."""
        return punishment_cost(self.scale[:, dyads], self.nuclear[:, dyads], self.factors, rungs)
