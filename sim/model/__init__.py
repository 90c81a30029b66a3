"""EscalationModel and the pieces of its step: the timeline, red lines, alliances, diplomacy."""

from sim.model.core import EscalationModel
from sim.model.red_lines import RedLineWatch

__all__ = ["EscalationModel", "RedLineWatch"]
