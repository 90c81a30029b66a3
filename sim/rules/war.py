"""The war as a state: attrition, replacement and the front line (docs/model.md, 'The war').

Losses are an attrition-rate model (after Lanchester 1916, in the form used for modern
attrition estimates): each side loses a share of its own forces that grows with the enemy's
edge, ``attrition * intensity * F_i * (S_j / S_i)^theta``. With theta < 1/2 and constant
replacement the force ratio settles at ``(rep_R / rep_U)^(1 / (1 - 2 theta))`` (times the
materiel multiplier): a front that moves slowly with the balance of strength, not a collapse.
Ukraine's strength is its forces times ``1 + materiel_effect * materiel`` (Western aid).
The front moves only when one side's share of strength exceeds one half by ``offence_margin``
(the defender's advantage).
"""

from __future__ import annotations

import numpy as np


def strengths(forces: np.ndarray, materiel: np.ndarray, rules) -> np.ndarray:
    """(R, 2) strengths of Russia and Ukraine."""
    out = forces.copy()
    out[:, 1] = forces[:, 1] * (1.0 + rules.materiel_effect * materiel)
    return out


def losses(
    forces: np.ndarray, strength: np.ndarray, intensity: np.ndarray, luck: np.ndarray, rules
) -> np.ndarray:
    """(R, 2) forces lost this step; ``luck`` is (R, 2) standard normal."""
    ratio = strength[:, 0] / np.maximum(strength[:, 1], 1e-9)
    edge = np.stack([ratio ** (-rules.exchange_exponent), ratio**rules.exchange_exponent], axis=1)
    shock = np.exp(rules.noise * luck - 0.5 * rules.noise**2)
    return rules.attrition * intensity[:, None] * forces * edge * shock


def balance(strength: np.ndarray) -> np.ndarray:
    """Russia's share of the two sides' strength."""
    return strength[:, 0] / np.maximum(strength.sum(axis=1), 1e-9)


def advance(balance_now: np.ndarray, rules) -> np.ndarray:
    """-1 .. 1: how fast the front moves toward Ukraine (positive) or back (negative)."""
    reach = 0.5 - rules.offence_margin
    gain = np.clip((balance_now - 0.5 - rules.offence_margin) / reach, 0.0, 1.0)
    loss = np.clip((0.5 - rules.offence_margin - balance_now) / reach, 0.0, 1.0)
    return gain - loss


def projected_front(front: np.ndarray, believed_balance: np.ndarray, horizon: int, rules):
    """Where a side believes the front will be ``horizon`` steps on, fighting at full intensity."""
    return np.clip(front + horizon * rules.front_speed * advance(believed_balance, rules), 0, 1)


def learn_balance(belief: np.ndarray, observed: np.ndarray, rate: float) -> np.ndarray:
    """Battlefield results as news: beliefs move toward what was observed."""
    return np.clip(belief + rate * (observed - belief), 0.01, 0.99)
