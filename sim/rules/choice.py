"""Bounded rationality: choose among options with probabilities softmax(U / temperature)."""

from __future__ import annotations

import numpy as np


def softmax_choice(
    utility: np.ndarray, temperature: np.ndarray, uniforms: np.ndarray
) -> np.ndarray:
    """One option per row of ``utility`` (..., options); -inf marks an impossible option.
    ``temperature`` and ``uniforms`` (in [0, 1)) broadcast against ``utility[..., 0]``. The few
    options are walked one by one: numpy reduces a short last axis far slower than it adds
    arrays. A draw of exactly 0 counts as the smallest positive one, so a leading impossible
    option (weight 0) is never chosen."""
    options = utility.shape[-1]
    temperature = np.asarray(temperature)
    best = np.maximum(utility[..., 0], utility[..., 1]) if options > 1 else utility[..., 0]
    for k in range(2, options):
        np.maximum(best, utility[..., k], out=best)
    weights = []
    for k in range(options):
        weight = np.subtract(utility[..., k], best)
        weight /= temperature
        weights.append(np.exp(weight, out=weight))
    total = weights[0].copy()
    for k in range(1, options):
        total += weights[k]
    threshold = np.maximum(uniforms, np.finfo(float).tiny) * total
    chosen = np.zeros(best.shape, dtype=np.int64)
    running = np.zeros(best.shape)
    for k in range(options - 1):
        running += weights[k]
        chosen += running < threshold
    return chosen


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(x, dtype=float)))


def logit(p: np.ndarray | float) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=float), 1e-9, 1 - 1e-9)
    return np.log(p / (1 - p))
