"""Red lines: when one is crossed, does the owner follow through?

The owner enforces with probability ``sigmoid(logit(commitment) + audience_weight *
audience_cost + resolve_weight * (resolve - 1/2) - restraint_weight * risk)``: its private
commitment, raised by the audience costs it would pay at home for backing down (Fearon 1994:
public threats tie hands) and by its resolve, lowered by the risk of carrying out the response
(Schelling: a threat that costs the threatener to execute is less credible). Violators believe
enforcement at the owner's public commitment and audience costs and its resolve *as they
believe it* (without the restraint they cannot see), times the owner's reputation.
"""

from __future__ import annotations

import numpy as np

from sim.rules.choice import logit, sigmoid


def _resolve_to_act(commitment, audience_cost, resolve, rules) -> np.ndarray:
    return (
        logit(commitment)
        + rules.audience_weight * audience_cost
        + rules.resolve_weight * (resolve - 0.5)
    )


def enforce_chance(
    commitment: np.ndarray,
    audience_cost: np.ndarray,
    resolve: np.ndarray | float,
    risk: np.ndarray,
    rules,
) -> np.ndarray:
    return sigmoid(
        _resolve_to_act(commitment, audience_cost, resolve, rules) - rules.restraint_weight * risk
    )


def believed_enforcement(
    commitment: np.ndarray,
    audience_cost: np.ndarray,
    believed_resolve: np.ndarray,
    reputation: np.ndarray,
    rules,
) -> np.ndarray:
    return reputation * sigmoid(_resolve_to_act(commitment, audience_cost, believed_resolve, rules))
