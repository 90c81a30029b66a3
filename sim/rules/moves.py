"""The moves an actor can make toward a target each step."""

from __future__ import annotations

import numpy as np

#: Move names in column order of every utility matrix.
MOVES = ("de-escalate", "hold", "signal", "escalate", "escalate x2")
#: Rung change each move makes; "signal" is cheap talk (a warning) that changes no rung.
DELTAS = np.array([-1, 0, 0, 1, 2], dtype=np.int64)
DEESCALATE, HOLD, SIGNAL, ESCALATE, JUMP = range(len(MOVES))


def move_for_delta(delta: int) -> int:
    """The move whose rung change is ``delta`` (hold for 0)."""
    return {-1: DEESCALATE, 0: HOLD, 1: ESCALATE, 2: JUMP}[delta]
