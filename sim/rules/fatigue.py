"""War fatigue: domestic support falls with the intensity of one's fighting or aid and
recovers slowly: s(t+1) = s + recovery * (1 - s) - rate * intensity (belligerents) or
- rate * supporter_factor * intensity (aid givers)."""

from __future__ import annotations

import numpy as np

from sim.scenario.schema import FatigueRules


def support_step(
    support: np.ndarray, intensity: np.ndarray, burden: np.ndarray, rules: FatigueRules
) -> np.ndarray:
    """``burden`` is 1 for belligerents and ``supporter_factor`` for aid givers."""
    return np.clip(
        support + rules.recovery * (1 - support) - rules.rate * burden * intensity, 0.0, 1.0
    )
