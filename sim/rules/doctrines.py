"""Reciprocity doctrines as small classes with a classifier, after the Axelrod library.

Escalation counts as defection (D); holding, signalling or de-escalating as cooperation (C).
A doctrine sees its own executed moves and the opponent's moves *as perceived* through a short
memory (``Memory``), and returns the rung change it wants, or ``NO_OPINION`` to leave the choice
to the expected-utility calculus. Doctrines work on arrays (replicates x dyads), so one call
serves a whole batch of runs. Classifiers describe a doctrine; they never switch the engine.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

#: What ``choose`` returns where the doctrine defers to the calculus.
NO_OPINION = -9
#: Opponent move code before anything has been observed.
UNSEEN = -2


@dataclass
class Memory:
    """What a reciprocal player remembers of one dyad (arrays: replicates x dyads)."""

    own_moves: np.ndarray  # moves made so far (int)
    last: np.ndarray  # opponent's last perceived move: -1, 0, 1 or UNSEEN
    previous: np.ndarray  # the one before
    ever_defected: np.ndarray  # bool

    @classmethod
    def empty(cls, shape: tuple[int, ...]) -> Memory:
        return cls(
            np.zeros(shape, dtype=np.int64),
            np.full(shape, UNSEEN, dtype=np.int64),
            np.full(shape, UNSEEN, dtype=np.int64),
            np.zeros(shape, dtype=bool),
        )

    def observe(self, perceived: np.ndarray) -> None:
        """Remember the opponent's perceived rung change this step (sign only)."""
        move = np.sign(perceived).astype(np.int64)
        self.previous = self.last
        self.last = move
        self.ever_defected = self.ever_defected | (move > 0)

    def made(self, moved: np.ndarray) -> None:
        self.own_moves = self.own_moves + moved.astype(np.int64)

    def copy(self) -> Memory:
        return Memory(
            *(a.copy() for a in (self.own_moves, self.last, self.previous, self.ever_defected))
        )

    def take(self, rows: np.ndarray | slice, columns: np.ndarray) -> Memory:
        return Memory(
            *(
                a[rows][:, columns]
                for a in (self.own_moves, self.last, self.previous, self.ever_defected)
            )
        )


@dataclass(frozen=True)
class Settings:
    """Per-dyad doctrine settings (arrays over the doctrine's dyads)."""

    generosity: np.ndarray
    grit_period: np.ndarray


def _reciprocate(last: np.ndarray) -> np.ndarray:
    """Answer the opponent's last move in kind: escalate, hold or de-escalate (hold if unseen)."""
    return np.where(last == UNSEEN, 0, last)


class Doctrine(ABC):
    name: ClassVar[str]
    label: ClassVar[str]
    classifier: ClassVar[dict] = {
        "memory_depth": 1,
        "stochastic": False,
        "uses_calculus": False,
        "nice": True,
    }

    @classmethod
    @abstractmethod
    def choose(cls, memory: Memory, settings: Settings, uniforms: np.ndarray) -> np.ndarray:
        """The rung change wanted next per replicate and dyad, or NO_OPINION."""


class ExpectedUtility(Doctrine):
    """Weigh every move by the deterrence calculus and choose by softmax (bounded rationality)."""

    name = "expected_utility"
    label = "Expected utility (the calculus)"
    classifier: ClassVar[dict] = {
        "memory_depth": float("inf"),
        "stochastic": True,
        "uses_calculus": True,
        "nice": False,
    }

    @classmethod
    def choose(cls, memory, settings, uniforms):
        return np.full(memory.last.shape, NO_OPINION, dtype=np.int64)


class TitForTat(Doctrine):
    """Cooperate first, then do what the opponent did last (Rapoport; Axelrod 1984)."""

    name = "tit_for_tat"
    label = "Tit-for-tat"

    @classmethod
    def choose(cls, memory, settings, uniforms):
        return _reciprocate(memory.last)


class SuspiciousTitForTat(Doctrine):
    """Defect first, then do what the opponent did last."""

    name = "suspicious_tit_for_tat"
    label = "Suspicious tit-for-tat"
    classifier: ClassVar[dict] = {**Doctrine.classifier, "nice": False}

    @classmethod
    def choose(cls, memory, settings, uniforms):
        return np.where(memory.last == UNSEEN, 1, memory.last)


class TitForTwoTats(Doctrine):
    """Defect only after two defections in a row; follow a step down."""

    name = "tit_for_two_tats"
    label = "Tit-for-two-tats"
    classifier: ClassVar[dict] = {**Doctrine.classifier, "memory_depth": 2}

    @classmethod
    def choose(cls, memory, settings, uniforms):
        twice = (memory.last > 0) & (memory.previous > 0)
        return np.where(twice, 1, np.where(memory.last == -1, -1, 0))


class GenerousTitForTat(Doctrine):
    """Tit-for-tat that forgives a defection with probability ``generosity`` (Nowak & Sigmund
    1992), which lets two reciprocators recover from a misreading."""

    name = "generous_tit_for_tat"
    label = "Generous tit-for-tat"
    classifier: ClassVar[dict] = {**Doctrine.classifier, "stochastic": True}

    @classmethod
    def choose(cls, memory, settings, uniforms):
        forgive = (memory.last > 0) & (uniforms < settings.generosity)
        return np.where(forgive, 0, _reciprocate(memory.last))


class GrimTrigger(Doctrine):
    """Cooperate until the opponent defects once, then defect for ever (Friedman 1971)."""

    name = "grim_trigger"
    label = "Grim trigger"
    classifier: ClassVar[dict] = {**Doctrine.classifier, "memory_depth": float("inf")}

    @classmethod
    def choose(cls, memory, settings, uniforms):
        return np.where(memory.ever_defected, 1, 0)


class AlwaysEscalate(Doctrine):
    name = "always_escalate"
    label = "Always escalate"
    classifier: ClassVar[dict] = {**Doctrine.classifier, "memory_depth": 0, "nice": False}

    @classmethod
    def choose(cls, memory, settings, uniforms):
        return np.ones(memory.last.shape, dtype=np.int64)


class AlwaysHold(Doctrine):
    name = "always_hold"
    label = "Always hold"
    classifier: ClassVar[dict] = {**Doctrine.classifier, "memory_depth": 0}

    @classmethod
    def choose(cls, memory, settings, uniforms):
        return np.zeros(memory.last.shape, dtype=np.int64)


class Grit(Doctrine):
    """Osgood's GRIT (1962): announced unilateral de-escalation steps for ``grit_period`` moves
    whatever the answer; then keep stepping down while the opponent reciprocates, and leave the
    rest to the calculus; answer an escalation with one in kind (retaliation is kept)."""

    name = "grit"
    label = "GRIT (graduated reciprocation in tension-reduction)"
    classifier: ClassVar[dict] = {
        **Doctrine.classifier,
        "memory_depth": float("inf"),
        "uses_calculus": True,
    }

    @classmethod
    def choose(cls, memory, settings, uniforms):
        unilateral = memory.own_moves < settings.grit_period
        answer = np.where(memory.last < 0, -1, NO_OPINION)
        wanted = np.where(unilateral, -1, answer)
        return np.where(memory.last > 0, 1, wanted)


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
DOCTRINE_NAMES: tuple[str, ...] = tuple(DOCTRINES)
