"""The scenario language: pydantic models that a YAML scenario validates into.

Units: probabilities and 0-1 scores are dimensionless; rates are per step; a step is one
``run.step_unit`` (a week by default). Levels of a channel are named by id (conduct
``grey_zone``, aid ``long_range``, see ``escsim ladder --channels``); reporting-ladder rungs by
id or level. Every number that changes the model's behaviour is a field of ``rules`` (with a
default, bounds and a meaning), so any of them can be swept, fitted or knocked out.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, model_validator

from sim.concepts.alliances import ALLIANCE_NAMES
from sim.concepts.channels import AID, CONDUCT, NUCLEAR_SIGNAL
from sim.concepts.roles import ROLE_NAMES
from sim.concepts.stances import STANCE_NAMES
from sim.rules.doctrines import DOCTRINE_NAMES
from sim.scenario.sweep import Sweep

Unit = Annotated[float, Field(ge=0.0, le=1.0)]
Signed = Annotated[float, Field(ge=-1.0, le=1.0)]
NonNegative = Annotated[float, Field(ge=0.0, le=1e6)]
Weight = Annotated[float, Field(ge=0.0, le=100.0)]
Step = Annotated[int, Field(ge=0, le=100_000)]
RungRef = int | str
ActorId = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]{1,15}$")]
Role = Literal[ROLE_NAMES]  # type: ignore[valid-type]
StanceName = Literal[STANCE_NAMES]  # type: ignore[valid-type]
AllianceName = Literal[ALLIANCE_NAMES]  # type: ignore[valid-type]
Strategy = Literal[DOCTRINE_NAMES]  # type: ignore[valid-type]
ConductLevel = Literal[CONDUCT.ids]  # type: ignore[valid-type]
AidKind = Literal[AID.ids]  # type: ignore[valid-type]
SignalKind = Literal[NUCLEAR_SIGNAL.ids[1:]]  # type: ignore[valid-type]
Text = Annotated[str, Field(max_length=2000)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


# ------------------------------------------------------------------------------- actors
class Attributes(Strict):
    capability: Unit = Field(0.5, description="Military and economic power, relative (0-1).")
    resolve: Unit = Field(0.5, description="How much the actor values the stakes (0-1).")
    risk_tolerance: Unit = Field(
        0.3, description="Willingness to accept the risk of retaliation (0 = averse)."
    )
    exposure: Unit = Field(0.0, description="Exposure to Russia and the war: borders (0-1).")
    reach: Unit = Field(
        1.0,
        description="How easily Russia's services act on the state's territory (0-1): proxies, "
        "proximity, aid hubs; scales its grey-zone incidents.",
    )
    hawkishness: Unit = Field(0.5, description="Preference for firm, forceful policy (0-1).")
    domestic_support: Unit = Field(
        0.8, description="Public support for the current policy; 1 - war fatigue (0-1)."
    )
    nuclear: StrictBool = Field(False, description="Nuclear-armed.")


class StanceValues(Strict):
    toward_russia: Signed = Field(description="Opposition to Russia, -1 (aligned) .. 1 (hawk).")
    toward_ukraine: Signed = Field(description="Support for Ukraine, -1 .. 1.")


class Policy(Strict):
    """Limits the actor's government has set itself; defaults come from its stance."""

    max_aid: AidKind | None = Field(None, description="Highest kind of aid it sends Ukraine.")
    sanctions: StrictBool | None = Field(None, description="Joins EU sanctions packages.")
    max_conduct: ConductLevel | None = Field(
        None, description="Highest rung of direct conduct toward Russia (outside self-defence)."
    )


class Beliefs(Strict):
    """What the actor believes about one other actor (overrides the stance-derived priors)."""

    hostility: Unit | None = Field(None, description="Belief that the other is hostile.")
    resolve: Unit | None = Field(None, description="Believed resolve of the other.")
    reputation: Unit | None = Field(None, description="Believed follow-through of the other.")


class Doctrine(Strict):
    strategy: Strategy = Field("expected_utility", description="How conduct moves are chosen.")
    temperature: Annotated[float, Field(gt=0.0, le=10.0)] = Field(
        0.05, description="Softmax temperature of expected-utility play (bounded rationality)."
    )
    generosity: Unit = Field(
        0.1, description="generous_tit_for_tat: chance of forgiving an escalation."
    )
    grit_period: Annotated[int, Field(ge=1, le=100)] = Field(
        4, description="grit: announced unilateral de-escalation steps made before reciprocity."
    )


RedLineWatch = Literal["aid", "conduct", "nuclear_use"]


class RedLine(Strict):
    id: Annotated[str, Field(max_length=64)] = Field(description="Short name of the red line.")
    description: Text = Field("", description="What crossing it means, in words.")
    violators: list[str] = Field(description="Actor ids or groups (NATO, EU, ALL) it is aimed at.")
    watch: RedLineWatch = Field(
        "conduct",
        description="What is watched: a violator's aid to Ukraine (aid kind), its direct "
        "conduct toward the protected actor (conduct rung), or any nuclear use.",
    )
    protects: str | None = Field(
        None, description="conduct: whose treatment is watched (the owner when omitted)."
    )
    threshold: str | None = Field(
        None, description="aid: an aid kind; conduct: a conduct rung; nuclear_use: none."
    )
    response: str = Field(
        description="A conduct rung the owner raises its conduct toward the violator to, or "
        "`nuclear_signal` (a nuclear signal instead of military action)."
    )
    commitment: Unit = Field(
        0.7,
        description="Owner's declared commitment to respond, before audience costs and "
        "resolve; violators judge it through the owner's reputation.",
    )
    audience_cost: Unit = Field(
        0.1,
        description="Domestic support the owner loses by backing down; a public line ties "
        "hands (see rules.red_lines.audience_weight), and violators know it.",
    )


class Actor(Strict):
    id: ActorId = Field(description="Unique id, upper case (RUS, UKR, USA, FIN ...).")
    name: Annotated[str, Field(max_length=200)] = Field(description="Display name.")
    role: Role = Field(description="russia, ukraine, nato_member or eu_state.")
    memberships: list[AllianceName] = Field(
        default_factory=list, description="NATO and/or EU at the start (see `join` events)."
    )
    stance: StanceName | StanceValues = Field(
        "supporter",
        description="A stance preset (pro_russian, neutral, cautious, supporter, "
        "frontline_hawk) or explicit values toward Russia and Ukraine.",
    )
    policy: Policy = Field(default_factory=Policy, description="Self-imposed limits.")
    attributes: Attributes = Field(default_factory=Attributes, description="See attributes.")
    beliefs: dict[str, Beliefs] = Field(
        default_factory=dict, description="Beliefs about other actors, by id (override priors)."
    )
    conduct: dict[str, ConductLevel] = Field(
        default_factory=dict, description="Initial rung of direct conduct toward a target."
    )
    aid: AidKind = Field("none", description="Initial kind of aid sent to Ukraine.")
    posture: Annotated[float, Field(ge=0.0, le=10.0)] = Field(
        0.2, description="Initial Richardson posture (armament/readiness) toward its rival."
    )
    doctrine: Doctrine = Field(default_factory=Doctrine, description="How it chooses moves.")
    red_lines: list[RedLine] = Field(default_factory=list, description="Declared red lines.")


class RungSpec(Strict):
    id: Annotated[str, Field(max_length=64)] = Field(description="Short id of the rung.")
    name: Annotated[str, Field(max_length=200)] = Field(description="Display name.")
    level: Annotated[int, Field(ge=0, le=1000)] = Field(description="Position 0, 1, 2 ...")
    category: str = Field(description="Ladder category (see `escsim ladder`).")
    description: Text = Field("", description="One line on what it means.")


# ------------------------------------------------------------------------------- the war
class Belligerents(Strict):
    russia: NonNegative = Field(description="Russia's value.")
    ukraine: NonNegative = Field(description="Ukraine's value.")


class WarState(Strict):
    """The Russia-Ukraine war at the start of the run."""

    forces: Belligerents = Field(
        default_factory=lambda: Belligerents(russia=1.0, ukraine=0.9),
        description="Forces in the field (1 = Russia's force at the start of 2022).",
    )
    materiel: NonNegative = Field(
        0.5, description="Western materiel in Ukraine's hands (strength multiplier stock)."
    )
    front: Unit = Field(0.19, description="Share of Ukraine's territory held by Russia.")
    at_war: StrictBool = Field(True, description="Fighting at the start (no agreement in force).")
    optimism: Belligerents = Field(
        default_factory=lambda: Belligerents(russia=0.05, ukraine=0.05),
        description="How far each side overrates its own share of strength at the start.",
    )
    aims: Belligerents = Field(
        default_factory=lambda: Belligerents(russia=0.25, ukraine=0.07),
        description="War aims as the share of Ukraine's territory Russia ends up holding.",
    )
    uncertainty: Unit = Field(
        0.1, description="Std. dev. of each side's belief about the balance at the start."
    )
    casualties: Belligerents = Field(
        default_factory=lambda: Belligerents(russia=0.0, ukraine=0.0),
        description="Forces lost since the war began (same unit as forces): war weariness.",
    )


# ------------------------------------------------------------------------------- rules
class DeterrenceRules(Strict):
    """The calculus of direct conduct (docs/model.md, 'Direct conduct')."""

    gain_weight: Weight = Field(1.0, description="Value per rung of pressing a rival, x stakes.")
    cost_weight: Weight = Field(0.6, description="Scale of the expected cost of retaliation.")
    cost_growth: Annotated[float, Field(ge=1.0, le=4.0)] = Field(
        1.6, description="Factor by which retaliation cost grows per conduct rung."
    )
    inertia: Weight = Field(0.3, description="Cost of making any move at all.")
    denial_weight: Unit = Field(
        0.6, description="How much the target's defence (denial) cuts the gain of escalating."
    )
    reaction_weight: Weight = Field(
        1.2, description="Pull to answer a rival believed hostile (action-reaction)."
    )
    nuclear_cost_multiplier: Weight = Field(
        8.0,
        description="Extra cost of an armed attack (attacks on territory and up) on a "
        "nuclear-armed or -covered target.",
    )
    domestic_weight: Weight = Field(0.4, description="How war fatigue damps escalation.")
    hawk_weight: Weight = Field(0.2, description="Value hawks place on firmness, per rung.")
    backing_down_cost: Weight = Field(
        0.15, description="Audience cost of a step down, x hawkishness."
    )
    warning_cost: Weight = Field(0.6, description="What a formal warning puts at stake.")
    deniability: Unit = Field(
        0.5, description="Share of the retaliation risk a deniable grey-zone act escapes."
    )
    self_deterrence: Unit = Field(
        0.3,
        description="Stability-instability paradox: how much a target's fear of nuclear "
        "escalation lowers its believed will to retaliate, when both sides are nuclear-armed "
        "or covered (Snyder 1965); at the top the nuclear cost multiplier still dominates.",
    )
    eu_solidarity: Unit = Field(
        0.3, description="Share of the EU's collective strength that stands behind a member."
    )
    punishment_base: Weight = Field(
        0.5,
        description="Retaliation cost scale = cost_weight x (1 - risk tolerance) x "
        "(punishment_base + the target's share of strength).",
    )
    credibility_scale: Weight = Field(
        2.0, description="Credibility = min(1, scale x defence share) x resolve x reputation."
    )
    upkeep: Weight = Field(
        0.08, description="Cost per step of each costly rung held (money, readiness, support)."
    )


class StakesRules(Strict):
    """What direct pressure is worth to each side of a Russia-state dyad (docs/model.md)."""

    russia_aid: Weight = Field(
        0.8, description="Russia: coercing a state, per unit of its lethal aid to Ukraine."
    )
    russia_exposure: Weight = Field(0.5, description="Russia: pressing a state on its border.")
    russia_stance: Weight = Field(0.4, description="Russia: pressing a hostile state (stance).")
    state_alliance: Weight = Field(
        1.0, description="NATO member: its share of the alliance's collective posture."
    )
    state_exposure: Weight = Field(0.5, description="State: guarding an exposed flank.")
    state_war: Weight = Field(0.3, description="State: pressing Russia over the war.")


class SupportRules(Strict):
    """Aid to Ukraine: the supplier's decision and the delivery pipeline."""

    gain_weight: Weight = Field(2.0, description="Value per aid kind, x stance x resolve x need.")
    need_base: Unit = Field(0.5, description="Ukraine's need for aid at an even balance.")
    need_weight: Weight = Field(2.0, description="Extra need per unit of Russia's edge.")
    peace_need: Unit = Field(
        0.3, description="Ukraine's need for aid while no war is fought, relative to at war."
    )
    coalition_pull: Weight = Field(
        0.3, description="Pull toward the allies' average aid kind (burden sharing)."
    )
    risk_weight: Weight = Field(0.25, description="Scale of the escalation risk of aid.")
    risk_growth: Annotated[float, Field(ge=1.0, le=4.0)] = Field(
        1.8, description="Growth of aid's escalation risk per kind."
    )
    shadow_weight: Weight = Field(
        1.5, description="How much Russia's nuclear shadow multiplies the risk of aid."
    )
    inertia: Weight = Field(0.35, description="Cost of changing the kind of aid.")
    cut_cost: Weight = Field(0.5, description="Cost to reputation of cutting aid.")
    domestic_weight: Weight = Field(0.6, description="How war fatigue damps aid.")
    temperature: Annotated[float, Field(gt=0.0, le=10.0)] = Field(
        0.1, description="Softmax temperature of aid decisions."
    )
    volume: Annotated[tuple[Unit, Unit, Unit, Unit, Unit], Field(description="per aid kind")] = (
        Field(
            (0.0, 0.05, 0.4, 0.8, 1.0),
            description="Materiel per week per unit of capability, by aid kind (none first).",
        )
    )
    lag: Annotated[tuple[Step, Step, Step, Step, Step], Field(description="per aid kind")] = Field(
        (0, 2, 4, 12, 8), description="Delivery lag in steps by aid kind."
    )
    materiel_scale: Weight = Field(
        0.004, description="Materiel added to Ukraine's stock per unit delivered."
    )


class WarRules(Strict):
    """Attrition, replacement and the front line (docs/model.md, 'The war')."""

    attrition: Unit = Field(0.02, description="Share of own forces lost per step at parity.")
    exchange_exponent: Annotated[float, Field(ge=0.0, le=0.49)] = Field(
        0.3, description="How losses grow with the enemy's edge (below 0.5: a stable front)."
    )
    replacement_russia: Unit = Field(0.022, description="Russia's replacements per step.")
    replacement_ukraine: Unit = Field(0.016, description="Ukraine's replacements per step.")
    materiel_effect: Weight = Field(0.6, description="Strength multiplier per unit of materiel.")
    materiel_use: Unit = Field(0.04, description="Share of materiel used up per step.")
    front_speed: Unit = Field(0.01, description="Largest change of the front per step.")
    offence_margin: Annotated[float, Field(ge=0.0, le=0.4)] = Field(
        0.05, description="Edge over an even balance an attacker needs to gain ground."
    )
    noise: Unit = Field(0.15, description="Std. dev. of weekly battlefield luck (losses).")
    observation_noise: Unit = Field(
        0.1, description="Std. dev. of each side's own error in reading a week's results."
    )
    balance_drift: Unit = Field(
        0.01,
        description="Std. dev. of the weekly drift of the balance the sides allow for: keeps "
        "news informative after years of war (Kalman filter).",
    )
    mobilisation_threshold: Unit = Field(
        0.45, description="Believed share of strength below which a side mobilises."
    )
    mobilisation_boost: Weight = Field(0.5, description="Extra replacement while mobilising.")
    mobilisation_steps: Step = Field(26, description="Steps a mobilisation lasts.")
    mobilisation_cost: Unit = Field(0.05, description="Domestic support a mobilisation costs.")
    mobilisation_cooldown: Step = Field(52, description="Steps before a side mobilises again.")
    capability_exponent: Annotated[float, Field(ge=0.0, le=2.0)] = Field(
        0.5,
        description="Russia's weight in deterrence = capability x (forces / forces at the "
        "start)^exponent.",
    )
    sanctions_drag: Unit = Field(
        0.01, description="Share of Russia's replacements each sanctions package removes."
    )


class NuclearRules(Strict):
    """Nuclear signalling (cheap, frequent) and nuclear use (a deliberate decision only)."""

    signal_base: Annotated[float, Field(ge=-20.0, le=5.0)] = Field(
        -3.0, description="Log-odds of a nuclear signal in a quiet week."
    )
    signal_aid_weight: Weight = Field(
        2.5, description="Log-odds added by Western aid stepping up toward a red line."
    )
    signal_battle_weight: Weight = Field(
        6.0, description="Log-odds added per unit of front lost this step (x 100)."
    )
    signal_nato_weight: Weight = Field(
        1.0, description="Log-odds added per rung NATO members climbed toward Russia this step."
    )
    signal_repeat_penalty: Weight = Field(
        1.0, description="Log-odds removed per unit of recent signalling (crying wolf)."
    )
    signal_kind_start: Weight = Field(
        2.5, description="Motive (log-odds above a quiet week) from which a signal is an exercise."
    )
    signal_kind_step: Weight = Field(
        2.0, description="Extra motive for each costlier kind (deployment, then doctrine)."
    )
    shadow_gain: Unit = Field(
        0.4, description="Nuclear shadow added by a signal, x credibility x kind / 2."
    )
    shadow_decay: Unit = Field(0.12, description="Share of the nuclear shadow lost per step.")
    credibility_initial: Unit = Field(0.5, description="West's initial belief in the threats.")
    credibility_erosion: Unit = Field(
        0.04, description="Credibility lost per signal not followed by action."
    )
    use_threshold: Unit = Field(0.75, description="Desperation at which use becomes thinkable.")
    use_scale: Annotated[float, Field(gt=0.0, le=1.0)] = Field(
        0.05, description="Spread of the use decision around the threshold."
    )
    use_rate: Unit = Field(0.05, description="Chance per step of use at full desperation.")
    desperation_front: Weight = Field(
        1.0, description="Desperation per unit of front lost below Russia's floor."
    )
    desperation_forces: Weight = Field(
        1.0, description="Desperation as Russia's forces fall below forces_floor of their start."
    )
    forces_floor: Unit = Field(
        0.5, description="Share of its starting forces below which Russia grows desperate."
    )
    desperation_nato: Weight = Field(
        0.4,
        description="Desperation per NATO state at war with Russia, x how far Russia is losing "
        "to it (its share of strength above one half, doubled).",
    )
    use_deterrence: Weight = Field(
        1.0, description="Desperation offset per unit of the believed cost of others' responses."
    )
    front_floor: Unit = Field(
        0.07, description="Territory Russia treats as its own (Crimea, Donbas before 2022)."
    )


class SignallingRules(Strict):
    """How moves are read (docs/model.md, 'Perception')."""

    noise: Weight = Field(0.1, description="Std. dev. of noise on the perceived size of a move.")
    misperception: Unit = Field(
        0.05, description="Chance an observed move is read one rung more hostile than it was."
    )
    hold_misread_rate: Unit = Field(
        0.004, description="Chance a week with no move is read as an escalation."
    )
    hostile_prior_bias: Weight = Field(
        1.0, description="How much a hostile prior multiplies misreadings (the spiral)."
    )
    costly_weight: Weight = Field(1.0, description="Belief weight of costly signals.")
    cheap_weight: Weight = Field(
        0.25, description="Belief weight of cheap talk, x the sender's reputation."
    )
    belief_rate: Unit = Field(0.2, description="Learning rate of beliefs per observed signal.")
    prior_pull: Unit = Field(0.02, description="Pull of beliefs back to their prior per step.")
    signal_cost: Unit = Field(
        0.0005,
        description="Domestic support a step at costly conduct rungs costs, per rung (mean "
        "over the actor's dyads).",
    )
    seen_decay: Unit = Field(0.5, description="Share of a misreading remembered next step.")
    reassurance_resolve: Unit = Field(
        0.5, description="A step down lowers believed resolve at this share of the belief rate."
    )
    resolve_prior_base: Unit = Field(
        0.25, description="Believed resolve prior = base + weight x the other's resolve."
    )
    resolve_prior_weight: Unit = Field(
        0.5, description="Weight of the other's true resolve in the prior (see base)."
    )


class AccidentRules(Strict):
    slip_rate: Unit = Field(
        0.02, description="Chance an executed conduct move over- or undershoots by one rung."
    )
    stray_rate: Unit = Field(
        0.03, description="Chance per step of stray fire on a fully exposed state in a full war."
    )


class AttributionRules(Strict):
    """Incidents on a state's territory: who did it, how sure, and what follows."""

    grey_zone_rate: Unit = Field(0.08, description="Grey-zone acts per step at that conduct.")
    attack_rate: Unit = Field(0.5, description="Attacks per step at the attacks rung.")
    attribution_rate: Unit = Field(0.3, description="Chance per step an incident is attributed.")
    accuracy: Unit = Field(0.85, description="Chance an attribution is right.")
    hostile_bias: Unit = Field(
        0.3, description="How much a hostile prior tilts attribution toward 'deliberate'."
    )
    deconfliction: Unit = Field(
        0.5,
        description="Hotlines and deconfliction: raise accuracy and speed of attribution and "
        "keep accidents from being read as deliberate.",
    )
    max_steps: Step = Field(8, description="Steps after which an incident stays unattributed.")
    severity_spread: Unit = Field(
        0.3, description="Severity varies by up to this share around its kind's value."
    )
    alarm: Weight = Field(
        1.0,
        description="Rungs a victim adds to its estimate of Russia's conduct when an "
        "incident is attributed to Russia.",
    )
    article4_threshold: Unit = Field(
        0.5, description="Severity at which an attributed attack brings an Article 4 request."
    )
    article4_propensity: Unit = Field(
        0.6, description="Chance a victim asks, x (1/2 + hawkishness)."
    )
    armed_attack: Unit = Field(
        0.75, description="Severity of an attributed attack that brings an Article 5 vote."
    )
    severity: Annotated[
        tuple[Unit, Unit, Unit, Unit], Field(description="accident, grey zone, attack, clash")
    ] = Field((0.3, 0.35, 0.7, 1.0), description="Severity by kind of incident.")


class ReputationRules(Strict):
    initial: Unit = Field(0.6, description="Initial reputation for following through.")
    followthrough_gain: Unit = Field(0.15, description="Reputation gained by enforcing.")
    bluff_penalty: Unit = Field(0.3, description="Reputation lost when a bluff is called.")
    warning_audience_cost: Unit = Field(
        0.15, description="Audience cost of a warning issued in the timeline."
    )


class RedLineRules(Strict):
    audience_weight: Weight = Field(
        4.0, description="Log-odds of enforcing added per unit of audience cost (tied hands)."
    )
    resolve_weight: Weight = Field(
        2.0, description="Log-odds of enforcing added per unit of resolve above one half."
    )
    restraint_weight: Weight = Field(
        1.0, description="Log-odds of enforcing removed per unit of the response's risk."
    )
    signal_response_cost: Weight = Field(
        0.3, description="What a violator fears from a nuclear-signal response, x credibility."
    )


class AllianceRule(Strict):
    rule: Literal["consensus", "majority"] = Field(
        "consensus", description="consensus: any member can veto; majority: share of votes."
    )
    vote_threshold: Unit = Field(0.35, description="Preference a member needs to vote yes.")
    majority_share: Unit = Field(0.5, description="Share of yes votes a majority needs.")


class VoteWeights(Strict):
    """A member's preference for a firm collective measure against Russia."""

    base: Signed = Field(0.1, description="Constant.")
    hawkishness: Weight = Field(0.3, description="Per unit of hawkishness.")
    exposure: Weight = Field(0.2, description="Per unit of exposure.")
    threat: Weight = Field(0.3, description="Per unit of hostility believed of Russia.")
    stance: Weight = Field(0.3, description="Per unit of stance toward Russia.")
    fatigue: Weight = Field(0.3, description="Removed per unit of war fatigue.")


class AllianceRules(Strict):
    nato: AllianceRule = Field(default_factory=AllianceRule, description="How NATO decides.")
    eu: AllianceRule = Field(default_factory=AllianceRule, description="How the EU decides.")
    votes: VoteWeights = Field(default_factory=VoteWeights, description="Member preferences.")
    sanctions_rate: Unit = Field(0.05, description="Packages tabled per step in a quiet time.")
    outrage_gain: Weight = Field(0.5, description="Outrage added by a shocking Russian act.")
    outrage_decay: Unit = Field(0.03, description="Share of outrage fading per step.")
    outrage_rate: Unit = Field(0.1, description="Packages tabled per step per unit outrage.")
    max_rounds: Step = Field(8, description="Votes on one package before it is dropped.")
    cohesion_initial: Unit = Field(0.8, description="Starting cohesion of each alliance.")
    cohesion_target: Unit = Field(0.85, description="Cohesion a calm alliance returns to.")
    cohesion_recovery: Unit = Field(0.02, description="Share of the gap closed per step.")
    blocked_cost: Unit = Field(0.01, description="Cohesion lost when a decision is blocked.")
    peer_pressure: Unit = Field(
        0.15, description="Preference added to every member per decision blocked in a row."
    )
    freeriding_cost: Unit = Field(
        0.02, description="Cohesion lost per step per unit spread of members' contributions."
    )
    fatigue_cost: Unit = Field(
        0.02, description="Cohesion lost per step per unit spread of members' fatigue."
    )
    rally: Unit = Field(0.05, description="Cohesion gained when members are attacked.")
    consultation_rally: Unit = Field(
        0.025, description="Cohesion gained from Article 4 consultations."
    )
    consultation_alarm: Unit = Field(
        0.1, description="Allies' hostility belief raised by Article 4 consultations, x (1 - h)."
    )
    aid_share: Unit = Field(
        0.5, description="Share of aid (vs direct conduct) in a member's contribution."
    )
    fracture_threshold: Unit = Field(0.3, description="Cohesion below which it fractures.")
    sanctions_cost: Unit = Field(
        0.002, description="Russia's cost of fighting on per sanctions package (diplomacy)."
    )
    reluctance: Unit = Field(
        0.3, description="Preference removed from a member whose policy rejects sanctions."
    )


class FatigueRules(Strict):
    rate: Unit = Field(0.002, description="Support lost per step at full war intensity.")
    recovery: Unit = Field(0.01, description="Share of the gap to the start closed per step.")
    supporter_factor: Unit = Field(0.3, description="Fatigue of aid givers per unit of aid.")
    casualty_weight: Weight = Field(0.05, description="Support lost per unit of forces lost.")


class DiplomacyRules(Strict):
    """Offers and agreements (docs/model.md, 'Bargaining'; sim/rules/bargaining.py)."""

    offer_rate: Unit = Field(
        0.02,
        description="Chance per step of a mediator's offer along the current line (a "
        "ceasefire at war, an armistice in a ceasefire, a settlement in an armistice).",
    )
    horizon: Step = Field(26, description="Steps ahead each side projects the front.")
    cost_of_war: Unit = Field(0.02, description="Cost of fighting on, in territory share.")
    fatigue_weight: Weight = Field(0.05, description="Extra cost per unit of war fatigue.")
    weariness_weight: Weight = Field(
        0.02,
        description="Extra cost per unit of log(1 + forces lost since the war began): war "
        "weariness that grows with cumulative losses (Mueller 1973).",
    )
    support_firmness: Unit = Field(
        1.0,
        description="How much domestic support firms up war aims: aims weigh resolve x "
        "(1 - f + f x support), so a tired public holds them less firmly.",
    )
    aim_weight: Weight = Field(
        1.5, description="Pull of war aims on what a side accepts, x resolve x support."
    )
    public_weight: Unit = Field(
        1.0,
        description="How far a supporter's tired public lowers the aid Ukraine counts on from "
        "it: reliability x (1 - w + w x support / starting support).",
    )
    perception_noise: Unit = Field(
        0.04,
        description="Std. dev. of each side's misjudgement of its own floor or ceiling at an "
        "offer (quantal response; in territory share).",
    )
    withdrawal_threat: Unit = Field(
        0.6, description="Share of its aid a plan's backer withholds if Ukraine refuses."
    )
    opposition_boost: Unit = Field(
        0.3, description="Extra aid a plan's opponent pledges if Ukraine refuses."
    )
    support_cost: Weight = Field(
        2.0,
        description="How much more fighting on costs Ukraine per unit share of today's aid it "
        "expects to lose (outside support carries part of the cost of war, Regan 2002; "
        "partners paid about two thirds of Ukraine's war in 2023-24, Kiel Institute).",
    )
    shift_weight: Weight = Field(
        1.0,
        description="Weight of expected shifts of power: in each side's projection of fighting "
        "on (aid pipeline, mobilisation) and in its fear of the other's growth during an "
        "agreement (the commitment problem, Powell 2006).",
    )
    lull_use: Unit = Field(
        0.25, description="Materiel used up during an agreement, as a share of wartime use."
    )
    ceasefire_break_rate: Unit = Field(0.02, description="Chance per step a ceasefire breaks.")
    armistice_break_rate: Unit = Field(0.003, description="Chance per step an armistice breaks.")
    ceasefire_discount: Unit = Field(
        0.5,
        description="Weight of war aims in a ceasefire or an armistice (the line is not "
        "recognised), as a share of their weight in a settlement.",
    )


class PostureRules(Strict):
    reactivity: Weight = Field(0.15, description="Richardson a: reaction to rival posture.")
    decay: Unit = Field(0.25, description="Richardson m: fatigue and cost of keeping posture.")
    grievance: Weight = Field(0.05, description="Richardson g at hawkishness 1.")
    noise: Weight = Field(0.05, description="Std. dev. of error in seeing rival posture.")
    weight: Weight = Field(0.5, description="Weight of posture in defence (denial).")


class Rules(Strict):
    deterrence: DeterrenceRules = Field(default_factory=DeterrenceRules)
    stakes: StakesRules = Field(default_factory=StakesRules)
    support: SupportRules = Field(default_factory=SupportRules)
    war: WarRules = Field(default_factory=WarRules)
    nuclear: NuclearRules = Field(default_factory=NuclearRules)
    signalling: SignallingRules = Field(default_factory=SignallingRules)
    accidents: AccidentRules = Field(default_factory=AccidentRules)
    attribution: AttributionRules = Field(default_factory=AttributionRules)
    reputation: ReputationRules = Field(default_factory=ReputationRules)
    red_lines: RedLineRules = Field(default_factory=RedLineRules)
    alliances: AllianceRules = Field(default_factory=AllianceRules)
    fatigue: FatigueRules = Field(default_factory=FatigueRules)
    diplomacy: DiplomacyRules = Field(default_factory=DiplomacyRules)
    posture: PostureRules = Field(default_factory=PostureRules)


# ------------------------------------------------------------------------------- events
EventKind = Literal[
    "conduct",
    "aid",
    "warning",
    "peace_plan",
    "sanctions_vote",
    "incident",
    "nuclear_signal",
    "stance",
    "join",
    "article4",
    "mobilisation",
    "strikes",
]
#: What each kind of event needs (checked in sim.scenario.references).
EVENT_NEEDS: dict[str, tuple[str, ...]] = {
    "conduct": ("actors", "target", "level"),
    "aid": ("actors", "level"),
    "warning": ("actors", "target", "response"),
    "peace_plan": ("terms",),
    "sanctions_vote": (),
    "incident": ("target",),
    "nuclear_signal": ("level",),
    "stance": ("actors",),
    "join": ("actors", "alliance"),
    "article4": ("actors",),
    "mobilisation": ("actors",),
    "strikes": (),
}


class Event(Strict):
    id: Annotated[str, Field(max_length=64)] | None = Field(
        None, description="Name, so a variant can override this event."
    )
    kind: EventKind = Field("conduct", description="What happens (see docs/scenarios.md).")
    step: Step | None = Field(None, description="Step it happens at.")
    window: tuple[Step, Step] | None = Field(
        None, description="[first, last] steps it may happen in, each with `probability`."
    )
    probability: Unit = Field(1.0, description="Chance it happens (per step within a window).")
    actors: list[str] = Field(default_factory=list, description="Actor ids or groups.")
    target: str | None = Field(None, description="Actor or group it is aimed at.")
    level: str | None = Field(
        None,
        description="conduct: a conduct rung; aid: an aid kind; nuclear_signal: threat, "
        "exercise, deployment or doctrine.",
    )
    mode: Literal["raise", "set"] = Field(
        "raise", description="raise: the level becomes at least this; set: exactly this."
    )
    label: Text = Field("", description="Words shown in narratives.")
    # warning
    watch: RedLineWatch = Field("conduct", description="warning: what the red line watches.")
    threshold: str | None = Field(None, description="warning: aid kind or conduct rung.")
    response: str | None = Field(None, description="warning: promised response.")
    commitment: Unit = Field(0.5, description="warning: private commitment to respond.")
    # peace plan
    terms: Unit | None = Field(
        None, description="peace_plan: share of Ukraine's territory Russia keeps under the plan."
    )
    agreement: Literal["ceasefire", "armistice", "settlement"] = Field(
        "settlement", description="peace_plan: what the plan would establish."
    )
    sponsor: str | None = Field(None, description="peace_plan: who tables it.")
    backers: list[str] = Field(
        default_factory=list, description="peace_plan: supporters who back it (and would cut aid)."
    )
    opponents: list[str] = Field(
        default_factory=list,
        description="peace_plan: supporters who oppose it (and keep arming Ukraine).",
    )
    # stance change, join, mobilisation, strikes
    stance: StanceName | StanceValues | None = Field(
        None, description="stance: the actors' new stance."
    )
    policy: Policy | None = Field(None, description="stance: the actors' new policy limits.")
    alliance: AllianceName | None = Field(None, description="join: the alliance joined.")
    size: Annotated[float, Field(ge=0.0, le=10.0)] = Field(
        0.3, description="mobilisation: forces added over the mobilisation; strikes: outrage."
    )

    @model_validator(mode="after")
    def _timing(self) -> Event:
        if (self.step is None) == (self.window is None):
            raise ValueError("an event needs exactly one of step or window")
        if self.window is not None and self.window[0] > self.window[1]:
            raise ValueError("window starts after it ends")
        return self


class Run(Strict):
    steps: Annotated[int, Field(ge=1, le=10_000)] = Field(52, description="Steps per run.")
    step_unit: Literal["day", "week", "month"] = Field("week", description="What a step is.")
    start: Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")] | None = Field(
        None, description="Calendar date of step 0 (YYYY-MM-DD), for labels and facts."
    )
    seed: Annotated[int, Field(ge=0, le=2**63 - 1)] = Field(0, description="Seed of a run.")
    replicates: Annotated[int, Field(ge=1, le=10_000_000)] = Field(
        100, description="Runs per sweep point."
    )


class Scenario(Strict):
    name: Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_.\-]+$")] = Field(
        description="Short name, used in results and file names."
    )
    description: Text = Field("", description="What the scenario is about.")
    ladder: Literal["default"] | list[RungSpec] = Field(
        "default", description="'default' (Kahn-style, 15 rungs) or a custom list of rungs."
    )
    actors: list[Actor] = Field(min_length=2, max_length=200, description="The states.")
    war: WarState = Field(default_factory=WarState, description="The war at the start.")
    sanctions_packages: Annotated[int, Field(ge=0, le=1000)] = Field(
        0,
        description="EU sanctions packages in force at the start; EU members whose policy "
        "accepts sanctions are bound to at least the sanctions rung toward Russia.",
    )
    key_dyads: list[str] = Field(
        default_factory=lambda: ["RUS-UKR", "RUS-NATO", "RUS-EU"],
        description="Dyads reported on the ladder: 'A-B' with actor ids or groups.",
    )
    rules: Rules = Field(default_factory=Rules, description="Rule parameters (see rules.*).")
    events: list[Event] = Field(
        default_factory=list, max_length=20_000, description="The timeline (see events[])."
    )
    run: Run = Field(default_factory=Run, description="Run length, step unit, seed.")
    sweep: Sweep | None = Field(None, description="Sweep design (see docs/sweeps.md).")
