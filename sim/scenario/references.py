"""Cross-field checks pydantic cannot do alone: ids that must exist, rungs on the ladder."""

from __future__ import annotations

from dataclasses import dataclass

from sim.ladder import (
    DEFAULT_LADDER,
    NUCLEAR_CATEGORIES,
    REQUIRED_CATEGORIES,
    Category,
    Ladder,
    Rung,
)
from sim.scenario.schema import GROUPS, RungRef, Scenario


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
    categories = {r.category for r in scenario.ladder}
    for index, rung in enumerate(scenario.ladder):
        if rung.category not in Category.__args__:  # type: ignore[attr-defined]
            return Problem(
                ("ladder", index, "category"),
                "unknown rung category",
                rung.category,
                ", ".join(Category.__args__),  # type: ignore[attr-defined]
            )
    missing = [c for c in REQUIRED_CATEGORIES if c not in categories]
    if missing:
        return Problem(
            ("ladder",),
            "the ladder lacks categories the model needs",
            sorted(categories),
            "rungs with categories " + ", ".join(REQUIRED_CATEGORIES),
        )
    return None


def check_references(scenario: Scenario) -> Problem | None:
    """The first cross-reference problem in a scenario, or None when it is consistent."""
    problem = _check_ladder(scenario)
    if problem:
        return problem
    ladder = build_ladder(scenario)
    ids = [a.id for a in scenario.actors]
    known = set(ids)
    allowed_ids = "actor ids " + ", ".join(ids)
    allowed_refs = allowed_ids + " or groups " + ", ".join(GROUPS)
    rung_allowed = f"a rung id ({', '.join(r.id for r in ladder.rungs)}) or level 0-{ladder.top}"

    def bad_rung(path: tuple, ref: RungRef | None) -> Problem | None:
        if ref is None:
            return None
        try:
            rung_level(ladder, ref)
        except KeyError:
            return Problem(path, "unknown rung", ref, rung_allowed)
        return None

    seen: set[str] = set()
    for index, actor in enumerate(scenario.actors):
        if actor.id in seen:
            return Problem(("actors", index, "id"), "duplicate actor id", actor.id, "unique ids")
        seen.add(actor.id)
    roles = [a.role for a in scenario.actors]
    for role, most in (("russia", 1), ("ukraine", 1)):
        if roles.count(role) > most:
            return Problem(("actors",), f"more than one actor with role {role}", roles, "one")
    if "russia" not in roles:
        return Problem(("actors",), "no actor has role russia", roles, "exactly one russia")
    for index, actor in enumerate(scenario.actors):
        base = ("actors", index)
        for target, ref in actor.levels.items():
            if target not in known or target == actor.id:
                return Problem((*base, "levels", target), "unknown target", target, allowed_ids)
            problem = bad_rung((*base, "levels", target), ref)
            if problem:
                return problem
            level = rung_level(ladder, ref)
            if not actor.attributes.nuclear and ladder.rungs[level].category in NUCLEAR_CATEGORIES:
                return Problem(
                    (*base, "levels", target),
                    "a non-nuclear actor cannot stand on a nuclear rung",
                    ref,
                    f"a rung up to {ladder.highest_conventional}",
                )
        for r_index, red in enumerate(actor.red_lines):
            here = (*base, "red_lines", r_index)
            for v_index, violator in enumerate(red.violators):
                if violator not in known and violator not in GROUPS:
                    return Problem(
                        (*here, "violators", v_index), "unknown actor", violator, allowed_refs
                    )
            if red.protects is not None and red.protects not in known:
                return Problem((*here, "protects"), "unknown actor", red.protects, allowed_ids)
            for name in ("threshold", "response"):
                problem = bad_rung((*here, name), getattr(red, name))
                if problem:
                    return problem
    for e_index, event in enumerate(scenario.events):
        here = ("events", e_index)
        if (event.step is None) == (event.window is None):
            return Problem(
                here,
                "an event needs exactly one of step or window",
                None,
                "step: N or window: [a, b]",
            )
        if event.window is not None and event.window[0] > event.window[1]:
            return Problem(
                (*here, "window"),
                "window starts after it ends",
                list(event.window),
                "[first, last] with first <= last",
            )
        for a_index, actor_id in enumerate(event.actors):
            if actor_id not in known and actor_id not in GROUPS:
                return Problem((*here, "actors", a_index), "unknown actor", actor_id, allowed_refs)
        for v_index, actor_id in enumerate(event.veto_players):
            if actor_id not in known:
                return Problem(
                    (*here, "veto_players", v_index), "unknown actor", actor_id, allowed_ids
                )
        if event.target is not None and event.target not in known and event.target not in GROUPS:
            return Problem((*here, "target"), "unknown actor", event.target, allowed_refs)
        needs = {
            "action": ("actors", "target", "rung"),
            "warning": ("actors", "target", "threshold", "response"),
            "peace_plan": ("terms",),
            "sanctions_vote": (),
            "incident": (),
        }[event.kind]
        for name in needs:
            if getattr(event, name) in (None, []):
                return Problem(
                    (*here, name), f"a {event.kind} event needs '{name}'", None, "a value"
                )
        for name in ("rung", "threshold", "response"):
            problem = bad_rung((*here, name), getattr(event, name))
            if problem:
                return problem
    for d_index, dyad in enumerate(scenario.key_dyads):
        parts = dyad.split("-")
        if len(parts) != 2 or any(p not in known and p not in GROUPS for p in parts):
            return Problem(("key_dyads", d_index), "bad dyad", dyad, "'A-B' with " + allowed_refs)
    return None
