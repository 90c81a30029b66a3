"""The scenario language: pydantic models that a YAML scenario validates into.

Units: probabilities and 0-1 scores are dimensionless; rates are per step; a step is one
``run.step_unit`` (a week by default). Rungs are named by id (``aid_advanced``) or level (6).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from sim.scenario.sweep import Sweep

Unit = Annotated[float, Field(ge=0.0, le=1.0)]
PositiveRate = Annotated[float, Field(ge=0.0)]
RungRef = int | str
ActorId = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]{1,15}$")]
Role = Literal["russia", "ukraine", "nato_member", "eu_state"]
Alliance = Literal["NATO", "EU"]
#: Group names usable wherever a list of actors is expected.
GROUPS = ("NATO", "EU", "ALL")
Strategy = Literal[
    "expected_utility",
    "tit_for_tat",
    "suspicious_tit_for_tat",
    "tit_for_two_tats",
    "generous_tit_for_tat",
    "grim_trigger",
    "always_escalate",
    "always_hold",
    "grit",
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Attributes(Strict):
    capability: Unit = Field(0.5, description="Military and economic power, relative (0-1).")
    resolve: Unit = Field(0.5, description="How much the actor values the stakes (0-1).")
    risk_tolerance: Unit = Field(
        0.3, description="Willingness to accept the risk of retaliation (0 = averse)."
    )
    exposure: Unit = Field(0.0, description="Exposure to Russia: border, proximity (0-1).")
    hawkishness: Unit = Field(0.5, description="Preference for firm, forceful policy (0-1).")
    domestic_support: Unit = Field(
        0.8, description="Public support for the current policy; 1 - war fatigue (0-1)."
    )
    nuclear: bool = Field(False, description="Nuclear-armed: may climb to nuclear rungs.")


class Doctrine(Strict):
    strategy: Strategy = Field("expected_utility", description="How moves are chosen.")
    temperature: Annotated[float, Field(gt=0.0, le=10.0)] = Field(
        0.12, description="Softmax temperature of expected-utility play (bounded rationality)."
    )
    generosity: Unit = Field(
        0.1, description="generous_tit_for_tat: chance of forgiving an escalation."
    )
    grit_period: Annotated[int, Field(ge=1, le=100)] = Field(
        4, description="grit: announced unilateral de-escalation steps made before reciprocity."
    )


class RedLine(Strict):
    id: str = Field(description="Short name of the red line.")
    description: str = Field("", description="What crossing it means, in words.")
    violators: list[str] = Field(description="Actor ids or groups (NATO, EU, ALL) it is aimed at.")
    protects: str | None = Field(
        None,
        description="Whose treatment is watched (actor id); the owner when omitted. "
        "Crossed when a violator's level toward this actor reaches the threshold.",
    )
    threshold: RungRef = Field(description="Rung whose crossing violates the red line.")
    response: RungRef = Field(
        description="Rung the owner promises to raise its level toward the violator to."
    )
    commitment: Unit = Field(
        0.7, description="Owner's private commitment: chance it responds, before audience costs."
    )
    audience_cost: Unit = Field(
        0.1,
        description="Domestic support the owner loses if it backs down; it also ties hands: "
        "the response is carried out with probability commitment + (1 - commitment) * "
        "audience_cost, and violators know it.",
    )


class Actor(Strict):
    id: ActorId = Field(description="Unique id, upper case (RUS, UKR, USA, FIN ...).")
    name: str = Field(description="Display name.")
    role: Role = Field(description="russia, ukraine, nato_member or eu_state.")
    memberships: list[Alliance] = Field(default_factory=list, description="NATO and/or EU.")
    attributes: Attributes = Field(default_factory=Attributes, description="See attributes.")
    posture: Annotated[float, Field(ge=0.0, le=100.0)] = Field(
        0.2, description="Initial Richardson posture (armament/readiness) toward each rival."
    )
    hostility_prior: Unit = Field(
        0.5, description="Prior belief that rivals' intentions are hostile (the spiral)."
    )
    levels: dict[str, RungRef] = Field(
        default_factory=dict, description="Initial rung of this actor's conduct toward a target."
    )
    doctrine: Doctrine = Field(default_factory=Doctrine, description="How it chooses moves.")
    red_lines: list[RedLine] = Field(default_factory=list, description="Declared red lines.")


class RungSpec(Strict):
    id: str = Field(description="Short id used to name the rung elsewhere.")
    name: str = Field(description="Display name.")
    level: Annotated[int, Field(ge=0)] = Field(description="Position: 0, 1, 2 ... without gaps.")
    category: str = Field(
        description="What kind of rung it is (normal, rhetoric, economic, exercise, posture, aid, "
        "grey_zone, conventional, nato_incident, direct_clash, wider_war, nuclear_signal, "
        "nuclear_use, strategic_nuclear); the model needs conventional, nato_incident, "
        "direct_clash and nuclear_use."
    )
    description: str = Field("", description="One line on what it means.")


class DeterrenceRules(Strict):
    gain_weight: PositiveRate = Field(1.0, description="Value of coercive gain per rung.")
    cost_weight: PositiveRate = Field(8.0, description="Cost scale of expected retaliation.")
    cost_growth: Annotated[float, Field(ge=1.0, le=3.0)] = Field(
        1.5, description="Factor by which the cost of retaliation grows per rung."
    )
    inertia: PositiveRate = Field(0.45, description="Cost of making any move at all.")
    anchor_status_quo: bool = Field(
        True,
        description="Calibrate each actor's pull so its starting level is where it would stay "
        "if nothing changed (see docs/model.md).",
    )
    denial_weight: Unit = Field(
        0.8, description="How much the target's defence (denial) cuts the gain of escalating."
    )
    reaction_weight: PositiveRate = Field(
        0.5, description="Pull to match a rival believed hostile (action-reaction)."
    )
    nuclear_cost_multiplier: PositiveRate = Field(
        4.0, description="Extra cost of escalating against a nuclear-armed actor."
    )
    domestic_weight: PositiveRate = Field(1.0, description="Weight of war fatigue on escalation.")
    signal_weight: PositiveRate = Field(
        0.3, description="Value hawks place on demonstrating resolve by escalating."
    )


class SignallingRules(Strict):
    noise: PositiveRate = Field(0.1, description="Std. dev. of noise on perceived move size.")
    misperception: Unit = Field(
        0.05, description="Base chance a move is read as one rung more hostile than it was."
    )
    hostile_prior_bias: PositiveRate = Field(
        1.0, description="How much a hostile prior multiplies misreadings (the spiral)."
    )
    costly_weight: PositiveRate = Field(1.0, description="Belief weight of costly signals.")
    cheap_weight: PositiveRate = Field(
        0.25, description="Belief weight of cheap talk (rhetoric), times the sender's reputation."
    )
    belief_rate: Unit = Field(0.2, description="Learning rate of beliefs per observed signal.")


class AccidentRules(Strict):
    slip_rate: Unit = Field(
        0.02, description="Chance an executed move slips one rung up or down (fog of war)."
    )
    incident_rate: Unit = Field(
        0.03, description="Chance per step of an ambiguous incident on an exposed NATO member."
    )


class ReputationRules(Strict):
    initial: Unit = Field(0.6, description="Initial reputation for following through.")
    followthrough_gain: Unit = Field(0.15, description="Reputation gained by enforcing.")
    bluff_penalty: Unit = Field(0.3, description="Reputation lost when a bluff is called.")


class AllianceRule(Strict):
    rule: Literal["consensus", "majority"] = Field(
        "consensus", description="consensus: any member can veto; majority: share of votes."
    )
    vote_threshold: Unit = Field(0.35, description="Preference a member needs to vote yes.")
    majority_share: Unit = Field(0.5, description="Share of yes votes a majority needs.")


class AllianceRules(Strict):
    nato: AllianceRule = Field(
        default_factory=AllianceRule, description="How NATO decides (Article 5 responses)."
    )
    eu: AllianceRule = Field(
        default_factory=AllianceRule, description="How the EU decides (sanctions packages)."
    )
    sanctions_rate: Unit = Field(0.08, description="Chance per step the EU tables sanctions.")
    cohesion_initial: Unit = Field(0.8, description="Starting cohesion of each alliance.")
    cohesion_recovery: Unit = Field(0.01, description="Cohesion regained per step.")
    blocked_cost: Unit = Field(0.05, description="Cohesion lost when a decision is blocked.")
    peer_pressure: Unit = Field(
        0.08, description="Preference added to every member per decision blocked in a row."
    )
    freeriding_cost: Unit = Field(
        0.02, description="Cohesion lost per step per unit spread of members' war fatigue."
    )
    fracture_threshold: Unit = Field(0.3, description="Cohesion below which an alliance fractures.")
    sanctions_effect: Unit = Field(
        0.01, description="Share of Russia's effective capability each sanctions package removes."
    )


class FatigueRules(Strict):
    rate: Unit = Field(0.006, description="Support lost per step at full war intensity.")
    recovery: Unit = Field(0.005, description="Share of lost support regained per step.")
    supporter_factor: Unit = Field(
        0.3, description="Fatigue of aid givers relative to the belligerents."
    )


class DiplomacyRules(Strict):
    offer_rate: Unit = Field(0.02, description="Chance per step of an unscheduled ceasefire offer.")
    cost_of_war: Unit = Field(0.1, description="Expected cost of fighting on, at full support.")
    fatigue_weight: PositiveRate = Field(
        0.6, description="Extra cost of fighting on per unit of war fatigue."
    )
    resolve_premium: PositiveRate = Field(
        0.35, description="Extra share a resolute side demands before settling."
    )
    perception_noise: PositiveRate = Field(
        0.05, description="Std. dev. of each side's error in judging its prospects."
    )


class PostureRules(Strict):
    reactivity: PositiveRate = Field(0.15, description="Richardson a: reaction to rival posture.")
    decay: Unit = Field(0.25, description="Richardson m: fatigue and cost of keeping posture.")
    grievance: PositiveRate = Field(0.05, description="Richardson g at hawkishness 1.")
    noise: PositiveRate = Field(0.05, description="Std. dev. of error in seeing rival posture.")


class Rules(Strict):
    deterrence: DeterrenceRules = Field(default_factory=DeterrenceRules)
    signalling: SignallingRules = Field(default_factory=SignallingRules)
    accidents: AccidentRules = Field(default_factory=AccidentRules)
    reputation: ReputationRules = Field(default_factory=ReputationRules)
    alliances: AllianceRules = Field(default_factory=AllianceRules)
    fatigue: FatigueRules = Field(default_factory=FatigueRules)
    diplomacy: DiplomacyRules = Field(default_factory=DiplomacyRules)
    posture: PostureRules = Field(default_factory=PostureRules)


EventKind = Literal["action", "warning", "peace_plan", "sanctions_vote", "incident"]


class Event(Strict):
    id: str | None = Field(None, description="Name, so a variant can override this event.")
    kind: EventKind = Field("action", description="What happens.")
    step: Annotated[int, Field(ge=0)] | None = Field(None, description="Step it happens at.")
    window: tuple[Annotated[int, Field(ge=0)], Annotated[int, Field(ge=0)]] | None = Field(
        None, description="[first, last] steps it may happen in, each with `probability`."
    )
    probability: Unit = Field(1.0, description="Chance it happens (per step within a window).")
    actors: list[str] = Field(default_factory=list, description="Actor ids or groups.")
    target: str | None = Field(None, description="Actor the action is aimed at.")
    rung: RungRef | None = Field(None, description="action: rung of the action.")
    mode: Literal["raise", "set"] = Field(
        "raise", description="raise: level becomes at least the rung; set: exactly the rung."
    )
    label: str = Field("", description="Words shown in narratives.")
    terms: Unit | None = Field(
        None, description="peace_plan: Russia's share of the disputed stakes under the plan."
    )
    veto_players: list[str] = Field(
        default_factory=list, description="peace_plan: actors whose objection blocks the plan."
    )
    threshold: RungRef | None = Field(None, description="warning: rung that must not be crossed.")
    response: RungRef | None = Field(None, description="warning: promised response rung.")
    commitment: Unit = Field(0.5, description="warning: probability the threat is carried out.")


class Run(Strict):
    steps: Annotated[int, Field(ge=1, le=10_000)] = Field(52, description="Steps per run.")
    step_unit: Literal["day", "week", "month"] = Field("week", description="What a step is.")
    seed: Annotated[int, Field(ge=0)] = Field(0, description="Seed of a single run.")
    replicates: Annotated[int, Field(ge=1)] = Field(100, description="Runs per sweep point.")


class Scenario(Strict):
    name: str = Field(description="Short name, used in results.")
    description: str = Field("", description="What the scenario is about.")
    ladder: Literal["default"] | list[RungSpec] = Field(
        "default", description="'default' (Kahn-style, 15 rungs) or a custom list of rungs."
    )
    actors: list[Actor] = Field(min_length=2, description="The states (see actors[]).")
    key_dyads: list[str] = Field(
        default_factory=lambda: ["RUS-UKR", "RUS-NATO", "RUS-EU"],
        description="Dyads recorded and reported: 'A-B' with actor ids or groups.",
    )
    rules: Rules = Field(default_factory=Rules, description="Rule parameters (see rules.*).")
    events: list[Event] = Field(default_factory=list, description="The timeline (see events[]).")
    run: Run = Field(default_factory=Run, description="Run length, step unit, seed.")
    sweep: Sweep | None = Field(None, description="Sweep design (see docs/sweeps.md).")
