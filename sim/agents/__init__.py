"""One Mesa agent per state: the face of an actor in the dashboard and the Python API."""

from sim.agents.actor import StateActor

__all__ = ["StateActor"]
