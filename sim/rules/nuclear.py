"""Nuclear signalling and nuclear use: two channels, never one.

Signalling is cheap and frequent: Russia signals when Western aid steps up toward its red lines,
when it loses ground, and when NATO members raise their conduct toward it (rungs climbed this
week), less so right after earlier signals (crying wolf). A signal casts a *nuclear shadow*
that raises the West's perceived risk of escalating (Schelling's threat that leaves something to
chance), and the West's belief in the threats erodes each time one is not followed by action.

Use is a deliberate decision only, considered when Russia is desperate (losing territory it
counts as its own, its forces collapsing, losing a war with NATO states), and deterred by the
promised responses of others' red lines: ``P(use) = use_rate * sigmoid((desperation -
use_threshold - deterrence) / use_scale)``. Nothing else (a slip, a misreading) can produce it.
"""

from __future__ import annotations

import numpy as np

from sim.rules.choice import sigmoid


def signal_logit(
    aid_pressure: np.ndarray,
    ground_lost: np.ndarray,
    nato_rise: np.ndarray,
    recent: np.ndarray,
    rules,
) -> np.ndarray:
    return (
        rules.signal_base
        + rules.signal_aid_weight * aid_pressure
        + rules.signal_battle_weight * 100.0 * np.maximum(ground_lost, 0.0)
        + rules.signal_nato_weight * nato_rise
        - rules.signal_repeat_penalty * recent
    )


def signal_kind(motive: np.ndarray, rules) -> np.ndarray:
    """1 threat, 2 exercise, 3 deployment, 4 doctrine or alert: stronger motives, costlier
    signals."""
    start, step = rules.signal_kind_start, rules.signal_kind_step
    return (
        1
        + (motive > start).astype(np.int64)
        + (motive > start + step)
        + (motive > start + 2 * step)
    )


def desperation(
    front: np.ndarray, forces_share: np.ndarray, nato_at_war: np.ndarray, rules
) -> np.ndarray:
    lost = np.maximum(0.0, rules.front_floor - front) / max(rules.front_floor, 1e-9)
    floor = max(rules.forces_floor, 1e-9)
    collapse = np.maximum(0.0, floor - forces_share) / floor
    return (
        rules.desperation_front * lost
        + rules.desperation_forces * collapse
        + rules.desperation_nato * nato_at_war
    )


def use_chance(despair: np.ndarray, deterrence: np.ndarray, rules) -> np.ndarray:
    return rules.use_rate * sigmoid((despair - rules.use_threshold - deterrence) / rules.use_scale)
