"""Incidents on third states' territory and escalation management: stray fire from the war,
deniable grey-zone acts, attacks and clashes; attribution over time; Article 4 consultations
and, for an attributed armed attack only, an Article 5 vote.

Reads: conduct levels, the war, exposure, the victims' hostility. Writes: open incidents,
victims' beliefs, self-defence, the alliances (through their votes), counts, passages, events.
"""

from __future__ import annotations

import numpy as np

from sim.model import alliances
from sim.model.context import Context
from sim.model.state import AT_WAR
from sim.rules import attribution as rule
from sim.rules.attribution import ACCIDENT, ATTACK, CLASH, GREY_ZONE, NATURES


def occur(ctx: Context) -> None:
    """New incidents this step (at most one per victim, the most serious)."""
    world, state = ctx.world, ctx.state
    if world.s == 0:
        return
    rules = world.rules
    others = world.others
    r_s = slice(0, world.s)  # dyads Russia -> others, in the order of ``others``
    level = state.conduct.level[:, r_s]
    war_on = (state.war.status == AT_WAR).astype(float)
    stray = rules.accidents.stray_rate * war_on[:, None] * world.exposure[others][None, :]
    grey = np.where(level >= world.grey_zone, rules.attribution.grey_zone_rate, 0.0)
    attack = np.where(level >= world.incident, rules.attribution.attack_rate, 0.0)
    clash_now = (level >= world.clash) & (ctx.scratch.start_level[:, r_s] < world.clash)
    draws = ctx.uniform("incident.occur", world.other_keys)
    kinds = ctx.uniform("incident.kind", world.other_keys)
    total = stray + grey + attack
    happens = (draws < np.minimum(total, 1.0)) | clash_now
    u = kinds * np.maximum(total, 1e-12)
    nature = np.where(u < stray, ACCIDENT, np.where(u < stray + grey, GREY_ZONE, ATTACK))
    nature = np.where(clash_now, CLASH, nature)
    incidents = state.incidents
    spread = 1.0 + rules.attribution.severity_spread * (
        2.0 * ctx.uniform("incident.severity", world.other_keys) - 1.0
    )
    severity = np.asarray(rules.attribution.severity)[nature]
    severity = np.clip(np.where(nature == CLASH, severity, severity * spread), 0.0, 1.0)
    replace = happens & ((incidents.nature < 0) | (severity > incidents.severity))
    incidents.nature = np.where(replace, nature, incidents.nature)
    incidents.severity = np.where(replace, severity, incidents.severity)
    incidents.age = np.where(replace, 0, incidents.age)
    if not happens.any():
        return
    reps, victims = np.nonzero(happens)
    ctx.count("incidents", happens.sum(axis=1))
    nato = ctx.nato()[:, others]
    ctx.passage("nato_incident", (happens & nato).any(axis=1))
    labels = np.array([ctx.log.code(f"incident: {name.replace('_', ' ')}") for name in NATURES])
    ctx.log.emit(
        ctx.t,
        "incident",
        reps,
        channel="conduct",
        actor=world.rus,
        target=others[victims],
        cause=np.where(
            nature[reps, victims] == ACCIDENT,
            ctx.log.code("accidental"),
            ctx.log.code("deliberate"),
        ),
        label=labels[nature[reps, victims]],
    )


def schedule(ctx: Context, incidents: list) -> None:
    """Incidents the timeline puts on a victim (an accident unless the event says otherwise)."""
    world, state = ctx.world, ctx.state
    severity = np.asarray(world.rules.attribution.severity)
    for mask, nature, event in incidents:
        for victim in event.targets:
            k = world.position.get(victim)
            if k is None:
                continue
            state.incidents.nature[mask, k] = nature
            state.incidents.severity[mask, k] = severity[nature]
            state.incidents.age[mask, k] = 0
            ctx.count("incidents", mask.astype(np.int64))
            ctx.passage("nato_incident", mask & ctx.nato()[:, victim])
            ctx.log.emit(
                ctx.t,
                "incident",
                np.flatnonzero(mask),
                channel="conduct",
                actor=world.rus,
                target=victim,
                cause="scheduled",
                label=event.spec.label or f"incident: {NATURES[nature].replace('_', ' ')}",
            )


def attribute(ctx: Context) -> None:
    """Open incidents are attributed (or not) and the victims react."""
    world, state = ctx.world, ctx.state
    incidents = state.incidents
    open_ = incidents.nature >= 0
    if not open_.any():
        return
    rules = world.rules.attribution
    others = world.others
    s = world.s
    toward_russia = np.arange(s, 2 * s)  # victim -> Russia dyads: the victim's beliefs
    hostility = state.beliefs.hostility[:, toward_russia]
    draw = ctx.uniform("incident.attribute", world.other_keys)
    right = ctx.uniform("incident.verdict", world.other_keys)
    resolved = open_ & (draw < rule.resolve_chance(incidents.nature, rules))
    verdict = rule.verdict(incidents.nature, hostility, right, rules)
    deliberate = resolved & (verdict == rule.DELIBERATE)
    expired = open_ & ~resolved & (incidents.age >= rules.max_steps)
    wrong = deliberate & (incidents.nature == ACCIDENT)
    ctx.count("incidents_misattributed", wrong.sum(axis=1))
    _log_verdicts(ctx, resolved, deliberate, expired)
    _victims_react(ctx, deliberate, toward_russia)
    severity = incidents.severity
    nato = ctx.nato()[:, others]
    hawk = world.hawkishness[others]
    ask = ctx.uniform("incident.article4", world.other_keys) < rules.article4_propensity * (
        0.5 + hawk
    )
    article4 = deliberate & nato & (severity >= rules.article4_threshold) & ask
    if article4.any():
        alliances.article4(ctx, article4.any(axis=1), others[article4.argmax(axis=1)], "")
    armed = deliberate & nato & (incidents.nature >= ATTACK) & (severity >= rules.armed_attack)
    if armed.any():
        alliances.article5_vote(ctx, armed.any(axis=1), others[armed.argmax(axis=1)])
    closed = resolved | expired
    incidents.nature = np.where(closed, -1, incidents.nature)
    incidents.severity = np.where(closed, 0.0, incidents.severity)
    incidents.age = np.where(closed, 0, incidents.age + 1)


def _log_verdicts(ctx: Context, resolved, deliberate, expired) -> None:
    """One event per verdict; the label also says what the incident truly was (the analyst's
    view, which the victim does not have)."""
    world = ctx.world
    reps, victims = np.nonzero(resolved | expired)
    if reps.size == 0:
        return
    truth = ctx.state.incidents.nature[reps, victims]
    verdicts = np.where(deliberate[reps, victims], 0, np.where(expired[reps, victims], 2, 1))
    texts = ("attributed to Russia", "attributed to accident", "left unattributed")
    labels = np.array(
        [
            [
                ctx.log.code(f"{verdict} (in truth: {nature.replace('_', ' ')})")
                for nature in NATURES
            ]
            for verdict in texts
        ]
    )
    ctx.log.emit(
        ctx.t,
        "attribution",
        reps,
        channel="conduct",
        actor=world.others[victims],
        target=world.rus,
        label=labels[verdicts, truth],
        reading=np.where(deliberate[reps, victims], ctx.log.code("threat"), ctx.log.code("none")),
        misread=(deliberate[reps, victims] & (truth == ACCIDENT)),
    )


def _victims_react(ctx: Context, deliberate: np.ndarray, toward_russia: np.ndarray) -> None:
    """An incident attributed to Russia raises the victim's hostility and its estimate of
    Russia's conduct; an attack opens self-defence."""
    if not deliberate.any():
        return
    state, world = ctx.state, ctx.world
    rate = world.rules.signalling.belief_rate
    hostility = state.beliefs.hostility[:, toward_russia]
    state.beliefs.hostility[:, toward_russia] = np.where(
        deliberate, hostility + rate * (1 - hostility), hostility
    )
    alarm = world.rules.attribution.alarm
    state.conduct.seen_bias[:, toward_russia] += np.where(deliberate, alarm, 0.0)
    attacked = deliberate & (state.incidents.nature >= ATTACK)
    victims = world.others
    for k in np.flatnonzero(attacked.any(axis=0)):
        state.conduct.defending[attacked[:, k], victims[k]] = True
    ctx.scratch.attacked[:, victims] |= attacked & ctx.nato()[:, victims]
