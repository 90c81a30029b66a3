"""Richardson's arms-race model per rival pair, in discrete time.

For actor i facing rival j:  x_i(t+1) = x_i(t) + a_i * y(t) - m_i * x_i(t) + g_i,
where y is j's posture toward i as i sees it (true posture plus N(0, noise)), and

* a_i = reactivity * (0.5 + exposure_i): defence coefficient, larger for exposed states;
* m_i = decay: the fatigue and economic burden of keeping forces ready;
* g_i = grievance * hawkishness_i: standing grievance or ambition.

With noise 0 the path is exactly the difference equation.
"""

from __future__ import annotations

import numpy as np


def richardson_step(
    posture: np.ndarray,
    rival_posture_seen: np.ndarray,
    a: np.ndarray,
    m: np.ndarray,
    g: np.ndarray,
) -> np.ndarray:
    return posture + a * rival_posture_seen - m * posture + g
