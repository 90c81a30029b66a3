"""Scenario language: schema, YAML loading with ``extends``, and error messages."""

from sim.scenario.loader import load_scenario, scenario_text
from sim.scenario.references import build_ladder, rung_level
from sim.scenario.schema import Scenario

__all__ = ["Scenario", "build_ladder", "load_scenario", "rung_level", "scenario_text"]
