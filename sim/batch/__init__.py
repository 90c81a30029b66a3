"""Batch runs: sweep designs, seeds, backends (local processes, Dask) and the results store.

The names below are resolved on first use, so importing a light part of the package (the
store) does not import the model and Mesa.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.lazy import lazy_names

__all__ = ["Results", "SweepResult", "load_results", "plan_sweep", "run_sweep"]

_LAZY = {
    "SweepResult": "sim.batch.runner",
    "plan_sweep": "sim.batch.runner",
    "run_sweep": "sim.batch.runner",
    "Results": "sim.store.results",
    "load_results": "sim.store.results",
}

if TYPE_CHECKING:
    from sim.batch.runner import SweepResult, plan_sweep, run_sweep
    from sim.store.results import Results, load_results


__getattr__ = lazy_names("sim.batch", _LAZY)
