"""The concepts of docs/teaching.md: each a pair of scenarios and the claims the guide makes
about their difference. Tests check every claim over seeded runs (p < 0.01)."""

from __future__ import annotations

from dataclasses import dataclass

from sim.teaching import metrics as m

RED_LINE_CROSSED = m.happened(
    "red_line_crossed",
    "Runs in which the red line is crossed (share)",
    lambda model: model.counts["red_lines_crossed"] > 0,
)


@dataclass(frozen=True)
class Claim:
    """``measure`` is higher in the scenario named ``higher`` than in the other one."""

    measure: m.Measure
    higher: str  # "first" or "second"
    words: str


@dataclass(frozen=True)
class Concept:
    key: str
    title: str
    first: str  # scenario paths relative to scenarios/teaching/
    second: str
    claims: tuple[Claim, ...]
    #: What the figure follows over time: a key dyad's rung ("RUS-BLU"), one side's conduct
    #: ("BLU>RUS"), or "cohesion:EU";
    #: None for the scenario's first key dyad.
    path: str | None = None


CONCEPTS: dict[str, Concept] = {
    c.key: c
    for c in (
        Concept(
            "denial",
            "Deterrence by denial",
            "deterrence_none.yaml",
            "deterrence_denial.yaml",
            (
                Claim(
                    m.russia_mean_level("BLU"),
                    "first",
                    "Russia climbs higher against a Blueland that cannot defend itself",
                ),
            ),
        ),
        Concept(
            "punishment",
            "Deterrence by punishment",
            "deterrence_none.yaml",
            "deterrence_punishment.yaml",
            (
                Claim(
                    m.russia_mean_level("BLU"),
                    "first",
                    "Russia climbs higher against a Blueland that cannot hurt it",
                ),
            ),
        ),
        Concept(
            "credibility",
            "Credibility and reputation",
            "red_line_bluff.yaml",
            "red_line_credible.yaml",
            (
                Claim(
                    RED_LINE_CROSSED,
                    "first",
                    "the bluff is crossed more often than the committed red line",
                ),
                Claim(
                    m.belief("BLU", "RUS", "reputation"),
                    "second",
                    "Russia ends with a better reputation when its red line is credible",
                ),
            ),
            path="BLU>RUS",
        ),
        Concept(
            "audience_costs",
            "Red lines and audience costs",
            "red_line_private.yaml",
            "red_line_public.yaml",
            (
                Claim(
                    RED_LINE_CROSSED,
                    "first",
                    "the private red line is crossed more often than the public one",
                ),
            ),
            path="BLU>RUS",
        ),
        Concept(
            "costly_signals",
            "Costly signals and cheap talk",
            "signals_cheap_talk.yaml",
            "signals_costly.yaml",
            (
                Claim(
                    m.belief("RUS", "BLU", "resolve"),
                    "second",
                    "Russia believes Blueland more resolute after costly signals",
                ),
            ),
        ),
        Concept(
            "spiral",
            "The security dilemma: spiral model and deterrence model",
            "security_dilemma_trust.yaml",
            "security_dilemma_spiral.yaml",
            (
                Claim(
                    m.key_level("RUS-BLU", "peak"),
                    "second",
                    "fearful rivals reading noisy signals climb higher",
                ),
            ),
        ),
        Concept(
            "accidents",
            "Misperception and accidents",
            "accidents_rare.yaml",
            "accidents_frequent.yaml",
            (
                Claim(
                    m.unplanned_escalations(),
                    "second",
                    "more escalation happens that nobody chose",
                ),
                Claim(
                    m.key_level("RUS-BLU", "mean"),
                    "second",
                    "and the rivals spend the year higher on the ladder",
                ),
            ),
        ),
        Concept(
            "grit",
            "GRIT and graduated de-escalation",
            "tit_for_tat_standoff.yaml",
            "grit_deescalation.yaml",
            (
                Claim(
                    m.key_level("RUS-BLU", "final"),
                    "first",
                    "the tit-for-tat standoff ends higher than the GRIT initiative",
                ),
            ),
        ),
        Concept(
            "alliance",
            "Alliance cohesion, free-riding and the veto",
            "alliance_united.yaml",
            "alliance_veto.yaml",
            (
                Claim(
                    m.count("sanctions_adopted", "EU sanctions packages adopted per run"),
                    "first",
                    "a united EU adopts more sanctions packages",
                ),
                Claim(
                    m.count("sanctions_blocked", "EU sanctions packages blocked per run"),
                    "second",
                    "the veto player blocks packages",
                ),
            ),
            path="cohesion:EU",
        ),
        Concept(
            "fatigue",
            "War fatigue and off-ramps",
            "war_fatigue_low.yaml",
            "war_fatigue_high.yaml",
            (
                Claim(
                    m.happened(
                        "settlement",
                        "Runs ending in de-escalation or settlement (share)",
                        lambda model: model.outcome()[0] == "settlement",
                    ),
                    "second",
                    "tired publics take the off-ramp more often",
                ),
            ),
        ),
        Concept(
            "stability_instability",
            "The stability-instability paradox",
            "paradox_conventional.yaml",
            "paradox_nuclear.yaml",
            (
                Claim(
                    m.happened(
                        "direct_clash",
                        "Runs with a direct NATO-Russia clash (share)",
                        lambda model: model.passage.steps["direct_clash"] is not None,
                    ),
                    "first",
                    "nuclear weapons make a direct clash rarer",
                ),
                Claim(
                    m.low_level_share("RUS-BLU"),
                    "second",
                    "yet the rivals spend more time in the grey zone below it",
                ),
            ),
        ),
    )
}
