"""How a receiver reads a sender's move: noise, misperception and the two models of Jervis.

A move is misread as one rung more hostile with probability
``misperception * (1 + hostile_prior_bias * (2h - 1))``, h being the receiver's belief that the
sender is hostile, so a hostile prior breeds misreadings (the spiral). A perceived escalation is
read as a *threat* (the spiral model: hostility rises) with probability h, otherwise as
*deterrence* (the deterrence model: the sender's resolve is believed higher). Costly signals move
beliefs by ``costly_weight``, cheap talk by ``cheap_weight`` times the sender's reputation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.scenario.schema import SignallingRules

READINGS = ("none", "deterrent", "threat", "reassurance", "cheap talk")
NO_READING, DETERRENT, THREAT, REASSURANCE, CHEAP_TALK = range(len(READINGS))


@dataclass
class Perception:
    perceived: np.ndarray  # perceived rung change per dyad
    misread: np.ndarray  # bool
    reading: np.ndarray  # index into READINGS


def perceive(
    executed: np.ndarray,
    signalled: np.ndarray,
    hostility: np.ndarray,
    rules: SignallingRules,
    rng: np.random.Generator,
) -> Perception:
    """Perception by each receiver of the moves made toward it (arrays aligned on the sender's
    dyad; ``hostility`` is the receiver's belief about the sender)."""
    size = executed.shape[0]
    uniforms = rng.random((size, 2))
    noise = rng.standard_normal(size) * rules.noise
    chance = np.clip(
        rules.misperception * (1 + rules.hostile_prior_bias * (2 * hostility - 1)), 0, 1
    )
    misread = uniforms[:, 0] < chance
    perceived = executed + misread.astype(executed.dtype)
    magnitude = perceived + noise
    reading = np.full(size, NO_READING)
    up = magnitude > 0.5
    reading[up] = np.where(uniforms[up, 1] < hostility[up], THREAT, DETERRENT)
    reading[magnitude < -0.5] = REASSURANCE
    reading[signalled & ~up] = CHEAP_TALK
    return Perception(np.rint(magnitude).astype(np.int64), misread, reading)


def update_beliefs(
    perception: Perception,
    costly: np.ndarray,
    reputation: np.ndarray,
    hostility: np.ndarray,
    believed_resolve: np.ndarray,
    prior: np.ndarray,
    rules: SignallingRules,
) -> None:
    """Move the receivers' beliefs in place (arrays aligned on the receiver's dyad)."""
    weight = np.where(costly, rules.costly_weight, rules.cheap_weight * reputation)
    step = rules.belief_rate * np.minimum(weight, 1.0)
    reading = perception.reading
    threat = reading == THREAT
    hostility[threat] += step[threat] * (1 - hostility[threat])
    deterrent = reading == DETERRENT
    believed_resolve[deterrent] += step[deterrent] * (1 - believed_resolve[deterrent])
    calm = reading == REASSURANCE
    hostility[calm] -= step[calm] * hostility[calm]
    believed_resolve[calm] -= 0.5 * step[calm] * believed_resolve[calm]
    talk = reading == CHEAP_TALK
    believed_resolve[talk] += step[talk] * (1 - believed_resolve[talk])
    quiet = reading == NO_READING
    hostility[quiet] += 0.1 * rules.belief_rate * (prior[quiet] - hostility[quiet])
