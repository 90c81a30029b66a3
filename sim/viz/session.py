"""One browser session: the chosen scenario and knob values, the current run and the previous
run kept as a reference. Solara-free, so it is tested without a browser."""

from __future__ import annotations

from dataclasses import dataclass, field

import mesa
import numpy as np

from sim.model import EscalationModel
from sim.viz.catalog import Catalog
from sim.viz.parameters import apply_knobs, changed_knobs, knob_values


@dataclass(frozen=True)
class Settings:
    """What the next Reset builds: a scenario key and the knob values."""

    scenario: str
    values: dict[str, float]


@dataclass
class Reference:
    """The key-dyad paths of an earlier run, drawn faded under the current one."""

    levels: dict[str, np.ndarray]
    label: str


def parse_seed(text: object, default: int) -> tuple[int, str]:
    """The seed typed by the user, or ``default`` and a notice when it is not usable."""
    if text is None or str(text).strip() == "":
        return default, ""
    try:
        seed = int(str(text).strip())
    except ValueError:
        return default, f"Seed {text!r} is not a whole number; used {default}."
    if seed < 0:
        return default, f"Seed {seed} is negative; used {default}."
    return seed, ""


@dataclass
class Session:
    """State of one visitor. ``settings`` is read at every Reset; it is a plain attribute or
    anything with a ``.value`` (a Solara reactive), so the dashboard can watch it."""

    catalog: Catalog
    settings: object = None
    current: DashboardModel | None = None
    reference: Reference | None = None
    history: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.settings is None:
            self.settings = self.default_settings(self.catalog.initial)

    def default_settings(self, key: str) -> Settings:
        return Settings(key, knob_values(self.catalog.entries[key].scenario))

    @property
    def wanted(self) -> Settings:
        settings = self.settings
        return settings.value if hasattr(settings, "value") else settings

    def started(self, model: DashboardModel) -> None:
        """A new run replaces the current one; a run that took steps becomes the reference."""
        previous, self.current = self.current, model
        if previous is None:
            return
        if previous.steps > 0:
            label = describe_change(previous, model)
            self.reference = Reference(
                {name: levels.copy() for name, levels in previous.recorder.key_levels().items()},
                label,
            )
        mesa.Agent._ids.pop(previous, None)

    def clear_reference(self) -> None:
        self.reference = None


def describe_change(before: DashboardModel, after: DashboardModel) -> str:
    """Words for what differs between two runs, for the reference line's legend."""
    parts = []
    if before.settings.scenario != after.settings.scenario:
        parts.append(f"scenario {before.settings.scenario} -> {after.settings.scenario}")
    parts.extend(changed_knobs(before.settings.values, after.settings.values))
    if before.seed != after.seed:
        parts.append(f"seed {before.seed} -> {after.seed}")
    if not parts:
        return "previous run (same settings and seed)"
    return "previous run; since then: " + ", ".join(parts)


class DashboardModel(EscalationModel):
    """An EscalationModel built from a session's settings, so Mesa's Reset button can build the
    next run with keyword arguments only."""

    def __init__(self, session: Session, seed: object = None):
        settings = session.wanted
        entry = session.catalog.entries[settings.scenario]
        scenario = apply_knobs(entry.scenario, settings.values)
        seed_value, self.notice = parse_seed(seed, scenario.run.seed)
        super().__init__(scenario, seed=seed_value)
        self.settings = settings
        self.entry = entry
        session.started(self)
