"""One run on the page: a seeded ``EscalationModel``, the moves a player forced in it and its
event log. Going back a week replays the run from the start with the same forced moves (every
draw is keyed by seed and step, so the replay is the same run), which costs a few milliseconds
and keeps no snapshots in memory. Solara-free."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from sim.model import EscalationModel, Overrides, Simulation, release
from sim.model.overrides import NONE
from sim.scenario.schema import Scenario
from sim.viz.eventlog import EventLog


@dataclass
class Run:
    scenario: Scenario
    seed: int
    label: str
    model: EscalationModel = field(init=False)
    forced: list[Overrides] = field(default_factory=list, init=False)
    log: EventLog = field(default_factory=EventLog, init=False)

    def __post_init__(self) -> None:
        self.model = EscalationModel(self.scenario, seed=self.seed)

    @property
    def sim(self) -> Simulation:
        return self.model.simulation

    @property
    def week(self) -> int:
        return self.sim.t

    @property
    def steps(self) -> int:
        return self.sim.steps

    @property
    def done(self) -> bool:
        return self.sim.done

    @property
    def unit(self) -> str:
        return self.scenario.run.step_unit

    def step(self, overrides: Overrides = NONE) -> bool:
        """One week; False (and nothing happens) once the run is over."""
        if self.done:
            return False
        self.model.step(overrides)
        self.forced.append(overrides)
        self.log.update(self.sim)
        return True

    def run_to(self, week: int) -> None:
        while self.week < week and self.step():
            pass

    def back(self, weeks: int = 1) -> None:
        """Go back ``weeks`` weeks (not before week 0) by replaying the run."""
        keep = self.forced[: max(0, self.week - weeks)]
        release(self.model)
        self.model = EscalationModel(self.scenario, seed=self.seed)
        self.forced = []
        self.log = EventLog()
        for overrides in keep:
            self.step(overrides)

    def close(self) -> None:
        """Drop the model from Mesa's registry of agents, which would keep it alive."""
        release(self.model)


class Stepper(Protocol):
    """What the page's Step, Play, Back and New run buttons drive: one run or a lesson's pair."""

    @property
    def week(self) -> int: ...

    @property
    def steps(self) -> int: ...

    @property
    def done(self) -> bool: ...

    def step(self) -> bool: ...

    def back(self) -> None: ...

    def new_run(self) -> None: ...
