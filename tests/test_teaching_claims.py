"""Every claim of every lesson holds over paired seeds (the same seeds in every arm), with a
one-sided test at p < 0.01 and an effect whose 95% interval is reported; and with the
lesson's mechanism knocked out in every arm, the claim no longer holds, so it cannot pass by
another route. Lessons built on the baseline (a whole war and alliance) are marked slow."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from sim.outcomes import PASSAGE_INDEX
from sim.teaching.evidence import Assessment, assess
from sim.teaching.lessons import LESSONS

RUNS = 200
#: Lessons whose arms extend the baseline scenario (seconds per arm rather than one).
SLOW = {"alliance", "fatigue"}
KEYS = [pytest.param(key, marks=pytest.mark.slow) if key in SLOW else key for key in LESSONS]


@cache
def assessment(key: str) -> Assessment:
    return assess(LESSONS[key], RUNS)


def _describe(key: str, finding, verdict, means) -> str:
    arms = ", ".join(
        f"{arm.label}={m:.3g}" for arm, m in zip(LESSONS[key].arms, means, strict=True)
    )
    return (
        f"{key}: {finding.claim.words} [{finding.claim.measure}: {arms}; effect "
        f"{verdict.effect:+.3g}, 95% CI [{verdict.low:.3g}, {verdict.high:.3g}], "
        f"p={verdict.p:.2g}, {RUNS} paired seeds]"
    )


@pytest.mark.parametrize("key", KEYS)
def test_claims_hold(key):
    for finding in assessment(key).findings:
        message = _describe(key, finding, finding.verdict, finding.means)
        assert finding.verdict.holds, message
        assert finding.verdict.low > 0, message
        if LESSONS[key].is_series:
            steps = np.diff(finding.means)
            rising = steps >= 0 if finding.claim.higher == "increasing" else steps <= 0
            assert rising.all(), "not monotone over the doses: " + message


@pytest.mark.parametrize("key", KEYS)
def test_claims_fail_with_the_mechanism_knocked_out(key):
    for finding in assessment(key).findings:
        message = _describe(key, finding, finding.knocked, finding.knocked_means)
        assert not finding.knocked.holds, f"knock-out {finding.knockout}: " + message


def test_reciprocity_echoes_never_end_in_nuclear_use():
    """Tit-for-tat echoes may climb to war with Blueland, but nuclear use comes only from
    Russia's deliberate decision in desperation, which these duels never reach."""
    nuclear = PASSAGE_INDEX["nuclear_use"]
    runs = assessment("reciprocity").evidence.arms
    for arm, run in zip(LESSONS["reciprocity"].arms, runs, strict=True):
        assert (run.passages[:, nuclear] < 0).all(), arm.label
