"""Reciprocity doctrines as small classes with a classifier, after the Axelrod library.

Escalation counts as defection (D); holding, signalling or de-escalating as cooperation (C).
A doctrine sees its own executed moves and the opponent's moves *as perceived*, each a rung
change (-1, 0, +1, +2), and returns the rung change it wants, or ``None`` to leave the choice to
the expected-utility calculus. Cooperation copies the opponent's de-escalation in kind, so two
reciprocators can climb down together.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import ClassVar

import numpy as np

from sim.scenario.schema import Doctrine as DoctrineSpec


def defected(delta: int) -> bool:
    return delta > 0


class Doctrine(ABC):
    name: ClassVar[str]
    classifier: ClassVar[dict] = {
        "memory_depth": 1,
        "stochastic": False,
        "uses_calculus": False,
        "nice": True,
    }

    def __init__(self, spec: DoctrineSpec) -> None:
        self.spec = spec

    @abstractmethod
    def choose(
        self, own: Sequence[int], opponent: Sequence[int], rng: np.random.Generator
    ) -> int | None:
        """The rung change wanted next, or None to defer to the expected-utility calculus."""

    @staticmethod
    def reciprocate(opponent: Sequence[int]) -> int:
        """Answer the opponent's last move in kind: escalate, hold or de-escalate."""
        last = opponent[-1]
        return 1 if last > 0 else (-1 if last < 0 else 0)


class ExpectedUtility(Doctrine):
    name = "expected_utility"
    classifier: ClassVar[dict] = {
        "memory_depth": float("inf"),
        "stochastic": True,
        "uses_calculus": True,
        "nice": False,
    }

    def choose(self, own, opponent, rng):
        return None


class TitForTat(Doctrine):
    """Cooperate first, then do what the opponent did last (Rapoport; Axelrod 1984)."""

    name = "tit_for_tat"

    def choose(self, own, opponent, rng):
        return 0 if not opponent else self.reciprocate(opponent)


class SuspiciousTitForTat(Doctrine):
    """Defect first, then do what the opponent did last."""

    name = "suspicious_tit_for_tat"
    classifier: ClassVar[dict] = {**Doctrine.classifier, "nice": False}

    def choose(self, own, opponent, rng):
        return 1 if not opponent else self.reciprocate(opponent)


class TitForTwoTats(Doctrine):
    """Defect only after two defections in a row."""

    name = "tit_for_two_tats"
    classifier: ClassVar[dict] = {**Doctrine.classifier, "memory_depth": 2}

    def choose(self, own, opponent, rng):
        if len(opponent) >= 2 and defected(opponent[-1]) and defected(opponent[-2]):
            return 1
        return -1 if opponent and opponent[-1] < 0 else 0


class GenerousTitForTat(Doctrine):
    """Tit-for-tat that forgives a defection with probability ``generosity`` (Nowak & Sigmund)."""

    name = "generous_tit_for_tat"
    classifier: ClassVar[dict] = {**Doctrine.classifier, "stochastic": True}

    def choose(self, own, opponent, rng):
        if not opponent:
            return 0
        if defected(opponent[-1]):
            return 0 if rng.random() < self.spec.generosity else 1
        return self.reciprocate(opponent)


class GrimTrigger(Doctrine):
    """Cooperate until the opponent defects once, then defect for ever (Friedman 1971)."""

    name = "grim_trigger"
    classifier: ClassVar[dict] = {**Doctrine.classifier, "memory_depth": float("inf")}

    def choose(self, own, opponent, rng):
        return 1 if any(defected(d) for d in opponent) else 0


class AlwaysEscalate(Doctrine):
    name = "always_escalate"
    classifier: ClassVar[dict] = {**Doctrine.classifier, "memory_depth": 0, "nice": False}

    def choose(self, own, opponent, rng):
        return 1


class AlwaysHold(Doctrine):
    name = "always_hold"
    classifier: ClassVar[dict] = {**Doctrine.classifier, "memory_depth": 0}

    def choose(self, own, opponent, rng):
        return 0


class Grit(Doctrine):
    """Osgood's GRIT: announced unilateral de-escalation steps for ``grit_period`` steps whatever
    the answer; after that, keep de-escalating while the opponent reciprocates; answer any
    escalation with one escalation in kind (retaliation kept), then resume."""

    name = "grit"
    classifier: ClassVar[dict] = {**Doctrine.classifier, "memory_depth": float("inf")}

    def choose(self, own, opponent, rng):
        if opponent and defected(opponent[-1]):
            return 1
        if len(own) < self.spec.grit_period:
            return -1
        return -1 if opponent and opponent[-1] < 0 else 0


DOCTRINES: dict[str, type[Doctrine]] = {
    cls.name: cls
    for cls in (
        ExpectedUtility,
        TitForTat,
        SuspiciousTitForTat,
        TitForTwoTats,
        GenerousTitForTat,
        GrimTrigger,
        AlwaysEscalate,
        AlwaysHold,
        Grit,
    )
}


def make_doctrine(spec: DoctrineSpec) -> Doctrine:
    return DOCTRINES[spec.strategy](spec)
