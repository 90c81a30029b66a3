"""The dashboard's sliders and how each maps onto a scenario.

Every knob reads its starting value from the chosen scenario and writes a changed copy of it;
nothing here imports Solara, so the mapping is tested without a browser.

- ``misperception``, ``noise``, ``cohesion``, ``fatigue_rate``: one number at a dotted path
  under ``rules``.
- ``risk_tolerance``: ``attributes.risk_tolerance`` of the actor whose role is ``russia``.
- ``commitment``: a factor (1 = as written) on the commitment of every red line and every
  scheduled warning, capped at 1.
- ``aid``: a shift, in kinds of aid (none, non-lethal, defensive, advanced, long-range), of the
  aid every NATO and EU state sends Ukraine at the start, kept within what its policy allows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sim.concepts.channels import AID
from sim.concepts.roles import ROLES
from sim.model.world import policy_values
from sim.scenario import Scenario


@dataclass(frozen=True)
class Knob:
    """One slider: its label, range and how it reads and writes a scenario (as a dict)."""

    key: str
    label: str
    min: float
    max: float
    step: float
    help: str
    read: Callable[[Scenario], float]
    write: Callable[[dict, Scenario, float], None]
    integer: bool = False


def _get_path(data: Mapping, path: str) -> Any:
    for part in path.split("."):
        data = data[part]
    return data


def _set_path(data: dict, path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        data = data[part]
    data[last] = value


def _rule(path: str) -> tuple[Callable, Callable]:
    def read(scenario: Scenario) -> float:
        return float(_get_path(scenario.model_dump(), path))

    def write(data: dict, scenario: Scenario, value: float) -> None:
        _set_path(data, path, float(value))

    return read, write


def russia_index(scenario: Scenario) -> int:
    """Position of the actor whose role is russia (the model requires exactly one)."""
    for i, actor in enumerate(scenario.actors):
        if actor.role == "russia":
            return i
    raise ValueError(f"scenario {scenario.name!r} has no actor with role russia")


def _read_risk(scenario: Scenario) -> float:
    return float(scenario.actors[russia_index(scenario)].attributes.risk_tolerance)


def _write_risk(data: dict, scenario: Scenario, value: float) -> None:
    data["actors"][russia_index(scenario)]["attributes"]["risk_tolerance"] = float(value)


def _read_factor(scenario: Scenario) -> float:
    return 1.0


def _write_commitment(data: dict, scenario: Scenario, factor: float) -> None:
    for actor in data["actors"]:
        for red in actor["red_lines"]:
            red["commitment"] = min(1.0, red["commitment"] * factor)
    for event in data["events"]:
        if event["kind"] == "warning":
            event["commitment"] = min(1.0, event["commitment"] * factor)


def shift_aid(kind: int, limit: int, shift: int) -> int:
    """An aid kind moved ``shift`` kinds, kept within none .. ``limit`` (the policy's most)."""
    return min(max(kind + shift, 0), max(limit, kind))


def _write_aid(data: dict, scenario: Scenario, shift: float) -> None:
    shift = round(shift)
    for spec, actor in zip(scenario.actors, data["actors"], strict=True):
        if not ROLES[spec.role].third_state:
            continue
        limit, _, _ = policy_values(spec.stance, spec.policy)
        actor["aid"] = AID.ids[shift_aid(AID.index(spec.aid), limit, shift)]


_MISPERCEPTION = _rule("rules.signalling.misperception")
_NOISE = _rule("rules.signalling.noise")
_COHESION = _rule("rules.alliances.cohesion_initial")
_FATIGUE = _rule("rules.fatigue.rate")

KNOBS: tuple[Knob, ...] = (
    Knob(
        "misperception",
        "Misperception",
        0.0,
        0.5,
        0.01,
        "Chance a rival's move is read with the wrong intent (more often by a hostile eye).",
        *_MISPERCEPTION,
    ),
    Knob(
        "noise",
        "Signal noise",
        0.0,
        1.0,
        0.05,
        "Noise on how big a rival's move looks to the one who sees it.",
        *_NOISE,
    ),
    Knob(
        "risk_tolerance",
        "Russia's risk tolerance",
        0.0,
        1.0,
        0.05,
        "How much risk of retaliation Russia accepts (0 = averse): it scales the cost of the "
        "punishment Russia expects.",
        _read_risk,
        _write_risk,
    ),
    Knob(
        "commitment",
        "Red-line commitment (x)",
        0.0,
        1.5,
        0.05,
        "Factor on every red line's and warning's commitment to respond (capped at 1).",
        _read_factor,
        _write_commitment,
    ),
    Knob(
        "cohesion",
        "Alliance cohesion",
        0.0,
        1.0,
        0.05,
        "Starting cohesion of NATO and the EU (it also sets NATO's collective strength).",
        *_COHESION,
    ),
    Knob(
        "fatigue_rate",
        "War fatigue rate",
        0.0,
        0.03,
        0.001,
        "Public support lost per week at full war intensity (war fatigue).",
        *_FATIGUE,
    ),
    Knob(
        "aid",
        "Aid to Ukraine (kinds +/-)",
        -2,
        2,
        1,
        "Move the aid every NATO and EU state sends at the start up or down by kinds (none, "
        "non-lethal, defensive, advanced, long-range), within what its policy allows.",
        lambda scenario: 0,
        _write_aid,
        integer=True,
    ),
)
KNOB_BY_KEY = {knob.key: knob for knob in KNOBS}


def knob_values(scenario: Scenario) -> dict[str, float]:
    """Each knob's value as the scenario is written (factors 1, shifts 0)."""
    return {knob.key: knob.read(scenario) for knob in KNOBS}


def apply_knobs(scenario: Scenario, values: Mapping[str, float]) -> Scenario:
    """A copy of ``scenario`` with the knobs set to ``values`` (missing keys are left alone).

    Unknown keys raise KeyError; values outside a knob's range raise ValueError.
    """
    data = scenario.model_dump()
    written = knob_values(scenario)
    for key, value in values.items():
        knob = KNOB_BY_KEY[key]
        low, high = knob_range(knob, written[key])
        if not low - 1e-9 <= value <= high + 1e-9:
            raise ValueError(f"{knob.label}: {value} is outside {low:g} to {high:g}")
        if value == written[key]:
            continue
        knob.write(data, scenario, value)
    return Scenario.model_validate(data)


def knob_range(knob: Knob, written: float) -> tuple[float, float]:
    """The slider's range, widened to include the scenario's own value."""
    return min(knob.min, written), max(knob.max, written)


def changed_knobs(before: Mapping[str, float], after: Mapping[str, float]) -> list[str]:
    """Words for each knob that differs, e.g. ``Misperception 0.05 -> 0.3``."""
    words = []
    for knob in KNOBS:
        old, new = before.get(knob.key), after.get(knob.key)
        if old is None or new is None or abs(old - new) < 1e-9:
            continue
        words.append(f"{knob.label} {format_value(knob, old)} -> {format_value(knob, new)}")
    return words


def format_value(knob: Knob, value: float) -> str:
    if knob.integer:
        return f"{round(value):+d}" if value else "0"
    return f"{value:g}"
