"""One Mesa agent per state; the role decides what it may do and what it fights for."""

from sim.agents.actor import StateActor
from sim.agents.roles import ROLE_CLASSES, EuStateActor, NatoMemberActor, RussiaActor, UkraineActor

__all__ = [
    "ROLE_CLASSES",
    "EuStateActor",
    "NatoMemberActor",
    "RussiaActor",
    "StateActor",
    "UkraineActor",
]
