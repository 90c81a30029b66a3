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
from pathlib import Path

from sim.teaching.metrics import MEASURES, TRACES

#: Folder of the teaching scenarios; ``Arm.scenario`` is relative to it.
TEACHING = Path(__file__).resolve().parents[2] / "scenarios" / "teaching"
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
    #: lesson's own knock-out (a lesson whose claims rest on two mechanisms)
    knockout: dict[str, object] | None = None


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


WEAK_STRONG = "Blueland's capability (0-1)"

LESSONS: dict[str, Lesson] = {
    lesson.key: lesson
    for lesson in (
        Lesson(
            key="punishment",
            title="Deterrence by punishment",
            knob="actors.BLU.attributes.capability",
            knob_label=WEAK_STRONG,
            arms=(
                Arm("weak Blueland (0.1)", "punishment_weak.yaml", 0.1),
                Arm("strong Blueland (0.6)", "punishment_strong.yaml", 0.6),
            ),
            text=(
                "Deterrence by punishment does not stop an attack: it threatens to make the "
                "attacker pay afterwards more than it gains (Snyder 1961; Schelling 1966). What "
                "deters is the expected cost of retaliation: how likely the threat is to be "
                "carried out (credibility = capability x resolve x reputation, as the attacker "
                "sees them) times how much it would hurt, which grows steeply with each rung "
                "climbed.\n\n"
                "In this pair Blueland's defences cannot deny Russia anything (denial is "
                "switched off in both files), so Blueland's capability acts only as a power to "
                "punish. The weak Blueland has a sixth of Russia's power (0.1 against 0.6), the "
                "strong one as much as Russia."
            ),
            look_for=(
                "Against the weak Blueland Russia climbs past grey-zone acts to attacks on "
                "Blueland's territory and on to war within weeks, in nearly every run. Against "
                "the strong one it stops at grey-zone acts and rarely goes further: the rungs "
                "above are where retaliation would hurt most."
            ),
            questions=(
                "The strong Blueland deters Russia although, in this pair, its defences could "
                "not stop anything. What exactly does Russia fear?",
                "Punishment must be believed to work. Which of the three parts of credibility "
                "(capability, resolve, reputation) could a small frontline state raise fastest, "
                "and how?",
            ),
            claims=(
                Claim(
                    "russia_attack_weeks",
                    "weak Blueland (0.1)",
                    "Russia spends more weeks attacking Blueland (attacks on its territory or "
                    "worse) when Blueland is too weak to punish it",
                ),
            ),
            knockout={"rules.deterrence.cost_weight": 0.0},
            knockout_words="retaliation costs nothing (rules.deterrence.cost_weight = 0)",
            sources=(
                "Snyder, G. (1961) Deterrence and Defense.",
                "Schelling, T. (1966) Arms and Influence.",
            ),
        ),
        Lesson(
            key="denial",
            title="Deterrence by denial",
            knob="actors.BLU.attributes.capability",
            knob_label=WEAK_STRONG,
            arms=(
                Arm("weak defences (0.1)", "denial_weak.yaml", 0.1),
                Arm("strong defences (0.6)", "denial_strong.yaml", 0.6),
            ),
            text=(
                "Deterrence by denial persuades an attacker that the move will fail: strong "
                "defences on the ground mean that pressing buys little (Snyder 1961; "
                "Mearsheimer 1983). It needs no threat of retaliation at all. In the model the "
                "target's share of strength cuts what each rung of pressure gains.\n\n"
                "In this pair Russia fears no retaliation: it gives Blueland's threats no "
                "credence (Blueland has no reputation for following through), so punishment is "
                "out of the picture. What holds Russia back is only whether pressing Blueland "
                "gains enough to pay for the effort: each costly rung has an upkeep."
            ),
            look_for=(
                "Against weak defences Russia climbs to war in most runs, since every rung "
                "pays. Against strong ones the gain of each rung barely covers its upkeep: "
                "many runs stay at exercises, posture or grey-zone acts, and Russia's conduct "
                "spreads over the whole ladder instead of piling up at the top."
            ),
            questions=(
                "Denial is visible and expensive; punishment is cheap to declare but must be "
                "believed. Which would you rely on for a small frontline state, and why?",
                "Fortifying a border (such as the Baltic Defence Line) changes Russia's gain, "
                "not its fear. Why can that still lower the risk of war?",
            ),
            claims=(
                Claim(
                    "russia_mean_conduct",
                    "weak defences (0.1)",
                    "Russia presses harder (a higher mean rung of conduct) against weak defences",
                ),
            ),
            knockout={"rules.deterrence.denial_weight": 0.0},
            knockout_words="defence does not cut the gain of pressing "
            "(rules.deterrence.denial_weight = 0)",
            sources=(
                "Snyder, G. (1961) Deterrence and Defense.",
                "Mearsheimer, J. (1983) Conventional Deterrence.",
            ),
        ),
    )
}
