"""The scenario's timeline: scheduled events, each with its own random stream so that an event
that fires in one variant and not another leaves every other draw alone.

Writes whatever the event is about: conduct, aid, red lines (warnings), stances and policies,
memberships, mobilisation, outrage, and it tables peace plans, sanctions votes, nuclear signals
and Article 4 consultations for the components that handle them.
"""

from __future__ import annotations

import numpy as np

from sim.concepts.channels import AID, CONDUCT, NUCLEAR_SIGNAL
from sim.model import alliances, support, war
from sim.model.context import Context
from sim.model.world import ALLIANCE_INDEX, TimelineEvent, policy_values, stance_values
from sim.rules.attribution import NATURES


class Tabled:
    """What this step's timeline asks of later components (per replicate)."""

    def __init__(self, replicates: int) -> None:
        self.sanctions = np.zeros(replicates, dtype=bool)
        self.nuclear_signal = np.zeros(replicates, dtype=np.int64)
        self.plans: list[tuple[np.ndarray, object]] = []
        self.incidents: list[tuple[np.ndarray, int, object]] = []


def fires(ctx: Context, event: TimelineEvent) -> np.ndarray:
    spec = event.spec
    on = spec.step == ctx.t if spec.step is not None else spec.window[0] <= ctx.t <= spec.window[1]
    if not on:
        return np.zeros(ctx.replicates, dtype=bool)
    if spec.probability >= 1.0:
        return np.ones(ctx.replicates, dtype=bool)
    draw = ctx.streams.uniform(ctx.t, "timeline", np.array([event.key], dtype=np.uint64))[:, 0]
    return draw < spec.probability


def run(ctx: Context) -> Tabled:
    tabled = Tabled(ctx.replicates)
    for event in ctx.world.timeline:
        mask = fires(ctx, event)
        if mask.any():
            _apply(ctx, event, mask, tabled)
    return tabled


def _apply(ctx: Context, event: TimelineEvent, mask: np.ndarray, tabled: Tabled) -> None:
    world, state, scratch = ctx.world, ctx.state, ctx.scratch
    spec = event.spec
    kind = spec.kind
    reps = np.flatnonzero(mask)
    label = spec.label
    if kind == "conduct":
        wanted = CONDUCT.index(spec.level)
        pairs = [
            world.dyad[(a, b)] for a in event.actors for b in event.targets if (a, b) in world.dyad
        ]
        for d in pairs:
            level = state.conduct.level[:, d]
            target = (
                np.full(ctx.replicates, wanted) if spec.mode == "set" else np.maximum(level, wanted)
            )
            dyad_mask = np.zeros(state.conduct.level.shape, dtype=bool)
            dyad_mask[:, d] = mask
            new = state.conduct.level.copy()
            new[:, d] = target
            ctx.set_conduct(dyad_mask, new, "scheduled", label)
            scratch.acted[:, d] |= mask
            same = mask & (target == level) & world.costly[wanted]
            scratch.shown[:, d] |= same
            if same.any():
                rows = ctx.log.emit(
                    ctx.t,
                    "action",
                    np.flatnonzero(same),
                    channel="conduct",
                    actor=world.src[d],
                    target=world.dst[d],
                    from_rung=ctx.level_text[level[same]],
                    to_rung=ctx.level_text[level[same]],
                    cause="scheduled",
                    label=label,
                )
                scratch.last_row[same, d] = rows
    elif kind == "aid":
        support.set_by_event(ctx, reps, event.actors, AID.index(spec.level), spec.mode, label)
    elif kind == "warning":
        lines = ctx.world.red_line_arrays["event"] == event.index
        state.red_lines.active[np.ix_(mask, lines)] = True
        for a in event.actors:
            for b in event.targets:
                if (a, b) in world.dyad:
                    scratch.warned[:, world.dyad[(a, b)]] |= mask
        ctx.log.emit(
            ctx.t,
            "warning",
            reps,
            channel="conduct",
            actor=event.actors[0] if event.actors else -1,
            cause="scheduled",
            label=label,
        )
    elif kind == "peace_plan":
        tabled.plans.append((mask, spec))
    elif kind == "sanctions_vote":
        tabled.sanctions |= mask
    elif kind == "nuclear_signal":
        tabled.nuclear_signal = np.where(
            mask, NUCLEAR_SIGNAL.index(spec.level), tabled.nuclear_signal
        )
    elif kind == "incident":
        tabled.incidents.append((mask, NATURES.index(spec.level or "accident"), event))
    elif kind == "stance":
        _stance(ctx, event, mask)
    elif kind == "join":
        k = ALLIANCE_INDEX[spec.alliance]
        for a in event.actors:
            state.politics.member[mask, a, k] = True
        ctx.log.emit(
            ctx.t,
            "join",
            reps,
            actor=event.actors[0],
            cause="scheduled",
            label=label or f"joins {spec.alliance}",
        )
    elif kind == "article4":
        requester = np.full(ctx.replicates, event.actors[0] if event.actors else world.rus)
        alliances.article4(ctx, mask, requester, label)
    elif kind == "mobilisation":
        for a in event.actors:
            side = 0 if a == world.rus else 1
            if a not in (world.rus, world.ukr):
                continue
            war.start(ctx, mask, side, a, "scheduled", label, spec.size)
    elif kind == "strikes":
        state.alliances.outrage = state.alliances.outrage + spec.size * mask
        ctx.log.emit(
            ctx.t,
            "strikes",
            reps,
            channel="war",
            actor=world.rus,
            target=world.ukr if world.ukr >= 0 else -1,
            cause="scheduled",
            label=label,
        )


def _stance(ctx: Context, event: TimelineEvent, mask: np.ndarray) -> None:
    state, spec = ctx.state, event.spec
    politics = state.politics
    for a in event.actors:
        stance = spec.stance if spec.stance is not None else None
        if stance is not None:
            toward_russia, toward_ukraine = stance_values(stance)
            politics.stance_r[mask, a] = toward_russia
            politics.stance_u[mask, a] = toward_ukraine
        if spec.policy is not None or stance is not None:
            base_stance = stance if stance is not None else ctx.world.scenario.actors[a].stance
            max_aid, sanctions, max_conduct = policy_values(
                base_stance, spec.policy or ctx.world.scenario.actors[a].policy
            )
            politics.max_aid[mask, a] = max_aid
            politics.sanctions[mask, a] = sanctions
            politics.max_conduct[mask, a] = max_conduct
    ctx.log.emit(
        ctx.t,
        "stance",
        np.flatnonzero(mask),
        actor=event.actors[0],
        cause="scheduled",
        label=spec.label or "a change of government policy",
    )
