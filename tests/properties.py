"""Hypothesis settings and input strategies shared by the property tests of the rules.

The profile is deterministic (``derandomize``) and keeps no example database, so a test run
writes nothing into the repository and the mutation check (tests/mutations.py) gets the same
verdict every time it runs.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from hypothesis.extra import numpy as hnp

# Failing examples are written as patches under Hypothesis's home: keep it out of the repository.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "escsim-hypothesis")
settings.register_profile(
    "escsim",
    deadline=None,
    database=None,
    derandomize=True,
    max_examples=40,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("escsim")

#: A probability or any other quantity on 0-1.
unit = st.floats(0.0, 1.0, allow_nan=False)
#: A uniform draw as the streams make them: [0, 1).
draw = st.floats(0.0, 1.0, exclude_max=True, allow_nan=False)
#: A non-negative weight of the size the schema allows.
weight = st.floats(0.0, 5.0, allow_nan=False)


def units(size: int) -> st.SearchStrategy[np.ndarray]:
    """Arrays of ``size`` values on 0-1."""
    return hnp.arrays(np.float64, size, elements=unit)


def draws(shape: int | tuple[int, ...]) -> st.SearchStrategy[np.ndarray]:
    """Arrays of uniform draws in [0, 1)."""
    return hnp.arrays(np.float64, shape, elements=draw)


def concave(values: np.ndarray, tolerance: float = 1e-9) -> bool:
    """Second differences along the last axis are never positive."""
    return bool((np.diff(values, n=2, axis=-1) <= tolerance).all())
