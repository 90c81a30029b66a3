"""escsim: an agent-based simulator of escalation, deterrence and signalling."""

from sim.model import EscalationModel
from sim.scenario import Scenario, load_scenario

__version__ = "0.1.0"
__all__ = ["EscalationModel", "Scenario", "__version__", "load_scenario"]
