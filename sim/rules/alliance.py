"""Alliance decisions: members' preferences aggregated by consensus (any member can veto) or
by majority; a blocked decision costs cohesion and leaves the willing to act alone. Partners
lean on a blocker: every decision blocked in a row adds ``peer_pressure`` to each member's
preference, so a lone veto delays more often than it stops."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from sim.scenario.schema import AllianceRule


@dataclass(frozen=True)
class Decision:
    adopted: bool
    yes: np.ndarray  # bool per member
    vetoed_by: tuple[int, ...]  # member positions that blocked a consensus decision


def member_preference(
    hawkishness: np.ndarray, exposure: np.ndarray, threat: np.ndarray, fatigue: np.ndarray
) -> np.ndarray:
    """Support for a firm collective measure against Russia: frontline hawks most, tired and
    distant members least."""
    return 0.2 + 0.4 * hawkishness + 0.2 * exposure + 0.3 * threat - 0.4 * fatigue


def decide(preference: np.ndarray, rule: AllianceRule) -> Decision:
    yes = preference >= rule.vote_threshold
    if rule.rule == "consensus":
        vetoed = tuple(int(i) for i in np.flatnonzero(~yes))
        return Decision(not vetoed, yes, vetoed)
    return Decision(bool(yes.mean() >= rule.majority_share), yes, ())


def cohesion_step(
    cohesion: float,
    member_fatigue: np.ndarray,
    member_levels: np.ndarray,
    recovery: float,
    freeriding_cost: float,
    n_rungs: int,
) -> float:
    """Cohesion recovers toward 1 and erodes with the spread of members' fatigue and of their
    contributions (free-riding: some climb, others hold back)."""
    spread = _spread(member_fatigue) + _spread(member_levels) / n_rungs * 4
    return min(1.0, max(0.0, cohesion + recovery * (1 - cohesion) - freeriding_cost * spread))


def _spread(values: np.ndarray) -> float:
    """Population standard deviation in plain Python: faster than numpy for a few members."""
    items = values.tolist()
    mean = sum(items) / len(items)
    return math.sqrt(sum((v - mean) ** 2 for v in items) / len(items))
