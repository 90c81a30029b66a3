"""The measures the teaching claims are stated in, and the weekly traces the figures follow:
each declared once, here, by name. A measure reads one number per run off an arm's runs
(``ArmRun``); a trace reads one number per week and run.

The duels are between Russia (``RUS``) and Blueland (``BLU``); the alliance and war-fatigue
lessons use the baseline's EU and its war.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from sim.concepts.channels import CONDUCT
from sim.model.world import EU
from sim.outcomes import COUNT_INDEX, PASSAGE_INDEX
from sim.teaching.record import ArmRun

RUSSIA, BLUELAND = "RUS", "BLU"
GREY_ZONE = CONDUCT.index("grey_zone")
ATTACKS = CONDUCT.index("incident")
CLASH = CONDUCT.index("clash")
EXERCISES = CONDUCT.index("exercises")
AGREEMENTS = ("ceasefire", "armistice", "settlement")


@dataclass(frozen=True)
class Measure:
    name: str
    label: str  # what it is, with its unit
    binary: bool  # a yes/no per run (compared as a share) or a number
    read: Callable[[ArmRun], np.ndarray]  # (runs,)


@dataclass(frozen=True)
class Trace:
    name: str
    label: str  # y-axis label with unit
    #: "median" (with the interquartile band: ordinal levels) or "mean" (with a 95% band)
    summary: str
    #: the y axis shows the rungs of direct conduct
    rungs: bool
    read: Callable[[ArmRun], np.ndarray]  # (weeks + 1, runs)


def _conduct(source: str, target: str) -> Callable[[ArmRun], np.ndarray]:
    def read(run: ArmRun) -> np.ndarray:
        return run.conduct[:, :, run.dyad(source, target)].astype(float)

    return read


def _weeks_at(source: str, target: str, rung: int) -> Callable[[ArmRun], np.ndarray]:
    return lambda run: _at_or_above(source, target, rung)(run)[1:].sum(axis=0)


def _at_or_above(source: str, target: str, rung: int) -> Callable[[ArmRun], np.ndarray]:
    return lambda run: (_conduct(source, target)(run) >= rung).astype(float)


def _mean_conduct(source: str, target: str) -> Callable[[ArmRun], np.ndarray]:
    return lambda run: _conduct(source, target)(run)[1:].mean(axis=0)


def _belief(kind: str, holder: str, about: str) -> Callable[[ArmRun], np.ndarray]:
    def read(run: ArmRun) -> np.ndarray:
        return getattr(run, kind)[:, :, run.dyad(holder, about)].astype(float)

    return read


def _final(trace: Callable[[ArmRun], np.ndarray]) -> Callable[[ArmRun], np.ndarray]:
    return lambda run: trace(run)[-1]


def _count(name: str) -> Callable[[ArmRun], np.ndarray]:
    return lambda run: run.counts[:, COUNT_INDEX[name]].astype(float)


def _passed(*names: str) -> Callable[[ArmRun], np.ndarray]:
    def read(run: ArmRun) -> np.ndarray:
        columns = [PASSAGE_INDEX[name] for name in names]
        return (run.passages[:, columns] >= 0).any(axis=1).astype(float)

    return read


def _escalations(run: ArmRun) -> np.ndarray:
    """Weeks in which a side of the duel climbed, summed over both sides."""
    both = [run.dyad(RUSSIA, BLUELAND), run.dyad(BLUELAND, RUSSIA)]
    climbs = np.diff(run.conduct[:, :, both].astype(np.int64), axis=0) > 0
    return climbs.sum(axis=(0, 2)).astype(float)


def _eu_cohesion(run: ArmRun) -> np.ndarray:
    return run.cohesion[:, :, EU].astype(float)


def _agreed_by_week(run: ArmRun) -> np.ndarray:
    columns = [PASSAGE_INDEX[name] for name in AGREEMENTS]
    first = run.passages[:, columns]
    first = np.where(first >= 0, first, np.iinfo(np.int64).max).min(axis=1)
    weeks = np.arange(run.conduct.shape[0])[:, None]
    return (weeks >= first[None, :]).astype(float)


MEASURES: dict[str, Measure] = {
    m.name: m
    for m in (
        Measure(
            "russia_mean_conduct",
            "Russia's mean rung of direct conduct toward Blueland (0 normal .. 8 wider war)",
            False,
            _mean_conduct(RUSSIA, BLUELAND),
        ),
        Measure(
            "russia_peak",
            "Russia's highest rung of direct conduct toward Blueland (0 normal .. 8 wider war)",
            False,
            lambda run: _conduct(RUSSIA, BLUELAND)(run)[1:].max(axis=0),
        ),
        Measure(
            "russia_grey_zone_weeks",
            "Weeks Russia stands at grey-zone acts or above toward Blueland",
            False,
            _weeks_at(RUSSIA, BLUELAND, GREY_ZONE),
        ),
        Measure(
            "russia_attack_weeks",
            "Weeks Russia stands at attacks on Blueland's territory or above",
            False,
            _weeks_at(RUSSIA, BLUELAND, ATTACKS),
        ),
        Measure(
            "russia_clash_weeks",
            "Weeks Russia and Blueland stand at a limited clash or above",
            False,
            _weeks_at(RUSSIA, BLUELAND, CLASH),
        ),
        Measure(
            "blueland_costly_weeks",
            "Weeks Blueland pays for a costly posture toward Russia (exercises or above)",
            False,
            _weeks_at(BLUELAND, RUSSIA, EXERCISES),
        ),
        Measure(
            "blueland_mean_conduct",
            "Blueland's mean rung of direct conduct toward Russia (0 normal .. 8 wider war)",
            False,
            _mean_conduct(BLUELAND, RUSSIA),
        ),
        Measure(
            "escalations",
            "Weeks in which Russia or Blueland climbed a rung (both sides summed)",
            False,
            _escalations,
        ),
        Measure(
            "inadvertent_escalations",
            "Inadvertent escalations per run: climbs that, with the same draw, would not have "
            "happened had the rival been seen as it was",
            False,
            _count("inadvertent_escalations"),
        ),
        Measure(
            "believed_resolve",
            "Russia's belief in Blueland's resolve at the end (0-1)",
            False,
            _final(_belief("resolve", RUSSIA, BLUELAND)),
        ),
        Measure(
            "russia_reputation",
            "Blueland's belief that Russia follows through on its threats, at the end (0-1)",
            False,
            _final(_belief("reputation", BLUELAND, RUSSIA)),
        ),
        Measure(
            "red_line_crossed",
            "Runs in which the red line is crossed (share)",
            True,
            _passed("red_line_crossed"),
        ),
        Measure(
            "eu_blocked_weeks",
            "Weeks EU sanctions packages wait blocked (votes that fail), per run",
            False,
            _count("sanctions_blocked"),
        ),
        Measure(
            "eu_lowest_cohesion",
            "Lowest EU cohesion during the year (0-1)",
            False,
            lambda run: _eu_cohesion(run).min(axis=0),
        ),
        Measure(
            "agreement",
            "Runs in which Russia and Ukraine accept an agreement (share)",
            True,
            _passed(*AGREEMENTS),
        ),
    )
}

TRACES: dict[str, Trace] = {
    t.name: t
    for t in (
        Trace(
            "russia_conduct",
            "Russia's conduct toward Blueland",
            "median",
            True,
            _conduct(RUSSIA, BLUELAND),
        ),
        Trace(
            "russia_grey_zone",
            "Runs with Russia at grey-zone acts or above (share)",
            "mean",
            False,
            _at_or_above(RUSSIA, BLUELAND, GREY_ZONE),
        ),
        Trace(
            "russia_attacking",
            "Runs with Russia attacking Blueland or worse (share)",
            "mean",
            False,
            _at_or_above(RUSSIA, BLUELAND, ATTACKS),
        ),
        Trace(
            "blueland_conduct",
            "Blueland's conduct toward Russia",
            "median",
            True,
            _conduct(BLUELAND, RUSSIA),
        ),
        Trace(
            "believed_resolve",
            "Russia's belief in Blueland's resolve (0-1)",
            "mean",
            False,
            _belief("resolve", RUSSIA, BLUELAND),
        ),
        Trace(
            "russia_hostility",
            "Russia's belief that Blueland is hostile (0-1)",
            "mean",
            False,
            _belief("hostility", RUSSIA, BLUELAND),
        ),
        Trace(
            "russia_reputation",
            "Blueland's belief in Russia's follow-through (0-1)",
            "mean",
            False,
            _belief("reputation", BLUELAND, RUSSIA),
        ),
        Trace("eu_cohesion", "EU cohesion (0-1)", "mean", False, _eu_cohesion),
        Trace(
            "agreement",
            "Runs with an agreement accepted so far (share)",
            "mean",
            False,
            _agreed_by_week,
        ),
    )
}
