"""Alliance decisions in a run: NATO's Article 4 consultations and Article 5 votes, EU
sanctions packages, and the cohesion of both.

Reads: members' preferences (hawkishness, exposure, hostility, stance, fatigue), outrage.
Writes: collective defence, conduct floors (sanctions) and responses, cohesion, counts,
passages and events.
"""

from __future__ import annotations

import numpy as np

from sim.concepts.channels import AID, CONDUCT
from sim.model.context import Context
from sim.model.world import EU, NATO
from sim.rules import alliance


def _preference(ctx: Context, k: int) -> np.ndarray:
    """(R, N) each actor's preference for a firm collective measure against Russia."""
    world, state = ctx.world, ctx.state
    threat = np.zeros((ctx.replicates, world.n))
    threat[:, world.others] = state.beliefs.hostility[:, world.s :]
    preference = alliance.member_preference(
        world.hawkishness[None, :],
        world.exposure[None, :],
        threat,
        state.politics.stance_r,
        ctx.fatigue(),
        world.rules.alliances.votes,
    )
    return preference + world.rules.alliances.peer_pressure * state.alliances.blocked[:, k, None]


def _vote(ctx: Context, k: int, when: np.ndarray, preference: np.ndarray, rule):
    """(adopted, yes) for replicates ``when``; a blocked decision costs cohesion."""
    state = ctx.state
    members = state.politics.member[:, :, k] & when[:, None]
    yes = members & (preference >= rule.vote_threshold)
    adopted = alliance.decide(yes, members, rule) & when
    blocked = when & ~adopted
    state.alliances.blocked[:, k] = np.where(adopted, 0, state.alliances.blocked[:, k] + blocked)
    cost = ctx.world.rules.alliances.blocked_cost
    state.alliances.cohesion[:, k] = np.maximum(
        0.0, state.alliances.cohesion[:, k] - cost * blocked
    )
    return adopted, yes, members


def article4(ctx: Context, when: np.ndarray, requester: np.ndarray, label: str) -> None:
    """Consultations: allies' threat perception rises, NATO members raise their posture."""
    world, state = ctx.world, ctx.state
    ctx.count("article4", when.astype(np.int64))
    ctx.passage("article4", when)
    reps = np.flatnonzero(when)
    ctx.log.emit(
        ctx.t,
        "article4",
        reps,
        channel="conduct",
        actor=requester[reps],
        target=world.rus,
        cause="response",
        label=label or "Article 4 consultations requested",
    )
    rules = world.rules.alliances
    nato_dyads = ctx.nato()[:, world.others] & when[:, None]
    hostility = state.beliefs.hostility[:, world.s :]
    state.beliefs.hostility[:, world.s :] = np.where(
        nato_dyads, hostility + rules.consultation_alarm * (1 - hostility), hostility
    )
    state.alliances.cohesion[:, NATO] = np.minimum(
        1.0, state.alliances.cohesion[:, NATO] + rules.consultation_rally * when
    )


def article5_vote(ctx: Context, when: np.ndarray, victim: np.ndarray) -> None:
    """An attributed armed attack on a member: the attacked member always votes yes; if the
    vote fails, the members who voted yes act as a coalition of the willing."""
    world, state = ctx.world, ctx.state
    preference = _preference(ctx, NATO)
    preference[np.flatnonzero(when), victim[when]] = np.inf
    adopted, yes, members = _vote(ctx, NATO, when, preference, world.rules.alliances.nato)
    acting = np.where(adopted[:, None], members, yes)
    state.alliances.article5 |= acting
    ctx.count("article5_votes", when.astype(np.int64))
    ctx.count("article5_adopted", adopted.astype(np.int64))
    ctx.passage("article5_vote", when)
    ctx.scratch.attacked |= acting
    reps = np.flatnonzero(when)

    def text(row: np.ndarray) -> str:
        victim_of, passed, coalition, *vetoed = row.tolist()
        if passed:
            return f"NATO invokes Article 5 for {world.ids[victim_of]}"
        vetoes = ", ".join(world.ids[i] for i in np.flatnonzero(vetoed))
        return f"Article 5 blocked ({vetoes}); a coalition of {coalition} acts"

    keys = np.column_stack(
        [victim[reps], adopted[reps], acting[reps].sum(axis=1), (members & ~yes)[reps]]
    )
    ctx.log.emit(
        ctx.t,
        "alliance_decision",
        reps,
        channel="conduct",
        target=victim[reps],
        cause="response",
        label=ctx.log.describe(keys, text),
    )
    _raise_floor(ctx, acting & when[:, None], world.posture_rung, "collective defence", "response")


def _raise_floor(ctx: Context, actors: np.ndarray, rung: int, label: str, cause: str) -> None:
    """Commit ``actors`` (R, N) to at least ``rung`` in their conduct toward Russia."""
    world, state = ctx.world, ctx.state
    toward = np.arange(world.s, 2 * world.s)
    committed = actors[:, world.others]
    floor = state.conduct.floor[:, toward]
    state.conduct.floor[:, toward] = np.where(committed, np.maximum(floor, rung), floor)
    mask = np.zeros(state.conduct.level.shape, dtype=bool)
    mask[:, toward] = committed
    ctx.set_conduct(mask, np.maximum(state.conduct.level, np.where(mask, rung, 0)), cause, label)


def sanctions(ctx: Context, scheduled: np.ndarray) -> None:
    """EU sanctions: packages are tabled at a rate that rises with outrage at Russia's conduct,
    voted each step until adopted or dropped; a member whose policy rejects sanctions votes no
    until partners' pressure brings it round."""
    world, state = ctx.world, ctx.state
    a = state.alliances
    rules = world.rules.alliances
    eu = state.politics.member[:, :, EU]
    has_eu = eu.sum(axis=1) >= 1
    a.outrage = a.outrage * (1.0 - rules.outrage_decay)
    rate = rules.sanctions_rate + rules.outrage_rate * a.outrage
    new = has_eu & (a.tabled < 0) & ((ctx.chance("alliance.sanctions") < rate) | scheduled)
    a.tabled = np.where(new, 0, a.tabled)
    voting = a.tabled >= 0
    if not voting.any():
        return
    preference = _preference(ctx, EU) - np.where(state.politics.sanctions, 0.0, rules.reluctance)
    adopted, yes, members = _vote(ctx, EU, voting, preference, world.rules.alliances.eu)
    blocked = voting & ~adopted
    a.tabled = np.where(adopted, -1, np.where(blocked, a.tabled + 1, a.tabled))
    dropped = a.tabled > rules.max_rounds
    a.tabled = np.where(dropped, -1, a.tabled)
    a.packages += adopted
    ctx.count("sanctions_adopted", adopted.astype(np.int64))
    ctx.count("sanctions_blocked", blocked.astype(np.int64))
    ctx.count("sanctions_dropped", dropped.astype(np.int64))
    reps = np.flatnonzero(voting)

    def text(row: np.ndarray) -> str:
        package, passed, gave_up, *blocking = row.tolist()
        if passed:
            return f"EU adopts sanctions package {package}"
        ids = ", ".join(world.ids[i] for i in np.flatnonzero(blocking)) or "a majority"
        return f"EU sanctions package blocked by {ids}" + (
            "; the package is dropped" if gave_up else ""
        )

    passed = adopted[reps]
    keys = np.column_stack(
        [
            np.where(passed, a.packages[reps], 0),
            passed,
            dropped[reps] & ~passed,
            (members & ~yes)[reps] & ~passed[:, None],
        ]
    )
    ctx.log.emit(
        ctx.t,
        "alliance_decision",
        reps,
        channel="conduct",
        target=world.rus,
        cause="deliberate",
        label=ctx.log.describe(keys, text),
    )
    joining = eu & state.politics.sanctions & adopted[:, None]
    _raise_floor(ctx, joining, world.sanctions_rung, "EU sanctions", "policy")


def cohesion(ctx: Context) -> None:
    """Cohesion returns toward its target, erodes with the spread of members' fatigue and of
    their contributions (free-riding), and rallies when members are attacked."""
    world, state = ctx.world, ctx.state
    rules = world.rules.alliances
    contribution = state.support.aid / (len(AID.levels) - 1)
    toward = np.zeros((ctx.replicates, world.n))
    toward[:, world.others] = state.conduct.level[:, world.s :] / (len(CONDUCT.levels) - 1)
    effort = rules.aid_share * contribution + (1.0 - rules.aid_share) * toward
    fatigue = 1.0 - state.politics.support
    for k in (NATO, EU):
        members = state.politics.member[:, :, k] & world.supplier[None, :]
        several = members.sum(axis=1) >= 2
        updated = alliance.cohesion_step(
            state.alliances.cohesion[:, k],
            alliance.spread(fatigue, members),
            alliance.spread(effort, members),
            rules,
        )
        rally = rules.rally * (ctx.scratch.attacked & members).any(axis=1)
        state.alliances.cohesion[:, k] = np.where(
            several, np.minimum(1.0, updated + rally), state.alliances.cohesion[:, k]
        )
        ctx.passage(
            "fracture", several & (state.alliances.cohesion[:, k] < rules.fracture_threshold)
        )
