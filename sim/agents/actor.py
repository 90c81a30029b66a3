"""StateActor: a state as a Mesa agent. Its behaviour lives in the batched kernel
(``sim.model``); the agent is the actor's face, reading its current state from the run."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa

from sim.concepts.channels import AID, CONDUCT
from sim.concepts.roles import ROLES, Role
from sim.scenario.schema import Actor

if TYPE_CHECKING:
    from sim.model.mesa_model import EscalationModel


class StateActor(mesa.Agent):
    def __init__(self, model: EscalationModel, spec: Actor, index: int) -> None:
        super().__init__(model)
        self.spec = spec
        self.index = index
        self.role: Role = ROLES[spec.role]

    @property
    def actor_id(self) -> str:
        return self.spec.id

    def _state(self):
        return self.model.simulation.state

    @property
    def support(self) -> float:
        """Domestic support (1 - war fatigue)."""
        return float(self._state().politics.support[0, self.index])

    @property
    def aid(self) -> str:
        """The kind of aid it sends Ukraine now."""
        return AID.ids[int(self._state().support.aid[0, self.index])]

    def conduct_toward(self, other: str) -> str | None:
        """Its direct-conduct rung toward ``other`` (None when they have no dyad)."""
        world = self.model.simulation.world
        d = world.dyad.get((self.index, world.index[other]))
        if d is None:
            return None
        return CONDUCT.ids[int(self._state().conduct.level[0, d])]

    def in_alliance(self, name: str) -> bool:
        from sim.model.world import ALLIANCE_INDEX

        return bool(self._state().politics.member[0, self.index, ALLIANCE_INDEX[name]])
