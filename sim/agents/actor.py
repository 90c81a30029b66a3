"""StateActor: a state as a Mesa agent, holding its attributes, doctrine and red lines."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, ClassVar

import mesa
import numpy as np

from sim.rules.doctrines import Doctrine, make_doctrine
from sim.scenario.schema import Actor

if TYPE_CHECKING:
    from sim.model import EscalationModel


class StateActor(mesa.Agent, ABC):
    """Role subclasses say which rungs the actor may stand on toward a target (``categories``),
    and what it stands to gain by escalating (``stakes``, vectorised over its dyads)."""

    role: ClassVar[str]
    #: Ladder categories open toward a target, by the target's role.
    categories: ClassVar[frozenset[str]]
    #: Extra categories opened once NATO's collective defence (Article 5) is in force.
    article5_categories: ClassVar[frozenset[str]] = frozenset()
    #: Whether war fatigue hits this actor as a belligerent (1) or as an aid giver.
    belligerent: ClassVar[bool] = False

    def __init__(self, model: EscalationModel, spec: Actor, index: int) -> None:
        super().__init__(model)
        self.spec = spec
        self.index = index
        self.doctrine: Doctrine = make_doctrine(spec.doctrine)

    @property
    def actor_id(self) -> str:
        return self.spec.id

    def in_alliance(self, alliance: str) -> bool:
        return alliance in self.spec.memberships

    def allowed_categories(self, target: StateActor, article5: bool) -> frozenset[str]:
        allowed = self.categories | (self.article5_categories if article5 else frozenset())
        if not self.spec.attributes.nuclear:
            allowed -= {"nuclear_signal", "nuclear_use", "strategic_nuclear"}
        return allowed

    def rivals(self, actors: list[StateActor]) -> list[StateActor]:
        """The actors this one acts toward: everyone for Russia, Russia for everyone else."""
        return [
            a for a in actors if a is not self and (a.role == "russia" or self.role == "russia")
        ]

    @classmethod
    @abstractmethod
    def stakes(cls, model: EscalationModel, dyads: np.ndarray) -> np.ndarray:
        """What escalating is worth (0-1) on each of the given dyads whose source has this role."""
