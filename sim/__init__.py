"""escsim: an agent-based simulator of escalation, deterrence and signalling.

``from sim import load_scenario, EscalationModel`` is the Python API. The names are resolved
on first use, so that the command line starts without importing Mesa for every command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.lazy import lazy_names

__version__ = "0.1.0"
__all__ = ["EscalationModel", "Scenario", "__version__", "load_scenario"]

_LAZY = {
    "EscalationModel": "sim.model",
    "Scenario": "sim.scenario",
    "load_scenario": "sim.scenario",
}

if TYPE_CHECKING:
    from sim.model import EscalationModel
    from sim.scenario import Scenario, load_scenario


__getattr__ = lazy_names("sim", _LAZY)
