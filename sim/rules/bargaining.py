"""Bargaining while fighting (Fearon 1995; Slantchev 2003; Powell 2006).

A plan gives Russia a share x of Ukraine's territory. Each side projects the front over the
bargaining horizon from its own belief about the balance of strength; Ukraine projects with the
aid it expects if it refuses (backers of the plan withhold ``withdrawal_threat`` of their aid,
opponents add ``opposition_boost``): a plan Europe opposes keeps Ukraine's outside option high.

    Russia accepts  x >= T_R - c_R + aim_weight * resolve_R * s_R * max(0, aim_R - T_R)
    Ukraine accepts x <= T_U + c_U - aim_weight * resolve_U * s_U * max(0, T_U - aim_U)

with c = cost_of_war + fatigue_weight * fatigue (+ sanctions for Russia) and s domestic
support: a tired public holds war aims less firmly. War goes on while the
projections disagree (mutual optimism) or while a side expects to grow stronger (the
commitment problem: Ukraine's projection uses the aid still in the pipeline and expected).
A ceasefire asks less: aims weigh ``ceasefire_discount`` as much, since nothing is conceded.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Side:
    projected: np.ndarray  # front the side expects at the horizon if it fights on
    cost: np.ndarray  # cost of fighting on, in territory share
    aim: float
    resolve: np.ndarray  # resolve x domestic support: how firmly the aim is held now


def russia_floor(side: Side, aim_weight: float) -> np.ndarray:
    """The smallest share Russia accepts."""
    return (
        side.projected
        - side.cost
        + aim_weight * side.resolve * np.maximum(0.0, side.aim - side.projected)
    )


def ukraine_ceiling(side: Side, aim_weight: float) -> np.ndarray:
    """The largest share Ukraine concedes."""
    return (
        side.projected
        + side.cost
        - aim_weight * side.resolve * np.maximum(0.0, side.projected - side.aim)
    )


def expected_aid_ratio(
    flows: np.ndarray, backers: np.ndarray, opponents: np.ndarray, rules
) -> np.ndarray:
    """Aid Ukraine expects if it refuses a plan, over what it gets now (R,). ``flows`` are
    (R, N) current aid flows; ``backers``/``opponents`` boolean (N,)."""
    now = flows.sum(axis=1)
    change = np.where(backers, -rules.withdrawal_threat, 0.0) + np.where(
        opponents, rules.opposition_boost, 0.0
    )
    later = (flows * (1.0 + change)).sum(axis=1)
    return np.divide(later, now, out=np.ones_like(now), where=now > 1e-12)


def shifted_balance(balance: np.ndarray, ukraine_factor: np.ndarray) -> np.ndarray:
    """Russia's share of strength when Ukraine's strength is scaled by ``ukraine_factor``."""
    return balance / np.maximum(balance + (1.0 - balance) * ukraine_factor, 1e-9)
