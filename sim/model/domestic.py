"""Domestic politics and posture: war fatigue (support) and Richardson's arms race per dyad.

Reads: war intensity and losses, aid, conduct at costly rungs. Writes: domestic support and
posture.
"""

from __future__ import annotations

import numpy as np

from sim.concepts.channels import AID
from sim.model.context import Context
from sim.model.state import AT_WAR
from sim.rules import fatigue, posture


def update(ctx: Context) -> None:
    world, state = ctx.world, ctx.state
    rules = world.rules
    at_war = (state.war.status == AT_WAR).astype(float)
    burden = np.where(
        world.belligerent[None, :],
        at_war[:, None],
        rules.fatigue.supporter_factor * state.support.aid / (len(AID.levels) - 1),
    )
    losses = np.zeros_like(burden)
    if world.ukr >= 0:
        losses[:, world.rus] = state.war.lost[:, 0]
        losses[:, world.ukr] = state.war.lost[:, 1]
    upkeep = np.zeros_like(burden)
    costly_rungs = np.maximum(state.conduct.level - 1, 0) * rules.signalling.signal_cost
    np.add.at(upkeep.T, world.src, costly_rungs.T)
    upkeep /= np.maximum(world.dyads_per_actor, 1)[None, :]
    state.politics.support = fatigue.support_step(
        state.politics.support, world.support0[None, :], burden, losses, upkeep, rules.fatigue
    )
    p = rules.posture
    conduct = state.conduct
    seen = conduct.posture[:, world.rev] + p.noise * ctx.normal("posture.noise", world.dyad_keys)
    a = p.reactivity * (0.5 + world.exposure[world.src])
    g = p.grievance * world.hawkishness[world.src]
    conduct.posture = np.maximum(posture.richardson_step(conduct.posture, seen, a, p.decay, g), 0.0)
