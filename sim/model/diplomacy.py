"""Peace plans, mediators' offers and agreements: the war ends only by an accepted agreement.

Reads: the front, each side's belief about the balance, the aid pipeline and each supporter's
flows, stances and public support (who backs or opposes a plan), mobilisations, fatigue, losses
since the war began, sanctions, war aims. Writes: the war's status (ceasefire, armistice,
settlement, or war again when an agreement breaks), counts, passages and events (each side's
answer to each offer).
"""

from __future__ import annotations

import numpy as np

from sim.concepts.channels import WAR
from sim.model import support
from sim.model.context import Context
from sim.model.state import ARMISTICE, AT_WAR, CEASEFIRE, SETTLED
from sim.rules import bargaining, war
from sim.rules.bargaining import Side

AGREEMENTS = {"ceasefire": CEASEFIRE, "armistice": ARMISTICE, "settlement": SETTLED}


#: What a mediator proposes next, by the war's status: a ceasefire along the current line
#: while at war, an armistice during a ceasefire, a settlement during an armistice.
NEXT_STEP = ((AT_WAR, "ceasefire"), (CEASEFIRE, "armistice"), (ARMISTICE, "settlement"))


def mediate(ctx: Context) -> None:
    """A mediator's offer on the current line, one step down the ladder of agreements."""
    world, state = ctx.world, ctx.state
    if world.ukr < 0:
        return
    status = state.war.status
    offered = ctx.chance("diplomacy.offer") < world.rules.diplomacy.offer_rate
    if not offered.any():
        return
    nobody = np.zeros(world.n, dtype=bool)
    for code, kind in NEXT_STEP:
        mask = offered & (status == code)
        if mask.any():
            offer(
                ctx,
                mask,
                state.war.front.copy(),
                kind,
                nobody,
                nobody,
                f"a mediator proposes a {kind} along the current line",
            )


def _views(
    ctx: Context, reps: np.ndarray | slice, backers: np.ndarray, opponents: np.ndarray
) -> tuple[Side, Side]:
    """Each side's projection, costs, aims and fears in replicates ``reps``, for a plan with
    these backers and opponents (see sim.rules.bargaining)."""
    world, state = ctx.world, ctx.state
    rules = world.rules
    d, wr = rules.diplomacy, rules.war
    w = state.war
    support_now = state.politics.support[reps]
    stance_u = state.politics.stance_u[reps]
    horizon = d.horizon
    flows = support.flows(ctx, reps)
    trust = bargaining.reliability(
        stance_u, world.stance_u0[None, :], support_now, world.support0[None, :], d.public_weight
    )
    nobody = np.zeros(world.n, dtype=bool)
    pipeline = state.support.pipeline[reps].sum(axis=1)
    scale = rules.support.materiel_scale
    materiel = w.materiel[reps]
    now = 1.0 + wr.materiel_effect * materiel

    def ukraine_factor(flow: np.ndarray, use: float) -> np.ndarray:
        ahead = bargaining.materiel_ahead(materiel, pipeline, flow, horizon, use, scale)
        return 1.0 + d.shift_weight * ((1.0 + wr.materiel_effect * ahead) / now - 1.0)

    expected = bargaining.expected_flows(flows, trust, nobody, nobody, d)
    if_refused = bargaining.expected_flows(flows, trust, backers, opponents, d)
    kept = np.divide(
        if_refused, flows.sum(axis=1), out=np.ones_like(if_refused), where=flows.sum(axis=1) > 1e-12
    )
    replacement = np.array([wr.replacement_russia, wr.replacement_ukraine])
    mobilised = bargaining.mobilisation_ahead(
        w.forces[reps],
        w.mobilising[reps],
        w.inflow[reps],
        replacement,
        wr.mobilisation_boost,
        horizon,
    )
    mobilised = 1.0 + d.shift_weight * (mobilised - 1.0)
    fighting_ukraine = ukraine_factor(expected, wr.materiel_use) * mobilised[:, 1]
    refusing_ukraine = ukraine_factor(if_refused, wr.materiel_use) * mobilised[:, 1]
    # During an agreement nothing is used up in battle: Ukraine's stock only grows.
    lull_ukraine = ukraine_factor(expected, d.lull_use * wr.materiel_use)
    belief, line = w.belief[reps], w.front[reps]
    r_view = bargaining.shifted_balance(belief[:, 0], mobilised[:, 0], fighting_ukraine)
    u_view = bargaining.shifted_balance(belief[:, 1], mobilised[:, 0], refusing_ukraine)

    def front(view: np.ndarray) -> np.ndarray:
        return war.projected_front(line, view, horizon, wr)

    russia_fear = np.maximum(
        0.0,
        front(belief[:, 0]) - front(bargaining.shifted_balance(belief[:, 0], 1.0, lull_ukraine)),
    )
    ukraine_fear = np.maximum(
        0.0,
        front(bargaining.shifted_balance(belief[:, 1], mobilised[:, 0], 1.0)) - front(belief[:, 1]),
    )
    weary = bargaining.weariness(w.casualties[reps])
    fatigue = 1.0 - support_now
    # A tired public holds war aims less firmly: aims weigh resolve x (1 - f + f x support).
    firmness = 1.0 - d.support_firmness + d.support_firmness * support_now
    aims = world.scenario.war.aims
    russia = Side(
        front(r_view),
        d.cost_of_war
        + d.fatigue_weight * fatigue[:, world.rus]
        + d.weariness_weight * weary[:, 0]
        + rules.alliances.sanctions_cost * state.alliances.packages[reps],
        aims.russia,
        world.resolve[world.rus] * firmness[:, world.rus],
        russia_fear,
    )
    ukraine_cost = (
        d.cost_of_war + d.fatigue_weight * fatigue[:, world.ukr] + d.weariness_weight * weary[:, 1]
    ) * bargaining.support_cost(kept, d.support_cost)
    ukraine = Side(
        front(u_view),
        ukraine_cost,
        aims.ukraine,
        world.resolve[world.ukr] * firmness[:, world.ukr],
        ukraine_fear,
    )
    return russia, ukraine


def reservations(
    ctx: Context,
    kind: str,
    backers: np.ndarray,
    opponents: np.ndarray,
    reps: np.ndarray | slice = slice(None),
) -> tuple[np.ndarray, np.ndarray]:
    """The least share Russia accepts and the most Ukraine concedes in replicates ``reps``
    (default all), for an agreement of ``kind`` with these backers and opponents (boolean
    (N,)), before each side's misjudgement."""
    d = ctx.world.rules.diplomacy
    russia, ukraine = _views(ctx, reps, backers, opponents)
    weight = d.aim_weight * (1.0 if kind == "settlement" else d.ceasefire_discount)
    return bargaining.russia_floor(russia, weight), bargaining.ukraine_ceiling(ukraine, weight)


def offer(
    ctx: Context,
    mask: np.ndarray,
    terms: np.ndarray,
    kind: str,
    backers: np.ndarray,
    opponents: np.ndarray,
    label: str,
) -> None:
    """Put a plan to both sides in the masked replicates; ``terms`` (R,) is Russia's share.
    Each side's answer is logged (``offer_answer``: reading accepted or refused); each side's
    judgement is worked out only in the replicates where the plan is on the table."""
    world = ctx.world
    d = world.rules.diplomacy
    ctx.count("peace_offers", mask.astype(np.int64))
    reps = np.flatnonzero(mask)
    floor, ceiling = reservations(ctx, kind, backers, opponents, reps)
    # Quantal response: each side misjudges its own reservation point at each offer.
    noise = ctx.normal("diplomacy.judgement", world.actor_keys[:2])[reps]
    misjudged = d.perception_noise * noise
    offered = terms[reps]
    russia_yes = offered >= floor + misjudged[:, 0]
    ukraine_yes = offered <= ceiling + misjudged[:, 1]
    accepted = np.zeros(ctx.replicates, dtype=bool)
    accepted[reps] = russia_yes & ukraine_yes
    yes, no = ctx.log.code("accepted"), ctx.log.code("refused")
    level = WAR.levels[AGREEMENTS[kind]].label
    for actor, answer in ((world.rus, russia_yes), (world.ukr, ukraine_yes)):
        ctx.log.emit(
            ctx.t,
            "offer_answer",
            reps,
            channel="war",
            actor=actor,
            to_rung=level,
            cause="deliberate",
            reading=np.where(answer, yes, no),
            label=label,
        )

    def text(row: np.ndarray) -> str:
        share, russia_ok, ukraine_ok = row.tolist()
        refused = [
            world.ids[who]
            for who, ok in ((world.rus, russia_ok), (world.ukr, ukraine_ok))
            if not ok
        ]
        verdict = "refused by " + ", ".join(refused) if refused else "accepted"
        return f"{label} (Russia keeps {share:.0%} of Ukraine): {verdict}"

    ctx.log.emit(
        ctx.t,
        "peace_offer",
        reps,
        channel="war",
        to_rung=level,
        cause="deliberate",
        label=ctx.log.describe(np.column_stack([offered, russia_yes, ukraine_yes]), text),
    )
    if accepted.any():
        agree(ctx, accepted, kind)


def agree(ctx: Context, mask: np.ndarray, kind: str) -> None:
    state, world = ctx.state, ctx.world
    state.war.status = np.where(mask, AGREEMENTS[kind], state.war.status)
    ctx.passage(kind, mask)
    ctx.log.emit(
        ctx.t,
        "agreement",
        np.flatnonzero(mask),
        channel="war",
        actor=world.rus,
        target=world.ukr,
        to_rung=WAR.levels[AGREEMENTS[kind]].label,
        cause="agreement",
        label=f"{kind} agreed",
    )


def hold_or_break(ctx: Context) -> None:
    """A ceasefire or an armistice may break down; a settlement holds."""
    world, state = ctx.world, ctx.state
    d = world.rules.diplomacy
    status = state.war.status
    rate = np.where(
        status == CEASEFIRE,
        d.ceasefire_break_rate,
        np.where(status == ARMISTICE, d.armistice_break_rate, 0.0),
    )
    broken = ctx.chance("diplomacy.break") < rate
    if not broken.any():
        return
    state.war.status = np.where(broken, AT_WAR, status)
    ctx.count("agreements_broken", broken.astype(np.int64))
    ctx.log.emit(
        ctx.t,
        "agreement_broken",
        np.flatnonzero(broken),
        channel="war",
        actor=world.rus,
        target=world.ukr,
        to_rung=WAR.levels[AT_WAR].label,
        cause="deliberate",
        label="the agreement breaks down; fighting resumes",
    )
