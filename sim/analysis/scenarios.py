"""The scenarios of a sweep as its manifest stored them: analysis labels rungs with the ladder
of the scenario that ran (never the built-in default), counts steps in its unit and names its
actors, all read from the merged YAML text the sweep kept (``manifest["scenarios"][i]["text"]``).
"""

from __future__ import annotations

from functools import lru_cache

import yaml
from pydantic import ValidationError

from sim.errors import EscsimError
from sim.ladder import Ladder
from sim.scenario.references import build_ladder
from sim.scenario.schema import Scenario


@lru_cache(maxsize=32)
def _parse(text: str) -> Scenario:
    return Scenario.model_validate(yaml.safe_load(text))


def scenario_of(results, name: str) -> Scenario:
    """The validated Scenario called ``name`` in the results' manifest."""
    entries = results.manifest.get("scenarios", [])
    for entry in entries:
        if entry.get("name") == name:
            break
    else:
        known = ", ".join(e.get("name", "?") for e in entries) or "none"
        raise EscsimError(
            f"{results.folder}/manifest.json: no scenario {name!r} in 'scenarios'; allowed: {known}"
        )
    text = entry.get("text")
    if not isinstance(text, str):
        raise EscsimError(
            f"{results.folder}/manifest.json: scenario {name!r} has no 'text'; allowed: a "
            "manifest written by escsim sweep (it stores each scenario's YAML)"
        )
    try:
        return _parse(text)
    except (yaml.YAMLError, ValidationError) as exc:
        first = str(exc).splitlines()[0]
        raise EscsimError(
            f"{results.folder}/manifest.json: the text of scenario {name!r} is not a scenario "
            f"of this version of escsim ({first}); allowed: results of the current model"
        ) from None


def ladder_of(results, name: str) -> Ladder:
    """The reporting ladder of scenario ``name`` (its own, or the default it declared)."""
    return build_ladder(scenario_of(results, name))


def step_unit(results, name: str) -> str:
    """What one step of scenario ``name`` is (week, day or month)."""
    return scenario_of(results, name).run.step_unit


def actor_names(results, name: str) -> dict[str, str]:
    """Actor id -> display name in scenario ``name``."""
    return {actor.id: actor.name for actor in scenario_of(results, name).actors}
