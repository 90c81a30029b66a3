"""Play a side: a student takes one actor (a matrix game against the model). Each week the
page offers that actor's open moves with the calculus's view of them (utility relative to
holding, and the chance the model itself would pick each), the rest of the world answers by
the model's rules, and the debrief compares the student's path with the model's own run on the
same seed (every draw is keyed by seed and step, so the two worlds share their luck).
Solara-free."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sim.concepts.channels import AID, CONDUCT
from sim.model import Choices, Overrides, world_of
from sim.rules.moves import MOVES
from sim.scenario.schema import Scenario
from sim.viz.catalog import Catalog
from sim.viz.run import Run

AID_MOVES = ("cut", "hold", "raise")
CONDUCT_CHANNEL, AID_CHANNEL = "conduct", "aid"


@dataclass(frozen=True)
class Option:
    move: int
    words: str
    #: The calculus's utility of the move, relative to holding.
    utility: float
    #: The chance the model would make it (softmax over the utilities), None under a doctrine.
    chance: float | None
    model_pick: bool


@dataclass(frozen=True)
class Decision:
    """One of the actor's decisions this week: its conduct toward one state, or its aid."""

    channel: str
    column: int
    title: str
    now: str
    options: tuple[Option, ...]
    #: Empty, or why the decision does not count this week (the timeline fixes it).
    fixed: str
    doctrine: str

    @property
    def key(self) -> tuple[str, int]:
        return self.channel, self.column

    def option(self, move: int) -> Option:
        return next(o for o in self.options if o.move == move)

    @property
    def model_move(self) -> int:
        return next(o.move for o in self.options if o.model_pick)


@dataclass(frozen=True)
class Turn:
    """A decision made: the student's move beside the model's pick in the same situation."""

    week: int
    title: str
    yours: str
    model: str
    #: How much less the calculus values the student's move than its own pick (0 when equal).
    regret: float


def _softmax(utility: np.ndarray, temperature: float) -> np.ndarray:
    finite = np.isfinite(utility)
    scaled = np.where(finite, utility / temperature, -np.inf)
    weights = np.exp(scaled - scaled[finite].max())
    return weights / weights.sum()


@dataclass
class Game:
    scenario: Scenario
    seed: int
    actor: str
    run: Run = field(init=False)
    decisions: list[Decision] = field(default_factory=list, init=False)
    chosen: dict[tuple[str, int], int] = field(default_factory=dict, init=False)
    turns: list[list[Turn]] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self.run = Run(self.scenario, self.seed, f"you as {self.actor}")
        world = self.run.sim.world
        if self.actor not in playable(self.scenario):
            raise ValueError(f"{self.actor} has no moves to play in {self.scenario.name}")
        self.index = world.index[self.actor]
        self.refresh()

    # ------------------------------------------------------------------------ this week
    def refresh(self) -> None:
        """This week's decisions from a preview of the step; each starts at the model's pick."""
        if self.run.done:
            self.decisions, self.chosen = [], {}
            return
        conduct, aid = self.run.sim.preview()
        world = self.run.sim.world
        self.decisions = [
            self._conduct(conduct, d) for d in range(world.n_dyads) if world.src[d] == self.index
        ]
        if aid is not None and world.supplier[self.index]:
            self.decisions.append(self._aid(aid))
        self.chosen = {d.key: d.model_move for d in self.decisions}

    def _conduct(self, choices: Choices, d: int) -> Decision:
        world = self.run.sim.world
        spec = self.scenario.actors[self.index].doctrine
        doctrine = "" if spec.strategy == "expected_utility" else spec.strategy
        level = int(self.run.sim.state.conduct.level[0, d])
        words = [
            f"{MOVES[m]} ({CONDUCT.levels[int(choices.targets[0, d, m])].label})"
            if m != 2
            else "warn (cheap talk)"
            for m in range(len(MOVES))
        ]
        return Decision(
            CONDUCT_CHANNEL,
            d,
            f"toward {world.ids[world.dst[d]]}",
            CONDUCT.levels[level].label,
            self._options(choices, d, words, float(world.temperature_d[d]), bool(doctrine)),
            "" if choices.free[0, d] else "the scenario's timeline sets this move this week",
            doctrine,
        )

    def _aid(self, choices: Choices) -> Decision:
        kind = int(self.run.sim.state.support.aid[0, self.index])
        words = [
            f"{AID_MOVES[m]} ({AID.levels[int(choices.targets[0, self.index, m])].label})"
            for m in range(len(AID_MOVES))
        ]
        temperature = self.scenario.rules.support.temperature
        return Decision(
            AID_CHANNEL,
            self.index,
            "aid to Ukraine",
            AID.levels[kind].label,
            self._options(choices, self.index, words, temperature, False),
            "",
            "",
        )

    @staticmethod
    def _options(
        choices: Choices, column: int, words: list[str], temperature: float, doctrine: bool
    ) -> tuple[Option, ...]:
        utility = choices.utility[0, column]
        chance = _softmax(utility, temperature)
        pick = int(choices.chosen[0, column])
        return tuple(
            Option(
                m, words[m], float(utility[m]), None if doctrine else float(chance[m]), m == pick
            )
            for m in range(utility.size)
            if np.isfinite(utility[m])
        )

    def choose(self, key: tuple[str, int], move: int) -> None:
        decision = next(d for d in self.decisions if d.key == key)
        decision.option(move)  # refuses a move that is not open
        self.chosen[key] = move

    # ------------------------------------------------------------------------ playing
    def play_week(self) -> bool:
        """Make this week's moves; the rest of the world answers. False once over."""
        if self.run.done:
            return False
        week = self.run.week + 1
        turns = []
        conduct, aid = {}, {}
        for decision in self.decisions:
            if decision.fixed:
                continue
            move = self.chosen[decision.key]
            (conduct if decision.channel == CONDUCT_CHANNEL else aid)[decision.column] = move
            yours, model = decision.option(move), decision.option(decision.model_move)
            turns.append(
                Turn(week, decision.title, yours.words, model.words, model.utility - yours.utility)
            )
        self.run.step(Overrides(conduct=conduct, aid=aid))
        self.turns.append(turns)
        self.refresh()
        return True

    def undo(self) -> None:
        if self.run.week == 0:
            return
        self.run.back(1)
        self.turns.pop()
        self.refresh()

    def debrief(self) -> Debrief:
        """The model's own run on the same seed to the same week, and where the student
        departed from the model's pick."""
        alone = Run(self.scenario, self.seed, "the model alone")
        alone.run_to(self.run.week)
        departures = [t for week in self.turns for t in week if t.yours != t.model]
        made = sum(len(week) for week in self.turns)
        return Debrief(alone, departures, made)

    def close(self) -> None:
        self.run.close()


@dataclass
class Debrief:
    alone: Run
    departures: list[Turn]
    decisions: int

    @property
    def regret(self) -> float:
        return float(sum(t.regret for t in self.departures))


def playable(scenario: Scenario) -> list[str]:
    """Actors with moves to play: Russia and every state in a conduct dyad with it."""
    world = world_of(scenario)
    return [world.ids[i] for i in range(world.n) if world.dyads_per_actor[i] > 0]


@dataclass
class Player:
    """Play mode of one visitor: the scenario and actor chosen, the game, its debrief."""

    catalog: Catalog
    game: Game | None = None
    debriefed: Debrief | None = None

    def start(self, key: str, actor: str, seed: int) -> None:
        self.close()
        self.game = Game(self.catalog.entries[key].scenario, seed, actor)

    def debrief(self) -> Debrief:
        if self.debriefed is not None:
            self.debriefed.alone.close()
        self.debriefed = self.game.debrief()
        return self.debriefed

    def close(self) -> None:
        if self.game is not None:
            self.game.close()
        if self.debriefed is not None:
            self.debriefed.alone.close()
        self.game = self.debriefed = None
