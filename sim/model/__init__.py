"""The model: a batched simulation kernel (``Simulation``: R replicates stepped together) and
its Mesa face (``EscalationModel``: one run, with agents)."""

from sim.model.engine import Simulation, Snapshot, world_of
from sim.model.mesa_model import EscalationModel, release
from sim.model.overrides import Choices, Overrides

__all__ = [
    "Choices",
    "EscalationModel",
    "Overrides",
    "Simulation",
    "Snapshot",
    "release",
    "world_of",
]
