"""Roles: what kind of player an actor is. A role fixes which channels an actor takes part in;
its stance and policy (``sim.concepts.stances``) fix how it plays them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    name: str
    label: str
    #: Fights the war (forces, front line, war fatigue at full weight).
    belligerent: bool
    #: Sends aid to Ukraine and stands in a direct-conduct dyad with Russia.
    third_state: bool
    #: Alliance the role implies; a scenario must give it (or a `join` event must).
    alliance: str | None
    #: How many actors of this role a scenario may have (None: any number).
    at_most: int | None
    #: How many a scenario must have.
    at_least: int


ROLES: dict[str, Role] = {
    r.name: r
    for r in (
        Role("russia", "Russia", True, False, None, 1, 1),
        Role("ukraine", "Ukraine", True, False, None, 1, 0),
        Role("nato_member", "NATO member", False, True, "NATO", None, 0),
        Role("eu_state", "EU state outside NATO", False, True, "EU", None, 0),
    )
}
ROLE_NAMES: tuple[str, ...] = tuple(ROLES)
