"""Direct conduct between Russia and each third state: decisions by the deterrence calculus or
a reciprocity doctrine, and the fog of war (slips).

Reads: beliefs, aid, stances and policy limits, war status, deterrence terms, red-line costs.
Writes: conduct levels, doctrine memory, the scratch (decisions, warnings), counts and events.
"""

from __future__ import annotations

import numpy as np

from sim.concepts.channels import AID
from sim.model.context import Context, Punishment
from sim.model.state import AT_WAR
from sim.model.world import N_CONDUCT
from sim.rules import deterrence
from sim.rules.choice import softmax_choice
from sim.rules.doctrines import DOCTRINES, NO_OPINION, Settings
from sim.rules.moves import DELTAS, SIGNAL, move_for_delta, targets_of
from sim.rules.moves import open_rungs as open_rungs_of

TOP = N_CONDUCT - 1


def open_rungs(ctx: Context) -> np.ndarray:
    """(R, D) codes of the rungs each dyad may stand on this step (``rules.moves.open_code``).
    Self-defence and collective defence open the clash rungs to a state (whatever its
    peacetime policy); Russia's attacks, clash and war rungs need a NATO target; policy caps and
    commitments (floors) bound the rest."""
    world, state = ctx.world, ctx.state
    defending = state.conduct.defending[:, world.src] | state.alliances.article5[:, world.src]
    code = np.where(defending, world.defence_code, world.peacetime_code)
    nato_only = world.from_russia & ~ctx.nato()[:, world.dst]
    code[nato_only] &= ~world.nato_target_code
    cap = np.where(defending, TOP, state.politics.max_conduct[:, world.src])
    code &= (2 << cap) - 1  # rungs up to the cap
    code &= ~((1 << state.conduct.floor) - 1)  # rungs from the floor up
    return code


def keep_within_limits(ctx: Context, allowed: np.ndarray) -> None:
    """A dyad standing where it no longer may (a new policy, a new commitment) moves to the
    nearest rung it may stand on."""
    level = ctx.state.conduct.level
    here = ((allowed >> level) & 1).astype(bool)
    if here.all():
        return
    rungs = np.arange(N_CONDUCT)
    distance = np.where(
        open_rungs_of(allowed, N_CONDUCT), np.abs(rungs - level[:, :, None]), N_CONDUCT * 2
    )
    nearest = distance.argmin(axis=2)
    ctx.set_conduct(~here & (allowed != 0), nearest, "policy", "policy limits")


def targets(ctx: Context, allowed: np.ndarray) -> np.ndarray:
    """(R, D, moves): the rung each move leads to (``rules.moves``)."""
    return targets_of(allowed, ctx.state.conduct.level, N_CONDUCT)


def stakes(ctx: Context) -> tuple[np.ndarray, np.ndarray]:
    """(stakes, reacts) per dyad: what pressing the rival is worth, and how much the source
    answers the rival's pressure (fully for Russia; by its stance for a state, so that a
    pro-Russian state does not press back)."""
    world, state = ctx.world, ctx.state
    k = world.rules.stakes
    other = world.other_of_dyad
    stance = state.politics.stance_r[:, other]
    lethal = np.maximum(state.support.aid[:, other] - AID.index("non_lethal"), 0)
    aid = lethal / (len(AID.levels) - 1 - AID.index("non_lethal"))
    war_on = (state.war.status == AT_WAR)[:, None]
    by_russia = world.resolve[world.rus] * (
        k.russia_aid * aid + k.russia_exposure * world.exposure[other] + k.russia_stance * stance
    )
    in_nato = ctx.nato()[:, other]
    by_state = (
        world.resolve[other]
        * stance
        * (
            k.state_exposure * world.exposure[other]
            + k.state_war * war_on
            + k.state_alliance * in_nato
        )
    )
    value = np.where(world.from_russia, by_russia, by_state)
    reacts = np.where(world.from_russia, 1.0, np.clip(stance, 0.0, 1.0))
    return value, reacts


def values(
    ctx: Context,
    denial: np.ndarray,
    believed: np.ndarray,
    punishment: Punishment,
    targets: np.ndarray,
    red_line_cost: np.ndarray | float,
) -> tuple[np.ndarray, np.ndarray]:
    """(V, misread pull): the potential of standing at each move's target rung (R, D, moves),
    and the part of the motive per rung (R, D) that comes only from misreading the rival's
    level."""
    world, state = ctx.world, ctx.state
    rules = world.rules.deterrence
    value, reacts = stakes(ctx)
    truth = state.conduct.level[:, world.rev]
    fatigue = ctx.fatigue()[:, world.src]

    def motive(seen: np.ndarray) -> np.ndarray:
        return deterrence.motive(
            value,
            denial,
            state.beliefs.hostility,
            seen,
            world.hawkishness_d,
            fatigue,
            reacts,
            TOP,
            rules,
        )

    with_misreading = motive(truth + state.conduct.seen_bias)
    potential = deterrence.potential(
        targets,
        with_misreading,
        punishment.at(targets),
        believed,
        world.upkeep[targets],
        red_line_cost,
    )
    return potential, with_misreading - motive(truth.astype(float))


def decide(
    ctx: Context, potential: np.ndarray, misread_pull: np.ndarray, targets: np.ndarray
) -> None:
    """One move per dyad: the doctrine's, or the calculus's by softmax. An escalation is
    *inadvertent* when, with the same draw, the actor would not have climbed had it seen its
    rival's level as it truly is (a counterfactual on common random numbers)."""
    world, state, scratch = ctx.world, ctx.state, ctx.scratch
    rules = world.rules.deterrence
    level = state.conduct.level

    backing_down = rules.backing_down_cost * world.hawkishness_d
    warning_value = rules.hawk_weight * world.hawkishness_d * state.beliefs.hostility
    warning_value = warning_value - rules.warning_cost
    draws = ctx.uniform("conduct.choice", world.dyad_keys)
    utility = deterrence.move_utilities(
        potential,
        targets,
        level,
        DELTAS,
        rules.inertia,
        backing_down,
        warning_value,
    )
    move = softmax_choice(utility, world.temperature_d, draws)
    reciprocal = np.zeros(level.shape[1], dtype=bool)
    doctrines = [(n, d) for n, d in world.doctrine_dyads.items() if n != "expected_utility"]
    if doctrines:
        doctrine_draws = ctx.uniform("conduct.doctrine", world.dyad_keys)
    for name, dyads in doctrines:
        cls = DOCTRINES[name]
        settings = Settings(world.generosity_d[dyads], world.grit_period_d[dyads])
        wanted = cls.choose(
            state.conduct.memory.take(slice(None), dyads), settings, doctrine_draws[:, dyads]
        )
        fixed = wanted != NO_OPINION
        chosen = move_for_delta(np.where(fixed, wanted, 0))
        move[:, dyads] = np.where(fixed, chosen, move[:, dyads])
        reciprocal[dyads] = True
    free = ~scratch.acted
    new_level = np.take_along_axis(targets, move[:, :, None], axis=2)[:, :, 0]
    moving = free & (new_level != level)
    scratch.decided |= moving
    if reciprocal.any():
        state.conduct.memory.made(free & reciprocal[None, :])
    # Where a calculus escalation was pulled by misreading: the same choice, with the same
    # draw, as if the rival were seen as it truly stands.
    inadvertent = np.zeros_like(moving)
    reps, dyads = np.nonzero(moving & (new_level > level) & ~reciprocal & (misread_pull != 0))
    if reps.size:
        at = targets[reps, dyads]
        honest = potential[reps, dyads] - misread_pull[reps, dyads, None] * at
        undistorted = softmax_choice(
            deterrence.move_utilities(
                honest,
                at,
                level[reps, dyads],
                DELTAS,
                rules.inertia,
                backing_down[dyads],
                warning_value[reps, dyads],
            ),
            world.temperature_d[dyads],
            draws[reps, dyads],
        )
        would_have = np.take_along_axis(at, undistorted[:, None], axis=1)[:, 0]
        inadvertent[reps, dyads] = would_have < new_level[reps, dyads]

    ctx.count("inadvertent_escalations", inadvertent.sum(axis=1))
    ctx.set_conduct(moving & inadvertent, new_level, "inadvertent")
    ctx.set_conduct(moving & ~inadvertent, new_level, "deliberate")
    warning = free & (move == SIGNAL)
    scratch.warned |= warning
    reps, dyads = np.nonzero(warning)
    ctx.log.emit(
        ctx.t,
        "warning",
        reps,
        channel="conduct",
        actor=world.src[dyads],
        target=world.dst[dyads],
        cause="deliberate",
        label="a warning",
    )


def slips(ctx: Context, allowed: np.ndarray) -> None:
    """An executed move over- or undershoots by one rung with probability slip_rate (fog of
    war). A slip never lands on a clash or above: a clash takes a decision."""
    world, state, scratch = ctx.world, ctx.state, ctx.scratch
    rate = world.rules.accidents.slip_rate
    if rate <= 0 or not scratch.decided.any():
        return
    draws = ctx.uniform("conduct.slip", world.dyad_keys)
    way = ctx.uniform("conduct.slip_way", world.dyad_keys)
    slipping = scratch.decided & (draws < rate)
    if not slipping.any():
        return
    below_clash = allowed & ((1 << world.clash) - 1)
    targets = targets_of(below_clash, state.conduct.level, N_CONDUCT)
    over = np.where(way < 0.5, targets[:, :, 3], targets[:, :, 0])
    moved = slipping & (over != state.conduct.level)
    ctx.set_conduct(moved, over, "accidental", "fog of war")
    ctx.count("slips", moved.sum(axis=1))
