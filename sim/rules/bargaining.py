"""Bargaining while fighting (Fearon 1995; Slantchev 2003; Powell 2006).

A plan gives Russia a share x of Ukraine's territory. Each side projects the front over the
bargaining horizon H from its own belief about the balance of strength, moved by the shifts of
power it expects over the horizon: the aid Ukraine expects (deliveries in the pipeline, and the
weekly flows of each supporter, scaled by how reliable that supporter now looks: its stance
toward Ukraine and its public's support, against where they started) and the forces each side
is still mobilising. Ukraine's expectation depends on the plan: if it refuses, the plan's
backers withhold ``withdrawal_threat`` of their aid and its opponents add ``opposition_boost``,
so a plan Europe opposes (and keeps arming against) leaves Ukraine a better war to fight on
than one Europe backs (Snyder 1984: the fear of abandonment).

    Russia accepts  x >= T_R - c_R + A_R + K_R
    Ukraine accepts x <= T_U + c_U - A_U - K_U

* T_i: the front side i projects at the horizon if it fights on;
* c_i: the cost of fighting on: ``cost_of_war + fatigue_weight * fatigue + weariness_weight *
  log(1 + casualties)`` (Mueller 1973: support for a war falls with the logarithm of its
  cumulative losses), plus sanctions for Russia; Ukraine's is multiplied by ``1 + support_cost
  * (1 - kept)``, where ``kept`` is the share of today's aid it expects to keep if it fights on
  (Regan 2002: outside support lowers the cost of fighting and lengthens wars);
* A_i = aim_weight * resolve * support * the distance from T_i to the side's war aim, when the
  aim lies beyond it: war aims as a reference point (prospect theory; Levy 1997), held less
  firmly by a tired public. A ceasefire or an armistice concedes nothing on paper (the
  line is not recognised): aims weigh ``ceasefire_discount`` as much as in a settlement;
* K_i: the commitment problem (Powell 2006): the ground side i expects to lose if the
  agreement breaks after the other side used the lull to grow stronger (Ukraine re-arming with
  Western aid; Russia finishing a mobilisation), times ``shift_weight``.

Each answer is a quantal response (McKelvey & Palfrey 1995): a side misjudges its own floor or
ceiling at each offer by N(0, ``perception_noise``), so acceptance falls smoothly as terms move
away from it, and neither side can tell exactly what the other will accept (Fearon 1995).

War goes on while the projections disagree (mutual optimism, which battlefield news erodes),
while aims lie far from what fighting can bring, or while a shift of power is under way.
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
    fear: np.ndarray  # ground at risk from the other side's growth during the agreement


def russia_floor(side: Side, aim_weight: float) -> np.ndarray:
    """The smallest share Russia accepts."""
    return (
        side.projected
        - side.cost
        + aim_weight * side.resolve * np.maximum(0.0, side.aim - side.projected)
        + side.fear
    )


def ukraine_ceiling(side: Side, aim_weight: float) -> np.ndarray:
    """The largest share Ukraine concedes."""
    return (
        side.projected
        + side.cost
        - aim_weight * side.resolve * np.maximum(0.0, side.projected - side.aim)
        - side.fear
    )


def expected_flows(
    flows: np.ndarray,
    reliability: np.ndarray,
    backers: np.ndarray,
    opponents: np.ndarray,
    rules,
) -> np.ndarray:
    """(R,) the weekly aid Ukraine expects over the horizon if it refuses the plan. ``flows``
    and ``reliability`` are (R, N); ``backers``/``opponents`` boolean (N,)."""
    change = np.where(backers, -rules.withdrawal_threat, 0.0) + np.where(
        opponents, rules.opposition_boost, 0.0
    )
    return (flows * reliability * (1.0 + change)).sum(axis=1)


def support_cost(kept: np.ndarray, weight: float) -> np.ndarray:
    """(R,) factor on Ukraine's cost of fighting on: outside support carries part of the cost
    of a war (Regan 2002: external support lengthens wars), so fighting on costs more the less
    of today's aid Ukraine expects to keep (``kept``: expected over current flows)."""
    return np.maximum(0.0, 1.0 + weight * (1.0 - kept))


def reliability(
    stance: np.ndarray,
    stance0: np.ndarray,
    support: np.ndarray,
    support0: np.ndarray,
    public_weight: float = 1.0,
) -> np.ndarray:
    """(R, N) how far each supporter's aid can be counted on, against the start of the run:
    its stance toward Ukraine and its public's support, each relative to where it started (a
    supporter that has warmed since is counted on as before: its aid already shows it); the
    public counts with ``public_weight``."""
    by_stance = np.clip(np.divide(stance, np.maximum(stance0, 1e-9)), 0.0, 1.0)
    by_public = np.clip(support / np.maximum(support0, 1e-9), 0.0, 1.0)
    by_public = 1.0 - public_weight + public_weight * by_public
    return np.where(stance0 > 0, by_stance, 0.0) * by_public


def materiel_ahead(
    materiel: np.ndarray, pipeline: np.ndarray, flow: np.ndarray, horizon: int, use: float, scale
) -> np.ndarray:
    """(R,) Ukraine's materiel ``horizon`` steps on: today's stock and the deliveries already
    in the pipeline, used up at ``use`` a week, plus ``flow`` a week of new shipments."""
    keep = (1.0 - use) ** horizon
    steady = scale * flow / max(use, 1e-9)
    return (materiel + scale * pipeline) * keep + steady * (1.0 - keep)


def mobilisation_ahead(
    forces: np.ndarray,
    mobilising: np.ndarray,
    inflow: np.ndarray,
    replacement: np.ndarray,
    boost: float,
    horizon: int,
) -> np.ndarray:
    """(R, 2) strength factor of the forces each side is still mobilising within the horizon:
    the extra replacement and the scheduled inflow of the steps left."""
    extra = (replacement * boost + inflow) * np.minimum(mobilising, horizon)
    return (forces + extra) / np.maximum(forces, 1e-9)


def shifted_balance(
    balance: np.ndarray, russia_factor: np.ndarray, ukraine_factor: np.ndarray
) -> np.ndarray:
    """Russia's share of strength when each side's strength is scaled by its factor."""
    russia = balance * russia_factor
    return russia / np.maximum(russia + (1.0 - balance) * ukraine_factor, 1e-9)


def weariness(casualties: np.ndarray) -> np.ndarray:
    """(R, 2) log(1 + forces lost since the war began), forces in units of Russia's force of
    February 2022 (the same unit for every scenario, so a war's history carries over)."""
    return np.log1p(np.maximum(casualties, 0.0))
