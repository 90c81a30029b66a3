"""Counter-based random streams: every draw is a pure function of (run seed, step, mechanism,
slot), where a slot is an actor, a dyad or an event named by its id.

Changing one mechanism therefore leaves every other mechanism's draws untouched (common random
numbers across scenario variants, counterfactual branches from any week), and the draws of R
replicates come out of one array operation. The generator is SplitMix64's finaliser (Steele,
Lea & Flood 2014) applied to a hash of the key; it passes BigCrush when used as a counter-based
generator, which is how it is used here.
"""

from __future__ import annotations

import hashlib

import numpy as np
from scipy.special import ndtri

_GAMMA = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31, _S11 = (np.uint64(s) for s in (30, 27, 31, 11))
_UNIT = 2.0**-53


def mix(x: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser on uint64 values (wrapping arithmetic)."""
    x = x + _GAMMA
    x = (x ^ (x >> _S30)) * _M1
    x = (x ^ (x >> _S27)) * _M2
    return x ^ (x >> _S31)


def key_of(name: str) -> np.uint64:
    """A stable 64-bit key for a name (a mechanism, an actor id, an event id)."""
    return np.uint64(
        int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "little")
    )


def pair_key(first: np.uint64, second: np.uint64) -> np.uint64:
    """The key of an ordered pair of named things (a directed dyad)."""
    with np.errstate(over="ignore"):
        return mix(np.array([first], dtype=np.uint64) * np.uint64(3) ^ second)[0]


class Streams:
    """Draws for R replicates: ``uniform(step, "mechanism", slots)`` has shape (R, len(slots)).

    ``slots`` is an array of uint64 keys (see ``key_of``); the same (seed, step, mechanism,
    slot) always gives the same number, whatever else was drawn before.

    The key of (seed, mechanism) is mixed once per mechanism, and the keys of (seed, mechanism,
    step) once per step for every mechanism seen so far (one array operation, not one per
    draw): a draw then costs a single mix of (R, slots) values."""

    def __init__(self, seeds: np.ndarray | list[int]) -> None:
        self.seeds = np.asarray(seeds, dtype=np.uint64).reshape(-1)
        self._base = mix(self.seeds)
        self._rows: dict[str, int] = {}
        self._mechanism_heads = np.zeros((0, self.seeds.size), dtype=np.uint64)
        self._step = -1
        self._step_heads = self._mechanism_heads

    def __len__(self) -> int:
        return self.seeds.size

    def select(self, replicates: np.ndarray | slice) -> Streams:
        return Streams(self.seeds[replicates])

    def _head(self, step: int, mechanism: str) -> np.ndarray:
        """(R,) key of (seed, mechanism, step)."""
        row = self._rows.get(mechanism)
        if row is None:
            row = self._rows[mechanism] = len(self._rows)
            head = mix(self._base ^ key_of(mechanism))
            self._mechanism_heads = np.vstack([self._mechanism_heads, head[None, :]])
        if step != self._step or row >= self._step_heads.shape[0]:
            self._step = step
            self._step_heads = mix(self._mechanism_heads ^ _step_key(step))
        return self._step_heads[row]

    def bits(self, step: int, mechanism: str, slots: np.ndarray) -> np.ndarray:
        x = self._head(step, mechanism)[:, None] ^ np.asarray(slots, dtype=np.uint64)[None, :]
        return _mix_in_place(x)

    def uniform(self, step: int, mechanism: str, slots: np.ndarray) -> np.ndarray:
        """Uniform numbers in [0, 1), shape (R, len(slots))."""
        x = self.bits(step, mechanism, slots)
        x >>= _S11
        return np.multiply(x, _UNIT, dtype=np.float64)

    def normal(self, step: int, mechanism: str, slots: np.ndarray) -> np.ndarray:
        """Standard normal numbers by the inverse CDF, shape (R, len(slots))."""
        u = self.uniform(step, mechanism, slots)
        np.maximum(u, 1e-16, out=u)
        np.minimum(u, 1 - 1e-16, out=u)
        return ndtri(u, out=u)


def _step_key(step: int) -> np.uint64:
    """``step * GAMMA`` modulo 2^64."""
    return np.uint64((step * int(_GAMMA)) & 0xFFFF_FFFF_FFFF_FFFF)


def _mix_in_place(x: np.ndarray) -> np.ndarray:
    """``mix(x)``, overwriting ``x`` (a fresh array) instead of allocating at every step."""
    x += _GAMMA
    x ^= x >> _S30
    x *= _M1
    x ^= x >> _S27
    x *= _M2
    x ^= x >> _S31
    return x
