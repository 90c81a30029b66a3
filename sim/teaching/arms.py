"""A lesson's arms as scenarios: load an arm (with changes such as a knock-out applied) and
list the dotted paths in which two scenarios differ, so that a lesson can be checked to vary
its knob and nothing else."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sim.batch.design import apply_point
from sim.scenario import load_scenario
from sim.scenario.schema import Scenario
from sim.teaching.lessons import TEACHING, Lesson

#: Fields that name or describe a scenario without changing what it does.
LABELS = ("name", "description")


def arm_scenario(
    lesson: Lesson, index: int, changes: dict[str, object] | None = None, root: Path = TEACHING
) -> Scenario:
    """The scenario of arm ``index``, with ``changes`` (dotted path -> value) applied."""
    scenario = load_scenario(root / lesson.arms[index].scenario)
    if not changes:
        return scenario
    return apply_point(scenario.model_dump(), dict(changes))


def _flatten(value: Any, prefix: str, out: dict[str, Any]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, f"{prefix}.{key}" if prefix else str(key), out)
    elif isinstance(value, list) and all(isinstance(v, dict) and "id" in v for v in value):
        for item in value:
            _flatten(item, f"{prefix}.{item['id']}", out)
    elif isinstance(value, list):
        for k, item in enumerate(value):
            _flatten(item, f"{prefix}.{k}", out)
        out[f"{prefix}.#"] = len(value)
    else:
        out[prefix] = value


def differences(first: Scenario, second: Scenario) -> set[str]:
    """Dotted paths whose values differ between two scenarios (names and descriptions aside);
    list items with an ``id`` are addressed by it, as knobs and sweeps address them."""
    flat: list[dict[str, Any]] = []
    for scenario in (first, second):
        data = scenario.model_dump(mode="json")
        for label in LABELS:
            data.pop(label, None)
        found: dict[str, Any] = {}
        _flatten(data, "", found)
        flat.append(found)
    keys = set(flat[0]) | set(flat[1])
    return {key for key in keys if flat[0].get(key, None) != flat[1].get(key, None)}
