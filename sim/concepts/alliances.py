"""The alliances the model knows. Membership is data (it can change in a run: a `join` event);
what an alliance decides is in ``sim.model.alliances``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Alliance:
    name: str
    label: str
    #: What its collective decisions are about.
    decides: str


NATO = Alliance("NATO", "NATO", "Article 4 consultations and Article 5 collective defence")
EU = Alliance("EU", "European Union", "sanctions packages against Russia")
ALLIANCES: tuple[Alliance, ...] = (NATO, EU)
ALLIANCE_NAMES: tuple[str, ...] = tuple(a.name for a in ALLIANCES)
#: Group names usable wherever a list of actors is expected.
GROUPS: tuple[str, ...] = (*ALLIANCE_NAMES, "ALL")
