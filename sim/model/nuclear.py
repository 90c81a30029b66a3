"""Nuclear signalling (Russia's cheap, frequent channel) and nuclear use (a deliberate decision,
and nothing else).

Reads: aid steps toward red lines, ground lost, NATO's conduct, forces, the front, red-line
costs of use. Writes: the nuclear shadow, the West's belief in the threats, use, counts,
passages and events.
"""

from __future__ import annotations

import numpy as np

from sim.concepts.channels import NUCLEAR_SIGNAL
from sim.model import red_lines
from sim.model.context import Context
from sim.rules import nuclear
from sim.rules.choice import sigmoid


def signal(ctx: Context, scheduled: np.ndarray) -> None:
    """Russia decides whether to signal this step; ``scheduled`` (R,) holds the kind of a
    signal the timeline fixes (0: none)."""
    world, state, scratch = ctx.world, ctx.state, ctx.scratch
    rules = world.rules.nuclear
    n = state.nuclear
    nato = ctx.nato()
    toward_russia = ~world.from_russia
    raised = state.conduct.level[:, toward_russia] - scratch.start_level[:, toward_russia]
    members = nato[:, world.src[toward_russia]]
    nato_rise = np.maximum(raised * members, 0).sum(axis=1)
    logit = nuclear.signal_logit(
        scratch.aid_pressure, -state.war.front_change, nato_rise, n.recent, rules
    )
    decided = world.nuclear[world.rus] & (ctx.chance("nuclear.signal") < sigmoid(logit))
    kind = np.where(
        decided | scratch.forced_signal, nuclear.signal_kind(logit - rules.signal_base, rules), 0
    )
    kind = np.maximum(kind, scheduled)
    n.signal = kind
    sent = kind > 0
    n.shadow = n.shadow * (1.0 - rules.shadow_decay) + np.where(
        sent, rules.shadow_gain * n.credibility * kind / 2.0, 0.0
    )
    n.credibility = np.where(sent, n.credibility * (1.0 - rules.credibility_erosion), n.credibility)
    n.recent = n.recent * (1.0 - rules.shadow_decay) + sent
    if sent.any():
        reps = np.flatnonzero(sent)
        names = np.array([ctx.log.code(level.label) for level in NUCLEAR_SIGNAL.levels])
        cause = np.where(
            scheduled[reps] > 0,
            ctx.log.code("scheduled"),
            np.where(
                scratch.forced_signal[reps], ctx.log.code("response"), ctx.log.code("deliberate")
            ),
        )
        ctx.log.emit(
            ctx.t,
            "nuclear_signal",
            reps,
            channel="nuclear_signal",
            actor=world.rus,
            move=kind[reps],
            to_rung=names[kind[reps]],
            cause=cause,
        )
        ctx.count("nuclear_signals", sent.astype(np.int64))
        ctx.passage("nuclear_signal", sent)


def use(ctx: Context, costs: np.ndarray, denial: np.ndarray) -> None:
    """Russia's decision on nuclear use: desperation against the believed cost of others'
    promised responses. A war with NATO states adds to desperation as far as Russia is losing
    it (the states' share of strength above one half)."""
    world, state = ctx.world, ctx.state
    if not world.nuclear[world.rus]:
        return
    rules = world.rules.nuclear
    start = max(world.scenario.war.forces.russia, 1e-9)
    nato = ctx.nato()
    level = state.conduct.level
    at_war = (level >= world.clash) & nato[:, world.other_of_dyad]
    at_war = at_war[:, : world.s] | at_war[:, world.s :]
    losing = np.clip(2.0 * denial[:, : world.s] - 1.0, 0.0, 1.0)
    despair = nuclear.desperation(
        state.war.front if world.ukr >= 0 else np.full(ctx.replicates, 1.0),
        state.war.forces[:, 0] / start,
        (at_war * losing).sum(axis=1),
        rules,
    )
    chance = nuclear.use_chance(
        despair, rules.use_deterrence * red_lines.nuclear_deterrence(ctx, costs), rules
    )
    decided = ~state.nuclear.used & (ctx.chance("nuclear.use") < chance)
    ctx.scratch.used_now = decided
    if not decided.any():
        return
    state.nuclear.used |= decided
    ctx.passage("nuclear_use", decided)
    ctx.log.emit(
        ctx.t,
        "nuclear_use",
        np.flatnonzero(decided),
        channel="nuclear_use",
        actor=world.rus,
        target=world.ukr,
        to_rung="Limited nuclear use",
        cause="deliberate",
        label="Russia uses a nuclear weapon",
    )
