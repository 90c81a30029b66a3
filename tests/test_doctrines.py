"""Reciprocity doctrines (sim.rules.doctrines), tested the way the axelrod library tests its
strategies: one shared test class (``DoctrineContract``) that each doctrine's test class
inherits - scripted opponents, valid moves only, classifier values checked against behaviour,
Hypothesis properties, vectorisation - plus the doctrine's own defined sequences. Then the
doctrines inside runs: the sequences the literature defines when noise is off, and "no opinion"
handing the choice to the calculus.

Escalation is defection (D); holding, signalling or de-escalating is cooperation (C). A
scripted opponent is a list of perceived moves; turn t's answer sees the opponent's moves
before turn t (simultaneous play, as in an axelrod match).
"""

from __future__ import annotations

from itertools import product
from typing import ClassVar

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from sim.model import Simulation
from sim.model.tables import events_frame
from sim.rules import doctrines
from sim.rules.doctrines import DOCTRINE_NAMES, DOCTRINES, NO_OPINION, Doctrine, Memory, Settings
from sim.scenario.schema import Scenario
from tests.conftest import duel
from tests.properties import draw

VALID = {-1, 0, 1, 2}
CLASSIFIER_KEYS = {"memory_depth", "stochastic", "uses_calculus", "nice"}
perceived_moves = st.lists(st.integers(-3, 3), max_size=8)
#: The contract's properties run once per doctrine class: the same function under several
#: test classes, which Hypothesis flags; safe here (no example database, derandomized).
SHARED = settings(suppress_health_check=[HealthCheck.differing_executors])
#: Batches are played row by row too: fewer, larger examples.
BATCHES = settings(SHARED, max_examples=20)


def settings_of(generosity: float = 0.5, grit_period: int = 3, size: int = 1) -> Settings:
    return Settings(np.full(size, generosity), np.full(size, grit_period))


def versus(
    doctrine: type[Doctrine],
    opponent: list[int],
    settings: Settings | None = None,
    uniforms: list[float] | None = None,
) -> list[int]:
    """The doctrine's answer at each turn against a scripted opponent."""
    settings = settings or settings_of()
    memory = Memory.empty((1, 1))
    answers = []
    for t, move in enumerate(opponent):
        u = 0.5 if uniforms is None else uniforms[t]
        answers.append(int(doctrine.choose(memory, settings, np.array([[u]]))[0, 0]))
        memory.made(np.ones((1, 1), dtype=bool))
        memory.observe(np.array([[move]]))
    return answers


def answer_after(
    doctrine: type[Doctrine], history: list[int], u: float = 0.5, settings: Settings | None = None
) -> int:
    """The answer once the opponent's moves ``history`` have been seen."""
    return versus(doctrine, [*history, 0], settings, [u] * (len(history) + 1))[-1]


def small_histories(moves=(-1, 0, 1), longest: int = 4) -> list[list[int]]:
    return [list(h) for n in range(longest + 1) for h in product(moves, repeat=n)]


class DoctrineContract:
    """What every doctrine must satisfy (axelrod's ``TestPlayer``). A subclass sets
    ``doctrine``, ``expected_classifier`` and ``sequences``: (opponent, expected answers,
    settings keywords, uniforms or None)."""

    doctrine: ClassVar[type[Doctrine]]
    expected_classifier: ClassVar[dict]
    sequences: ClassVar[list[tuple[list[int], list[int], dict, list[float] | None]]] = []
    settings: ClassVar[dict] = {"generosity": 0.5, "grit_period": 3}

    # ------------------------------------------------------------------ identity
    def test_registered_under_its_name(self):
        assert DOCTRINES[self.doctrine.name] is self.doctrine
        assert self.doctrine.label

    def test_classifier(self):
        assert set(self.doctrine.classifier) == CLASSIFIER_KEYS
        assert self.doctrine.classifier == self.expected_classifier

    # ------------------------------------------------------------------ scripted play
    def test_defined_sequences(self):
        assert self.sequences, "each doctrine has at least one defined sequence"
        for opponent, expected, kwargs, uniforms in self.sequences:
            settings = settings_of(**{**self.settings, **kwargs})
            assert versus(self.doctrine, opponent, settings, uniforms) == expected, opponent

    @SHARED
    @given(perceived_moves, st.lists(draw, min_size=9, max_size=9))
    def test_only_valid_moves(self, opponent, uniforms):
        answers = versus(self.doctrine, opponent, self._settings(), uniforms)
        allowed = VALID | ({NO_OPINION} if self.doctrine.classifier["uses_calculus"] else set())
        assert set(answers) <= allowed

    # ------------------------------------------------------------------ classifier vs behaviour
    @SHARED
    @given(perceived_moves, draw, draw)
    def test_deterministic_unless_stochastic(self, history, u, v):
        if self.doctrine.classifier["stochastic"]:
            return
        settings = self._settings()
        assert answer_after(self.doctrine, history, u, settings) == answer_after(
            self.doctrine, history, v, settings
        )

    def test_stochastic_doctrines_use_their_draws(self):
        if not self.doctrine.classifier["stochastic"] or self._always_defers():
            return
        settings = self._settings()
        assert any(
            answer_after(self.doctrine, h, 0.05, settings)
            != answer_after(self.doctrine, h, 0.95, settings)
            for h in small_histories()
        )

    @SHARED
    @given(perceived_moves, perceived_moves, draw)
    def test_memory_depth_bounds_what_is_used(self, older, recent, u):
        """Histories that end in the same ``memory_depth`` moves get the same answer."""
        depth = self.doctrine.classifier["memory_depth"]
        if depth == float("inf"):
            return
        depth = int(depth)
        tail = (recent + [0] * depth)[:depth]
        first, second = older + tail, recent + older + tail
        settings = self._settings()
        assert answer_after(self.doctrine, first, u, settings) == answer_after(
            self.doctrine, second, u, settings
        )

    def test_memory_depth_is_needed(self):
        """One move less than ``memory_depth`` is not enough to answer (inf: a long memory
        is not enough either)."""
        depth = self.doctrine.classifier["memory_depth"]
        if depth == 0 or self._always_defers():
            return
        shared = 3 if depth == float("inf") else int(depth) - 1
        settings = self._settings()
        histories = [h for h in small_histories(longest=6) if len(h) > shared]
        tails: dict[tuple, set[int]] = {}
        for h in histories:
            tail = tuple(h[len(h) - shared :]) if shared else ()
            tails.setdefault(tail, set()).add(answer_after(self.doctrine, h, 0.5, settings))
        assert any(len(answers) > 1 for answers in tails.values())

    @SHARED
    @given(st.lists(st.integers(-3, 0), max_size=8), draw)
    def test_nice_doctrines_never_escalate_first(self, calm, u):
        if not self.doctrine.classifier["nice"]:
            return
        for t in range(len(calm) + 1):
            assert answer_after(self.doctrine, calm[:t], u, self._settings()) not in (1, 2)

    def test_doctrines_that_are_not_nice_escalate_first_or_defer(self):
        if self.doctrine.classifier["nice"]:
            return
        answers = {
            answer_after(self.doctrine, h, u, self._settings())
            for h in small_histories(moves=(-1, 0))
            for u in (0.05, 0.95)
        }
        assert answers & {1, 2, NO_OPINION}

    def test_no_opinion_only_from_doctrines_that_use_the_calculus(self):
        answers = {answer_after(self.doctrine, h, 0.5, self._settings()) for h in small_histories()}
        if NO_OPINION in answers:
            assert self.doctrine.classifier["uses_calculus"]
        if self._always_defers():
            assert self.doctrine.classifier == DOCTRINES["expected_utility"].classifier

    # ------------------------------------------------------------------ batches
    @BATCHES
    @given(
        hnp.arrays(
            np.int64,
            st.tuples(st.integers(1, 3), st.integers(1, 4), st.integers(0, 6)),
            elements=st.integers(-3, 3),
        ),
        st.data(),
    )
    def test_a_batch_answers_as_each_run_alone(self, histories, data):
        """Replicates x dyads in one call equal each (replicate, dyad) played alone."""
        r, d, turns = histories.shape
        uniforms = data.draw(
            hnp.arrays(np.float64, (turns + 1, r, d), elements=draw), label="uniforms"
        )
        generosity = data.draw(hnp.arrays(np.float64, d, elements=st.floats(0, 1)))
        period = data.draw(hnp.arrays(np.int64, d, elements=st.integers(1, 5)))
        memory = Memory.empty((r, d))
        batch = []
        for t in range(turns + 1):
            batch.append(self.doctrine.choose(memory, Settings(generosity, period), uniforms[t]))
            if t < turns:
                memory.made(np.ones((r, d), dtype=bool))
                memory.observe(histories[:, :, t])
        for i, j in product(range(r), range(d)):
            alone = versus(
                self.doctrine,
                [*histories[i, j].tolist(), 0],
                Settings(generosity[j : j + 1], period[j : j + 1]),
                uniforms[:, i, j].tolist(),
            )
            assert [int(b[i, j]) for b in batch] == alone

    def test_the_memory_it_is_given_is_left_alone(self):
        memory = Memory.empty((2, 3))
        memory.made(np.ones((2, 3), dtype=bool))
        memory.observe(np.array([[1, 0, -1], [0, 1, 1]]))
        before = memory.copy()
        self.doctrine.choose(memory, settings_of(size=3), np.full((2, 3), 0.5))
        for name in ("own_moves", "last", "previous", "ever_defected"):
            assert np.array_equal(getattr(memory, name), getattr(before, name))

    # ------------------------------------------------------------------ helpers
    def _settings(self) -> Settings:
        return settings_of(**self.settings)

    def _always_defers(self) -> bool:
        return all(
            answer_after(self.doctrine, h, u, self._settings()) == NO_OPINION
            for h in small_histories()
            for u in (0.05, 0.95)
        )


ALLD = [1] * 6
ALLC = [0] * 6
ALTERNATOR = [1, 0, 1, 0, 1, 0]
STEP_DOWN = [-1] * 6


class TestExpectedUtility(DoctrineContract):
    doctrine = doctrines.ExpectedUtility
    expected_classifier: ClassVar[dict] = {
        "memory_depth": float("inf"),
        "stochastic": True,
        "uses_calculus": True,
        "nice": False,
    }
    sequences: ClassVar[list] = [
        (ALLD, [NO_OPINION] * 6, {}, None),
        (STEP_DOWN, [NO_OPINION] * 6, {}, None),
    ]


class TestTitForTat(DoctrineContract):
    doctrine = doctrines.TitForTat
    expected_classifier: ClassVar[dict] = {
        "memory_depth": 1,
        "stochastic": False,
        "uses_calculus": False,
        "nice": True,
    }
    sequences: ClassVar[list] = [
        (ALLD, [0, 1, 1, 1, 1, 1], {}, None),
        (ALLC, [0] * 6, {}, None),
        (ALTERNATOR, [0, 1, 0, 1, 0, 1], {}, None),
        (STEP_DOWN, [0, -1, -1, -1, -1, -1], {}, None),
        ([2, 3, -2, 0], [0, 1, 1, -1], {}, None),  # only the sign of a perceived move counts
    ]


class TestSuspiciousTitForTat(DoctrineContract):
    doctrine = doctrines.SuspiciousTitForTat
    expected_classifier: ClassVar[dict] = {
        "memory_depth": 1,
        "stochastic": False,
        "uses_calculus": False,
        "nice": False,
    }
    sequences: ClassVar[list] = [
        (ALLC, [1, 0, 0, 0, 0, 0], {}, None),
        (ALLD, [1] * 6, {}, None),
        (ALTERNATOR, [1, 1, 0, 1, 0, 1], {}, None),
    ]


class TestTitForTwoTats(DoctrineContract):
    doctrine = doctrines.TitForTwoTats
    expected_classifier: ClassVar[dict] = {
        "memory_depth": 2,
        "stochastic": False,
        "uses_calculus": False,
        "nice": True,
    }
    sequences: ClassVar[list] = [
        (ALLD, [0, 0, 1, 1, 1, 1], {}, None),  # holds first, not a step down
        (ALTERNATOR, [0] * 6, {}, None),
        ([1, 1, 0, 1, 1, 0], [0, 0, 1, 0, 0, 1], {}, None),
        (STEP_DOWN, [0, -1, -1, -1, -1, -1], {}, None),
    ]


class TestGenerousTitForTat(DoctrineContract):
    doctrine = doctrines.GenerousTitForTat
    expected_classifier: ClassVar[dict] = {
        "memory_depth": 1,
        "stochastic": True,
        "uses_calculus": False,
        "nice": True,
    }
    sequences: ClassVar[list] = [
        (ALLD, [0, 1, 1, 1, 1, 1], {"generosity": 0.0}, None),
        (ALLD, [0] * 6, {"generosity": 1.0}, None),
        # forgiven when the draw falls below the generosity
        (ALLD, [0, 0, 1, 0, 1, 1], {"generosity": 0.5}, [0.9, 0.2, 0.7, 0.4, 0.5, 0.99]),
        (STEP_DOWN, [0, -1, -1, -1, -1, -1], {"generosity": 1.0}, None),
    ]

    def test_forgives_about_as_often_as_its_generosity(self):
        uniforms = np.random.default_rng(7).random(4001).tolist()
        answers = versus(self.doctrine, [1] * 4001, settings_of(generosity=0.3), uniforms)
        forgiven = answers[1:].count(0) / 4000
        assert forgiven == pytest.approx(0.3, abs=0.025)


class TestGrimTrigger(DoctrineContract):
    doctrine = doctrines.GrimTrigger
    expected_classifier: ClassVar[dict] = {
        "memory_depth": float("inf"),
        "stochastic": False,
        "uses_calculus": False,
        "nice": True,
    }
    sequences: ClassVar[list] = [
        (ALTERNATOR, [0, 1, 1, 1, 1, 1], {}, None),
        ([0, 0, 1, -1, -1, -1], [0, 0, 0, 1, 1, 1], {}, None),
        (STEP_DOWN, [0] * 6, {}, None),
    ]


class TestAlwaysEscalate(DoctrineContract):
    doctrine = doctrines.AlwaysEscalate
    expected_classifier: ClassVar[dict] = {
        "memory_depth": 0,
        "stochastic": False,
        "uses_calculus": False,
        "nice": False,
    }
    sequences: ClassVar[list] = [(ALLC, [1] * 6, {}, None), (STEP_DOWN, [1] * 6, {}, None)]


class TestAlwaysHold(DoctrineContract):
    doctrine = doctrines.AlwaysHold
    expected_classifier: ClassVar[dict] = {
        "memory_depth": 0,
        "stochastic": False,
        "uses_calculus": False,
        "nice": True,
    }
    sequences: ClassVar[list] = [(ALLD, [0] * 6, {}, None), (STEP_DOWN, [0] * 6, {}, None)]


class TestGrit(DoctrineContract):
    doctrine = doctrines.Grit
    # long enough that histories of a few moves fall on both sides of the announced steps
    settings: ClassVar[dict] = {"generosity": 0.5, "grit_period": 5}
    expected_classifier: ClassVar[dict] = {
        "memory_depth": float("inf"),
        "stochastic": False,
        "uses_calculus": True,
        "nice": True,
    }
    sequences: ClassVar[list] = [
        # announced unilateral steps down, then reciprocity or the calculus
        (ALLC, [-1, -1] + [NO_OPINION] * 4, {"grit_period": 2}, None),
        (STEP_DOWN, [-1] * 6, {"grit_period": 2}, None),
        ([0, 0, -1, 0, 0], [-1, -1, NO_OPINION, -1, NO_OPINION], {"grit_period": 2}, None),
        # retaliation is kept, even during the unilateral steps
        (ALLD, [-1, 1, 1, 1, 1, 1], {"grit_period": 3}, None),
    ]


def test_every_doctrine_has_a_test_class():
    tested = {cls.doctrine.name for cls in DoctrineContract.__subclasses__()}
    assert tested == set(DOCTRINE_NAMES)


def test_memory_remembers_signs_and_defection():
    memory = Memory.empty((1, 2))
    assert memory.last.tolist() == [[doctrines.UNSEEN] * 2]
    for perceived in ([[3, 0]], [[-2, 0]]):
        memory.made(np.ones((1, 2), dtype=bool))
        memory.observe(np.array(perceived))
    assert memory.last.tolist() == [[-1, 0]]
    assert memory.previous.tolist() == [[1, 0]]
    assert memory.ever_defected.tolist() == [[True, False]]
    assert memory.own_moves.tolist() == [[2, 2]]
    copy = memory.copy()
    copy.observe(np.array([[1, 1]]))
    assert memory.last.tolist() == [[-1, 0]]
    assert memory.take(slice(None), np.array([1])).last.tolist() == [[0]]


# ----------------------------------------------------------------------------- in runs
def play(first: dict, second: dict, steps: int, start: str) -> tuple[list[int], list[int]]:
    """A noiseless duel (no nuclear signalling either): each side's rung change per step."""
    data = duel(first, second, steps=steps, start=start)
    data["rules"] = {**data["rules"], "nuclear": {"signal_base": -20.0}}
    sim = Simulation(Scenario.model_validate(data), [3]).run()
    events = events_frame(sim)
    actions = events[(events["kind"] == "action") & (events["channel"] == "conduct")]
    moves = actions.groupby(["actor", "step"])["move"].sum()
    return tuple(
        [int(moves.get((actor, t), 0)) for t in range(1, steps + 1)] for actor in ("RUS", "BLU")
    )


def cd(moves: list[int]) -> str:
    return "".join("D" if m > 0 else "C" for m in moves)


TFT = {"strategy": "tit_for_tat"}
STFT = {"strategy": "suspicious_tit_for_tat"}
TF2T = {"strategy": "tit_for_two_tats"}
GRIM = {"strategy": "grim_trigger"}
ALWAYS_D = {"strategy": "always_escalate"}
ALWAYS_C = {"strategy": "always_hold"}


@pytest.mark.parametrize(
    ("first", "second", "expected_first", "expected_second"),
    [
        (TFT, ALWAYS_D, "CDDD", "DDDD"),
        (TFT, ALWAYS_C, "CCCC", "CCCC"),
        (TFT, TFT, "CCCC", "CCCC"),
        (STFT, TFT, "DCDC", "CDCD"),
        (TF2T, ALWAYS_D, "CCDD", "DDDD"),
        (GRIM, STFT, "CDDD", "DCDD"),
        (GRIM, ALWAYS_C, "CCCC", "CCCC"),
        ({"strategy": "generous_tit_for_tat", "generosity": 0.0}, ALWAYS_D, "CDDD", "DDDD"),
        ({"strategy": "generous_tit_for_tat", "generosity": 1.0}, ALWAYS_D, "CCCC", "DDDD"),
        ({"strategy": "grit", "grit_period": 3}, ALWAYS_D, "CDDD", "DDDD"),
    ],
)
def test_defined_sequences_in_a_run(first, second, expected_first, expected_second):
    """Russia against a NATO member from normal relations: the member has four rungs of room,
    so four steps show each sequence before the ladder's end does."""
    moves_first, moves_second = play(first, second, steps=4, start="normal")
    assert (cd(moves_first), cd(moves_second)) == (expected_first, expected_second)


def test_grit_and_tit_for_tat_climb_down_together():
    grit, tft = play({"strategy": "grit", "grit_period": 2}, TFT, steps=4, start="posture")
    assert grit == [-1, -1, -1, -1]
    assert tft == [0, -1, -1, -1]


def test_grit_hands_over_to_the_calculus_after_its_announced_steps():
    grit, hold = play({"strategy": "grit", "grit_period": 2}, ALWAYS_C, steps=8, start="posture")
    assert grit[:2] == [-1, -1]
    assert hold == [0] * 8
    assert set(grit[2:]) <= {-1, 0, 1, 2}


def test_a_doctrine_with_no_opinion_is_the_calculus(monkeypatch):
    """A doctrine that always defers plays exactly as the calculus does, run for run."""
    quiet = duel(TFT, TFT, steps=12, start="exercises")
    calculus = duel({"strategy": "expected_utility"}, TFT, steps=12, start="exercises")

    def no_opinion(cls, memory, settings, uniforms):
        return np.full(memory.last.shape, NO_OPINION, dtype=np.int64)

    monkeypatch.setattr(doctrines.TitForTat, "choose", classmethod(no_opinion))
    monkeypatch.setattr(doctrines.TitForTat, "classifier", doctrines.Grit.classifier)
    seeds = list(range(12))
    deferring = Simulation(Scenario.model_validate(quiet), seeds).run()
    deciding = Simulation(Scenario.model_validate(calculus), seeds).run()
    moved = 0
    for k in range(len(seeds)):
        a, b = events_frame(deferring, k), events_frame(deciding, k)
        assert a.equals(b), k
        moved += int((a["actor"] == "RUS").sum())
    assert moved > 0
