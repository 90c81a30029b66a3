"""Simulation: R replicates of one scenario stepped together. Every array has a leading
replicate axis and every random number is keyed by (run seed, step, mechanism, slot), so run k
of a batch is the same run made alone, table for table.

One step (a week), in order:
 1. the timeline (scheduled events);
 2. the war (attrition, the front, battlefield news, mobilisation) and aid deliveries;
 3. decisions: aid to Ukraine, then direct conduct (the calculus or a doctrine), then the fog of
    war (slips); Russia's nuclear signalling and its decision on nuclear use;
 4. incidents and their attribution (Article 4, Article 5 votes for attributed armed attacks);
 5. red lines crossed this step, and the owners' answers;
 6. EU sanctions;
 7. perception of what was observed, and beliefs;
 8. diplomacy (plans, mediators' offers, agreements holding or breaking);
 9. domestic support, posture, cohesion; first passages; the recorder's snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.model import (
    alliances,
    conduct,
    diplomacy,
    domestic,
    incidents,
    nuclear,
    perception,
    red_lines,
    support,
    timeline,
    war,
)
from sim.model.context import Context, Scratch
from sim.model.log import EventLog
from sim.model.recorder import Recorder
from sim.model.state import State, carry_over, initial_state
from sim.model.streams import Streams
from sim.model.world import World
from sim.scenario.schema import Scenario

_WORLDS: dict[int, tuple[Scenario, World]] = {}


def world_of(scenario: Scenario) -> World:
    """The World of a scenario, built once per scenario object (a sweep point's replicates and
    batches share it)."""
    key = id(scenario)
    cached = _WORLDS.get(key)
    if cached is None or cached[0] is not scenario:
        if len(_WORLDS) > 32:
            _WORLDS.clear()
        cached = _WORLDS[key] = (scenario, World(scenario))
    return cached[1]


@dataclass
class Snapshot:
    """A saved batch: restore it to go back to week ``t``, or continue it from there under
    another scenario and other seeds (``Simulation.continue_from``)."""

    t: int
    state: State
    log: EventLog
    recorder: Recorder
    world: World | None = None
    seeds: np.ndarray | None = None

    @property
    def replicates(self) -> int:
        return self.state.replicates

    def rows_for(self, count: int) -> np.ndarray:
        """Which saved replicate each of ``count`` continuations starts from: the one saved
        replicate for all of them, or replicate k for continuation k."""
        if self.replicates == 1:
            return np.zeros(count, dtype=np.int64)
        if self.replicates == count:
            return np.arange(count)
        raise ValueError(
            f"a snapshot of {self.replicates} replicates continues as 1 or {self.replicates} "
            f"runs, not {count}"
        )


class Simulation:
    """R seeded runs of one scenario (R = len(seeds))."""

    def __init__(
        self,
        scenario: Scenario,
        seeds: list[int] | np.ndarray,
        steps: int | None = None,
        record: str = "full",
    ) -> None:
        self.scenario = scenario
        self.world = world_of(scenario)
        self.seeds = np.asarray(seeds, dtype=np.uint64).reshape(-1)
        self.steps = scenario.run.steps if steps is None else int(steps)
        self.streams = Streams(self.seeds)
        self.ctx = Context(
            self.world, initial_state(self.world, self.seeds.size), self.streams, EventLog()
        )
        self.record = record
        self.recorder = Recorder(self.ctx, self.steps, record)
        self.recorder.snapshot(0)

    @property
    def t(self) -> int:
        return self.ctx.t

    @property
    def state(self) -> State:
        return self.ctx.state

    @property
    def log(self) -> EventLog:
        return self.ctx.log

    @property
    def done(self) -> bool:
        return self.ctx.t >= self.steps

    def run(self) -> Simulation:
        while not self.done:
            self.step()
        return self

    def step(self) -> None:
        if self.done:
            raise RuntimeError(f"the run is over: it has {self.steps} steps")
        ctx = self.ctx
        ctx.t += 1
        state = ctx.state
        r = ctx.replicates
        ctx.scratch = Scratch(
            start_level=state.conduct.level.copy(),
            start_aid=state.support.aid.copy(),
            acted=np.zeros_like(state.conduct.level, dtype=bool),
            decided=np.zeros_like(state.conduct.level, dtype=bool),
            responded=np.zeros_like(state.conduct.level, dtype=bool),
            shown=np.zeros_like(state.conduct.level, dtype=bool),
            warned=np.zeros_like(state.conduct.level, dtype=bool),
            last_row=np.full(state.conduct.level.shape, -1, dtype=np.int64),
            attacked=np.zeros((r, self.world.n), dtype=bool),
            aid_pressure=np.zeros(r),
            forced_signal=np.zeros(r, dtype=bool),
            used_now=np.zeros(r, dtype=bool),
            offers=[],
        )
        tabled = timeline.run(ctx)
        war.fight(ctx)
        support.deliver(ctx)
        denial, believed, scale, covered = ctx.deterrence_terms()
        punishment = ctx.punishment(scale, covered)
        costs = red_lines.expected_costs(ctx, punishment)
        support.decide(ctx, costs)
        allowed = conduct.open_rungs(ctx)
        conduct.keep_within_limits(ctx, allowed)
        targets = conduct.targets(ctx, allowed)
        potential, misread_pull = conduct.values(
            ctx,
            denial,
            believed,
            punishment,
            targets,
            red_lines.conduct_cost(ctx, costs, targets),
        )
        conduct.decide(ctx, potential, misread_pull, targets)
        conduct.slips(ctx, allowed)
        nuclear.use(ctx, costs, denial)
        red_lines.check(ctx, punishment, believed)
        nuclear.signal(ctx, tabled.nuclear_signal)
        incidents.schedule(ctx, tabled.incidents)
        incidents.occur(ctx)
        incidents.attribute(ctx)
        alliances.sanctions(ctx, tabled.sanctions)
        perception.perceive(ctx)
        for mask, spec in tabled.plans:
            self._plan(mask, spec)
        diplomacy.mediate(ctx)
        diplomacy.hold_or_break(ctx)
        domestic.update(ctx)
        alliances.cohesion(ctx)
        self._passages()
        self.recorder.snapshot(ctx.t)

    def _plan(self, mask: np.ndarray, spec) -> None:
        world, ctx = self.world, self.ctx
        if world.ukr < 0:
            return
        live = mask & (ctx.state.war.status > 0)  # at war, in a ceasefire or an armistice
        backers = np.isin(
            np.arange(world.n),
            world.expand(spec.backers + ([spec.sponsor] if spec.sponsor else [])),
        )
        opponents = np.isin(np.arange(world.n), world.expand(spec.opponents))
        terms = np.full(ctx.replicates, float(spec.terms))
        diplomacy.offer(
            ctx,
            live,
            terms,
            spec.agreement,
            backers,
            opponents,
            spec.label or f"a peace plan ({spec.agreement})",
        )

    def _passages(self) -> None:
        world, state, ctx = self.world, self.state, self.ctx
        nato = ctx.nato()[:, world.other_of_dyad]
        clash = (state.conduct.level >= world.clash) & nato
        ctx.passage("direct_clash", clash.any(axis=1))

    # ------------------------------------------------------------------ save and restore
    def save(self) -> Snapshot:
        ctx = self.ctx
        return Snapshot(
            ctx.t,
            ctx.state.copy(),
            ctx.log.copy(),
            self.recorder.copy(ctx),
            self.world,
            self.seeds.copy(),
        )

    @classmethod
    def continue_from(
        cls,
        snapshot: Snapshot,
        scenario: Scenario,
        seeds: list[int] | np.ndarray,
        steps: int | None = None,
    ) -> Simulation:
        """Runs that start where ``snapshot`` stands (week t, its state, events and recorded
        paths) and go on under ``scenario`` (the same or a changed one) with ``seeds``: every
        draw after week t is keyed by these seeds, so the same seeds in two scenarios give
        common random numbers from the branch point, and the snapshot's own seed with its own
        scenario reproduces the straight run. A one-replicate snapshot starts every seed.

        The state carries over as it stood; the new scenario's rules, attributes and future
        events take effect from week t + 1, and so does the policy it sets for an actor
        (stance, policy limits, memberships: ``carry_over``). A change that alters the shape
        of the state (actors, red lines, the longest aid lag) cannot continue a run."""
        seeds = np.asarray(seeds, dtype=np.uint64).reshape(-1)
        rows = snapshot.rows_for(seeds.size)
        sim = cls(scenario, seeds, steps=steps, record=snapshot.recorder.level)
        if sim.steps < snapshot.t:
            raise ValueError(f"the runs end at week {sim.steps}, before week {snapshot.t}")
        before = snapshot.world or sim.world
        state = carry_over(snapshot.state.take(rows), before, sim.world)
        sim.ctx = Context(sim.world, state, sim.streams, snapshot.log.take(rows))
        sim.ctx.t = snapshot.t
        sim.recorder = Recorder(sim.ctx, sim.steps, snapshot.recorder.level)
        sim.recorder.resume(snapshot.recorder, rows, snapshot.t)
        return sim

    def restore(self, snapshot: Snapshot) -> None:
        ctx = self.ctx
        ctx.t = snapshot.t
        ctx.state = snapshot.state.copy()
        ctx.log = snapshot.log.copy()
        self.recorder = snapshot.recorder.copy(ctx)
        self.recorder.last_step = snapshot.t
