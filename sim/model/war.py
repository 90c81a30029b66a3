"""The Russia-Ukraine war: fighting, the front line, battlefield news and mobilisation.

Reads: war status (agreements), materiel, sanctions packages. Writes: forces, losses (this
week's and since the war began), the front, the balance of strength, each side's belief about
it and how sure it is, mobilisations, domestic support (the cost of mobilising), counts and
events.
"""

from __future__ import annotations

import numpy as np

from sim.model.context import Context
from sim.model.state import AT_WAR
from sim.rules import war

SIDES = ("russia", "ukraine")


def fight(ctx: Context) -> None:
    world, state = ctx.world, ctx.state
    if world.ukr < 0:
        return
    rules = world.rules.war
    w = state.war
    intensity = (w.status == AT_WAR).astype(float)
    strength = war.strengths(w.forces, w.materiel, rules)
    luck = ctx.normal("war.luck", world.actor_keys[:2])
    lost = war.losses(w.forces, strength, intensity, luck, rules)
    drag = np.maximum(0.0, 1.0 - rules.sanctions_drag * state.alliances.packages)
    boost = 1.0 + rules.mobilisation_boost * (w.mobilising > 0)
    replacement = np.array([rules.replacement_russia, rules.replacement_ukraine])[None, :] * boost
    replacement[:, 0] *= drag
    arriving = np.where(w.mobilising > 0, w.inflow, 0.0)
    w.forces = np.maximum(w.forces - lost + replacement * intensity[:, None] + arriving, 0.01)
    w.lost = lost
    w.casualties = w.casualties + lost
    w.mobilising = np.maximum(w.mobilising - 1, 0)
    w.inflow = np.where(w.mobilising > 0, w.inflow, 0.0)
    w.cooldown = np.maximum(w.cooldown - 1, 0)
    strength = war.strengths(w.forces, w.materiel, rules)
    w.balance = war.balance(strength)
    change = rules.front_speed * intensity * war.advance(w.balance, rules)
    w.front_change = np.clip(w.front + change, 0.0, 1.0) - w.front
    w.front = w.front + w.front_change
    at_war = intensity[:, None] > 0
    reading = rules.observation_noise * ctx.normal("war.news", world.actor_keys[:2])
    observed = war.news(w.balance, luck, rules)[:, None] + reading
    belief, uncertainty = war.learn_balance(
        w.belief,
        w.uncertainty,
        observed,
        war.news_variance(w.balance, rules)[:, None],
        rules.balance_drift,
    )
    w.belief = np.where(at_war, belief, w.belief)
    # Without fighting there is no news, and the balance may drift unseen.
    w.uncertainty = np.where(at_war, uncertainty, w.uncertainty + rules.balance_drift**2)
    _mobilise(ctx, at_war[:, 0])


def _mobilise(ctx: Context, at_war: np.ndarray) -> None:
    """A side that believes it is losing mobilises (Russia, September 2022; Ukraine, 2024)."""
    world, state = ctx.world, ctx.state
    rules = world.rules.war
    w = state.war
    own_share = np.stack([w.belief[:, 0], 1.0 - w.belief[:, 1]], axis=1)
    wants = at_war[:, None] & (own_share < rules.mobilisation_threshold) & (w.cooldown == 0)
    for side, actor in enumerate((world.rus, world.ukr)):
        start(ctx, wants[:, side], side, actor, "deliberate", "")


def start(
    ctx: Context,
    mask: np.ndarray,
    side: int,
    actor: int,
    cause: str,
    label: str,
    size: float = 0.0,
) -> None:
    """Begin a mobilisation for the masked replicates: replacement rises by
    ``mobilisation_boost`` and ``size`` more forces arrive evenly over its steps."""
    if not mask.any():
        return
    rules = ctx.world.rules.war
    w = ctx.state.war
    w.mobilising[mask, side] = rules.mobilisation_steps
    w.inflow[mask, side] = size / max(rules.mobilisation_steps, 1)
    w.cooldown[mask, side] = rules.mobilisation_cooldown
    support = ctx.state.politics.support
    support[mask, actor] = np.maximum(0.0, support[mask, actor] - rules.mobilisation_cost)
    ctx.count("mobilisations", mask.astype(np.int64))
    ctx.log.emit(
        ctx.t,
        "mobilisation",
        np.flatnonzero(mask),
        channel="war",
        actor=actor,
        cause=cause,
        label=label or f"{ctx.world.names[actor]} mobilises more forces",
    )
