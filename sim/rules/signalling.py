"""How a receiver reads what a sender did: noise, misperception and Jervis's two models.

Perception works on what was *observed*: the net change of the sender's conduct this step (a
slip that cancels an escalation is seen as no change), a red-line response (always seen as an
escalation: a retaliation), a show of force at the current rung, a warning, a change in aid, a
nuclear signal. An observed move is read one rung more hostile with probability
``misperception * (1 + hostile_prior_bias * (2h - 1))``, h being the receiver's belief that the
sender is hostile, so a hostile prior breeds misreadings (the spiral); a week in which nothing
was observed is misread as an escalation at the much lower ``hold_misread_rate``, scaled alike.
A perceived escalation is read as a *threat* (spiral model: hostility rises) with probability h,
otherwise as *deterrence* (deterrence model: the sender's resolve is believed higher). Costly
signals move beliefs by ``costly_weight``, cheap talk by ``cheap_weight`` times the sender's
reputation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

READINGS = ("none", "deterrent", "threat", "reassurance", "cheap talk", "retaliation")
NO_READING, DETERRENT, THREAT, REASSURANCE, CHEAP_TALK, RETALIATION = range(len(READINGS))


@dataclass
class Observation:
    """What each receiver saw of its sender this step (arrays aligned on the sender's dyad)."""

    moved: np.ndarray  # net rung change observed (int)
    shown: np.ndarray  # a costly show at the current rung, or another costly act (aid, signal)
    retaliated: np.ndarray  # a red-line response
    warned: np.ndarray  # cheap talk: a warning
    costly: np.ndarray  # whether what was seen cost the sender something

    @property
    def anything(self) -> np.ndarray:
        return (self.moved != 0) | self.shown | self.retaliated | self.warned


@dataclass
class Perception:
    perceived: np.ndarray  # perceived rung change
    misread: np.ndarray  # bool
    reading: np.ndarray  # index into READINGS


def misread_chance(base: float, hostility: np.ndarray, bias: float) -> np.ndarray:
    return np.clip(base * (1.0 + bias * (2.0 * hostility - 1.0)), 0.0, 1.0)


def perceive(
    seen: Observation, hostility: np.ndarray, uniforms: np.ndarray, noise: np.ndarray, rules
) -> Perception:
    """``hostility`` is the receiver's belief about the sender; ``uniforms`` (..., 2)."""
    active = seen.anything
    up = (seen.moved > 0) | seen.shown | seen.retaliated
    chance = np.where(
        active,
        misread_chance(rules.misperception, hostility, rules.hostile_prior_bias),
        misread_chance(rules.hold_misread_rate, hostility, rules.hostile_prior_bias),
    )
    misread = uniforms[..., 0] < chance
    base = np.where(seen.retaliated, np.maximum(seen.moved, 1), seen.moved + up * (seen.moved == 0))
    perceived = base + misread
    magnitude = perceived + noise * rules.noise
    reading = np.full(perceived.shape, NO_READING)
    rising = magnitude > 0.5
    reading = np.where(rising, np.where(uniforms[..., 1] < hostility, THREAT, DETERRENT), reading)
    reading = np.where(magnitude < -0.5, REASSURANCE, reading)
    reading = np.where(seen.warned & ~rising & (magnitude >= -0.5), CHEAP_TALK, reading)
    reading = np.where(seen.retaliated, RETALIATION, reading)
    return Perception(np.rint(magnitude).astype(np.int64), misread, reading)


def update_beliefs(
    perception: Perception,
    costly: np.ndarray,
    reputation: np.ndarray,
    hostility: np.ndarray,
    resolve: np.ndarray,
    prior: np.ndarray,
    rules,
) -> tuple[np.ndarray, np.ndarray]:
    """New (hostility, believed resolve) of each receiver about its sender."""
    weight = np.where(costly, rules.costly_weight, rules.cheap_weight * reputation)
    step = rules.belief_rate * np.minimum(weight, 1.0)
    reading = perception.reading
    threat = (reading == THREAT) | (reading == RETALIATION)
    firm = (reading == DETERRENT) | (reading == CHEAP_TALK) | (reading == RETALIATION)
    calm = reading == REASSURANCE
    quiet = reading == NO_READING
    hostility = (
        hostility
        + np.where(threat, step * (1 - hostility), 0.0)
        - np.where(calm, step * hostility, 0.0)
        + np.where(quiet, rules.prior_pull * (prior - hostility), 0.0)
    )
    resolve = (
        resolve
        + np.where(firm, step * (1 - resolve), 0.0)
        - np.where(calm, rules.reassurance_resolve * step * resolve, 0.0)
    )
    return np.clip(hostility, 0.0, 1.0), np.clip(resolve, 0.0, 1.0)
