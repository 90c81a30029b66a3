"""Cross-field checks pydantic cannot do alone: ids that must exist, levels that a channel
has, roles with their alliance, events that can fire and have someone to act on."""

from __future__ import annotations

from dataclasses import dataclass

from sim.concepts.alliances import GROUPS
from sim.concepts.channels import AID, CONDUCT, DEFENCE_ONLY, NATO_TARGET_ONLY, RUSSIA_ONLY
from sim.concepts.roles import ROLES
from sim.ladder import DEFAULT_LADDER, REQUIRED_CATEGORIES, Category, Ladder, Rung
from sim.rules.attribution import NATURES
from sim.scenario.schema import EVENT_NEEDS, RungRef, Scenario


@dataclass(frozen=True)
class Problem:
    path: tuple
    message: str
    found: object
    allowed: str


def build_ladder(scenario: Scenario) -> Ladder:
    if scenario.ladder == "default":
        return DEFAULT_LADDER
    return Ladder(
        tuple(
            Rung(r.id, r.name, r.level, r.category, r.description)  # type: ignore[arg-type]
            for r in sorted(scenario.ladder, key=lambda r: r.level)
        )
    )


def rung_level(ladder: Ladder, ref: RungRef) -> int:
    """Level of a rung named by id or level; KeyError when it is not on the ladder."""
    if isinstance(ref, int):
        if 0 <= ref <= ladder.top:
            return ref
        raise KeyError(ref)
    return ladder.level_of(ref)


def _check_ladder(scenario: Scenario) -> Problem | None:
    if scenario.ladder == "default":
        return None
    levels = sorted(r.level for r in scenario.ladder)
    if levels != list(range(len(levels))):
        return Problem(
            ("ladder",), "rung levels must run 0, 1, 2 ... without gaps", levels, "0..n-1"
        )
    ids = [r.id for r in scenario.ladder]
    if len(set(ids)) != len(ids):
        return Problem(("ladder",), "duplicate rung id", ids, "unique rung ids")
    known = Category.__args__  # type: ignore[attr-defined]
    for index, rung in enumerate(scenario.ladder):
        if rung.category not in known:
            return Problem(
                ("ladder", index, "category"),
                "unknown rung category",
                rung.category,
                ", ".join(known),
            )
    categories = {r.category for r in scenario.ladder}
    missing = [c for c in REQUIRED_CATEGORIES if c not in categories]
    if missing:
        return Problem(
            ("ladder",),
            "the ladder lacks categories the channels are reported as",
            sorted(categories),
            "rungs with categories " + ", ".join(REQUIRED_CATEGORIES),
        )
    return None


class _Checker:
    """Walks a scenario and returns the first problem."""

    def __init__(self, scenario: Scenario) -> None:
        self.s = scenario
        self.ids = [a.id for a in scenario.actors]
        self.known = set(self.ids)
        self.by_id = {a.id: a for a in scenario.actors}
        self.allowed_ids = "actor ids " + ", ".join(self.ids)
        self.allowed_refs = self.allowed_ids + " or groups " + ", ".join(GROUPS)
        joins = [e for e in scenario.events if e.kind == "join"]
        self.members = {
            name: {a.id for a in scenario.actors if name in a.memberships}
            | {x for e in joins if e.alliance == name for x in e.actors}
            for name in ("NATO", "EU")
        }

    def role(self, actor_id: str) -> str | None:
        actor = self.by_id.get(actor_id)
        return actor.role if actor else None

    def third_state(self, actor_id: str) -> bool:
        role = self.role(actor_id)
        return role is not None and ROLES[role].third_state

    def ref(self, path: tuple, name: str, groups: bool = True) -> Problem | None:
        if name in self.known or (groups and name in GROUPS):
            return None
        return Problem(
            path, "unknown actor", name, self.allowed_refs if groups else self.allowed_ids
        )

    def expand(self, names: list[str]) -> set[str]:
        out: set[str] = set()
        for name in names:
            if name == "ALL":
                out |= self.known
            elif name in self.members:
                out |= self.members[name]
            else:
                out.add(name)
        return out

    def level(self, path: tuple, channel, value: str | None, what: str) -> Problem | None:
        if value is None:
            return Problem(path, f"missing {what}", None, ", ".join(channel.ids))
        if value not in channel.ids:
            return Problem(path, f"unknown {what}", value, ", ".join(channel.ids))
        return None

    # ---------------------------------------------------------------------------- actors
    def actors(self) -> Problem | None:
        seen: set[str] = set()
        for index, actor in enumerate(self.s.actors):
            if actor.id in seen:
                return Problem(
                    ("actors", index, "id"), "duplicate actor id", actor.id, "unique ids"
                )
            seen.add(actor.id)
        roles = [a.role for a in self.s.actors]
        for name, role in ROLES.items():
            count = roles.count(name)
            if count < role.at_least:
                return Problem(("actors",), f"no actor has role {name}", roles, f"one {name}")
            if role.at_most is not None and count > role.at_most:
                return Problem(
                    ("actors",),
                    f"more than {role.at_most} actor with role {name}",
                    roles,
                    f"at most {role.at_most}",
                )
        for index, actor in enumerate(self.s.actors):
            problem = self.actor(("actors", index), actor)
            if problem:
                return problem
        return None

    def actor(self, base: tuple, actor) -> Problem | None:
        role = ROLES[actor.role]
        if role.alliance and actor.id not in self.members[role.alliance]:
            return Problem(
                (*base, "memberships"),
                f"a {actor.role} must belong to {role.alliance}",
                actor.memberships,
                f"{role.alliance} in memberships, or a `join` event that brings it in",
            )
        if role.belligerent and actor.memberships:
            return Problem(
                (*base, "memberships"),
                f"{actor.role} cannot be in an alliance",
                actor.memberships,
                "no memberships",
            )
        if actor.aid != "none" and not role.third_state:
            return Problem(
                (*base, "aid"), f"a {actor.role} sends no aid to Ukraine", actor.aid, "none"
            )
        for target, level in actor.conduct.items():
            here = (*base, "conduct", target)
            problem = self.ref(here, target, groups=False)
            if problem:
                return problem
            problem = self.conduct_pair(here, actor.id, target, level)
            if problem:
                return problem
        for other in actor.beliefs:
            problem = self.ref((*base, "beliefs", other), other, groups=False)
            if problem:
                return problem
            if other == actor.id:
                return Problem(
                    (*base, "beliefs", other), "beliefs about oneself", other, "another actor's id"
                )
        for r_index, red in enumerate(actor.red_lines):
            problem = self.red_line(
                (*base, "red_lines", r_index),
                actor,
                red.violators,
                red.watch,
                red.protects,
                red.threshold,
                red.response,
            )
            if problem:
                return problem
        return None

    def conduct_pair(self, path: tuple, source: str, target: str, level: str) -> Problem | None:
        russia = {self.role(source), self.role(target)} & {"russia"}
        if not russia or not (self.third_state(source) or self.third_state(target)):
            return Problem(
                path,
                "no direct-conduct dyad between these actors",
                f"{source} -> {target}",
                "Russia toward a third state (NATO member or EU state), or back",
            )
        if self.role(source) != "russia" and level in (*RUSSIA_ONLY, *DEFENCE_ONLY):
            return Problem(
                path,
                "a state starts no higher than force posture toward Russia",
                level,
                "normal, rhetoric, sanctions, exercises, posture",
            )
        if (
            self.role(source) == "russia"
            and level in NATO_TARGET_ONLY
            and (target not in self.members["NATO"])
        ):
            return Problem(
                path,
                "attacks, clashes and war need a NATO member as target",
                level,
                "a rung up to grey_zone",
            )
        return None

    def red_line(self, path, owner, violators, watch, protects, threshold, response):
        if not violators:
            return Problem(
                (*path, "violators"), "a red line needs violators", [], self.allowed_refs
            )
        for v_index, violator in enumerate(violators):
            problem = self.ref((*path, "violators", v_index), violator)
            if problem:
                return problem
        if protects is not None:
            problem = self.ref((*path, "protects"), protects, groups=False)
            if problem:
                return problem
        if watch == "aid":
            problem = self.level((*path, "threshold"), AID, threshold, "aid kind")
        elif watch == "conduct":
            problem = self.level((*path, "threshold"), CONDUCT, threshold, "conduct rung")
        else:
            problem = (
                None
                if threshold is None
                else Problem(
                    (*path, "threshold"),
                    "a nuclear_use red line has no threshold",
                    threshold,
                    "none",
                )
            )
        if problem:
            return problem
        if response == "nuclear_signal":
            if not owner.attributes.nuclear:
                return Problem(
                    (*path, "response"),
                    "only a nuclear-armed owner signals",
                    response,
                    "a conduct rung",
                )
            return None
        problem = self.level((*path, "response"), CONDUCT, response, "response")
        if problem:
            return problem
        targets = self.expand(violators) - {owner.id}
        if not any(
            {self.role(owner.id), self.role(v)} & {"russia"}
            and (self.third_state(owner.id) or self.third_state(v))
            for v in targets
        ):
            return Problem(
                (*path, "response"),
                "a military response needs a direct-conduct dyad with a violator",
                response,
                "nuclear_signal, or violators in a dyad with the owner",
            )
        return None

    # ---------------------------------------------------------------------------- events
    def events(self) -> Problem | None:
        steps = self.s.run.steps
        has_ukraine = "ukraine" in [a.role for a in self.s.actors]
        for e_index, event in enumerate(self.s.events):
            here = ("events", e_index)
            first = event.step if event.step is not None else event.window[0]
            if first > steps:
                return Problem(
                    (*here, "step" if event.step is not None else "window"),
                    "the event can never fire: it starts after the run ends",
                    first,
                    f"a step from 0 to run.steps ({steps})",
                )
            for name in EVENT_NEEDS[event.kind]:
                if getattr(event, name) in (None, []):
                    return Problem(
                        (*here, name), f"a {event.kind} event needs '{name}'", None, "a value"
                    )
            for a_index, actor_id in enumerate(event.actors):
                problem = self.ref((*here, "actors", a_index), actor_id)
                if problem:
                    return problem
            for name in ("sponsor",):
                value = getattr(event, name)
                if value is not None:
                    problem = self.ref((*here, name), value, groups=False)
                    if problem:
                        return problem
            for name in ("backers", "opponents"):
                for i, value in enumerate(getattr(event, name)):
                    problem = self.ref((*here, name, i), value)
                    if problem:
                        return problem
            if event.target is not None:
                problem = self.ref((*here, "target"), event.target)
                if problem:
                    return problem
            problem = self.event(here, event, has_ukraine)
            if problem:
                return problem
        return None

    def event(self, here: tuple, event, has_ukraine: bool) -> Problem | None:
        kind = event.kind
        actors = self.expand(event.actors)
        targets = self.expand([event.target]) if event.target else set()
        if kind == "conduct":
            problem = self.level((*here, "level"), CONDUCT, event.level, "conduct rung")
            if problem:
                return problem
            pairs = [(a, b) for a in actors for b in targets if a != b]
            if not any(self.conduct_pair(here, a, b, event.level) is None for a, b in pairs):
                return Problem(
                    (*here, "target"),
                    "no actor here has a dyad with the target",
                    f"{event.actors} -> {event.target}",
                    "Russia toward third states, or third states toward Russia",
                )
        elif kind == "aid":
            problem = self.level((*here, "level"), AID, event.level, "aid kind")
            if problem:
                return problem
            if not has_ukraine or not any(self.third_state(a) for a in actors):
                return Problem(
                    (*here, "actors"),
                    "aid needs a third state and Ukraine",
                    event.actors,
                    "NATO members or EU states, with Ukraine present",
                )
        elif kind == "warning":
            owners = [a for a in actors if a in self.by_id]
            if not owners:
                return Problem(
                    (*here, "actors"), "a warning needs an owner", event.actors, self.allowed_ids
                )
            return self.red_line(
                here,
                self.by_id[owners[0]],
                [event.target],
                event.watch,
                None,
                event.threshold,
                event.response,
            )
        elif kind == "peace_plan":
            if not has_ukraine:
                return Problem(
                    (*here, "kind"),
                    "a peace plan needs the war (Ukraine)",
                    kind,
                    "a scenario with an actor of role ukraine",
                )
        elif kind == "sanctions_vote":
            if not self.members["EU"]:
                return Problem(
                    (*here, "kind"),
                    "a sanctions vote needs EU members",
                    kind,
                    "actors with EU in memberships",
                )
        elif kind == "incident":
            if not targets or not all(self.third_state(t) for t in targets):
                return Problem(
                    (*here, "target"),
                    "an incident happens on a third state",
                    event.target,
                    "a NATO member or EU state (or NATO, EU)",
                )
            if event.level is not None and event.level not in NATURES[:3]:
                return Problem(
                    (*here, "level"),
                    "unknown kind of incident",
                    event.level,
                    ", ".join(NATURES[:3]),
                )
        elif kind == "nuclear_signal":
            russia = next(a for a in self.s.actors if a.role == "russia")
            if not russia.attributes.nuclear:
                return Problem(
                    (*here, "kind"),
                    "Russia is not nuclear-armed here",
                    kind,
                    "nuclear: true for the russia actor",
                )
            if event.level not in ("threat", "exercise", "deployment", "doctrine"):
                return Problem(
                    (*here, "level"),
                    "unknown kind of nuclear signal",
                    event.level,
                    "threat, exercise, deployment, doctrine",
                )
        elif kind == "stance":
            if event.stance is None and event.policy is None:
                return Problem(
                    (*here, "stance"),
                    "a stance event needs a stance or a policy",
                    None,
                    "stance: <preset> or policy: {...}",
                )
        elif kind == "join":
            if any(not self.third_state(a) for a in actors):
                return Problem(
                    (*here, "actors"),
                    "only third states join alliances",
                    event.actors,
                    "NATO members or EU states",
                )
        elif kind == "mobilisation" and any(
            self.role(a) not in ("russia", "ukraine") for a in actors
        ):
            return Problem(
                (*here, "actors"),
                "only belligerents mobilise",
                event.actors,
                "the russia or ukraine actor",
            )
        return None

    def key_dyads(self) -> Problem | None:
        for d_index, dyad in enumerate(self.s.key_dyads):
            parts = dyad.split("-")
            if len(parts) != 2 or any(p not in self.known and p not in GROUPS for p in parts):
                return Problem(
                    ("key_dyads", d_index), "bad dyad", dyad, "'A-B' with " + self.allowed_refs
                )
        return None


def check_references(scenario: Scenario) -> Problem | None:
    """The first cross-reference problem in a scenario, or None when it is consistent."""
    problem = _check_ladder(scenario)
    if problem:
        return problem
    checker = _Checker(scenario)
    return checker.actors() or checker.events() or checker.key_dyads()
