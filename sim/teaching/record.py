"""Run one arm of a lesson: R seeded replicates of a scenario stepped together, keeping week by
week only what the lesson measures read (direct conduct, beliefs, cohesion, the war's status),
so a few hundred runs of an arm take about a second."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.model import Simulation
from sim.model.world import World
from sim.scenario.schema import Scenario


@dataclass
class ArmRun:
    """What a lesson's measures read; arrays are (weeks + 1, runs, ...) with week 0 the start."""

    world: World
    seeds: np.ndarray
    conduct: np.ndarray  # (weeks + 1, R, D) conduct level of each directed dyad
    hostility: np.ndarray  # (weeks + 1, R, D) belief of the dyad's source about its target
    resolve: np.ndarray
    reputation: np.ndarray
    cohesion: np.ndarray  # (weeks + 1, R, alliances)
    war_status: np.ndarray  # (weeks + 1, R) WAR channel level (-1 without a war)
    counts: np.ndarray  # (R, counts) at the end
    passages: np.ndarray  # (R, passages): first week, -1 when never

    @property
    def runs(self) -> int:
        return self.seeds.size

    def dyad(self, source: str, target: str) -> int:
        """Index of the directed conduct dyad ``source`` -> ``target`` (actor ids)."""
        world = self.world
        return world.dyad[(world.index[source], world.index[target])]


def run_arm(scenario: Scenario, seeds: np.ndarray) -> ArmRun:
    """Run ``scenario`` once per seed (one batch) and keep the weekly arrays of ``ArmRun``."""
    sim = Simulation(scenario, seeds, record="summary")
    weeks: dict[str, list[np.ndarray]] = {
        name: [] for name in ("conduct", "hostility", "resolve", "reputation", "cohesion", "war")
    }

    def keep() -> None:
        state = sim.state
        weeks["conduct"].append(state.conduct.level.astype(np.int8))
        weeks["hostility"].append(state.beliefs.hostility.astype(np.float32))
        weeks["resolve"].append(state.beliefs.resolve.astype(np.float32))
        weeks["reputation"].append(state.beliefs.reputation.astype(np.float32))
        weeks["cohesion"].append(state.alliances.cohesion.astype(np.float32))
        weeks["war"].append(state.war.status.astype(np.int8))

    keep()
    while not sim.done:
        sim.step()
        keep()
    record = sim.state.record
    return ArmRun(
        world=sim.world,
        seeds=np.asarray(seeds),
        conduct=np.stack(weeks["conduct"]),
        hostility=np.stack(weeks["hostility"]),
        resolve=np.stack(weeks["resolve"]),
        reputation=np.stack(weeks["reputation"]),
        cohesion=np.stack(weeks["cohesion"]),
        war_status=np.stack(weeks["war"]),
        counts=record.counts.copy(),
        passages=record.passage.copy(),
    )
