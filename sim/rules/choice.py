"""Bounded rationality: choose among options with probabilities softmax(U / temperature)."""

from __future__ import annotations

import numpy as np


def softmax_choice(
    utility: np.ndarray, temperature: np.ndarray, uniforms: np.ndarray
) -> np.ndarray:
    """One option per row of ``utility`` (..., options); -inf marks an impossible option.
    ``temperature`` and ``uniforms`` (in [0, 1)) broadcast against ``utility[..., 0]``. A draw
    of exactly 0 counts as the smallest positive one, so a leading impossible option (weight
    0) is never chosen."""
    scaled = utility / np.asarray(temperature)[..., None]
    scaled = scaled - scaled.max(axis=-1, keepdims=True)
    weights = np.exp(scaled)
    cumulative = np.cumsum(weights, axis=-1)
    threshold = np.maximum(uniforms, np.finfo(float).tiny) * cumulative[..., -1]
    return (cumulative < threshold[..., None]).sum(axis=-1)


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(x, dtype=float)))


def logit(p: np.ndarray | float) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=float), 1e-9, 1 - 1e-9)
    return np.log(p / (1 - p))
