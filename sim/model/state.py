"""The state of a batch of runs: one dataclass per component, every array with a leading
replicate axis R. A state can be copied (save and restore, counterfactual branches) and sliced
(one replicate out of a batch)."""

from __future__ import annotations

import copy
from dataclasses import dataclass, fields

import numpy as np

from sim.concepts.channels import WAR
from sim.model.world import EU, World
from sim.outcomes import COUNTS, PASSAGES
from sim.rules.doctrines import Memory

AT_WAR = WAR.index("war")
#: War status of a scenario without Ukraine: no war channel at all.
NO_WAR = -1
CEASEFIRE, ARMISTICE, SETTLED = WAR.index("ceasefire"), WAR.index("armistice"), WAR.index("peace")


def _rows(value, replicates):
    if isinstance(value, np.ndarray):
        return value[replicates].copy()
    if isinstance(value, Memory):
        return Memory(
            *(
                a[replicates].copy()
                for a in (value.own_moves, value.last, value.previous, value.ever_defected)
            )
        )
    return copy.deepcopy(value)


class Part:
    """Base of component states: copy and select replicates, field by field."""

    def copy(self):
        return self.take(slice(None))

    def take(self, replicates):
        return type(self)(
            **{f.name: _rows(getattr(self, f.name), replicates) for f in fields(self)}
        )


@dataclass
class Politics(Part):
    """Stances, policy limits, memberships and domestic support: they change by events."""

    stance_r: np.ndarray  # (R, N) opposition to Russia
    stance_u: np.ndarray  # (R, N) support for Ukraine
    max_aid: np.ndarray  # (R, N) int
    sanctions: np.ndarray  # (R, N) bool: joins EU sanctions
    max_conduct: np.ndarray  # (R, N) int
    member: np.ndarray  # (R, N, alliances) bool
    support: np.ndarray  # (R, N) domestic support, 1 - war fatigue


@dataclass
class Conduct(Part):
    level: np.ndarray  # (R, D) conduct rung of src toward dst
    floor: np.ndarray  # (R, D) rung below which commitments (EU sanctions) keep it
    posture: np.ndarray  # (R, D) Richardson posture
    seen_bias: np.ndarray  # (R, D) how far above the truth src believes dst stands
    defending: np.ndarray  # (R, N) bool: self-defence or collective defence rungs open
    memory: Memory  # reciprocity doctrines' memory per dyad


@dataclass
class Beliefs(Part):
    hostility: np.ndarray  # (R, D) src's belief that dst is hostile
    resolve: np.ndarray  # (R, D) dst's resolve as src believes it
    reputation: np.ndarray  # (R, D) dst's follow-through as src believes it


@dataclass
class Support(Part):
    aid: np.ndarray  # (R, N) aid kind
    pipeline: np.ndarray  # (R, P) materiel arriving in future steps (ring buffer)
    delivered: np.ndarray  # (R,) materiel delivered this step


@dataclass
class War(Part):
    forces: np.ndarray  # (R, 2) Russia, Ukraine
    materiel: np.ndarray  # (R,)
    front: np.ndarray  # (R,) share of Ukraine held by Russia
    balance: np.ndarray  # (R,) Russia's share of strength
    belief: np.ndarray  # (R, 2) Russia's share of strength as each side believes it
    uncertainty: np.ndarray  # (R, 2) variance of each side's belief
    status: np.ndarray  # (R,) WAR channel level: war, ceasefire, armistice, peace
    mobilising: np.ndarray  # (R, 2) steps of mobilisation left
    inflow: np.ndarray  # (R, 2) forces a scheduled mobilisation adds each of its steps
    cooldown: np.ndarray  # (R, 2)
    front_change: np.ndarray  # (R,) this step
    lost: np.ndarray  # (R, 2) forces lost this step
    casualties: np.ndarray  # (R, 2) forces lost since the war began


@dataclass
class Nuclear(Part):
    shadow: np.ndarray  # (R,) perceived nuclear risk cast by recent signals
    credibility: np.ndarray  # (R,) West's belief that the threats are meant
    recent: np.ndarray  # (R,) recent signalling (decays)
    signal: np.ndarray  # (R,) kind of signal this step (0 none)
    used: np.ndarray  # (R,) bool


@dataclass
class Incidents(Part):
    nature: np.ndarray  # (R, S) open incident per victim (-1 none)
    age: np.ndarray  # (R, S)
    severity: np.ndarray  # (R, S)


@dataclass
class Alliances(Part):
    cohesion: np.ndarray  # (R, alliances)
    blocked: np.ndarray  # (R, alliances) decisions blocked in a row
    packages: np.ndarray  # (R,) EU sanctions packages adopted
    outrage: np.ndarray  # (R,)
    tabled: np.ndarray  # (R,) rounds a tabled package has been voted (-1: none tabled)
    article5: np.ndarray  # (R, N) bool: in collective defence


@dataclass
class RedLines(Part):
    active: np.ndarray  # (R, W) declared (warnings become active when they fire)


@dataclass
class Record(Part):
    passage: np.ndarray  # (R, passages) first step, -1 when never
    counts: np.ndarray  # (R, counts)


@dataclass
class State:
    politics: Politics
    conduct: Conduct
    beliefs: Beliefs
    support: Support
    war: War
    nuclear: Nuclear
    incidents: Incidents
    alliances: Alliances
    red_lines: RedLines
    record: Record

    def copy(self) -> State:
        return State(**{f.name: getattr(self, f.name).copy() for f in fields(self)})

    def take(self, replicates) -> State:
        return State(**{f.name: getattr(self, f.name).take(replicates) for f in fields(self)})

    @property
    def replicates(self) -> int:
        return self.war.front.shape[0]


#: Starting values a scenario sets as policy (stances, policy limits, memberships): a run
#: continued under a changed scenario takes them at the branch point (``carry_over``).
POLICY = ("stance_r", "stance_u", "max_aid", "sanctions", "max_conduct", "member")


def carry_over(state: State, before: World, after: World) -> State:
    """``state`` (saved under ``before``'s scenario) as the state of a run continuing under
    ``after``'s: it must have the same shape everywhere; where ``after`` sets an actor's policy
    differently from ``before`` (``POLICY``), the new policy replaces the one in force."""
    old, new = initial_state(before, 1), initial_state(after, 1)
    for part in fields(State):
        for f in fields(getattr(new, part.name)):
            value = getattr(getattr(state, part.name), f.name)
            fresh = getattr(getattr(new, part.name), f.name)
            if isinstance(fresh, Memory):
                continue
            if value.shape[1:] != fresh.shape[1:]:
                raise ValueError(
                    f"the change alters the shape of the state ({part.name}.{f.name}: "
                    f"{value.shape[1:]} before, {fresh.shape[1:]} after); allowed: changes that "
                    "keep the actors, their red lines and warnings, the key dyads and the "
                    "longest aid lag"
                )
    if before is after:
        return state
    politics = state.politics
    for name in POLICY:
        changed = getattr(old.politics, name)[0] != getattr(new.politics, name)[0]
        if changed.any():
            getattr(politics, name)[:, changed] = getattr(new.politics, name)[0][changed]
    return state


def pipeline_length(world: World) -> int:
    return int(max(world.rules.support.lag)) + 1


def initial_state(world: World, replicates: int) -> State:
    r, n, d, s = replicates, world.n, world.n_dyads, world.s
    rules = world.rules

    def tile(values: np.ndarray) -> np.ndarray:
        return np.tile(values, (r,) + (1,) * values.ndim)

    war_spec = world.scenario.war
    forces = np.array([war_spec.forces.russia, war_spec.forces.ukraine])
    strength = forces * np.array([1.0, 1.0 + rules.war.materiel_effect * war_spec.materiel])
    balance = strength[0] / max(strength.sum(), 1e-9)
    optimism = np.array([war_spec.optimism.russia, -war_spec.optimism.ukraine])
    has_war = world.ukr >= 0 and war_spec.at_war
    member = tile(world.member0)
    floor = np.zeros((r, d), dtype=np.int64)
    if world.scenario.sanctions_packages > 0:
        bound = world.member0[world.other_of_dyad, EU] & world.sanctions0[world.other_of_dyad]
        floor[:, ~world.from_russia & bound] = world.sanctions_rung
    level = tile(world.conduct0)
    return State(
        politics=Politics(
            stance_r=tile(world.stance_r0),
            stance_u=tile(world.stance_u0),
            max_aid=tile(world.max_aid0),
            sanctions=tile(world.sanctions0),
            max_conduct=tile(world.max_conduct0),
            member=member,
            support=tile(world.support0),
        ),
        conduct=Conduct(
            level=level,
            floor=floor,
            posture=tile(world.posture0),
            seen_bias=np.zeros((r, d)),
            defending=np.zeros((r, n), dtype=bool),
            memory=Memory.empty((r, d)),
        ),
        beliefs=Beliefs(
            hostility=tile(world.hostility0),
            resolve=tile(world.resolve_belief0),
            reputation=tile(world.reputation0),
        ),
        support=Support(
            aid=tile(world.aid0),
            pipeline=np.zeros((r, pipeline_length(world))),
            delivered=np.zeros(r),
        ),
        war=War(
            forces=tile(forces),
            materiel=np.full(r, war_spec.materiel),
            front=np.full(r, war_spec.front),
            balance=np.full(r, balance),
            belief=tile(np.clip(balance + optimism, 0.01, 0.99)),
            uncertainty=np.full((r, 2), war_spec.uncertainty**2),
            status=np.full(
                r, AT_WAR if has_war else (SETTLED if world.ukr >= 0 else NO_WAR), dtype=np.int64
            ),
            mobilising=np.zeros((r, 2), dtype=np.int64),
            inflow=np.zeros((r, 2)),
            cooldown=np.zeros((r, 2), dtype=np.int64),
            front_change=np.zeros(r),
            lost=np.zeros((r, 2)),
            casualties=tile(np.array([war_spec.casualties.russia, war_spec.casualties.ukraine])),
        ),
        nuclear=Nuclear(
            shadow=np.zeros(r),
            credibility=np.full(r, rules.nuclear.credibility_initial),
            recent=np.zeros(r),
            signal=np.zeros(r, dtype=np.int64),
            used=np.zeros(r, dtype=bool),
        ),
        incidents=Incidents(
            nature=np.full((r, s), -1, dtype=np.int64),
            age=np.zeros((r, s), dtype=np.int64),
            severity=np.zeros((r, s)),
        ),
        alliances=Alliances(
            cohesion=np.full((r, world.member0.shape[1]), rules.alliances.cohesion_initial),
            blocked=np.zeros((r, world.member0.shape[1]), dtype=np.int64),
            packages=np.full(r, world.scenario.sanctions_packages, dtype=np.int64),
            outrage=np.zeros(r),
            tabled=np.full(r, -1, dtype=np.int64),
            article5=np.zeros((r, n), dtype=bool),
        ),
        red_lines=RedLines(
            active=tile(world.red_line_arrays["event"] < 0).astype(bool)
            if world.red_lines
            else np.zeros((r, 0), dtype=bool)
        ),
        record=Record(
            passage=np.full((r, len(PASSAGES)), -1, dtype=np.int64),
            counts=np.zeros((r, len(COUNTS)), dtype=np.int64),
        ),
    )
