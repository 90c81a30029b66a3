"""Red lines in a run: what a violator expects crossing one to cost, and what the owner does
when one is crossed (enforce, or back down and lose reputation and domestic support).

Reads: conduct levels, aid, nuclear use, beliefs, deterrence terms. Writes: conduct (the
response), reputation in every observer's eyes, the owner's domestic support, the scratch
(responses, forced nuclear signals), counts, passages and events.
"""

from __future__ import annotations

import numpy as np

from sim.model.context import Context, Punishment
from sim.model.world import (
    N_AID,
    N_CONDUCT,
    RESPONSE_NUCLEAR_SIGNAL,
    WATCH_AID,
    WATCH_CONDUCT,
    WATCH_NUCLEAR,
)
from sim.rules.red_lines import believed_enforcement, enforce_chance


def _lines(ctx: Context) -> dict[str, np.ndarray]:
    return ctx.world.red_line_arrays


def belief_dyads(ctx: Context) -> np.ndarray:
    """Per red line, the dyad holding the violator's beliefs about the owner (-1: none)."""
    world = ctx.world
    return np.array(
        [world.dyad.get((w.violator, w.owner), -1) for w in world.red_lines], dtype=np.int64
    )


def expected_costs(ctx: Context, punishment: Punishment) -> np.ndarray:
    """(R, W): what each violator expects a red line's response to cost it if crossed."""
    lines = _lines(ctx)
    if not ctx.world.red_lines:
        return np.zeros((ctx.replicates, 0))
    rules = ctx.world.rules
    state = ctx.state
    holders = belief_dyads(ctx)
    known = holders >= 0
    reputation = np.where(
        known, state.beliefs.reputation[:, np.maximum(holders, 0)], rules.reputation.initial
    )
    resolve = np.where(
        known, state.beliefs.resolve[:, np.maximum(holders, 0)], ctx.world.resolve[lines["owner"]]
    )
    believed = believed_enforcement(
        lines["commitment"], lines["audience_cost"], resolve, reputation, rules.red_lines
    )
    response = lines["response"]
    military = response != RESPONSE_NUCLEAR_SIGNAL
    # The violator suffers the owner's response as if it had climbed there itself.
    suffering = punishment.at(np.maximum(response, 0)[:, None], np.maximum(holders, 0))[:, :, 0]
    suffering = np.where(military & known, suffering, 0.0)
    signal = rules.red_lines.signal_response_cost * state.nuclear.credibility
    suffering[:, ~military] = signal[:, None]
    active = state.red_lines.active
    return np.where(active, believed * suffering, 0.0)


def _crossing_cost(
    ctx: Context, costs: np.ndarray, watch: int, now: np.ndarray, columns: int, levels: int
) -> np.ndarray:
    """(R, columns, levels): the red-line cost of moving to each level from ``now`` (R,
    columns). Only crossing costs: a line already crossed is spent, and stepping back below
    it does not uncross it."""
    chosen, column, threshold, spread = ctx.world.crossings[watch]
    if len(chosen) == 0:
        return np.zeros((ctx.replicates, columns, levels))
    weight = costs[:, chosen] * (now[:, column] < threshold)
    return (weight @ spread).reshape(ctx.replicates, columns, levels)


def conduct_cost(ctx: Context, costs: np.ndarray, targets: np.ndarray) -> np.ndarray | float:
    """(R, D, k): the red-line cost of moving to each conduct rung in ``targets`` (0 when no
    red line watches conduct)."""
    level = ctx.state.conduct.level
    return _cost_at(ctx, costs, WATCH_CONDUCT, level, ctx.world.n_dyads, N_CONDUCT, targets)


def aid_cost(ctx: Context, costs: np.ndarray, targets: np.ndarray) -> np.ndarray | float:
    """(R, N, k): the red-line cost of moving to each kind of aid in ``targets``."""
    aid = ctx.state.support.aid
    return _cost_at(ctx, costs, WATCH_AID, aid, ctx.world.n, N_AID, targets)


def _cost_at(ctx, costs, watch, now, columns, levels, targets) -> np.ndarray | float:
    if ctx.world.crossings[watch][0].size == 0:
        return 0.0
    every = _crossing_cost(ctx, costs, watch, now, columns, levels)
    return np.take_along_axis(every, targets, axis=2)


def nuclear_deterrence(ctx: Context, costs: np.ndarray) -> np.ndarray:
    """(R,): the believed cost of the responses promised to a nuclear use."""
    watch = _lines(ctx)["watch"] if ctx.world.red_lines else np.zeros(0, dtype=np.int64)
    return costs[:, watch == WATCH_NUCLEAR].sum(axis=1)


def aid_thresholds(ctx: Context) -> tuple[np.ndarray, np.ndarray]:
    """(violators, thresholds) of the active-or-not aid red lines (for Russia's signalling)."""
    lines = _lines(ctx)
    aid = lines["watch"] == WATCH_AID
    return lines["measure"][aid], lines["threshold"][aid]


def check(ctx: Context, punishment: Punishment, believed: np.ndarray) -> None:
    """Find the red lines crossed this step and let their owners answer."""
    world = ctx.world
    if not world.red_lines:
        return
    state, scratch, lines = ctx.state, ctx.scratch, _lines(ctx)
    measure, threshold, watch = lines["measure"], lines["threshold"], lines["watch"]
    crossed = np.zeros(state.red_lines.active.shape, dtype=bool)
    for w in range(len(world.red_lines)):
        if watch[w] == WATCH_AID:
            now, before = state.support.aid[:, measure[w]], scratch.start_aid[:, measure[w]]
            crossed[:, w] = (now >= threshold[w]) & (before < threshold[w])
        elif watch[w] == WATCH_CONDUCT:
            now, before = state.conduct.level[:, measure[w]], scratch.start_level[:, measure[w]]
            crossed[:, w] = (now >= threshold[w]) & (before < threshold[w])
        else:
            crossed[:, w] = state.nuclear.used & scratch.used_now
    crossed &= state.red_lines.active
    if not crossed.any():
        return
    draws = ctx.uniform("red_line.enforce", lines["keys"])
    for w in np.flatnonzero(crossed.any(axis=0)):
        _answer(ctx, w, crossed[:, w], draws[:, w], punishment, believed)
    ctx.passage("red_line_crossed", crossed.any(axis=1))


def _answer(ctx, w, crossed, draw, punishment, believed) -> None:
    world, state, scratch = ctx.world, ctx.state, ctx.scratch
    lines = _lines(ctx)
    spec = world.red_lines[w]
    rules = world.rules
    reps = np.flatnonzero(crossed)
    ctx.count("red_lines_crossed", crossed.astype(np.int64))
    ctx.log.emit(
        ctx.t,
        "red_line_crossed",
        reps,
        actor=spec.violator,
        target=spec.owner,
        red_line=spec.name,
        cause="deliberate",
    )
    d = spec.response_dyad
    if spec.response == RESPONSE_NUCLEAR_SIGNAL or d < 0:
        risk = np.zeros(ctx.replicates)
    else:
        now = state.conduct.level[:, d]
        target = np.maximum(now, spec.response)
        costs = punishment.at(target[:, None], d)[:, 0] - punishment.at(now[:, None], d)[:, 0]
        risk = believed[:, d] * costs
    p = enforce_chance(
        lines["commitment"][w],
        lines["audience_cost"][w],
        world.resolve[spec.owner],
        risk,
        rules.red_lines,
    )
    enforce = crossed & (draw < p)
    bluff = crossed & ~enforce
    observers = np.flatnonzero(world.dst == spec.owner)  # each observer's belief about the owner
    reputation = state.beliefs.reputation
    if enforce.any():
        ctx.count("red_lines_enforced", enforce.astype(np.int64))
        gain = rules.reputation.followthrough_gain
        reputation[np.ix_(enforce, observers)] += gain * (
            1 - reputation[np.ix_(enforce, observers)]
        )
        ctx.log.emit(
            ctx.t,
            "red_line_enforced",
            np.flatnonzero(enforce),
            actor=spec.owner,
            target=spec.violator,
            red_line=spec.name,
            cause="response",
        )
        if spec.response == RESPONSE_NUCLEAR_SIGNAL:
            scratch.forced_signal |= enforce
        elif d >= 0:
            if spec.response >= world.clash:
                state.conduct.defending[enforce, spec.owner] = True
            wanted = np.zeros(state.conduct.level.shape, dtype=np.int64)
            wanted[:, d] = np.maximum(state.conduct.level[:, d], spec.response)
            mask = np.zeros(wanted.shape, dtype=bool)
            mask[:, d] = enforce
            ctx.set_conduct(
                mask, np.where(mask, wanted, state.conduct.level), "response", spec.name
            )
            scratch.responded[:, d] |= enforce
    if bluff.any():
        ctx.count("bluffs_called", bluff.astype(np.int64))
        penalty = rules.reputation.bluff_penalty
        reputation[np.ix_(bluff, observers)] *= 1 - penalty
        support = state.politics.support
        support[bluff, spec.owner] = np.maximum(
            0.0, support[bluff, spec.owner] - spec.audience_cost
        )
        ctx.log.emit(
            ctx.t,
            "red_line_bluff",
            np.flatnonzero(bluff),
            actor=spec.owner,
            target=spec.violator,
            red_line=spec.name,
            cause="deliberate",
        )
