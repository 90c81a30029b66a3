"""Fifty seeds at once: a lesson's arms run over the same seeds (paired: common random
numbers), giving each arm's outcome shares, its claims' measures and the lesson's weekly trace
summarised with a band. A single run often does not show a statistical lesson; fifty usually
do. Each arm runs as batches of seeds (``sim.teaching.record.run_arm``), so the page can show
progress. Solara-free."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from sim.concepts.channels import WAR
from sim.outcomes import OUTCOME_BY_NAME, OUTCOMES, PASSAGES, Ending, classify
from sim.teaching.arms import arm_scenario
from sim.teaching.lessons import Lesson
from sim.teaching.metrics import MEASURES, TRACES
from sim.teaching.record import ArmRun, run_arm

SEEDS = 50
#: Seeds per batch: progress is reported after each.
CHUNK = 25
#: Quantiles of the band around a median trace (the interquartile range).
QUARTILES = (25, 50, 75)


@dataclass(frozen=True)
class Study:
    arms: tuple[str, ...]
    seeds: tuple[int, ...]
    #: One row per arm and outcome that happened: arm, outcome (label), share, runs, severity.
    shares: list[dict]
    #: The lesson's trace per week and arm: week, arm, center, low, high.
    bands: list[dict]
    #: Per claim of the lesson: its words, the measure's label and its value in each arm.
    claims: list[tuple[str, str, dict[str, float]]]

    def share(self, arm: str, outcome: str) -> float:
        label = OUTCOME_BY_NAME[outcome].label
        found = [r["share"] for r in self.shares if r["arm"] == arm and r["outcome"] == label]
        return found[0] if found else 0.0


def outcomes_of(run: ArmRun) -> list[str]:
    """Each run's outcome, classified as the model classifies it."""
    names = []
    for r in range(run.runs):
        status = int(run.war_status[-1, r])
        passages = {
            name: (int(step) if step >= 0 else None)
            for name, step in zip(PASSAGES, run.passages[r], strict=True)
        }
        war = WAR.levels[status].id if status >= 0 else "none"
        names.append(classify(Ending(passages, war))[0])
    return names


def band(values: np.ndarray, summary: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(center, low, high) per week of ``values`` (weeks, runs): the median and quartiles of
    an ordinal trace, or the mean and its 95% interval."""
    if summary == "median":
        low, center, high = np.percentile(values, QUARTILES, axis=1)
        return center, low, high
    center = values.mean(axis=1)
    half = 1.96 * values.std(axis=1, ddof=1) / np.sqrt(values.shape[1])
    return center, center - half, center + half


def study(
    lesson: Lesson, seeds: Sequence[int], progress: Callable[[float], None] = lambda done: None
) -> Study:
    """Run every arm of ``lesson`` over ``seeds``; ``progress`` hears the share done."""
    trace = TRACES[lesson.trace]
    chunks = [np.asarray(seeds[k : k + CHUNK]) for k in range(0, len(seeds), CHUNK)]
    total, done = len(lesson.arms) * len(chunks), 0
    shares, bands, measured = [], [], {claim.measure: {} for claim in lesson.claims}
    for index, arm in enumerate(lesson.arms):
        scenario = arm_scenario(lesson, index)
        values, outcomes, readings = [], [], {name: [] for name in measured}
        for chunk in chunks:
            run = run_arm(scenario, chunk)
            values.append(trace.read(run))
            outcomes += outcomes_of(run)
            for name in measured:
                readings[name].append(MEASURES[name].read(run))
            done += 1
            progress(done / total)
        center, low, high = band(np.concatenate(values, axis=1), trace.summary)
        bands += [
            {
                "week": week,
                "arm": arm.label,
                "center": round(float(center[week]), 3),
                "low": round(float(low[week]), 3),
                "high": round(float(high[week]), 3),
            }
            for week in range(center.size)
        ]
        for outcome in OUTCOMES:
            runs = outcomes.count(outcome.name)
            if runs:
                shares.append(
                    {
                        "arm": arm.label,
                        "outcome": outcome.label,
                        "share": runs / len(outcomes),
                        "runs": runs,
                        "severity": outcome.severity,
                    }
                )
        for name in measured:
            measured[name][arm.label] = float(np.concatenate(readings[name]).mean())
    claims = [
        (claim.words, MEASURES[claim.measure].label, measured[claim.measure])
        for claim in lesson.claims
    ]
    return Study(tuple(a.label for a in lesson.arms), tuple(seeds), shares, bands, claims)


def seeds_from(seed: int, count: int = SEEDS) -> list[int]:
    """The seeds a study runs: the page's seed and the ones after it."""
    return [seed + k for k in range(count)]
