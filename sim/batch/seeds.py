"""Seeds of a sweep: one root seed, one independent child per run.

Run ``i`` gets child ``i`` of ``numpy.random.SeedSequence(root)``: the same child that
``SeedSequence(root).spawn(n)[i]`` gives, computed directly so that a run's seed depends only on
the root seed and its run id (not on the worker count, the order runs finish in, or resumes).
"""

from __future__ import annotations

import numpy as np

#: Mixed into the root seed for the design's own random numbers (LHS, Sobol scrambling, random
#: points), so that they are independent of every run's seed.
DESIGN_STREAM = 0x5EED_DE51


def run_seed(root: int, run_id: int) -> int:
    """The model seed of run ``run_id``: a 63-bit integer (fits int64, accepted by --seed)."""
    state = np.random.SeedSequence(root, spawn_key=(run_id,)).generate_state(1, np.uint64)
    return int(state[0] >> np.uint64(1))


def run_seeds(root: int, count: int) -> list[int]:
    """Seeds of runs 0 .. count-1, through ``SeedSequence.spawn`` (equal to ``run_seed``)."""
    children = np.random.SeedSequence(root).spawn(count)
    return [int(c.generate_state(1, np.uint64)[0] >> np.uint64(1)) for c in children]


def design_seed(root: int) -> int:
    """Seed of the design's sampling (a 32-bit integer, as SALib takes it)."""
    return int(np.random.SeedSequence([root, DESIGN_STREAM]).generate_state(1)[0])


#: Mixed into a run's seed for the seeds of its continuations from a branch point.
BRANCH_STREAM = 0xB2A4C7


def continuation_seeds(seed: int, step: int, count: int) -> np.ndarray:
    """Seeds of ``count`` continuations of the run seeded ``seed`` from week ``step``: keyed by
    the three, so every arm of a branch draws the same numbers after the branch point."""
    children = np.random.SeedSequence([seed, step, BRANCH_STREAM]).spawn(count)
    return np.array(
        [c.generate_state(1, np.uint64)[0] >> np.uint64(1) for c in children], dtype=np.uint64
    )
