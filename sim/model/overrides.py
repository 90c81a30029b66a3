"""Decisions taken outside the model, and what the model's deciders saw.

A student playing one actor in the dashboard (a matrix game against the model) chooses that
actor's moves; ``Overrides`` carries them into one step, where they replace the moves the
calculus or a doctrine would have made. ``Choices`` records, for every dyad (conduct) or
supplier (aid), the moves open, their utilities in the calculus, the model's own pick, the
move made and whether the decision counted (the timeline may fix a dyad's conduct), so a page
can show the calculus's view and a debrief can compare the two.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class Overrides:
    """Moves forced this step, in every replicate: ``conduct`` maps a directed dyad to a
    conduct move (``sim.rules.moves.MOVES``), ``aid`` maps a supplier to an aid move (cut,
    hold, raise)."""

    conduct: Mapping[int, int] = field(default_factory=dict)
    aid: Mapping[int, int] = field(default_factory=dict)


NONE = Overrides()


@dataclass
class Choices:
    """One decision channel's view in one step (arrays: replicates x deciders x moves)."""

    targets: np.ndarray  # (R, K, moves): the rung or aid kind each move leads to
    utility: np.ndarray  # (R, K, moves): the calculus's utility; -inf where a move is closed
    chosen: np.ndarray  # (R, K): the model's own move (calculus or doctrine)
    made: np.ndarray  # (R, K): the move made (the override where one was given)
    free: np.ndarray  # (R, K): the decision counts (the timeline did not fix it this step)


def force(
    channel: str, move: np.ndarray, utility: np.ndarray, forced: Mapping[int, int]
) -> np.ndarray:
    """``move`` (R, K) with the forced columns replaced; a move closed to its decider (utility
    -inf) is refused with a ValueError, since the model could never make it."""
    made = move.copy()
    for column, wanted in forced.items():
        if not 0 <= wanted < utility.shape[2]:
            raise ValueError(f"{channel} override: move {wanted} does not exist")
        if not np.isfinite(utility[:, column, wanted]).all():
            raise ValueError(f"{channel} override: move {wanted} is closed to {column} now")
        made[:, column] = wanted
    return made
