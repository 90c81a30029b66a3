"""Perception: every receiver reads what its rival did this step and updates its beliefs.

Reads: conduct at the start and end of the step, red-line responses, warnings, shows of force,
aid changes (seen by Russia), nuclear signals (seen by every state). Writes: hostility and
believed resolve of each receiver about its sender, misreading biases, doctrine memory, the
perception columns of this step's events, counts and misreading events.
"""

from __future__ import annotations

import numpy as np

from sim.model.context import Context
from sim.rules import signalling
from sim.rules.signalling import Observation


def observe(ctx: Context) -> Observation:
    """What each receiver saw, aligned on the sender's dyad."""
    world, state, scratch = ctx.world, ctx.state, ctx.scratch
    level = state.conduct.level
    moved = level - scratch.start_level
    shown = scratch.shown.copy()
    warned = scratch.warned.copy()
    costly = world.costly[np.maximum(level, scratch.start_level)] & (moved != 0)
    # Aid is a supplier's decision about Ukraine, but Russia reads it as a move against it.
    aid_change = state.support.aid[:, world.others] - scratch.start_aid[:, world.others]
    toward = slice(world.s, 2 * world.s)
    moved[:, toward] += np.sign(aid_change)
    costly[:, toward] |= aid_change > 0
    # Russia's nuclear signals are seen by every state: threats are talk, the rest costly.
    kind = state.nuclear.signal
    shown[:, : world.s] |= (kind >= 2)[:, None]
    warned[:, : world.s] |= (kind == 1)[:, None]
    costly[:, : world.s] |= (kind >= 2)[:, None]
    return Observation(moved, shown, scratch.responded, warned, costly | shown)


def perceive(ctx: Context) -> None:
    world, state = ctx.world, ctx.state
    rules = world.rules.signalling
    seen = observe(ctx)
    receiver = world.rev  # the receiver's beliefs about the sender of dyad d sit at rev[d]
    hostility = state.beliefs.hostility[:, receiver]
    perception = signalling.perceive(
        seen,
        hostility,
        np.moveaxis(  # laid out draw by draw: each [..., k] contiguous
            np.stack(
                [
                    ctx.uniform("perceive.misread", world.dyad_keys),
                    ctx.uniform("perceive.reading", world.dyad_keys),
                ]
            ),
            0,
            -1,
        ),
        ctx.normal("perceive.noise", world.dyad_keys),
        rules,
    )
    new_hostility, new_resolve = signalling.update_beliefs(
        perception,
        seen.costly,
        state.beliefs.reputation[:, receiver],
        hostility,
        state.beliefs.resolve[:, receiver],
        world.hostility0[receiver],
        rules,
    )
    state.beliefs.hostility[:, receiver] = new_hostility
    state.beliefs.resolve[:, receiver] = new_resolve
    bias = state.conduct.seen_bias
    bias[:, receiver] = bias[:, receiver] * rules.seen_decay + perception.misread
    state.conduct.memory.observe(perception.perceived[:, world.rev])
    active = seen.anything
    ctx.count("observed_moves", active.sum(axis=1))
    ctx.count("misreads", perception.misread.sum(axis=1))
    _annotate(ctx, perception)
    quiet = ~active & perception.misread
    reps, dyads = np.nonzero(quiet)
    ctx.log.emit(
        ctx.t,
        "misread",
        reps,
        channel="conduct",
        actor=world.src[dyads],
        target=world.dst[dyads],
        perceived=perception.perceived[reps, dyads],
        misread=True,
        reading=ctx.reading_text[perception.reading[reps, dyads]],
        cause="inadvertent",
        label="a quiet week read as escalation",
    )


def _annotate(ctx: Context, perception) -> None:
    rows = ctx.scratch.last_row
    reps, dyads = np.nonzero(rows >= 0)
    if reps.size == 0:
        return
    ctx.log.annotate(
        rows[reps, dyads],
        perceived=perception.perceived[reps, dyads],
        misread=perception.misread[reps, dyads],
        reading=ctx.reading_text[perception.reading[reps, dyads]],
    )
