"""War fatigue: domestic support falls with the burden of fighting or arming Ukraine, with
losses and with the upkeep of costly postures, and recovers toward its starting level:
s(t+1) = s + recovery (s0 - s) - rate * burden - casualty_weight * losses - upkeep."""

from __future__ import annotations

import numpy as np


def support_step(
    support: np.ndarray,
    baseline: np.ndarray,
    burden: np.ndarray,
    losses: np.ndarray,
    upkeep: np.ndarray,
    rules,
) -> np.ndarray:
    return np.clip(
        support
        + rules.recovery * (baseline - support)
        - rules.rate * burden
        - rules.casualty_weight * losses
        - upkeep,
        0.0,
        1.0,
    )
