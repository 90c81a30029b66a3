"""Attribution of incidents on a state's territory (escalation management).

An incident is an accident (stray fire, debris), a deniable grey-zone act, an attack or a clash.
Each step an open incident is attributed with probability ``attribution_rate * (1 +
deconfliction)``; a clash is attributed at once. The verdict is right with probability
``accuracy + deconfliction * (1 - accuracy) / 2``; an accident is wrongly read as deliberate
more often by a hostile victim (``hostile_bias``) and less where hotlines and deconfliction
work. After ``max_steps`` the incident stays unattributed.
"""

from __future__ import annotations

import numpy as np

NATURES = ("accident", "grey_zone", "attack", "clash")
ACCIDENT, GREY_ZONE, ATTACK, CLASH = range(len(NATURES))
VERDICTS = ("open", "deliberate", "accident", "unattributed")
OPEN, DELIBERATE, NOT_DELIBERATE, UNATTRIBUTED = range(len(VERDICTS))


def resolve_chance(nature: np.ndarray, rules) -> np.ndarray:
    return np.where(
        nature == CLASH, 1.0, np.minimum(1.0, rules.attribution_rate * (1 + rules.deconfliction))
    )


def verdict(nature: np.ndarray, hostility: np.ndarray, uniforms: np.ndarray, rules) -> np.ndarray:
    """DELIBERATE or NOT_DELIBERATE for incidents being attributed now."""
    accuracy = rules.accuracy + rules.deconfliction * (1 - rules.accuracy) / 2
    wrong_accident = np.clip(
        (1 - accuracy) * (1 + rules.hostile_bias * (2 * hostility - 1)) * (1 - rules.deconfliction),
        0.0,
        1.0,
    )
    deliberate = nature != ACCIDENT
    says_deliberate = np.where(
        deliberate, (nature == CLASH) | (uniforms < accuracy), uniforms < wrong_accident
    )
    return np.where(says_deliberate, DELIBERATE, NOT_DELIBERATE)
