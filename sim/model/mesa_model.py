"""EscalationModel: one seeded run as a Mesa model, for ``escsim run``, the dashboard and the
Python API. It steps a batch of one (``Simulation`` with R = 1), so a run made here equals
the same run inside a sweep, table for table."""

from __future__ import annotations

import mesa
import pandas as pd

from sim.agents import StateActor
from sim.model.engine import Simulation, Snapshot
from sim.model.overrides import NONE, Overrides
from sim.model.tables import events_frame, paths_frame, summary_frame
from sim.scenario.schema import Scenario


class EscalationModel(mesa.Model):
    """One seeded run of a scenario. The model reads no files: give it a Scenario."""

    def __init__(
        self,
        scenario: Scenario,
        seed: int | None = None,
        steps: int | None = None,
        record: str = "full",
    ) -> None:
        self.seed = scenario.run.seed if seed is None else int(seed)
        super().__init__(rng=self.seed)
        self.scenario = scenario
        self.simulation = Simulation(scenario, [self.seed], steps=steps, record=record)
        self.max_steps = self.simulation.steps
        self.actors = [StateActor(self, spec, i) for i, spec in enumerate(scenario.actors)]
        self.running = self.max_steps > 0

    def step(self, overrides: Overrides = NONE) -> None:
        """One week; ``overrides`` makes some of the moves instead of the model (a player)."""
        self.simulation.step(overrides)
        self.running = not self.simulation.done

    def run(self) -> EscalationModel:
        """Run to the end and return self (``EscalationModel(s).run().summary()``), then drop
        the model from Mesa's agent registry, which would otherwise keep it alive."""
        try:
            while self.running:
                self.step()
        finally:
            release(self)
        return self

    def save(self) -> Snapshot:
        return self.simulation.save()

    def restore(self, snapshot: Snapshot) -> None:
        self.simulation.restore(snapshot)
        self.running = not self.simulation.done

    def outcome(self) -> tuple[str, int | None]:
        return self.simulation.recorder.outcomes()[0]

    def summary(self) -> dict:
        row = summary_frame(self.simulation).iloc[0].to_dict()
        return {"scenario": self.scenario.name, **row}

    def tables(self) -> dict[str, pd.DataFrame]:
        """The run's tables: paths, events and a one-row summary."""
        return {
            "paths": paths_frame(self.simulation),
            "events": events_frame(self.simulation),
            "summary": pd.DataFrame([self.summary()]),
        }


def release(model: mesa.Model) -> None:
    """Mesa keeps every model alive in a class-level registry (``Agent._ids``); drop one."""
    mesa.Agent._ids.pop(model, None)
