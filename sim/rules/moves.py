"""The moves an actor can make in direct conduct each step."""

from __future__ import annotations

import numpy as np

#: Move names in column order of every utility matrix.
MOVES = ("de-escalate", "hold", "signal", "escalate", "escalate x2")
#: Rung change each move asks for; "signal" is cheap talk (a warning) that changes no rung.
DELTAS = np.array([-1, 0, 0, 1, 2], dtype=np.int64)
DEESCALATE, HOLD, SIGNAL, ESCALATE, JUMP = range(len(MOVES))


def move_for_delta(delta: np.ndarray) -> np.ndarray:
    """The move whose rung change is ``delta`` (clipped to -1..2; 0 is hold)."""
    delta = np.clip(np.asarray(delta), -1, 2)
    return np.select([delta < 0, delta == 0, delta == 1], [DEESCALATE, HOLD, ESCALATE], JUMP)


def move_targets(level: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """targets[..., move]: the rung each move leads to from ``level``, moving over the rungs
    ``allowed`` (..., rungs) marks as open; a move with nowhere to go stays put. Read from a
    table of every pattern of open rungs (2^rungs x rungs x moves), built once per ladder size."""
    return targets_of(open_code(allowed), level, allowed.shape[-1])


def open_code(allowed: np.ndarray) -> np.ndarray:
    """The open rungs (..., rungs) as one integer per row: bit k set when rung k is open."""
    return allowed.astype(np.int64) @ (1 << np.arange(allowed.shape[-1], dtype=np.int64))


def open_rungs(code: np.ndarray, rungs: int) -> np.ndarray:
    """The inverse of ``open_code``: (..., rungs) bool."""
    return ((np.asarray(code)[..., None] >> np.arange(rungs)) & 1).astype(bool)


def targets_of(code: np.ndarray, level: np.ndarray, rungs: int) -> np.ndarray:
    """``move_targets`` for open rungs given as codes (``open_code``): one table lookup. The
    result is laid out move by move in memory (each ``[..., move]`` is contiguous), as is
    everything computed from it element-wise: per-move work then runs over contiguous data."""
    return np.moveaxis(_target_table(rungs)[:, code, level], 0, -1)


_TABLES: dict[int, np.ndarray] = {}


def _target_table(rungs: int) -> np.ndarray:
    """(moves, 2^rungs, rungs): the target of each move, by pattern of open rungs and level."""
    table = _TABLES.get(rungs)
    if table is None:
        patterns = ((np.arange(2**rungs)[:, None] >> np.arange(rungs)) & 1).astype(bool)
        levels = np.broadcast_to(np.arange(rungs), (2**rungs, rungs))
        found = _targets_by_search(
            levels, np.broadcast_to(patterns[:, None, :], (2**rungs, rungs, rungs))
        )
        table = _TABLES[rungs] = np.ascontiguousarray(np.moveaxis(found, -1, 0))
    return table


def _targets_by_search(level: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """The definition of ``move_targets``, by searching the open rungs (used to build the
    table)."""
    rungs = np.arange(allowed.shape[-1])
    here = level[..., None]
    above = allowed & (rungs > here)
    below = allowed & (rungs < here)
    has_above, has_below = above.any(-1), below.any(-1)
    up1 = np.where(has_above, above.argmax(-1), level)
    above2 = above & (rungs > up1[..., None])
    up2 = np.where(above2.any(-1), above2.argmax(-1), up1)
    top = allowed.shape[-1] - 1
    down1 = np.where(has_below, top - below[..., ::-1].argmax(-1), level)
    return np.stack([down1, level, level, up1, up2], axis=-1)
