"""Support to Ukraine: each supplier's decision on the kind of aid it sends, and the delivery
pipeline that turns aid into Ukraine's materiel with a lag.

Reads: stances and policy limits, domestic support, the balance of strength, the nuclear shadow,
Russia's red lines on aid. Writes: aid kinds, the pipeline, Ukraine's materiel, the scratch
(steps toward red lines, read by Russia's signalling), counts and events.
"""

from __future__ import annotations

import numpy as np

from sim.model import red_lines
from sim.model.context import Context
from sim.model.state import AT_WAR
from sim.rules import support
from sim.rules.choice import softmax_choice


def decide(ctx: Context, red_line_costs: np.ndarray) -> None:
    world, state = ctx.world, ctx.state
    if world.ukr < 0:
        return
    rules = world.rules.support
    politics = state.politics
    aid = state.support.aid
    suppliers = world.supplier
    at_war = state.war.status == AT_WAR
    need = support.need(state.war.balance, rules) * np.where(at_war, 1.0, rules.peace_need)
    fatigue = ctx.fatigue()
    benefit = (
        rules.gain_weight * politics.stance_u * world.resolve * need[:, None]
        - rules.domestic_weight * fatigue
    )
    willing = suppliers & (politics.stance_u > 0)
    count = np.maximum(willing.sum(axis=1), 1)
    allied_mean = (aid * willing).sum(axis=1, keepdims=True) / count[:, None]
    russia = ctx.russia_capability()
    risk = (
        rules.risk_weight
        * (1.0 - world.risk_tolerance)[None, :]
        * russia[:, None]
        * (1.0 + rules.shadow_weight * state.nuclear.shadow)[:, None]
    )
    targets = support.aid_moves(aid, politics.max_aid)
    value = support.aid_value(
        targets,
        benefit,
        np.broadcast_to(allied_mean, aid.shape),
        risk,
        red_lines.aid_cost(ctx, red_line_costs, targets),
        rules,
    )
    utility = support.aid_utilities(value, targets, aid, rules)
    move = softmax_choice(utility, rules.temperature, ctx.uniform("aid.choice", world.actor_keys))
    new = np.take_along_axis(targets, move[:, :, None], axis=2)[:, :, 0]
    new = np.where(suppliers[None, :], new, aid)
    _set(ctx, new, "deliberate", "")
    _pressure(ctx)


def _set(ctx: Context, new: np.ndarray, cause: str, label: str) -> None:
    state, world = ctx.state, ctx.world
    aid = state.support.aid
    reps, actors = np.nonzero(new != aid)
    if reps.size == 0:
        return
    old = aid[reps, actors]
    fresh = new[reps, actors]
    aid[reps, actors] = fresh
    ctx.log.emit(
        ctx.t,
        "aid",
        reps,
        channel="aid",
        actor=actors,
        target=world.ukr,
        move=fresh - old,
        from_rung=ctx.aid_text[old],
        to_rung=ctx.aid_text[fresh],
        cause=cause,
        label=label,
    )
    ctx.count("aid_increases", np.bincount(reps[fresh > old], minlength=ctx.replicates))


def set_by_event(
    ctx: Context, replicates: np.ndarray, actors: tuple[int, ...], kind: int, mode: str, label: str
) -> None:
    aid = ctx.state.support.aid
    new = aid.copy()
    columns = [a for a in actors if ctx.world.supplier[a]]
    for a in columns:
        wanted = kind if mode == "set" else np.maximum(aid[replicates, a], kind)
        new[replicates, a] = wanted
    _set(ctx, new, "scheduled", label)


def _pressure(ctx: Context) -> None:
    """Aid steps up this step that reach a Russian red line or the kind just below it, each
    supplier counted once and weighted by its capability (Russia minds the United States more
    than the Baltic states)."""
    state, scratch, world = ctx.state, ctx.scratch, ctx.world
    violators, thresholds = red_lines.aid_thresholds(ctx)
    if violators.size == 0:
        return
    aid = state.support.aid[:, violators]
    before = scratch.start_aid[:, violators]
    near = (aid > before) & (aid >= thresholds - 1)
    supplier_of = violators[:, None] == np.arange(world.n)[None, :]  # (lines, actors)
    pressing = (near.astype(float) @ supplier_of) > 0
    scratch.aid_pressure += pressing.astype(float) @ world.capability


def deliver(ctx: Context) -> None:
    """This step's deliveries reach Ukraine; what is sent now arrives after its kind's lag."""
    world, state = ctx.world, ctx.state
    if world.ukr < 0:
        return
    rules = world.rules.support
    pipeline = state.support.pipeline
    slots = pipeline.shape[1]
    now = ctx.t % slots
    delivered = pipeline[:, now].copy()
    pipeline[:, now] = 0.0
    volume = np.asarray(rules.volume)[state.support.aid] * world.capability[None, :]
    lag = np.asarray(rules.lag)[state.support.aid]
    volume = np.where(world.supplier[None, :], volume, 0.0)
    arrival = (ctx.t + np.maximum(lag, 1)) % slots
    for k in np.unique(arrival):
        pipeline[:, k] += np.where(arrival == k, volume, 0.0).sum(axis=1)
    state.support.delivered = delivered
    war = world.rules.war
    state.war.materiel = (
        state.war.materiel * (1.0 - war.materiel_use) + rules.materiel_scale * delivered
    )


def flows(ctx: Context, replicates: np.ndarray | slice = slice(None)) -> np.ndarray:
    """(R, N) materiel each supplier sends per step at its current aid kind."""
    rules = ctx.world.rules.support
    aid = ctx.state.support.aid[replicates]
    volume = np.asarray(rules.volume)[aid] * ctx.world.capability[None, :]
    return np.where(ctx.world.supplier[None, :], volume, 0.0)
