"""The lessons of docs/teaching.md, in the guide's order: each isolates one mechanism of
deterrence or escalation by a pair of scenarios (or a five-point dose series) that differ in one
knob, a dotted scenario path named after the mechanism, and states claims about a measure
(``sim.teaching.metrics``) that the tests check over paired seeds, together with a knock-out:
with the mechanism switched off in every arm, the claim must no longer hold.

This module is cheap to import (the dashboard's lesson mode reads it); running a lesson is in
``sim.teaching.evidence``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.paths import shipped_scenarios
from sim.teaching.metrics import MEASURES, TRACES

#: Folder of the teaching scenarios (in a checkout or an installed package); ``Arm.scenario`` is
#: relative to it.
TEACHING = shipped_scenarios() / "teaching"
#: ``Claim.higher`` of a dose series.
TRENDS = ("increasing", "decreasing")


@dataclass(frozen=True)
class Arm:
    label: str  # human label, e.g. "weak Blueland (0.1)"
    scenario: str  # path relative to scenarios/teaching/
    value: object  # the knob's value in this arm


@dataclass(frozen=True)
class Claim:
    """``measure`` is higher in the arm labelled ``higher`` than in the other arm, or, for a
    dose series, ``increasing``/``decreasing`` over the doses."""

    measure: str  # a name in sim.teaching.metrics.MEASURES
    higher: str
    words: str  # the claim as the guide states it
    #: dotted path -> value switching off the mechanism behind this claim, when it is not the
    #: lesson's own knock-out (a lesson whose claims rest on two mechanisms), and its meaning
    knockout: dict[str, object] | None = None
    knockout_words: str = ""


@dataclass(frozen=True)
class Lesson:
    key: str
    title: str  # human title
    knob: str  # the one dotted scenario path that differs between the arms
    knob_label: str
    arms: tuple[Arm, ...]  # 2 (a pair) or 5 (a dose series, in dose order)
    text: str  # the concept: plain text, 1-3 short paragraphs, with sources
    look_for: str
    questions: tuple[str, ...]
    claims: tuple[Claim, ...]
    knockout: dict[str, object]  # dotted path -> value that switches the mechanism off
    sources: tuple[str, ...]
    #: what the knock-out means, in words
    knockout_words: str = ""
    #: the weekly trace (sim.teaching.metrics.TRACES) the figure follows
    trace: str = "russia_conduct"

    def __post_init__(self) -> None:
        labels = [arm.label for arm in self.arms]
        if len(self.arms) not in (2, 5) or len(set(labels)) != len(labels):
            raise ValueError(f"{self.key}: 2 or 5 arms with distinct labels, found {labels}")
        if self.trace not in TRACES:
            raise ValueError(f"{self.key}: unknown trace {self.trace!r}")
        for claim in self.claims:
            if claim.measure not in MEASURES:
                raise ValueError(f"{self.key}: unknown measure {claim.measure!r}")
            allowed = TRENDS if self.is_series else labels
            if claim.higher not in allowed:
                raise ValueError(f"{self.key}: higher={claim.higher!r}; allowed: {allowed}")

    @property
    def is_series(self) -> bool:
        return len(self.arms) == 5

    def knockout_of(self, claim: Claim) -> dict[str, object]:
        return self.knockout if claim.knockout is None else claim.knockout

    def knockout_words_of(self, claim: Claim) -> str:
        return self.knockout_words if claim.knockout is None else claim.knockout_words


CAPABILITY = "Blueland's capability (0-1; Russia's is 0.6)"
DOCTRINE = "Blueland's doctrine"
#: Jervis's spiral, switched off: beliefs learn nothing from what is seen, and a rival believed
#: hostile pulls no one up (neither action-reaction nor a hawk's taste for firmness).
NO_SPIRAL = {
    "rules.deterrence.reaction_weight": 0.0,
    "rules.deterrence.hawk_weight": 0.0,
    "rules.signalling.belief_rate": 0.0,
}

LESSONS: dict[str, Lesson] = {
    lesson.key: lesson
    for lesson in (
        Lesson(
            key="punishment",
            title="Deterrence by punishment",
            knob="actors.BLU.attributes.capability",
            knob_label=CAPABILITY,
            arms=(
                Arm("weak Blueland (0.1)", "punishment_weak.yaml", 0.1),
                Arm("strong Blueland (0.6)", "punishment_strong.yaml", 0.6),
            ),
            text=(
                "Deterrence by punishment does not stop an attack: it threatens to make the "
                "attacker pay afterwards more than it gains (Snyder 1961; Schelling 1966). What "
                "deters is the expected cost of retaliation: how likely the threat is to be "
                "carried out (credibility = capability x resolve x reputation, as the attacker "
                "sees them) times how much it would hurt, which grows steeply with every rung "
                "climbed.\n\n"
                "In this pair Blueland's defences cannot deny Russia anything (denial is "
                "switched off in both arms), so Blueland's capability counts only as a power to "
                "punish. The weak Blueland has a sixth of Russia's capability, the strong one "
                "as much as Russia."
            ),
            look_for=(
                "Against the weak Blueland Russia climbs through grey-zone acts and attacks on "
                "Blueland's territory to war within three weeks, in every run: nothing it could "
                "suffer outweighs what it gains. Against the strong Blueland it stops at "
                "grey-zone acts for weeks, then attacks Blueland's territory in about half the "
                "weeks and rarely goes further: each rung up is where retaliation would hurt "
                "most."
            ),
            questions=(
                "In this pair the strong Blueland's defences could not stop anything, yet "
                "Russia holds back. What exactly does Russia fear?",
                "Punishment must be believed. Which part of credibility (capability, resolve, "
                "reputation) could a small frontline state raise fastest, and how?",
            ),
            claims=(
                Claim(
                    "russia_attack_weeks",
                    "weak Blueland (0.1)",
                    "Russia attacks Blueland's territory (or worse) in more weeks when Blueland "
                    "is too weak to punish it",
                ),
            ),
            knockout={"rules.deterrence.cost_weight": 0.0},
            knockout_words="retaliation costs the attacker nothing "
            "(rules.deterrence.cost_weight = 0)",
            sources=(
                "Snyder, G. (1961) Deterrence and Defense. Princeton University Press.",
                "Schelling, T. (1966) Arms and Influence. Yale University Press.",
            ),
        ),
        Lesson(
            key="denial",
            title="Deterrence by denial",
            knob="actors.BLU.attributes.capability",
            knob_label=CAPABILITY,
            arms=(
                Arm("weak defences (0.1)", "denial_weak.yaml", 0.1),
                Arm("strong defences (0.6)", "denial_strong.yaml", 0.6),
            ),
            text=(
                "Deterrence by denial persuades an attacker that the move will fail: strong "
                "defences mean that pressing buys little (Snyder 1961; Mearsheimer 1983). It "
                "needs no threat of retaliation at all. In the model the target's share of "
                "strength cuts what each rung of pressure gains.\n\n"
                "In this pair Russia fears no retaliation: it gives Blueland's threats no "
                "credence (Blueland has no reputation for following through) and does not see "
                "it as a rival to answer. What holds Russia back is only whether pressing "
                "Blueland gains enough to pay for the effort: every costly rung has an upkeep."
            ),
            look_for=(
                "Against weak defences every rung pays: Russia keeps climbing through the year "
                "and ends it attacking Blueland, or at war with it, in nearly half the runs. "
                "Against strong defences the gain of a rung barely covers its upkeep: Russia "
                "stays at rhetoric, sanctions or exercises in most weeks and almost never "
                "attacks."
            ),
            questions=(
                "Denial is visible and expensive; punishment is cheap to declare but must be "
                "believed. Which would you rely on for a small frontline state, and why?",
                "Fortifying a border (the Baltic Defence Line, for instance) changes what "
                "Russia can gain, not what it fears. Why can that still lower the risk of war?",
            ),
            claims=(
                Claim(
                    "russia_mean_conduct",
                    "weak defences (0.1)",
                    "Russia presses harder (a higher mean rung of conduct) against weak defences",
                ),
            ),
            knockout={"rules.deterrence.denial_weight": 0.0},
            knockout_words="defences do not cut the gain of pressing "
            "(rules.deterrence.denial_weight = 0)",
            sources=(
                "Snyder, G. (1961) Deterrence and Defense. Princeton University Press.",
                "Mearsheimer, J. (1983) Conventional Deterrence. Cornell University Press.",
            ),
        ),
        Lesson(
            key="credibility",
            title="Credibility and reputation",
            knob="actors.RUS.red_lines.deployment.commitment",
            knob_label="Russia's commitment to carry out its red line (0-1)",
            arms=(
                Arm("bluff (0.1)", "credibility_bluff.yaml", 0.1),
                Arm("committed (0.4)", "credibility_committed.yaml", 0.4),
            ),
            text=(
                "A threat deters only if it is believed. Credibility rests on capability, "
                "resolve and reputation (Schelling 1966), and reputation is learned: each time "
                "a red line is tested, others see whether its owner follows through (Sartori "
                "2005). In the model a violator weighs a red line by the owner's commitment "
                "times the owner's reputation; an enforced line raises the reputation in every "
                "observer's eyes, a called bluff lowers it, and a lower reputation weakens "
                "every later threat.\n\n"
                "Both arms have the same Russian red line (a forward deployment in Blueland "
                "will be answered by grey-zone acts) and the same Blueland, a frontline state "
                "that would like to deploy. Only Russia's commitment differs."
            ),
            look_for=(
                "Blueland deploys against the bluff in nine runs in ten; most often Russia backs "
                "down, and its reputation in Blueland's eyes falls from 0.6 toward 0.5, so its "
                "next threat will deter less. The committed red line is "
                "almost never tested: deterrence that works leaves no trace but a crossing that "
                "did not happen (Blueland stays at exercises)."
            ),
            questions=(
                "Why might a state declare a red line it does not intend to enforce? What does "
                "it gain, and what does it risk for its next red line?",
                "Several Russian red lines on Western aid were crossed in 2022-24 without the "
                "promised response. How should Western governments read Russia's latest "
                "warning in the light of that record?",
            ),
            claims=(
                Claim(
                    "red_line_crossed",
                    "bluff (0.1)",
                    "A bluff is crossed more often than a red line that is meant",
                ),
                Claim(
                    "russia_reputation",
                    "committed (0.4)",
                    "When the bluff is called, Russia's reputation for following through falls",
                ),
            ),
            knockout={
                "rules.reputation.initial": 0.0,
                "rules.reputation.followthrough_gain": 0.0,
                "rules.reputation.bluff_penalty": 0.0,
            },
            knockout_words="reputation counts for nothing: threats get no credence and nobody "
            "learns from a record (rules.reputation.initial, followthrough_gain and "
            "bluff_penalty = 0)",
            sources=(
                "Schelling, T. (1966) Arms and Influence. Yale University Press.",
                "Sartori, A. (2005) Deterrence by Diplomacy. Princeton University Press.",
            ),
            trace="russia_reputation",
        ),
        Lesson(
            key="audience_costs",
            title="Red lines and audience costs",
            knob="actors.RUS.red_lines.deployment.audience_cost",
            knob_label="Domestic cost to Russia's leaders of backing down (0-1)",
            arms=(
                Arm("private line (0)", "audience_private.yaml", 0.0),
                Arm("public line (0.2)", "audience_public.yaml", 0.2),
            ),
            text=(
                "A leader who draws a red line in public and then backs down pays at home: "
                "critics, the press and the public punish the climb-down. Because backing down "
                "would cost more, following through becomes likelier, and a rival who knows "
                "this believes the threat more: a public threat ties hands (Fearon 1994; Tomz "
                "2007).\n\n"
                "In the model the audience cost adds to the log-odds that the owner enforces "
                "its line (rules.red_lines.audience_weight per unit of audience cost), the "
                "violator, who sees the audience, weighs the line by the same odds, and a "
                "called bluff costs the owner that much domestic support. Both arms have the "
                "same red line with the same weak private commitment (0.1); it is drawn in private "
                "or in public."
            ),
            look_for=(
                "The private red line is crossed in nine runs in ten; the public one, backed by "
                "the same weak private commitment, in about four in ten. When a line is "
                "crossed, Russia follows through about twice as often on the public one, and "
                "when it backs down it loses domestic support."
            ),
            questions=(
                "Audience costs need an audience that punishes backing down. Do they work the "
                "same way for a democracy and for an autocracy with controlled media?",
                "If public red lines deter better, why do governments so often keep their red "
                "lines vague?",
            ),
            claims=(
                Claim(
                    "red_line_crossed",
                    "private line (0)",
                    "A red line drawn in private is crossed more often than the same line "
                    "drawn in public",
                ),
            ),
            knockout={"rules.red_lines.audience_weight": 0.0},
            knockout_words="the audience's verdict does not enter the decision to enforce "
            "(rules.red_lines.audience_weight = 0)",
            sources=(
                "Fearon, J. (1994) Domestic political audiences and the escalation of "
                "international disputes. American Political Science Review 88(3).",
                "Tomz, M. (2007) Domestic audience costs in international relations: an "
                "experimental approach. International Organization 61(4).",
                "Weeks, J. (2008) Autocratic audience costs. International Organization 62(1).",
            ),
            trace="blueland_conduct",
        ),
        Lesson(
            key="costly_signals",
            title="Costly signals",
            knob="actors.BLU.attributes.risk_tolerance",
            knob_label="Blueland's private type: its tolerance of the risk of a clash (0-1)",
            arms=(
                Arm("irresolute Blueland (0.1)", "signals_irresolute.yaml", 0.1),
                Arm("resolute Blueland (0.8)", "signals_resolute.yaml", 0.8),
            ),
            text=(
                "Anyone can say they are resolute; only the resolute will pay for showing it. "
                "A signal that costs its sender something separates types: an irresolute "
                "government will not pay for it, so a receiver who sees it paid can believe it "
                "(Spence 1973; Fearon 1997). A free signal is sent by every type and tells the "
                "receiver nothing.\n\n"
                "In the model a costly posture (exercises, forward posture) costs its sender "
                "upkeep and domestic support every week it is held and carries a risk of "
                "retaliation. The two Bluelands differ only in their private type, their "
                "tolerance of that risk: a cost that weighs the same on every type does not "
                "separate them, one that weighs more on the irresolute does (Spence's "
                "condition). Russia starts with the same belief about both and can learn the "
                "type only from what Blueland pays for."
            ),
            look_for=(
                "The resolute Blueland moves to exercises and forward posture within weeks and "
                "pays for them all year; the irresolute one pays for a costly posture (mostly "
                "exercises) in fewer than half the weeks and keeps dropping back to sanctions or "
                "rhetoric. Russia's belief in Blueland's "
                "resolve ends higher for the resolute type: the signal screens. Russia also "
                "reads some of those moves as threats (its belief that Blueland is hostile "
                "rises more): the next lesson's subject."
            ),
            questions=(
                "The article reports Finnish troops drilling with NATO. Which message does "
                "such a drill send that a speech cannot, and to whom?",
                "A costly signal can also be read as a threat. When is a drill more likely to "
                "deter, and when to provoke?",
            ),
            claims=(
                Claim(
                    "blueland_costly_weeks",
                    "resolute Blueland (0.8)",
                    "Irresolute types send costly signals less: the irresolute Blueland pays "
                    "for a costly posture in fewer weeks",
                ),
                Claim(
                    "believed_resolve",
                    "resolute Blueland (0.8)",
                    "Receivers believe costly signallers more: Russia ends the year believing "
                    "the resolute type more resolute",
                ),
            ),
            knockout={
                "rules.deterrence.upkeep": 0.0,
                "rules.signalling.signal_cost": 0.0,
                "rules.deterrence.cost_weight": 0.0,
            },
            knockout_words="signals cost nothing: no upkeep, no domestic cost, no risk of "
            "retaliation (rules.deterrence.upkeep, rules.signalling.signal_cost and "
            "rules.deterrence.cost_weight = 0), so both types signal alike",
            sources=(
                "Spence, M. (1973) Job market signaling. Quarterly Journal of Economics 87(3).",
                "Fearon, J. (1997) Signaling foreign policy interests: tying hands versus "
                "sinking costs. Journal of Conflict Resolution 41(1).",
            ),
            trace="blueland_conduct",
        ),
        Lesson(
            key="spiral",
            title="The security dilemma and the spiral model",
            knob="actors.RUS.beliefs.BLU.hostility",
            knob_label="Moscow's starting belief that Blueland is hostile (0-1)",
            arms=(
                Arm("benign reading (0.3)", "spiral_benign.yaml", 0.3),
                Arm("fearful reading (0.9)", "spiral_fearful.yaml", 0.9),
            ),
            text=(
                "What one state does to feel safe makes its neighbour feel less safe (Herz "
                "1950; Jervis 1978). Whether a move deters or provokes depends on how it is "
                "read: the deterrence model assumes the rival is aggressive and must be faced "
                "down; the spiral model warns that a rival who is merely afraid reads firmness "
                "as a threat and answers it (Jervis 1976).\n\n"
                "In the model a receiver reads a perceived escalation as a threat with a "
                "probability equal to its belief that the sender is hostile, and as deterrence "
                "otherwise; a threat raises that belief, and only a rival believed hostile "
                "pulls the receiver up (action-reaction). In both arms Blueland drills near the "
                "border in a quarter of the weeks, to feel safe; only Moscow's starting belief "
                "about Blueland's intent differs."
            ),
            look_for=(
                "Same drills, different reading. The fearful Moscow reads most drills as "
                "threats, its hostility climbs toward certainty, and it answers: attacks on "
                "Blueland's territory and clashes with its forces in most weeks. The benign "
                "Moscow reads most drills as deterrence (its belief in Blueland's resolve "
                "rises) and stays "
                "at grey-zone acts; yet every drill it does read as a threat nudges its "
                "hostility up (watch it climb from 0.3): the security dilemma at work between "
                "rivals that start calm."
            ),
            questions=(
                "Moscow reads NATO's eastern exercises as preparation for attack; NATO calls "
                "them purely defensive. Using the two models, what would each side need to "
                "believe for the other's reading to be right?",
                "What could Blueland do to lower Moscow's hostile reading without lowering its "
                "guard?",
            ),
            claims=(
                Claim(
                    "russia_attack_weeks",
                    "fearful reading (0.9)",
                    "A fearful reading turns the same defensive drills into a spiral: Russia "
                    "attacks Blueland's territory in more weeks",
                ),
            ),
            knockout=NO_SPIRAL,
            knockout_words="readings change nothing: beliefs learn nothing from what is seen "
            "and a rival believed hostile pulls no one up (rules.signalling.belief_rate, "
            "rules.deterrence.reaction_weight and hawk_weight = 0)",
            sources=(
                "Herz, J. (1950) Idealist internationalism and the security dilemma. World "
                "Politics 2(2).",
                "Jervis, R. (1976) Perception and Misperception in International Politics. "
                "Princeton University Press.",
                "Jervis, R. (1978) Cooperation under the security dilemma. World Politics 30(2).",
            ),
            trace="russia_hostility",
        ),
        Lesson(
            key="accidents",
            title="Misperception and accidents",
            knob="rules.signalling.misperception",
            knob_label="Chance an observed move is misread as one rung more hostile",
            arms=tuple(
                Arm(f"{r}% misread", f"accidents_{r:02d}.yaml", r / 100) for r in (2, 5, 10, 20, 40)
            ),
            text=(
                "Wars can begin by mistake: a stray missile, a misread radar, a unit that goes "
                "further than ordered (Posen 1991). Schelling called deliberately running such "
                "risks 'the threat that leaves something to chance'. Misperception makes "
                "mistakes grow: a move read as more hostile than it was is answered as if it "
                "had been (Jervis 1976).\n\n"
                "In the model each observed move is misread as one rung more hostile with some "
                "probability; a receiver that misreads believes the rival stands higher than "
                "it does and is pulled up to match it (action-reaction). The five arms raise "
                "that probability from 2% to 40%, with Blueland drilling now and then so that "
                "there are moves to misread; nothing else changes, and no arm is free of "
                "accidents."
            ),
            look_for=(
                "The more moves are misread, the more weeks Russia spends attacking Blueland's "
                "territory and the higher it climbs, though neither side's aims changed: each "
                "answered what it thought it saw. In a single run (escsim run "
                "scenarios/teaching/accidents_40.yaml --seed 3) the event log marks each "
                "misreading and each 'inadvertent' escalation: one that, with the same draw, "
                "would not have happened had the rival been seen as it was."
            ),
            questions=(
                "Which of the article's indicators (exercises, rhetoric, aid, diplomacy) would "
                "help an analyst tell an accident from a deliberate move in real time?",
                "Hotlines and incident agreements change nobody's aims. Why can they still "
                "lower the risk of war?",
            ),
            claims=(
                Claim(
                    "inadvertent_escalations",
                    "increasing",
                    "More misreading, more escalation nobody chose: inadvertent escalations "
                    "rise with the misreading rate",
                ),
                Claim(
                    "russia_attack_weeks",
                    "increasing",
                    "and Russia attacks Blueland's territory in more weeks",
                ),
                Claim(
                    "russia_peak",
                    "increasing",
                    "and Russia's highest rung toward Blueland rises with it",
                ),
            ),
            knockout={"rules.deterrence.reaction_weight": 0.0},
            knockout_words="a rival believed to stand higher pulls no one up "
            "(rules.deterrence.reaction_weight = 0)",
            sources=(
                "Schelling, T. (1960) The Strategy of Conflict. Harvard University Press.",
                "Jervis, R. (1976) Perception and Misperception in International Politics. "
                "Princeton University Press.",
                "Posen, B. (1991) Inadvertent Escalation. Cornell University Press.",
            ),
            trace="russia_attacking",
        ),
        Lesson(
            key="reciprocity",
            title="Reciprocity under noise",
            knob="actors.BLU.doctrine.generosity",
            knob_label="How often Blueland forgives an escalation (generous tit-for-tat)",
            arms=tuple(
                Arm(f"forgives {g:.0%}", f"reciprocity_{round(g * 100):02d}.yaml", g)
                for g in (0.0, 0.1, 0.2, 0.35, 0.5)
            ),
            text=(
                "In Axelrod's tournaments tit-for-tat (cooperate first, then do what the other "
                "did last) did best: nice, retaliatory, forgiving and clear (Axelrod 1984). "
                "Under noise it has a flaw: one misreading starts an echo, each side answering "
                "the other's last retaliation. Generous tit-for-tat forgives some defections at "
                "random and lets a pair recover (Nowak and Sigmund 1992).\n\n"
                "Here climbing a rung counts as defecting. Russia plays tit-for-tat in every "
                "arm; Blueland plays generous tit-for-tat and forgives an escalation with a "
                "probability from 0 (plain tit-for-tat) to 0.5. Moves and quiet weeks are "
                "misread now and then."
            ),
            look_for=(
                "Each misreading sets off alternating climbs; the more Blueland forgives, the "
                "sooner the echo dies and the fewer climbs the year holds. A rung once climbed "
                "stays climbed, since reciprocity answers moves and never takes the first step "
                "down (that is GRIT, the next lesson), so some runs of every arm end in war "
                "with Blueland, fewer the more Blueland forgives. None ends in nuclear use: in "
                "the model only Russia's deliberate decision in desperation can produce one."
            ),
            questions=(
                "Tit-for-tat is clear: the rival can read the rule. Why does clarity matter "
                "more when signals are noisy?",
                "Generosity can be exploited by a rival who escalates on purpose. How much can "
                "a state afford to forgive, and whom?",
            ),
            claims=(
                Claim(
                    "escalations",
                    "decreasing",
                    "The more Blueland forgives, the fewer escalations the pair makes",
                ),
            ),
            knockout={
                "rules.signalling.misperception": 0.0,
                "rules.signalling.hold_misread_rate": 0.0,
                "rules.accidents.slip_rate": 0.0,
            },
            knockout_words="no noise: moves and quiet weeks are read as they were and nothing "
            "slips (rules.signalling.misperception, hold_misread_rate and "
            "rules.accidents.slip_rate = 0), so there is nothing to forgive",
            sources=(
                "Axelrod, R. (1984) The Evolution of Cooperation. Basic Books.",
                "Nowak, M. and Sigmund, K. (1992) Tit for tat in heterogeneous populations. "
                "Nature 355.",
            ),
        ),
        Lesson(
            key="grit",
            title="GRIT against a calculating opponent",
            knob="actors.BLU.doctrine.strategy",
            knob_label=DOCTRINE,
            arms=(
                Arm("firm (calculus)", "grit_firm.yaml", "expected_utility"),
                Arm("GRIT initiative", "grit_initiative.yaml", "grit"),
            ),
            text=(
                "Osgood's GRIT (Graduated and Reciprocated Initiatives in Tension reduction): "
                "announce a small unilateral step down, carry it out whatever the answer, keep "
                "going for a set time, invite the rival to reciprocate, and keep the capacity "
                "to retaliate. It is meant to run the spiral backwards (Osgood 1962; Etzioni "
                "1967).\n\n"
                "Here Russia is no automaton that copies every step: it plays by the calculus, "
                "weighing what pressing gains, what it risks and how hostile it believes "
                "Blueland to be. Blueland either plays the same calculus (firm) or takes a "
                "GRIT initiative: four announced steps down, then further steps while Russia "
                "follows, an escalation answered in kind, the calculus otherwise."
            ),
            look_for=(
                "GRIT does not end Russia's grey-zone campaign: what keeps Russia there (its "
                "stake in pressing a frontline state) does not depend on Blueland's conduct, "
                "and Russia never steps down in return. What GRIT changes is the heat: Moscow "
                "reads the steps down as reassurance (its belief that Blueland is hostile "
                "falls) and feels less pulled to answer, so it attacks Blueland's territory in "
                "about a quarter as many weeks. Against a calculating rival GRIT works only "
                "through the rival's fear; where its motive lies elsewhere, GRIT cannot reach "
                "it."
            ),
            questions=(
                "GRIT asks one side to move first and accept being exploited for a while. Who "
                "in the current conflict could afford to, and what would a first step be?",
                "Why does GRIT insist on announcing each step in advance and on keeping the "
                "ability to retaliate?",
            ),
            claims=(
                Claim(
                    "russia_attack_weeks",
                    "firm (calculus)",
                    "A GRIT initiative lowers Russia's escalation: it attacks Blueland's "
                    "territory in fewer weeks",
                ),
            ),
            knockout=NO_SPIRAL,
            knockout_words="Russia's calculus is blind to reassurance: beliefs learn nothing "
            "from what is seen and a rival's conduct pulls no one (rules.signalling."
            "belief_rate, rules.deterrence.reaction_weight and hawk_weight = 0)",
            sources=(
                "Osgood, C. (1962) An Alternative to War or Surrender. University of Illinois "
                "Press.",
                "Etzioni, A. (1967) The Kennedy experiment. Western Political Quarterly 20(2).",
            ),
            trace="russia_attacking",
        ),
        Lesson(
            key="alliance",
            title="Alliance cohesion and the veto",
            knob="rules.alliances.eu.rule",
            knob_label="How the EU decides on sanctions",
            arms=(
                Arm("majority", "alliance_majority.yaml", "majority"),
                Arm("consensus (veto)", "alliance_consensus.yaml", "consensus"),
            ),
            text=(
                "Alliances decide by aggregating members who differ in exposure, interests and "
                "fatigue. Under consensus one member can block, as on EU sanctions; every "
                "member is then a veto player (Tsebelis 2002). Partners lean on a blocker, so "
                "a veto more often delays than stops a measure, but each block costs trust "
                "(Olson and Zeckhauser 1966 on the unequal burdens behind such splits).\n\n"
                "Both arms are the baseline (the war in 2025, an EU with a pro-Russian "
                "Hungary); only the EU's rule for sanctions differs. Adoption is not "
                "decided by the rule alone: members' preferences move with the threat they "
                "see, their fatigue and their partners' pressure."
            ),
            look_for=(
                "Under majority a package passes the week it is tabled. Under consensus "
                "Hungary votes no until its partners' pressure brings it round or the package "
                "is dropped: packages wait blocked for weeks, fewer are adopted in the year, "
                "and every block wears EU cohesion down."
            ),
            questions=(
                "Majority voting would remove the veto. What would the EU lose by giving up "
                "unanimity on sanctions?",
                "Russia's warnings aim, the article says, 'to create divisions within the "
                "alliance'. Whose preference would Moscow try to move, and how?",
            ),
            claims=(
                Claim(
                    "eu_blocked_weeks",
                    "consensus (veto)",
                    "Under consensus sanctions packages wait blocked for longer",
                ),
                Claim(
                    "eu_lowest_cohesion",
                    "majority",
                    "and the EU's cohesion falls lower during the year",
                ),
            ),
            knockout={"rules.alliances.votes.base": 1.0},
            knockout_words="no dissenter: every member wants every package "
            "(rules.alliances.votes.base = 1), so a veto has nothing to block",
            sources=(
                "Olson, M. and Zeckhauser, R. (1966) An economic theory of alliances. Review "
                "of Economics and Statistics 48(3).",
                "Tsebelis, G. (2002) Veto Players. Princeton University Press.",
            ),
            trace="eu_cohesion",
        ),
        Lesson(
            key="fatigue",
            title="War fatigue and off-ramps",
            knob="rules.fatigue.rate",
            knob_label="War fatigue: domestic support lost per week of full war",
            arms=tuple(
                Arm(f"{r:.3f} a week", f"fatigue_{round(r * 1000):03d}.yaml", r)
                for r in (0.002, 0.006, 0.01, 0.014, 0.02)
            ),
            text=(
                "Wars end when both sides prefer a deal to fighting on. Because fighting is "
                "costly, a bargain both would prefer to war always exists (Fearon 1995); wars "
                "go on because the sides disagree about their prospects or cannot trust a "
                "deal. War fatigue raises the cost of fighting on and loosens the hold of war "
                "aims, and so widens the range of deals both would accept.\n\n"
                "In the model a plan is accepted when each side's value of fighting on (where "
                "it expects the front to be, minus the cost of war and of fatigue, held to its "
                "war aims as firmly as its tired public allows) is below the offer "
                "(sim/rules/bargaining.py). The five arms are the baseline with public "
                "support draining faster and faster."
            ),
            look_for=(
                "Even with patient publics some offers are accepted: the battlefield and the "
                "aid Ukraine counts on move the sides' expectations together. As fatigue "
                "builds faster, a mediator's ceasefire or the US plan is accepted in more and "
                "more runs, seed for seed: the war ends at the table, not on the battlefield."
            ),
            questions=(
                "The article mentions a US peace plan that European leaders oppose. In the "
                "model's terms, what would have to change for such a plan to be accepted by "
                "both sides?",
                "Is a settlement driven by fatigue likely to last? What would you add to the "
                "model to find out?",
            ),
            claims=(
                Claim(
                    "agreement",
                    "increasing",
                    "More war fatigue, more negotiated agreements: the share of runs in which "
                    "Russia and Ukraine accept a deal rises with the fatigue rate",
                ),
            ),
            knockout={
                "rules.diplomacy.fatigue_weight": 0.0,
                "rules.diplomacy.aim_weight": 0.0,
                "rules.diplomacy.public_weight": 0.0,
                "rules.support.domestic_weight": 0.0,
            },
            knockout_words="fatigue does not reach the bargaining table: a tired public adds "
            "nothing to the cost of fighting on (rules.diplomacy.fatigue_weight = 0), war "
            "aims, where public support firms up demands, are set aside "
            "(rules.diplomacy.aim_weight = 0), and a tired supporter is counted on and gives "
            "as before (rules.diplomacy.public_weight = 0, rules.support.domestic_weight = 0)",
            sources=(
                "Fearon, J. (1995) Rationalist explanations for war. International "
                "Organization 49(3).",
                "Slantchev, B. (2003) The principle of convergence in wartime negotiations. "
                "American Political Science Review 97(4).",
            ),
            trace="agreement",
        ),
        Lesson(
            key="stability_instability",
            title="The stability-instability paradox",
            knob="actors.BLU.attributes.nuclear",
            knob_label="Blueland is nuclear-armed",
            arms=(
                Arm("conventional Blueland", "paradox_conventional.yaml", False),
                Arm("nuclear Blueland", "paradox_nuclear.yaml", True),
            ),
            text=(
                "Glenn Snyder (1965) observed that when nuclear weapons make all-out war "
                "unthinkable, they make lower-level violence safer to wage: stability at the "
                "top breeds instability below (Jervis 1984). Each side expects the other to "
                "shrink from escalating toward the nuclear level, so each fears retaliation "
                "for lesser acts less.\n\n"
                "In the model an armed attack on a nuclear-armed target costs many times more, "
                "and when both sides are nuclear-armed each believes the other's will to "
                "retaliate is weaker (self-deterrence, rules.deterrence.self_deterrence). The "
                "two arms differ only in whether Blueland is nuclear-armed."
            ),
            look_for=(
                "Against the conventional Blueland Russia hesitates longer before it starts "
                "its grey-zone campaign (in some runs it stays at exercises or posture), and in "
                "some runs it goes beyond it to attacks on Blueland's territory. Against the "
                "nuclear Blueland it almost never attacks, yet it spends more weeks in "
                "grey-zone acts: the stalemate at the top makes sabotage, cyber attacks and "
                "jamming safer."
            ),
            questions=(
                "The Russia-NATO relationship combines nuclear deterrence with sabotage, cyber "
                "attacks and airspace violations. Is that the paradox at work?",
                "If the paradox holds, how should NATO answer grey-zone acts: by threatening "
                "escalation, or by denial and resilience?",
            ),
            claims=(
                Claim(
                    "russia_grey_zone_weeks",
                    "nuclear Blueland",
                    "A nuclear stalemate makes lower-level violence more likely: Russia spends "
                    "more weeks at grey-zone acts or above",
                ),
                Claim(
                    "russia_attack_weeks",
                    "conventional Blueland",
                    "while armed attacks on Blueland's territory become rarer",
                    knockout={"rules.deterrence.nuclear_cost_multiplier": 1.0},
                    knockout_words="an armed attack on a nuclear-armed state costs no more than "
                    "on another (rules.deterrence.nuclear_cost_multiplier = 1)",
                ),
            ),
            knockout={"rules.deterrence.self_deterrence": 0.0},
            knockout_words="no self-deterrence: nuclear weapons do not weaken either side's "
            "will to retaliate below the top (rules.deterrence.self_deterrence = 0)",
            sources=(
                "Snyder, G. (1965) The balance of power and the balance of terror. In P. "
                "Seabury (ed.), The Balance of Power. Chandler.",
                "Jervis, R. (1984) The Illogic of American Nuclear Strategy. Cornell "
                "University Press.",
            ),
            trace="russia_grey_zone",
        ),
    )
}
