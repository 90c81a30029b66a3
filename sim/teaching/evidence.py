"""Run a lesson's arms on the same seeds and test its claims, with or without a knock-out.

A knock-out is a set of dotted scenario paths set to values that switch the lesson's mechanism
off; it is applied to every arm alike, so the arms still differ only by the knob.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sim.analysis.paired import Verdict, paired, trend
from sim.teaching.arms import arm_scenario
from sim.teaching.lessons import TEACHING, Claim, Lesson
from sim.teaching.metrics import MEASURES
from sim.teaching.record import ArmRun, run_arm


@dataclass
class Evidence:
    """The runs of every arm of a lesson on seeds 0..runs-1, and the changes applied."""

    lesson: Lesson
    arms: list[ArmRun]
    changes: dict[str, object]

    @property
    def runs(self) -> int:
        return self.arms[0].runs

    def values(self, measure: str) -> np.ndarray:
        """(runs, arms): the measure per seed and arm."""
        read = MEASURES[measure].read
        return np.stack([read(arm) for arm in self.arms], axis=1)

    def verdict(self, claim: Claim) -> Verdict:
        values = self.values(claim.measure)
        if claim.higher in ("increasing", "decreasing"):
            return trend(values if claim.higher == "increasing" else -values)
        labels = [arm.label for arm in self.lesson.arms]
        high = labels.index(claim.higher)
        return paired(values[:, high], values[:, 1 - high], MEASURES[claim.measure].binary)


def gather(
    lesson: Lesson, runs: int, changes: dict[str, object] | None = None, root: Path = TEACHING
) -> Evidence:
    """Run every arm of ``lesson`` on seeds 0..runs-1 (one batch per arm)."""
    seeds = np.arange(runs)
    arms = [run_arm(arm_scenario(lesson, k, changes, root), seeds) for k in range(len(lesson.arms))]
    return Evidence(lesson, arms, dict(changes or {}))


def knockouts(lesson: Lesson) -> list[dict[str, object]]:
    """The distinct knock-outs the lesson's claims name (most lessons have one)."""
    found: list[dict[str, object]] = []
    for claim in lesson.claims:
        knockout = lesson.knockout_of(claim)
        if knockout not in found:
            found.append(knockout)
    return found


@dataclass
class Finding:
    """One claim tested with the mechanism on and with it knocked out."""

    claim: Claim
    means: np.ndarray  # per arm, mechanism on
    verdict: Verdict
    knockout: dict[str, object]
    knocked_means: np.ndarray | None
    knocked: Verdict | None


@dataclass
class Assessment:
    evidence: Evidence
    findings: list[Finding]


def assess(
    lesson: Lesson, runs: int, with_knockout: bool = True, root: Path = TEACHING
) -> Assessment:
    """Every claim of ``lesson`` on seeds 0..runs-1, and, unless told otherwise, again with its
    knock-out applied to every arm."""
    evidence = gather(lesson, runs, None, root)
    knocked = []
    if with_knockout:
        knocked = [(k, gather(lesson, runs, k, root)) for k in knockouts(lesson)]
    findings = []
    for claim in lesson.claims:
        knockout = lesson.knockout_of(claim)
        off = next((e for k, e in knocked if k == knockout), None)
        findings.append(
            Finding(
                claim,
                evidence.values(claim.measure).mean(axis=0),
                evidence.verdict(claim),
                knockout,
                None if off is None else off.values(claim.measure).mean(axis=0),
                None if off is None else off.verdict(claim),
            )
        )
    return Assessment(evidence, findings)
