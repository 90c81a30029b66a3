"""EscalationModel: the world of states, dyadic escalation levels, beliefs and alliances.

Each step, in order: the scenario timeline and random incidents; decisions (doctrine or
deterrence calculus, all actors at once); fog of war (slips); red lines checked and enforced
or abandoned; alliance decisions (Article 5, EU sanctions); receivers perceive what changed
and update beliefs; diplomacy; war fatigue, cohesion and Richardson posture; recording.
"""

from __future__ import annotations

import mesa
import numpy as np

from sim.agents import ROLE_CLASSES, StateActor
from sim.ladder import Ladder
from sim.model.alliances import Alliances
from sim.model.diplomacy import Diplomacy
from sim.model.red_lines import RedLines
from sim.model.timeline import Timeline
from sim.outcomes import COUNTS, FirstPassage, classify
from sim.recorder import Recorder
from sim.rules import alliance, fatigue, posture, signalling
from sim.rules.deterrence import (
    DecisionInputs,
    cost_table,
    move_utilities,
    softmax_choice,
    status_quo_anchor,
)
from sim.rules.moves import DEESCALATE, DELTAS, ESCALATE, SIGNAL, move_for_delta
from sim.scenario.references import build_ladder, rung_level
from sim.scenario.schema import GROUPS, Scenario

#: Weight of one aid giver's effective capability added to Ukraine's, at the top aid rung.
AID_WEIGHT = 0.5
#: Move tables shared by runs of the same scenario (see ``_cached_move_tables``).
_MOVE_TABLES: dict[tuple, dict[bool, np.ndarray]] = {}
#: Weight of a rival's posture in the defensive strength of its target.
POSTURE_WEIGHT = 0.5


class EscalationModel(Timeline, RedLines, Alliances, Diplomacy, mesa.Model):
    """One seeded run of a scenario. The model reads no files: give it a Scenario."""

    def __init__(self, scenario: Scenario, seed: int | None = None, steps: int | None = None):
        self.seed = scenario.run.seed if seed is None else int(seed)
        super().__init__(rng=self.seed)
        self.scenario = scenario
        self.rules = scenario.rules
        self.max_steps = scenario.run.steps if steps is None else int(steps)
        self.ladder: Ladder = build_ladder(scenario)
        self.n_rungs = len(self.ladder)
        self._costly = np.array([self.ladder.is_costly(r.level) for r in self.ladder.rungs])
        self.war_rung = self.ladder.first_of("conventional")
        self.incident_rung = self.ladder.first_of("nato_incident")
        self.clash_rung = self.ladder.first_of("direct_clash")
        self.nuclear_rung = self.ladder.first_of("nuclear_use")
        self._signal_rung = _first_or_none(self.ladder, "nuclear_signal")
        self._aid_rungs = [r.level for r in self.ladder.rungs if r.category == "aid"]
        self._sanctions_rung = _first_or_none(self.ladder, "economic")
        self._posture_rung = _first_or_none(self.ladder, "posture")
        self._talk_rung = _first_or_none(self.ladder, "rhetoric") or 0

        self.actors: list[StateActor] = [
            ROLE_CLASSES[spec.role](self, spec, i) for i, spec in enumerate(scenario.actors)
        ]
        self.ids = [a.actor_id for a in self.actors]
        self.index = {actor_id: i for i, actor_id in enumerate(self.ids)}
        self._attributes()
        self._dyads()
        self._state()
        self._red_lines = [w for a in self.actors for w in self._watches(a)]
        self._watch_cache: tuple[int, tuple[np.ndarray, ...]] | None = None
        self._aid = self.aid_share()
        self._timeline = list(scenario.events)
        self._anchor = None
        if self.rules.deterrence.anchor_status_quo:
            inputs = self._decision_inputs(self._targets())
            self._anchor = status_quo_anchor(inputs, self.rules.deterrence, self.clash_rung)
        self.passage = FirstPassage()
        self.recorder = Recorder(self)
        self.recorder.snapshot(0)

    # ----------------------------------------------------------------- set-up
    def _attributes(self) -> None:
        specs = [a.spec for a in self.actors]

        def column(name: str) -> np.ndarray:
            return np.array([getattr(s.attributes, name) for s in specs], dtype=float)

        self.capability = column("capability")
        self.resolve = column("resolve")
        self.risk_tolerance = column("risk_tolerance")
        self.exposure = column("exposure")
        self.hawkishness = column("hawkishness")
        self.nuclear = np.array([s.attributes.nuclear for s in specs])
        self.temperature = np.array([s.doctrine.temperature for s in specs])
        self.hostility_prior = np.array([s.hostility_prior for s in specs])
        self.is_russia = np.array([a.role == "russia" for a in self.actors])
        self.is_ukraine = np.array([a.role == "ukraine" for a in self.actors])
        self.russia = int(np.flatnonzero(self.is_russia)[0])
        self.ukraine = int(np.flatnonzero(self.is_ukraine)[0]) if self.is_ukraine.any() else None
        self.members = {
            name: np.array([i for i, a in enumerate(self.actors) if a.in_alliance(name)], dtype=int)
            for name in ("NATO", "EU")
        }
        self.belligerent = np.array([a.belligerent for a in self.actors])
        self.burden = np.where(self.belligerent, 1.0, self.rules.fatigue.supporter_factor)
        p = self.rules.posture
        self.richardson_a = p.reactivity * (0.5 + self.exposure)
        self.richardson_m = np.full(len(self.actors), p.decay)
        self.richardson_g = p.grievance * self.hawkishness

    def _dyads(self) -> None:
        pairs = [(a.index, b.index) for a in self.actors for b in a.rivals(self.actors)]
        self.src = np.array([i for i, _ in pairs], dtype=int)
        self.dst = np.array([j for _, j in pairs], dtype=int)
        self.dyad = {pair: d for d, pair in enumerate(pairs)}
        self.rev = np.array([self.dyad[(j, i)] for i, j in pairs], dtype=int)
        self.n_dyads = len(pairs)
        self._tables = self._cached_move_tables()
        self._temperature_d = self.temperature[self.src]
        self._hawkishness_d = self.hawkishness[self.src]
        self._cost_table = cost_table(
            self.risk_tolerance[self.src],
            self._nuclear_shield(),
            self.rules.deterrence,
            self.clash_rung,
            self.n_rungs,
        )
        self._roles = {
            cls: np.flatnonzero([type(self.actors[i]) is cls for i in self.src])
            for cls in ROLE_CLASSES.values()
        }
        self._roles = {cls: d for cls, d in self._roles.items() if d.size}
        doctrine_of = [self.actors[i].doctrine for i in self.src]
        self._reciprocal = [
            d for d, doc in enumerate(doctrine_of) if not doc.classifier["uses_calculus"]
        ]
        self._own: list[list[int]] = [[] for _ in pairs]
        self._opponent: list[list[int]] = [[] for _ in pairs]
        self._to_russia = {
            name: np.array([self.dyad[(int(i), self.russia)] for i in members], dtype=int)
            for name, members in self.members.items()
        }
        self._russia_to = {
            name: np.array([self.dyad[(self.russia, int(i))] for i in members], dtype=int)
            for name, members in self.members.items()
        }
        self._dst_in_nato = np.isin(self.dst, self.members["NATO"])
        self._nato_russia = np.array(
            [
                d
                for (i, j), d in self.dyad.items()
                if (i == self.russia and j in self.members["NATO"])
                or (j == self.russia and i in self.members["NATO"])
            ],
            dtype=int,
        )

    def _cached_move_tables(self) -> dict[bool, np.ndarray]:
        """Move tables depend only on the ladder and on each dyad's roles and nuclear status, so
        runs of the same scenario (a sweep) share them."""
        key = (
            self.ladder,
            tuple(
                (type(self.actors[i]), self.nuclear[i], type(self.actors[j]))
                for i, j in zip(self.src, self.dst, strict=True)
            ),
        )
        if key not in _MOVE_TABLES:
            if len(_MOVE_TABLES) > 64:
                _MOVE_TABLES.clear()
            _MOVE_TABLES[key] = {flag: self._move_tables(flag) for flag in (False, True)}
        return _MOVE_TABLES[key]

    def _move_tables(self, article5: bool) -> np.ndarray:
        """table[d, level, move]: the rung each move leads to from each level, skipping rungs
        whose category is closed to this dyad (Russia does not deliver aid, etc.)."""
        table = np.empty((self.n_dyads, self.n_rungs, len(DELTAS)), dtype=np.int64)
        levels = np.arange(self.n_rungs)
        categories = np.array([r.category for r in self.ladder.rungs])
        for d in range(self.n_dyads):
            source, target = self.actors[self.src[d]], self.actors[self.dst[d]]
            open_categories = source.allowed_categories(target, article5)
            allowed = levels[[c in open_categories for c in categories]]
            position = np.searchsorted(allowed, levels, side="right") - 1
            standing = np.isin(levels, allowed)
            for move, delta in enumerate(DELTAS):
                if delta == 0:
                    table[d, :, move] = levels
                    continue
                to = position + delta + (delta < 0) * ~standing
                reached = allowed[np.clip(to, 0, allowed.size - 1)]
                bound = np.maximum if delta > 0 else np.minimum
                table[d, :, move] = bound(reached, levels)
        return table

    def _state(self) -> None:
        n, d_count = len(self.actors), self.n_dyads
        self.level = np.zeros(d_count, dtype=np.int64)
        for a in self.actors:
            for target, ref in a.spec.levels.items():
                self.level[self.dyad[(a.index, self.index[target])]] = rung_level(self.ladder, ref)
        self.posture = np.array([self.actors[i].spec.posture for i in self.src], dtype=float)
        self.support = np.array([a.spec.attributes.domestic_support for a in self.actors])
        self.hostility = self.hostility_prior[self.src].copy()
        self.believed_resolve = 0.25 + 0.5 * self.resolve[self.dst]
        self.reputation = np.full(d_count, self.rules.reputation.initial)
        self.seen_bias = np.zeros(d_count)
        self.article5 = np.zeros(n, dtype=bool)
        self.cohesion = {name: self.rules.alliances.cohesion_initial for name in ("NATO", "EU")}
        self.sanctions_packages = 0
        self._blocked_in_a_row = {"NATO": 0, "EU": 0}
        self.settled_step: int | None = None
        self._war_over_since: int | None = None
        self.counts = dict.fromkeys(COUNTS, 0)

    def _expand(self, names: list[str]) -> list[int]:
        found: list[int] = []
        for name in names:
            if name == "ALL":
                found.extend(range(len(self.actors)))
            elif name in GROUPS:
                found.extend(int(i) for i in self.members[name])
            else:
                found.append(self.index[name])
        return list(dict.fromkeys(found))

    # ------------------------------------------------------------- quantities
    def war_intensity(self) -> float:
        """Intensity of the Russia-Ukraine war on a 0-1 scale (1 at strikes in the theatre)."""
        if self.ukraine is None:
            return 0.0
        d = self.dyad[(self.russia, self.ukraine)]
        return min(1.0, max(self.level[d], self.level[self.rev[d]]) / self.war_rung)

    def aid_share(self) -> np.ndarray:
        """Per actor, its aid to Ukraine as a 0-1 share (0 below the aid rungs)."""
        share = np.zeros(len(self.actors))
        if not self._aid_rungs or self.ukraine is None:
            return share
        to_russia = self._toward_russia()
        lowest, highest = self._aid_rungs[0], self._aid_rungs[-1]
        steps = max(1, highest - lowest + 1)
        share[self.src[to_russia]] = np.clip((self.level[to_russia] - lowest + 1) / steps, 0.0, 1.0)
        share[self.russia] = 0.0
        share[self.ukraine] = 0.0
        return share

    def _toward_russia(self) -> np.ndarray:
        return np.flatnonzero(self.dst == self.russia)

    def effective_capability(self, aid: np.ndarray | None = None) -> np.ndarray:
        """Capability with aid counted for Ukraine and sanctions against Russia."""
        cap = self.capability.copy()
        cap[self.russia] *= max(
            0.0, 1.0 - self.rules.alliances.sanctions_effect * self.sanctions_packages
        )
        if self.ukraine is not None:
            aid = self.aid_share() if aid is None else aid
            cap[self.ukraine] += AID_WEIGHT * float(aid @ self.capability)
        return cap

    def _defence(self, cap: np.ndarray) -> np.ndarray:
        """Share of strength the target of each dyad holds against its source (0-1). NATO
        members are defended collectively, as far as the alliance holds together."""
        target_cap = cap[self.dst].copy()
        nato = self.members["NATO"]
        if nato.size:
            collective = cap[nato].sum() * self.cohesion["NATO"]
            in_nato = self._dst_in_nato
            target_cap[in_nato] = np.maximum(target_cap[in_nato], collective)
        target_cap = target_cap * (1 + POSTURE_WEIGHT * self.posture[self.rev])
        source_cap = cap[self.src] * (1 + POSTURE_WEIGHT * self.posture)
        return target_cap / np.maximum(target_cap + source_cap, 1e-9)

    def seen_level(self) -> np.ndarray:
        """Each actor's estimate of its rival's level toward it: the truth plus misreadings."""
        return self.level[self.rev] + self.seen_bias

    def war_over(self) -> bool:
        """Settled by agreement, or both sides below the war rung. Without Ukraine in the
        scenario: every dyad with Russia is back to words (rhetoric or below)."""
        if self.ukraine is None:
            return bool(self.level.max() <= self._talk_rung)
        if self.settled_step is not None:
            return True
        d = self.dyad[(self.russia, self.ukraine)]
        return max(self.level[d], self.level[self.rev[d]]) < self.war_rung

    # ------------------------------------------------------------------ step
    def step(self) -> None:
        t = self.steps
        self._start = self.level.copy()
        self._signalled = np.zeros(self.n_dyads, dtype=bool)
        self._shown = np.zeros(self.n_dyads, dtype=bool)
        self._tried = np.zeros(self.n_dyads, dtype=np.int64)
        self._cause = np.full(self.n_dyads, "", dtype=object)
        acted = self._frozen_dyads()
        self._run_timeline(t, acted)
        self._random_incident(t)
        self._decide(t, acted)
        self._fog_of_war()
        self._check_red_lines(t)
        self._alliance_decisions(t)
        self._perceive(t)
        self._random_offer(t)
        self._update_domestic_and_posture(t)
        self._mark_passages(t)
        self.recorder.snapshot(t)
        if t >= self.max_steps:
            self.running = False

    def _frozen_dyads(self) -> np.ndarray:
        frozen = np.zeros(self.n_dyads, dtype=bool)
        if self.settled_step is not None:
            d = self.dyad[(self.russia, self.ukraine)]
            frozen[[d, self.rev[d]]] = True
        return frozen

    def _log(self, t: int, kind: str, actor: int | None, target: int | None, **fields) -> int:
        return self.recorder.event(
            t,
            kind,
            None if actor is None else self.ids[actor],
            None if target is None else self.ids[target],
            **fields,
        )

    # -- decisions
    def _decide(self, t: int, acted: np.ndarray) -> None:
        targets = self._targets()
        inputs = self._decision_inputs(targets)
        utility = move_utilities(inputs, self.rules.deterrence, self.clash_rung)
        moves = softmax_choice(utility, self._temperature_d, self.rng.random(self.n_dyads))
        for d in self._reciprocal:
            wanted = self.actors[self.src[d]].doctrine.choose(
                self._own[d], self._opponent[d], self.rng
            )
            moves[d] = move_for_delta(wanted)
        decided = DELTAS[moves]
        for d in self._reciprocal:
            self._own[d].append(int(decided[d]))
        free = ~acted
        self._tried[free] = decided[free]
        self._signalled |= free & (moves == SIGNAL)
        new_levels = targets[np.arange(self.n_dyads), moves]
        change = free & (new_levels != self.level)
        inadvertent = self.seen_bias > 0.5
        for d in np.flatnonzero(change):
            cause = (
                "inadvertent" if inadvertent[d] and new_levels[d] > self.level[d] else "deliberate"
            )
            self._set_level(t, int(d), int(new_levels[d]), cause, "")
        for d in np.flatnonzero(free & (moves == SIGNAL)):
            self._log(t, "warning", self.src[d], self.dst[d], cause="deliberate", dyad=int(d))

    def _targets(self) -> np.ndarray:
        """targets[d, move]: the rung each move would lead to from where each dyad stands."""
        article5 = self.article5[self.src]
        table = np.where(article5[:, None, None], self._tables[True], self._tables[False])
        return table[np.arange(self.n_dyads), self.level]

    def _decision_inputs(self, targets: np.ndarray) -> DecisionInputs:
        cap = self.effective_capability(self._aid)
        denial = self._defence(cap)
        credibility = np.minimum(2 * denial, 1.0) * self.believed_resolve * self.reputation
        stakes = np.zeros(self.n_dyads)
        for cls, dyads in self._roles.items():
            stakes[dyads] = cls.stakes(self, dyads)
        return DecisionInputs(
            level=self.level,
            rival_level=self.level[self.rev],
            targets=targets,
            stakes=stakes,
            denial=denial,
            credibility=credibility,
            hostility=self.hostility,
            seen=self.seen_level(),
            fatigue=1 - self.support[self.src],
            hawkishness=self._hawkishness_d,
            cost_table=self._cost_table,
            redline_risk=self._red_line_risk(targets, credibility),
            anchor=self._anchor,
        )

    def _nuclear_shield(self) -> np.ndarray:
        """Whether each dyad's target is nuclear-armed or covered by NATO's nuclear umbrella."""
        shield = self.nuclear.copy()
        nato = self.members["NATO"]
        if nato.size and self.nuclear[nato].any():
            shield[nato] = True
        return shield[self.dst]

    def _set_level(self, t: int, d: int, level: int, cause: str, label: str) -> None:
        if level == self.level[d]:
            return
        old = int(self.level[d])
        self.level[d] = level
        self._cause[d] = cause
        self._log(
            t,
            "action",
            self.src[d],
            self.dst[d],
            from_rung=self.ladder.name(old),
            to_rung=self.ladder.name(level),
            move=level - old,
            cause=cause,
            label=label,
            dyad=d,
        )

    def _fog_of_war(self) -> None:
        """An executed move slips one rung up or down with probability slip_rate."""
        moved = np.flatnonzero(self.level != self._start)
        if not moved.size:
            return
        draws = self.rng.random((moved.size, 2))
        for d, (u, direction) in zip(moved, draws, strict=True):
            if u >= self.rules.accidents.slip_rate:
                continue
            move = ESCALATE if direction < 0.5 else DEESCALATE
            table = self._tables[bool(self.article5[self.src[d]])]
            slipped = int(table[d, self.level[d], move])  # the next rung this dyad can stand on
            if slipped != self.level[d]:
                self.counts["accidents"] += 1
                self._set_level(self.steps, int(d), slipped, "accidental", "fog of war")

    # -- perception
    def _perceive(self, t: int) -> None:
        changed = self.level - self._start
        # A show of force that changes no rung still reads as a move up; so does trying to
        # climb (or descend) past the end of one's ladder: maximal pressure is still pressure.
        executed = np.where(changed == 0, self._tried, changed) + (self._shown & (changed == 0))
        hostility_of_receiver = self.hostility[self.rev]
        perception = signalling.perceive(
            executed, self._signalled, hostility_of_receiver, self.rules.signalling, self.rng
        )
        receiver = self.rev
        self.seen_bias *= 0.5
        self.seen_bias[receiver[perception.misread]] += 1.0
        costly = self._costly[self.level] & (executed != 0)
        hostility = self.hostility[receiver]
        resolve = self.believed_resolve[receiver]
        signalling.update_beliefs(
            perception,
            costly,
            self.reputation[receiver],
            hostility,
            resolve,
            self.hostility_prior[self.dst],
            self.rules.signalling,
        )
        self.hostility[receiver] = hostility
        self.believed_resolve[receiver] = resolve
        for d in self._reciprocal:
            self._opponent[d].append(int(perception.perceived[self.rev[d]]))
        self.counts["misreads"] += int(perception.misread.sum())
        self.recorder.perceived(t, perception, executed, self._signalled)

    # -- domestic politics, cohesion, posture
    def _update_domestic_and_posture(self, t: int) -> None:
        intensity = self.aid_share()
        self._aid = intensity.copy()
        war = self.war_intensity()
        intensity[self.belligerent] = war
        self.support = fatigue.support_step(
            self.support, intensity, self.burden, self.rules.fatigue
        )
        rules = self.rules.alliances
        for name, members in self.members.items():
            if members.size < 2:
                continue
            to_russia = self._to_russia[name]
            self.cohesion[name] = alliance.cohesion_step(
                self.cohesion[name],
                1 - self.support[members],
                self.level[to_russia],
                rules.cohesion_recovery,
                rules.freeriding_cost,
                self.n_rungs,
            )
        noise = self.rng.standard_normal(self.n_dyads) * self.rules.posture.noise
        self.posture = posture.richardson_step(
            self.posture,
            self.posture[self.rev] + noise,
            self.richardson_a[self.src],
            self.richardson_m[self.src],
            self.richardson_g[self.src],
        )

    def _mark_passages(self, t: int) -> None:
        nato_russia = int(self.level[self._nato_russia].max()) if self._nato_russia.size else 0
        top = int(self.level.max())
        for name, rung in (
            ("nato_incident", self.incident_rung),
            ("direct_clash", self.clash_rung),
        ):
            if nato_russia >= rung:
                self.passage.mark(name, t)
        if self._signal_rung is not None and top >= self._signal_rung:
            self.passage.mark("nuclear_signal", t)
        if top >= self.nuclear_rung:
            self.passage.mark("nuclear_use", t)
        if self.war_over():
            self._war_over_since = t if self._war_over_since is None else self._war_over_since
        else:
            self._war_over_since = None
        threshold = self.rules.alliances.fracture_threshold
        if any(
            self.cohesion[name] < threshold
            for name in ("NATO", "EU")
            if self.members[name].size >= 2
        ):
            self.passage.mark("fracture", t)

    # ---------------------------------------------------------------- results
    def run(self) -> EscalationModel:
        """Run to the end and return self, so ``EscalationModel(s).run().summary()`` reads well."""
        try:
            while self.running:
                self.step()
        finally:
            mesa.Agent._ids.pop(self, None)  # Mesa keeps every model alive otherwise
        return self

    def outcome(self) -> tuple[str, int | None]:
        """Settlement counts when the war is over at the end: its step is that of the agreement
        or of the start of the final stretch below the war rung."""
        if self.war_over():
            self.passage.mark("settlement", self.settled_step or self._war_over_since)
        return classify(self.passage, self.war_over())

    def move_history(self, actor: str, target: str) -> list[int]:
        """Rung changes a reciprocity doctrine chose for ``actor`` toward ``target``, in order."""
        return list(self._own[self.dyad[(self.index[actor], self.index[target])]])

    def richardson_coefficients(self) -> dict[str, np.ndarray]:
        """a, m, g per directed dyad (its source's), for checking the posture path."""
        return {
            "a": self.richardson_a[self.src],
            "m": self.richardson_m[self.src],
            "g": self.richardson_g[self.src],
        }

    def summary(self) -> dict:
        return self.recorder.summary()

    def tables(self):
        """The run's tables: paths, events and a one-row summary, as pandas DataFrames."""
        return self.recorder.tables()


def _first_or_none(ladder: Ladder, category: str) -> int | None:
    try:
        return ladder.first_of(category)
    except KeyError:
        return None
