"""Aid to Ukraine as the supplier's decision (docs/model.md, 'Support').

Supplier s's value of sending aid of kind A (0 none .. 4 long-range strike) is

    W(A) = b A - (coalition_pull / 2) (A - mean allied A)^2 - R(A) - RL(A)

* b = gain_weight * stance toward Ukraine * resolve * need - domestic_weight * fatigue, where
  Ukraine's need grows with Russia's edge on the battlefield (``need_base + need_weight *
  max(0, balance - 1/2)``);
* R(A) = risk_weight * (1 - risk_tolerance) * Russia's strength * (risk_growth^A - 1) *
  (1 + shadow_weight * nuclear shadow): the escalation risk of arming Ukraine, which a stronger
  Russia and Russia's nuclear signalling raise (deterrence of third parties);
* RL(A) = for each of Russia's red lines on aid that kind A crosses, believed enforcement x
  the cost of the promised response.
Kinds above the supplier's policy limit are impossible; cutting aid costs ``cut_cost``.
"""

from __future__ import annotations

import numpy as np


def need(balance: np.ndarray, rules) -> np.ndarray:
    """Ukraine's need for aid, from Russia's believed share of strength."""
    return rules.need_base + rules.need_weight * np.maximum(0.0, balance - 0.5)


def aid_value(
    kinds: np.ndarray,
    benefit: np.ndarray,
    allied_mean: np.ndarray,
    risk_scale: np.ndarray,
    red_line_cost: np.ndarray,
    rules,
) -> np.ndarray:
    """W at each aid kind in ``kinds`` (..., k) for suppliers (...)."""
    return (
        benefit[..., None] * kinds
        - 0.5 * rules.coalition_pull * (kinds - allied_mean[..., None]) ** 2
        - risk_scale[..., None] * (rules.risk_growth**kinds - 1.0)
        - red_line_cost
    )


def aid_moves(kind: np.ndarray, limit: np.ndarray) -> np.ndarray:
    """targets[..., move] for moves (cut, hold, raise), kept within 0..limit."""
    down = np.maximum(kind - 1, 0)
    up = np.minimum(kind + 1, np.maximum(limit, kind))
    return np.stack([down, kind, up], axis=-1)


def aid_utilities(values: np.ndarray, targets: np.ndarray, kind: np.ndarray, rules) -> np.ndarray:
    here = kind[..., None]
    utility = (
        values
        - values[..., 1:2]
        - rules.inertia * (targets != here)
        - rules.cut_cost * (targets < here)
    )
    moved = np.array([True, False, True])
    return np.where((targets == here) & moved, -np.inf, utility)
