"""The war as a state: attrition, replacement, the front line and battlefield news
(docs/model.md, 'The war').

Losses are an attrition-rate model (after Lanchester 1916, in the form used for modern
attrition estimates): each side loses a share of its own forces that grows with the enemy's
edge, ``attrition * intensity * F_i * (S_j / S_i)^theta * luck_i``. With theta < 1/2 and
constant replacement the force ratio settles at ``(rep_R / rep_U)^(1 / (1 - 2 theta))`` (times
the materiel multiplier): a front that moves slowly with the balance of strength, not a
collapse. Ukraine's strength is its forces times ``1 + materiel_effect * materiel`` (Western
aid). The front moves only when one side's share of strength exceeds one half by
``offence_margin`` (the defender's advantage).

Battlefield results are news (Blainey 1973; Slantchev 2003; Smith & Stam 2004): the week's
exchange of losses says something about the balance, blurred by the week's luck, which both
sides see, and by each side's own reading error. Each side holds a belief (a mean and a
variance) and updates it as a Kalman filter: early in a war, when it is unsure, one week's news
moves it a lot; later, little. Mutual optimism therefore erodes as the war reveals the balance
(the principle of convergence), fast when results are clear, slowly when they are noisy.
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


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def _news_scale(rules) -> float:
    """How many log-odds of the balance one unit of relative luck is worth: the loss-rate
    ratio is ``(S_R / S_U)^(2 theta)`` times the luck, so reading the balance off it divides
    the luck by ``2 theta`` (a flat exchange, theta near 0, tells little: floored at 0.05)."""
    return rules.noise / (2.0 * max(rules.exchange_exponent, 0.05))


def news(balance_now: np.ndarray, luck: np.ndarray, rules) -> np.ndarray:
    """(R,) the balance this week's exchange of losses suggests, before any reading error:
    the truth blurred by the week's relative luck (which both sides see alike)."""
    relative = (luck[:, 1] - luck[:, 0]) / np.sqrt(2.0)
    return 1.0 / (1.0 + np.exp(-(_logit(balance_now) + _news_scale(rules) * relative)))


def news_variance(balance_now: np.ndarray, rules) -> np.ndarray:
    """(R,) variance of one week's news about the balance: luck (in balance units, by the
    delta method) plus each side's reading error."""
    luck = (balance_now * (1 - balance_now) * _news_scale(rules)) ** 2
    return luck + rules.observation_noise**2


def learn_balance(
    belief: np.ndarray, variance: np.ndarray, observed: np.ndarray, noise: np.ndarray, drift: float
) -> tuple[np.ndarray, np.ndarray]:
    """One Kalman step per side: the balance drifts by ``drift`` a week, news has variance
    ``noise``; returns the new (belief, variance)."""
    prior = variance + drift**2
    gain = prior / (prior + noise)
    return np.clip(belief + gain * (observed - belief), 0.01, 0.99), (1.0 - gain) * prior
