"""Outcomes of a run, thresholds whose first crossing is recorded, and event counts: each
declared once, here, and read by the model, the tables, analysis, the dashboard and the docs.

Classification is a pure function of what a run recorded (first passages and how the war
stood at the end): it changes nothing. An outcome is decided by the first rule, in order of
precedence, that matches; its step is the first passage that decided it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

#: Thresholds whose first crossing step is recorded (``first:<name>`` columns), with the words
#: tables and figures use for them.
PASSAGE_LABELS: dict[str, str] = {
    "nato_incident": "incident on NATO territory",  # any incident (accident included)
    "article4": "Article 4 consultation",  # NATO consultations requested under Article 4
    "article5_vote": "Article 5 vote",  # a vote after an attributed armed attack
    "direct_clash": "direct NATO-Russia clash",  # a NATO member and Russia at a limited clash+
    "nuclear_signal": "Russian nuclear signal",
    "nuclear_use": "nuclear use",  # a deliberate nuclear use
    "red_line_crossed": "red-line crossing",  # any declared red line crossed
    "ceasefire": "ceasefire",  # an accepted ceasefire
    "armistice": "armistice",  # an accepted armistice
    "settlement": "settlement",  # an accepted settlement
    "fracture": "alliance fracture",  # an alliance's cohesion below the fracture threshold
}
PASSAGES: tuple[str, ...] = tuple(PASSAGE_LABELS)
PASSAGE_INDEX = {name: k for k, name in enumerate(PASSAGES)}

#: Events counted per run (summary columns of the same names).
COUNTS = (
    "sanctions_adopted",
    "sanctions_blocked",
    "sanctions_dropped",
    "red_lines_crossed",
    "red_lines_enforced",
    "bluffs_called",
    "slips",
    "misreads",
    "observed_moves",
    "inadvertent_escalations",
    "incidents",
    "incidents_misattributed",
    "article4",
    "article5_votes",
    "article5_adopted",
    "nuclear_signals",
    "peace_offers",
    "agreements_broken",
    "aid_increases",
    "mobilisations",
)
COUNT_INDEX = {name: k for k, name in enumerate(COUNTS)}


@dataclass(frozen=True)
class Ending:
    """What classification needs: first passages (step or None) and the war at the end."""

    passages: Mapping[str, int | None]
    war_status: str  # a WAR channel level id (war, ceasefire, armistice, peace) or "none"


@dataclass(frozen=True)
class Outcome:
    name: str
    label: str
    short: str
    colour: str
    #: 0 (best) .. 5 (worst), for ordering and colouring by severity.
    severity: int
    #: The step that decided it, or None when it does not apply to this run.
    decide: Callable[[Ending], int | bool | None]
    description: str


def _passage(name: str) -> Callable[[Ending], int | None]:
    return lambda ending: ending.passages.get(name)


def _standing(status: str, passage: str) -> Callable[[Ending], int | bool | None]:
    def decide(ending: Ending) -> int | bool | None:
        if ending.war_status != status:
            return None
        step = ending.passages.get(passage)
        return True if step is None else step

    return decide


#: In order of precedence: a run that saw nuclear use is a nuclear-use run even if it later
#: settled; a settlement in force at the end beats an earlier ceasefire.
OUTCOMES: tuple[Outcome, ...] = (
    Outcome(
        "nuclear_use",
        "Nuclear use",
        "Nuclear use",
        "#67000d",
        5,
        _passage("nuclear_use"),
        "A deliberate nuclear use by Russia.",
    ),
    Outcome(
        "horizontal_escalation",
        "Horizontal escalation (direct NATO-Russia clash)",
        "NATO-Russia clash",
        "#cb181d",
        4,
        _passage("direct_clash"),
        "A NATO member and Russia fought a limited clash or more.",
    ),
    Outcome(
        "alliance_fracture",
        "Alliance fracture",
        "Fracture",
        "#fd8d3c",
        3,
        _passage("fracture"),
        "NATO's or the EU's cohesion fell below the threshold.",
    ),
    Outcome(
        "settlement",
        "Settlement (by agreement)",
        "Settlement",
        "#238b45",
        0,
        _standing("peace", "settlement"),
        "A settlement was accepted and holds at the end.",
    ),
    Outcome(
        "armistice",
        "Armistice (frozen by agreement)",
        "Armistice",
        "#74c476",
        1,
        _standing("armistice", "armistice"),
        "An armistice was accepted and holds at the end: a frozen conflict.",
    ),
    Outcome(
        "ceasefire",
        "Ceasefire holding",
        "Ceasefire",
        "#c7e9c0",
        1,
        _standing("ceasefire", "ceasefire"),
        "A ceasefire was accepted and holds at the end.",
    ),
    Outcome(
        "no_war",
        "No war and no clash",
        "No war",
        "#bdbdbd",
        0,
        lambda ending: True if ending.war_status == "none" else None,
        "A scenario without the Russia-Ukraine war in which nothing above decided the run.",
    ),
    Outcome(
        "war_continues",
        "War continues (no agreement)",
        "War goes on",
        "#9e9ac8",
        2,
        lambda ending: True,
        "No agreement holds at the end: the war goes on.",
    ),
)
OUTCOME_NAMES: tuple[str, ...] = tuple(o.name for o in OUTCOMES)
OUTCOME_BY_NAME: dict[str, Outcome] = {o.name: o for o in OUTCOMES}


def classify(ending: Ending) -> tuple[str, int | None]:
    """The run's outcome and the step it was decided at (None when no step decided it)."""
    for outcome in OUTCOMES:
        decided = outcome.decide(ending)
        if decided is None or decided is False:
            continue
        return outcome.name, None if decided is True else int(decided)
    raise AssertionError("the last outcome always applies")
