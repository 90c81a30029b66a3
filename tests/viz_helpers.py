"""Shared helpers of the dashboard's tests: the quiet duel of conftest (Russia against one NATO
member) with capabilities and a red line of Blueland's, as a Scenario."""

from __future__ import annotations

from sim.scenario import Scenario
from tests.conftest import duel as quiet_duel


def duel(steps: int = 12, start: str = "exercises", seed: int = 3) -> Scenario:
    """Russia and Blueland, a frontline NATO member that answers attacks with a clash."""
    data = quiet_duel({}, {}, steps=steps, start=start)
    russia, blueland = data["actors"]
    russia["attributes"] = {"capability": 0.6, "resolve": 0.7, "nuclear": True}
    blueland["attributes"] = {"capability": 0.4, "exposure": 1.0}
    blueland["red_lines"] = [
        {
            "id": "no_attacks",
            "violators": ["RUS"],
            "watch": "conduct",
            "threshold": "incident",
            "response": "clash",
            "commitment": 0.8,
        }
    ]
    data["run"]["seed"] = seed
    return Scenario.model_validate(data)
