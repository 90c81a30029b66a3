"""Red lines: when one is crossed, does the owner follow through?

The owner enforces with probability ``sigmoid(logit(commitment) + audience_weight *
audience_cost - restraint_weight * risk)``: its private commitment, raised by the audience costs
it would pay at home for backing down (Fearon 1994: public threats tie hands), lowered by the
risk of carrying out the response (Schelling: a threat that costs the threatener to execute is
less credible). Violators believe enforcement at the owner's public commitment (commitment and
audience costs, without the restraint they cannot see) times the owner's reputation.
"""

from __future__ import annotations

import numpy as np

from sim.rules.choice import logit, sigmoid


def enforce_chance(
    commitment: np.ndarray, audience_cost: np.ndarray, risk: np.ndarray, rules
) -> np.ndarray:
    return sigmoid(
        logit(commitment) + rules.audience_weight * audience_cost - rules.restraint_weight * risk
    )


def believed_enforcement(
    commitment: np.ndarray, audience_cost: np.ndarray, reputation: np.ndarray, rules
) -> np.ndarray:
    return reputation * sigmoid(logit(commitment) + rules.audience_weight * audience_cost)
