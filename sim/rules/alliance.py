"""Alliance decisions and cohesion.

Members' preferences for a firm collective measure against Russia are aggregated by consensus
(any member can veto) or majority; partners lean on a blocker (``peer_pressure`` per decision
blocked in a row), so a lone veto delays more often than it stops. Cohesion returns toward a
target and erodes with the spread of members' war fatigue and of their contributions
(free-riding), with blocked decisions, and rallies when members are attacked.
"""

from __future__ import annotations

import numpy as np


def member_preference(
    hawkishness: np.ndarray,
    exposure: np.ndarray,
    threat: np.ndarray,
    stance: np.ndarray,
    fatigue: np.ndarray,
    weights,
) -> np.ndarray:
    return (
        weights.base
        + weights.hawkishness * hawkishness
        + weights.exposure * exposure
        + weights.threat * threat
        + weights.stance * stance
        - weights.fatigue * fatigue
    )


def decide(yes: np.ndarray, members: np.ndarray, rule) -> np.ndarray:
    """Adopted per replicate: ``yes`` and ``members`` are (R, N) booleans."""
    if rule.rule == "consensus":
        return ~(members & ~yes).any(axis=1) & members.any(axis=1)
    count = members.sum(axis=1)
    share = np.divide((yes & members).sum(axis=1), count, out=np.zeros(len(count)), where=count > 0)
    return share >= rule.majority_share


def spread(values: np.ndarray, members: np.ndarray) -> np.ndarray:
    """Standard deviation over members (R,)."""
    count = np.maximum(members.sum(axis=1), 1)
    mean = (values * members).sum(axis=1) / count
    return np.sqrt((((values - mean[:, None]) ** 2) * members).sum(axis=1) / count)


def cohesion_step(
    cohesion: np.ndarray, fatigue_spread: np.ndarray, contribution_spread: np.ndarray, rules
) -> np.ndarray:
    return np.clip(
        cohesion
        + rules.cohesion_recovery * (rules.cohesion_target - cohesion)
        - rules.fatigue_cost * fatigue_spread
        - rules.freeriding_cost * contribution_spread,
        0.0,
        1.0,
    )
