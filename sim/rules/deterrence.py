"""The deterrence calculus of direct conduct (docs/model.md, 'Direct conduct').

Actor i's value of standing at conduct rung L toward j is a potential

    V(L) = a L - P C(L) - u L_c - RL(L)

* a, the motive per rung: ``gain_weight * stakes * (1 - denial_weight * denial)`` (what pressing
  buys, cut by j's defence: deterrence by denial) + rivalry x (the action-reaction pull
  ``reaction_weight * seen / top`` (Richardson; the spiral) + hawks' taste for firmness
  ``hawk_weight * (hawkishness - 1/2)``) - ``domestic_weight * war fatigue``, where rivalry =
  clip(2 hostility - 1, 0, 1): only a rival believed hostile provokes a reaction;
* P C(L), deterrence by punishment: P = credibility = min(1, credibility_scale * denial) *
  believed resolve * reputation (capability x resolve x reputation) and
  C(L) = cost_weight * (1 - risk_tolerance) * (1/2 + denial) * (cost_growth^L - 1), times
  ``nuclear_cost_multiplier`` from an armed attack (attacks on territory) up against a
  nuclear-armed or -covered target;
* u L_c, the upkeep of costly rungs (exercises, deployments cost money and readiness);
* RL(L), for each of j's red lines that standing at L crosses: believed enforcement x the cost
  of the promised response.

V is concave, so each actor has a preferred rung given its beliefs; moves are valued by
U = V(L') - V(L) - inertia [L' != L] - backing_down_cost * hawkishness * max(L - L', 0), and a
warning (cheap talk) by ``hawk_weight * hawkishness * hostility - warning_cost``.
"""

from __future__ import annotations

import numpy as np


def credibility(
    denial: np.ndarray, believed_resolve: np.ndarray, reputation: np.ndarray, scale: float
) -> np.ndarray:
    """Probability the target retaliates, as the source believes it."""
    return np.minimum(1.0, scale * denial) * believed_resolve * reputation


def defence_share(target_strength: np.ndarray, source_strength: np.ndarray) -> np.ndarray:
    """Share of strength the target holds against the source (0-1): deterrence by denial."""
    return target_strength / np.maximum(target_strength + source_strength, 1e-9)


def punishment_factors(
    rungs: int,
    growth: float,
    armed: int,
    multiplier: float,
    grey_zone: int,
    deniability: float,
    self_deterrence: float,
) -> np.ndarray:
    """(3, rungs): C(L) / scale by nuclear cover: none (row 0), the target covered (row 1),
    both sides covered (row 2). ``growth^L - 1``, times ``multiplier`` from an armed attack up
    against a covered target; with both sides covered, retaliation is believed less likely by
    ``self_deterrence`` (the stability-instability paradox: each side fears where its own
    retaliation could lead; at the top the nuclear multiplier still dominates); a deniable
    grey-zone act escapes ``deniability`` of the extra risk over the rung below."""
    levels = np.arange(rungs, dtype=float)
    plain = growth**levels - 1.0
    covered = plain * np.where(levels >= armed, multiplier, 1.0)
    mutual = covered * (1.0 - self_deterrence)
    factors = np.stack([plain, covered, mutual])
    below = factors[:, grey_zone - 1]
    factors[:, grey_zone] -= deniability * (factors[:, grey_zone] - below)
    return factors


def punishment_cost(
    scale: np.ndarray, nuclear: np.ndarray, factors: np.ndarray, rungs: np.ndarray | None = None
) -> np.ndarray:
    """C at every rung (..., rungs), for per-row retaliation ``scale`` and nuclear cover code;
    or only at ``rungs`` (..., k) of each row, which is all a choice among a few moves needs."""
    if rungs is None:
        return scale[..., None] * factors[nuclear]
    return scale[..., None] * factors[nuclear[..., None], rungs]


def motive(
    stakes: np.ndarray,
    denial: np.ndarray,
    hostility: np.ndarray,
    seen: np.ndarray,
    hawkishness: np.ndarray,
    fatigue: np.ndarray,
    reacts: np.ndarray,
    top: int,
    rules,
) -> np.ndarray:
    """a: the value per rung of pressing the rival (see the module docstring)."""
    rivalry = rivalry_of(hostility)
    return (
        rules.gain_weight * stakes * (1.0 - rules.denial_weight * denial)
        + rivalry * rules.reaction_weight * reacts * np.clip(seen, 0, top) / top
        + rivalry * rules.hawk_weight * (hawkishness - 0.5)
        - rules.domestic_weight * fatigue
    )


def rivalry_of(hostility: np.ndarray) -> np.ndarray:
    """How much of a rival the other is: 0 at a hostility belief of one half or less, 1 at
    certainty of hostile intent. Action-reaction and hawkish firmness act only on rivals."""
    return np.clip(2.0 * hostility - 1.0, 0.0, 1.0)


def potential(
    rungs: np.ndarray,
    motive_per_rung: np.ndarray,
    punishment: np.ndarray,
    credible: np.ndarray,
    upkeep: np.ndarray,
    red_line_cost: np.ndarray,
) -> np.ndarray:
    """V at each rung in ``rungs`` (..., k); ``punishment`` is C at those rungs."""
    return (
        motive_per_rung[..., None] * rungs
        - credible[..., None] * punishment
        - upkeep
        - red_line_cost
    )


def move_utilities(
    value_at_targets: np.ndarray,
    targets: np.ndarray,
    level: np.ndarray,
    delta: np.ndarray,
    inertia: float,
    backing_down: np.ndarray,
    warning_value: np.ndarray,
) -> np.ndarray:
    """U per move: the gain in V, less inertia and the audience cost of stepping down.
    A move whose target is where the actor stands (no room) is impossible (-inf)."""
    here = level[..., None]
    utility = (
        value_at_targets
        - value_at_targets[..., 1:2]
        - inertia * (targets != here)
        - backing_down[..., None] * np.maximum(here - targets, 0)
    )
    utility[..., 2] = warning_value
    impossible = (targets == here) & (delta != 0)
    return np.where(impossible, -np.inf, utility)
