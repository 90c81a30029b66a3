"""Off-ramps as a bargaining problem (Fearon 1995).

Russia's expected share from fighting on is p = C_R / (C_R + C_U), effective capabilities with
Western aid counted for Ukraine. Each side judges p with its own error and pays a cost of
fighting on, ``cost_of_war + fatigue_weight * fatigue``. A plan giving Russia a share x of the
stakes is accepted by Russia when x >= p_R - c_R + premium_R and by Ukraine when
1 - x >= 1 - p_U - c_U + premium_U (premium = resolve_premium * resolve). A veto player (for
example a European state objecting to the US plan) agrees when 1 - x >= 1 - p - c_U + its own
premium (resolve_premium * hawkishness). Fatigue widens the bargaining range.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.scenario.schema import DiplomacyRules


@dataclass(frozen=True)
class Verdict:
    russia: bool
    ukraine: bool
    objectors: tuple[int, ...]

    @property
    def accepted(self) -> bool:
        return self.russia and self.ukraine and not self.objectors


def cost_of_fighting(fatigue: float, rules: DiplomacyRules) -> float:
    return rules.cost_of_war + rules.fatigue_weight * fatigue


def judge_plan(
    terms: float,
    russia_share: float,
    russia: tuple[float, float],
    ukraine: tuple[float, float],
    vetoes: list[tuple[int, float]],
    rules: DiplomacyRules,
    rng: np.random.Generator,
) -> Verdict:
    """``russia``/``ukraine`` are (fatigue, resolve); ``vetoes`` are (actor index, hawkishness)."""
    error_r, error_u = rng.standard_normal(2) * rules.perception_noise
    cost_u = cost_of_fighting(ukraine[0], rules)
    russia_ok = terms >= russia_share + error_r - cost_of_fighting(russia[0], rules) + (
        rules.resolve_premium * russia[1]
    )
    ukraine_ok = (
        1 - terms >= 1 - russia_share - error_u - cost_u + rules.resolve_premium * ukraine[1]
    )
    objectors = tuple(
        index
        for index, hawkishness in vetoes
        if 1 - terms < 1 - russia_share - cost_u + rules.resolve_premium * hawkishness
    )
    return Verdict(bool(russia_ok), bool(ukraine_ok), objectors)
