"""World: everything about a scenario that does not change during a run, as arrays.

Built once per scenario and shared by every replicate of a batch: actor attributes, the
directed dyads between Russia and each third state, the red lines, the compiled timeline, the
reporting ladder and where each channel's levels sit on it, and the random-stream keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from sim.concepts.alliances import ALLIANCE_NAMES
from sim.concepts.channels import (
    AID,
    CHANNELS,
    CONDUCT,
    DEFENCE_ONLY,
    NATO_TARGET_ONLY,
    RUSSIA_ONLY,
)
from sim.concepts.roles import ROLES
from sim.concepts.stances import STANCES, hostility_prior
from sim.ladder import Ladder, channel_rungs
from sim.model.streams import key_of, pair_key
from sim.rules.deterrence import punishment_factors
from sim.rules.doctrines import DOCTRINES
from sim.rules.moves import open_code
from sim.scenario.references import build_ladder
from sim.scenario.schema import Scenario, StanceValues

#: Index of each alliance in membership arrays.
ALLIANCE_INDEX = {name: k for k, name in enumerate(ALLIANCE_NAMES)}
NATO, EU = ALLIANCE_INDEX["NATO"], ALLIANCE_INDEX["EU"]
N_CONDUCT = len(CONDUCT.levels)
N_AID = len(AID.levels)
#: Red-line watch kinds and responses as codes.
WATCH_AID, WATCH_CONDUCT, WATCH_NUCLEAR = range(3)
WATCH_CODES = {"aid": WATCH_AID, "conduct": WATCH_CONDUCT, "nuclear_use": WATCH_NUCLEAR}
RESPONSE_NUCLEAR_SIGNAL = -1


def stance_values(stance: str | StanceValues) -> tuple[float, float]:
    if isinstance(stance, str):
        preset = STANCES[stance]
        return preset.toward_russia, preset.toward_ukraine
    return stance.toward_russia, stance.toward_ukraine


def policy_values(stance: str | StanceValues, policy) -> tuple[int, bool, int]:
    """(max aid kind, joins sanctions, max conduct rung) from the stance preset and the policy
    overrides; explicit stance values take the preset whose opposition to Russia is nearest."""
    if isinstance(stance, str):
        preset = STANCES[stance]
    else:
        candidates = [s for s in STANCES.values() if s.name != "belligerent"]
        preset = min(candidates, key=lambda s: abs(s.toward_russia - stance.toward_russia))
    max_aid = AID.index(policy.max_aid or preset.max_aid)
    sanctions = preset.sanctions if policy.sanctions is None else policy.sanctions
    max_conduct = CONDUCT.index(policy.max_conduct or preset.max_conduct)
    return max_aid, bool(sanctions), max_conduct


@dataclass(frozen=True)
class RedLineSpec:
    """One red line as seen against one violator (from a scenario red line or a warning)."""

    owner: int
    violator: int
    watch: int  # WATCH_* code
    measure: int  # aid: violator's actor index; conduct: dyad violator -> protected; nuclear: -1
    threshold: int
    response: int  # conduct rung, or RESPONSE_NUCLEAR_SIGNAL
    response_dyad: int  # owner -> violator conduct dyad (-1 when none)
    commitment: float
    audience_cost: float
    name: str
    event: int  # index of the warning event that declares it (-1: declared from the start)


@dataclass(frozen=True)
class TimelineEvent:
    index: int
    spec: object  # sim.scenario.schema.Event
    key: np.uint64
    actors: tuple[int, ...]
    targets: tuple[int, ...]


class World:
    """The static side of a scenario (see module docstring)."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.rules = scenario.rules
        self.steps = scenario.run.steps
        self.ladder: Ladder = build_ladder(scenario)
        actors = scenario.actors
        self.n = len(actors)
        self.ids = [a.id for a in actors]
        self.names = [a.name for a in actors]
        self.index = {a.id: i for i, a in enumerate(actors)}
        self.roles = [a.role for a in actors]
        self.rus = self.roles.index("russia")
        self.ukr = self.roles.index("ukraine") if "ukraine" in self.roles else -1
        self._actor_arrays(actors)
        self._dyads()
        self._beliefs(actors)
        self.red_lines = self._red_lines()
        self.timeline = [
            TimelineEvent(
                k,
                event,
                key_of(f"event:{event.id or k}"),
                tuple(self.expand(event.actors)),
                tuple(self.expand([event.target])) if event.target else (),
            )
            for k, event in enumerate(scenario.events)
        ]
        self.actor_keys = np.array([key_of(f"actor:{i}") for i in self.ids], dtype=np.uint64)
        self.dyad_keys = np.array(
            [
                pair_key(key_of(self.ids[i]), key_of(self.ids[j]))
                for i, j in zip(self.src, self.dst, strict=True)
            ],
            dtype=np.uint64,
        )
        self.other_keys = self.actor_keys[self.others]
        self.one_key = np.array([key_of("run")], dtype=np.uint64)

    # ----------------------------------------------------------------------------- actors
    def _actor_arrays(self, actors) -> None:
        def column(name: str) -> np.ndarray:
            return np.array([getattr(a.attributes, name) for a in actors], dtype=float)

        self.capability = column("capability")
        self.resolve = column("resolve")
        self.risk_tolerance = column("risk_tolerance")
        self.exposure = column("exposure")
        self.hawkishness = column("hawkishness")
        self.support0 = column("domestic_support")
        self.nuclear = np.array([a.attributes.nuclear for a in actors], dtype=bool)
        self.belligerent = np.array([ROLES[r].belligerent for r in self.roles])
        stances = [stance_values(a.stance) for a in actors]
        self.stance_r0 = np.array([s[0] for s in stances])
        self.stance_u0 = np.array([s[1] for s in stances])
        policies = [policy_values(a.stance, a.policy) for a in actors]
        self.max_aid0 = np.array([p[0] for p in policies], dtype=np.int64)
        self.sanctions0 = np.array([p[1] for p in policies], dtype=bool)
        self.max_conduct0 = np.array([p[2] for p in policies], dtype=np.int64)
        self.member0 = np.array(
            [[name in a.memberships for name in ALLIANCE_NAMES] for a in actors], dtype=bool
        )
        self.aid0 = np.array([AID.index(a.aid) for a in actors], dtype=np.int64)
        self.supplier = np.array([ROLES[r].third_state for r in self.roles])
        self.aid0[~self.supplier] = 0
        self.temperature = np.array([a.doctrine.temperature for a in actors])

    def expand(self, names: list[str]) -> list[int]:
        """Actor indices for ids and groups (NATO and EU by membership at the start; ALL)."""
        found: list[int] = []
        for name in names:
            if name == "ALL":
                found.extend(range(self.n))
            elif name in ALLIANCE_INDEX:
                found.extend(np.flatnonzero(self.member0[:, ALLIANCE_INDEX[name]]).tolist())
            elif name in self.index:
                found.append(self.index[name])
        return list(dict.fromkeys(found))

    # ----------------------------------------------------------------------------- dyads
    def _dyads(self) -> None:
        """Directed conduct dyads: d < S is Russia -> others[d]; d >= S is others[d-S] -> Russia."""
        self.others = np.array([i for i in range(self.n) if ROLES[self.roles[i]].third_state])
        s = self.s = self.others.size
        self.src = np.concatenate([np.full(s, self.rus), self.others]).astype(np.int64)
        self.dst = np.concatenate([self.others, np.full(s, self.rus)]).astype(np.int64)
        self.n_dyads = 2 * s
        self.rev = np.concatenate([np.arange(s, 2 * s), np.arange(s)]).astype(np.int64)
        self.from_russia = np.arange(self.n_dyads) < s
        self.other_of_dyad = np.concatenate([self.others, self.others])
        self.position = {int(i): k for k, i in enumerate(self.others)}
        self.dyad = {}
        for d in range(self.n_dyads):
            self.dyad[(int(self.src[d]), int(self.dst[d]))] = d
        self.dyads_per_actor = np.bincount(self.src, minlength=self.n)
        self.temperature_d = self.temperature[self.src]
        self.hawkishness_d = self.hawkishness[self.src]
        strategies = [self.scenario.actors[i].doctrine for i in self.src]
        self.doctrine_dyads: dict[str, np.ndarray] = {}
        for name in DOCTRINES:
            dyads = np.array([d for d, spec in enumerate(strategies) if spec.strategy == name])
            if dyads.size:
                self.doctrine_dyads[name] = dyads.astype(np.int64)
        self.generosity_d = np.array([spec.generosity for spec in strategies])
        self.grit_period_d = np.array([spec.grit_period for spec in strategies])
        self.posture0 = np.array([self.scenario.actors[i].posture for i in self.src], dtype=float)
        level = np.zeros(self.n_dyads, dtype=np.int64)
        for d in range(self.n_dyads):
            spec = self.scenario.actors[self.src[d]]
            target = self.ids[self.dst[d]]
            if target in spec.conduct:
                level[d] = CONDUCT.index(spec.conduct[target])
        self.conduct0 = level
        # Which conduct rungs each dyad may stand on, in peacetime and in self-defence.
        rungs = np.arange(N_CONDUCT)
        russia_only = np.isin(rungs, [CONDUCT.index(c) for c in RUSSIA_ONLY])
        defence_only = np.isin(rungs, [CONDUCT.index(c) for c in DEFENCE_ONLY])
        self.nato_target_only = np.isin(rungs, [CONDUCT.index(c) for c in NATO_TARGET_ONLY])
        open_ = np.ones((self.n_dyads, N_CONDUCT), dtype=bool)
        open_[~self.from_russia] &= ~russia_only
        self.peacetime_rungs = open_.copy()
        self.peacetime_rungs[~self.from_russia] &= ~defence_only
        self.defence_rungs = open_  # states: clash and wider war once attacked or under Article 5
        self.peacetime_code = open_code(self.peacetime_rungs)
        self.defence_code = open_code(self.defence_rungs)
        self.nato_target_code = int(open_code(self.nato_target_only))
        self.clash = CONDUCT.index("clash")
        self.incident = CONDUCT.index("incident")
        self.grey_zone = CONDUCT.index("grey_zone")
        self.sanctions_rung = CONDUCT.index("sanctions")
        self.posture_rung = CONDUCT.index("posture")
        self.exercise_rung = CONDUCT.index("exercises")
        self.costly = np.array([level.costly for level in CONDUCT.levels])
        #: Upkeep of standing at each rung (rules.deterrence.upkeep per costly rung below it).
        self.upkeep = self.rules.deterrence.upkeep * np.cumsum(self.costly)

    def _beliefs(self, actors) -> None:
        """Priors per directed dyad (belief of src about dst), from stances and overrides."""
        other_stance = self.stance_r0[self.other_of_dyad]
        hostility = np.array([hostility_prior(x) for x in other_stance])
        signalling = self.rules.signalling
        resolve = (
            signalling.resolve_prior_base + signalling.resolve_prior_weight * self.resolve[self.dst]
        )
        reputation = np.full(self.n_dyads, self.rules.reputation.initial)
        for d in range(self.n_dyads):
            override = actors[self.src[d]].beliefs.get(self.ids[self.dst[d]])
            if override is None:
                continue
            if override.hostility is not None:
                hostility[d] = override.hostility
            if override.resolve is not None:
                resolve[d] = override.resolve
            if override.reputation is not None:
                reputation[d] = override.reputation
        self.hostility0, self.resolve_belief0, self.reputation0 = hostility, resolve, reputation

    # ----------------------------------------------------------------------------- red lines
    def _red_lines(self) -> list[RedLineSpec]:
        lines: list[RedLineSpec] = []
        for owner, actor in enumerate(self.scenario.actors):
            for red in actor.red_lines:
                lines += self._watches(
                    owner,
                    red.violators,
                    red.watch,
                    red.protects,
                    red.threshold,
                    red.response,
                    red.commitment,
                    red.audience_cost,
                    red.id,
                    -1,
                )
        for k, event in enumerate(self.scenario.events):
            if event.kind != "warning":
                continue
            for owner in self.expand(event.actors):
                lines += self._watches(
                    owner,
                    [event.target],
                    event.watch,
                    None,
                    event.threshold,
                    event.response,
                    event.commitment,
                    self.rules.reputation.warning_audience_cost,
                    event.label or event.id or f"warning {k}",
                    k,
                )
        return lines

    def _watches(
        self,
        owner,
        violators,
        watch,
        protects,
        threshold,
        response,
        commitment,
        audience,
        name,
        event,
    ) -> list[RedLineSpec]:
        code = WATCH_CODES[watch]
        protected = owner if protects is None else self.index[protects]
        response_level = (
            RESPONSE_NUCLEAR_SIGNAL if response == "nuclear_signal" else CONDUCT.index(response)
        )
        lines = []
        for violator in self.expand(violators):
            if violator == owner:
                continue
            if code == WATCH_AID:
                if not self.supplier[violator]:
                    continue
                measure, level = violator, AID.index(threshold)
            elif code == WATCH_CONDUCT:
                measure = self.dyad.get((violator, protected), -1)
                if measure < 0:
                    continue
                level = CONDUCT.index(threshold)
            else:
                measure, level = -1, 1
            lines.append(
                RedLineSpec(
                    owner,
                    violator,
                    code,
                    measure,
                    level,
                    response_level,
                    self.dyad.get((owner, violator), -1),
                    commitment,
                    audience,
                    name,
                    event,
                )
            )
        return lines

    @cached_property
    def red_line_arrays(self) -> dict[str, np.ndarray]:
        lines = self.red_lines
        return {
            "owner": np.array([w.owner for w in lines], dtype=np.int64),
            "violator": np.array([w.violator for w in lines], dtype=np.int64),
            "watch": np.array([w.watch for w in lines], dtype=np.int64),
            "measure": np.array([w.measure for w in lines], dtype=np.int64),
            "threshold": np.array([w.threshold for w in lines], dtype=np.int64),
            "response": np.array([w.response for w in lines], dtype=np.int64),
            "response_dyad": np.array([w.response_dyad for w in lines], dtype=np.int64),
            "commitment": np.array([w.commitment for w in lines], dtype=float),
            "audience_cost": np.array([w.audience_cost for w in lines], dtype=float),
            "event": np.array([w.event for w in lines], dtype=np.int64),
            "keys": np.array(
                [pair_key(key_of(f"red:{w.name}"), key_of(self.ids[w.violator])) for w in lines],
                dtype=np.uint64,
            ),
        }

    @cached_property
    def crossings(self) -> dict[int, tuple[np.ndarray, ...]]:
        """Per watch kind (aid, conduct): (lines, the column each watches, thresholds, spread),
        where spread[w, column * levels + level] is 1.0 when standing at that level of that
        column crosses line w (red_lines: the cost of crossing is weights @ spread)."""
        lines = self.red_line_arrays if self.red_lines else None
        out = {}
        for watch, columns, levels in (
            (WATCH_AID, self.n, N_AID),
            (WATCH_CONDUCT, self.n_dyads, N_CONDUCT),
        ):
            if lines is None:
                chosen = np.zeros(0, dtype=np.int64)
                column = threshold = chosen
            else:
                chosen = np.flatnonzero(lines["watch"] == watch)
                column, threshold = lines["measure"][chosen], lines["threshold"][chosen]
            reached = np.arange(levels)[None, :] >= threshold[:, None]
            where = np.arange(columns)[None, :] == column[:, None]
            spread = (where[:, :, None] & reached[:, None, :]).reshape(
                chosen.size, columns * levels
            )
            out[watch] = (chosen, column, threshold, spread.astype(float))
        return out

    # ----------------------------------------------------------------------------- reporting
    @cached_property
    def key_dyads(self) -> list[tuple[str, np.ndarray, bool]]:
        """(name, conduct dyads both ways, includes the Russia-Ukraine war) per key dyad.
        Group members are taken at the start of the run."""
        out = []
        for name in self.scenario.key_dyads:
            left, right = (set(self.expand([side])) for side in name.split("-"))
            dyads = [
                d
                for (i, j), d in self.dyad.items()
                if (i in left and j in right) or (i in right and j in left)
            ]
            war = self.ukr >= 0 and (
                (self.rus in left and self.ukr in right) or (self.rus in right and self.ukr in left)
            )
            out.append((name, np.array(sorted(dyads), dtype=np.int64), war))
        return out

    @cached_property
    def punishment_factors(self) -> np.ndarray:
        d = self.rules.deterrence
        return punishment_factors(
            N_CONDUCT,
            d.cost_growth,
            self.incident,
            d.nuclear_cost_multiplier,
            self.grey_zone,
            d.deniability,
            d.self_deterrence,
        )

    @cached_property
    def ladder_rungs(self) -> dict[str, np.ndarray]:
        """Per channel, the reporting-ladder rung of each of its levels."""
        return {
            channel.name: np.array(channel_rungs(self.ladder, channel), dtype=np.int64)
            for channel in CHANNELS.values()
        }

    def directed_name(self, d: int) -> str:
        return f"{self.ids[self.src[d]]}>{self.ids[self.dst[d]]}"
