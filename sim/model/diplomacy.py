"""Peace plans, mediators' offers and agreements: the war ends only by an accepted agreement.

Reads: the front, each side's belief about the balance, expected aid (who backs or opposes a
plan), fatigue, sanctions, war aims. Writes: the war's status (ceasefire, armistice,
settlement, or war again when an agreement breaks), counts, passages and events.
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


def mediate(ctx: Context) -> None:
    """A mediator's offer: a ceasefire along the current line while at war, an armistice
    during a ceasefire."""
    world, state = ctx.world, ctx.state
    if world.ukr < 0:
        return
    status = state.war.status
    offered = (ctx.chance("diplomacy.offer") < world.rules.diplomacy.offer_rate) & (
        (status == AT_WAR) | (status == CEASEFIRE)
    )
    if not offered.any():
        return
    nobody = np.zeros(world.n, dtype=bool)
    for kind, code in (("ceasefire", AT_WAR), ("armistice", CEASEFIRE)):
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
    Each side's judgement is worked out only in the replicates where the plan is on the table."""
    world, state = ctx.world, ctx.state
    rules = world.rules
    d = rules.diplomacy
    w = state.war
    ctx.count("peace_offers", mask.astype(np.int64))
    reps = np.flatnonzero(mask)
    support_now = state.politics.support[reps]
    fatigue = 1.0 - support_now
    firmness = 1.0 - d.support_firmness + d.support_firmness * support_now
    flows = support.flows(ctx, reps)
    ratio = bargaining.expected_aid_ratio(flows, backers, opponents, d)
    materiel = w.materiel[reps]
    materiel_now = 1.0 + rules.war.materiel_effect * materiel
    steady = materiel + rules.support.materiel_scale * flows.sum(axis=1) * (ratio - 1.0) / max(
        rules.war.materiel_use, 1e-9
    )
    factor = (1.0 + rules.war.materiel_effect * np.maximum(steady, 0.0)) / materiel_now
    factor = 1.0 + d.shift_weight * (factor - 1.0)
    noise = d.perception_noise * ctx.normal("diplomacy.judgement", world.actor_keys[:2])[reps]
    belief, front = w.belief[reps], w.front[reps]
    russia_view = np.clip(belief[:, 0] + noise[:, 0], 0.01, 0.99)
    ukraine_view = bargaining.shifted_balance(
        np.clip(belief[:, 1] + noise[:, 1], 0.01, 0.99), factor
    )
    aims = world.scenario.war.aims
    weight = d.aim_weight * (d.ceasefire_discount if kind == "ceasefire" else 1.0)
    russia = Side(
        war.projected_front(front, russia_view, d.horizon, rules.war),
        d.cost_of_war
        + d.fatigue_weight * fatigue[:, world.rus]
        + rules.alliances.sanctions_cost * state.alliances.packages[reps],
        aims.russia,
        world.resolve[world.rus] * firmness[:, world.rus],
    )
    ukraine = Side(
        war.projected_front(front, ukraine_view, d.horizon, rules.war),
        d.cost_of_war + d.fatigue_weight * fatigue[:, world.ukr],
        aims.ukraine,
        world.resolve[world.ukr] * firmness[:, world.ukr],
    )
    offered = terms[reps]
    russia_yes = offered >= bargaining.russia_floor(russia, weight)
    ukraine_yes = offered <= bargaining.ukraine_ceiling(ukraine, weight)
    accepted = np.zeros(ctx.replicates, dtype=bool)
    accepted[reps] = russia_yes & ukraine_yes

    def text(row: np.ndarray) -> str:
        share, russia_ok, ukraine_ok = row.tolist()
        refused = [
            world.ids[who]
            for who, ok in ((world.rus, russia_ok), (world.ukr, ukraine_ok))
            if not ok
        ]
        verdict = "refused by " + ", ".join(refused) if refused else "accepted"
        return f"{label} (Russia keeps {share:.0%} of Ukraine): {verdict}"

    keys = np.column_stack([offered, russia_yes, ukraine_yes])
    ctx.log.emit(
        ctx.t,
        "peace_offer",
        reps,
        channel="war",
        cause="deliberate",
        label=ctx.log.describe(keys, text),
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
