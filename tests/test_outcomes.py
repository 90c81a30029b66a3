"""Outcome classification (sim.outcomes.classify): the documented precedence, the step that
decided each outcome, purity; and first passages recorded when they happen, as the event log
and the paths show them."""

from __future__ import annotations

from dataclasses import fields
from itertools import combinations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim import EscalationModel, load_scenario
from sim.batch.design import apply_point
from sim.concepts.channels import WAR
from sim.model import Simulation
from sim.model.tables import events_columns
from sim.model.world import NATO
from sim.outcomes import OUTCOME_BY_NAME, OUTCOME_NAMES, OUTCOMES, PASSAGES, Ending, classify
from sim.rules.doctrines import Memory
from tests.conftest import BASELINE

#: The precedence the docs and the module promise, worst first (a spec, not read from code).
PRECEDENCE = (
    "nuclear_use",
    "horizontal_escalation",
    "alliance_fracture",
    "settlement",
    "armistice",
    "ceasefire",
    "no_war",
    "war_continues",
)
#: What makes each outcome apply: a first passage, or how the war stands at the end (and the
#: passage of the agreement that put it there).
BY_PASSAGE = {
    "nuclear_use": "nuclear_use",
    "horizontal_escalation": "direct_clash",
    "alliance_fracture": "fracture",
}
STANDING = {
    "settlement": ("peace", "settlement"),
    "armistice": ("armistice", "armistice"),
    "ceasefire": ("ceasefire", "ceasefire"),
    "no_war": ("none", None),
}
STATUSES = (*WAR.ids, "none")
STEPS = {name: 10 * (k + 1) for k, name in enumerate(PRECEDENCE)}


def ending(*names: str, status: str = "war") -> Ending:
    """An ending to which each outcome in ``names`` applies (steps from STEPS)."""
    passages: dict[str, int | None] = dict.fromkeys(PASSAGES)
    for name in names:
        if name in BY_PASSAGE:
            passages[BY_PASSAGE[name]] = STEPS[name]
        elif name in STANDING:
            status, passage = STANDING[name]
            if passage:
                passages[passage] = STEPS[name]
    return Ending(passages, status)


def applies(name: str, end: Ending) -> bool:
    """The outcome's condition, as documented."""
    if name in BY_PASSAGE:
        return end.passages[BY_PASSAGE[name]] is not None
    if name in STANDING:
        return end.war_status == STANDING[name][0]
    return True


def _step(name: str) -> int | None:
    """The step ``ending(name)`` is decided at."""
    return None if name in ("no_war", "war_continues") else STEPS[name]


def test_outcomes_are_declared_in_the_documented_order():
    assert OUTCOME_NAMES == PRECEDENCE
    assert len({o.label for o in OUTCOMES}) == len(OUTCOMES)
    assert all(0 <= o.severity <= 5 for o in OUTCOMES)


@pytest.mark.parametrize(("higher", "lower"), list(combinations(PRECEDENCE, 2)))
def test_every_precedence_pair(higher, lower):
    both = ending(higher, lower)
    if applies(higher, both) and applies(lower, both):
        assert classify(both) == (higher, _step(higher))
        assert classify(ending(lower)) == (lower, _step(lower))
    else:
        # two standing outcomes need different ends of the war: they exclude each other
        assert higher in STANDING and lower in STANDING
        for name, other in ((higher, lower), (lower, higher)):
            alone = ending(name)
            assert OUTCOME_BY_NAME[name].decide(alone) not in (None, False)
            assert OUTCOME_BY_NAME[other].decide(alone) in (None, False)


def test_the_step_is_the_passage_that_decided():
    early_clash_late_use = ending("horizontal_escalation", "nuclear_use")
    assert classify(early_clash_late_use) == ("nuclear_use", STEPS["nuclear_use"])
    passages = dict.fromkeys(PASSAGES)
    passages.update(ceasefire=12, armistice=20, settlement=41)
    assert classify(Ending(passages, "peace")) == ("settlement", 41)
    # a ceasefire in force since the start of the scenario: no passage decided it
    assert classify(Ending(dict.fromkeys(PASSAGES), "ceasefire")) == ("ceasefire", None)
    assert classify(Ending(dict.fromkeys(PASSAGES), "war")) == ("war_continues", None)
    assert classify(Ending(dict.fromkeys(PASSAGES), "none")) == ("no_war", None)


def test_an_agreement_that_broke_down_is_not_an_outcome():
    passages = dict.fromkeys(PASSAGES)
    passages.update(ceasefire=5, armistice=9)
    assert classify(Ending(passages, "war")) == ("war_continues", None)


endings = st.builds(
    Ending,
    st.fixed_dictionaries({name: st.one_of(st.none(), st.integers(0, 500)) for name in PASSAGES}),
    st.sampled_from(STATUSES),
)


@given(endings)
def test_classify_takes_the_first_outcome_that_applies(end):
    name, step = classify(end)
    first = next(n for n in PRECEDENCE if applies(n, end))
    assert name == first
    if name in BY_PASSAGE:
        assert step == end.passages[BY_PASSAGE[name]]
    elif name in STANDING and STANDING[name][1]:
        assert step == end.passages[STANDING[name][1]]
    else:
        assert step is None


@given(endings)
def test_classify_is_pure(end):
    before = dict(end.passages)
    assert classify(end) == classify(end)
    assert dict(end.passages) == before


# ----------------------------------------------------------------------------- in a run
def busy_scenario():
    """The baseline with scheduled shocks and livelier rules, so that every passage is crossed
    in some runs of a small batch."""
    data = load_scenario(BASELINE).model_dump(mode="json")
    data["events"] += [
        {"id": "t_aid", "kind": "aid", "step": 2, "actors": ["DEU"], "level": "long_range"},
        {
            "id": "t_attack",
            "kind": "incident",
            "step": 4,
            "target": "POL",
            "level": "attack",
            "probability": 0.5,
        },
        {
            "id": "t_clash",
            "kind": "conduct",
            "step": 8,
            "actors": ["RUS"],
            "target": "FIN",
            "level": "clash",
            "probability": 0.5,
        },
        {
            "id": "t_plan",
            "kind": "peace_plan",
            "step": 20,
            "terms": 0.2,
            "agreement": "settlement",
            "probability": 0.5,
        },
    ]
    return apply_point(
        data,
        {
            "rules.diplomacy.offer_rate": 0.15,
            "rules.diplomacy.aim_weight": 0.0,
            "rules.diplomacy.cost_of_war": 0.1,
            "rules.fatigue.rate": 0.02,
            "rules.accidents.slip_rate": 0.3,
            "rules.signalling.misperception": 0.3,
            "rules.alliances.fracture_threshold": 0.55,
            "rules.attribution.article4_propensity": 1.0,
            "rules.attribution.armed_attack": 0.6,
            "rules.nuclear.use_rate": 0.1,
            "rules.nuclear.use_threshold": 0.1,
            "rules.nuclear.use_deterrence": 0.0,
        },
    )


@pytest.fixture(scope="module")
def busy():
    return Simulation(busy_scenario(), list(range(40))).run()


def first_steps(sim: Simulation) -> pd.DataFrame:
    """(runs x passages): the first step of each passage as the events and paths show it."""
    world = sim.world
    events = pd.DataFrame(events_columns(sim))
    nato_ids = {world.ids[i] for i in np.flatnonzero(world.member0[:, NATO])}
    agreements = events["kind"] == "agreement"
    rules = {
        "nato_incident": (events["kind"] == "incident") & events["target"].isin(nato_ids),
        "article4": events["kind"] == "article4",
        "article5_vote": (events["kind"] == "alliance_decision")
        & events["label"].str.contains("Article 5"),
        "nuclear_signal": events["kind"] == "nuclear_signal",
        "nuclear_use": events["kind"] == "nuclear_use",
        "red_line_crossed": events["kind"] == "red_line_crossed",
        **{kind: agreements & (events["label"] == f"{kind} agreed") for kind in STANDING},
    }
    out = pd.DataFrame(index=range(len(sim.seeds)))
    for name, mask in rules.items():
        out[name] = events[mask].groupby("replicate")["step"].min()
    out["direct_clash"] = _first_clash(sim, nato_ids)
    out["fracture"] = _first_fracture(sim)
    return out


def _first_clash(sim: Simulation, nato_ids: set[str]) -> pd.Series:
    world = sim.world
    paths = pd.DataFrame(sim.recorder.paths_columns())
    directed = paths[paths["kind"] == "directed"]
    pairs = directed["entity"].str.split(">", expand=True)
    with_nato = pairs[0].isin(nato_ids) | pairs[1].isin(nato_ids)
    clash_rung = world.ladder_rungs["conduct"][world.clash]
    hit = directed[with_nato & (directed["level"] >= clash_rung)]
    return hit.groupby("replicate")["step"].min()


def _first_fracture(sim: Simulation) -> pd.Series:
    paths = pd.DataFrame(sim.recorder.paths_columns())
    threshold = sim.world.rules.alliances.fracture_threshold
    alliances = paths[(paths["kind"] == "alliance") & (paths["cohesion"] < threshold)]
    return alliances.groupby("replicate")["step"].min()


def test_every_passage_is_crossed_in_the_busy_batch(busy):
    summaries = pd.DataFrame(busy.recorder.summaries())
    for name in PASSAGES:
        assert summaries[f"first:{name}"].notna().any(), name


@pytest.fixture(scope="module")
def seen_first(busy):
    return first_steps(busy)


@pytest.mark.parametrize("name", PASSAGES)
def test_first_passages_are_recorded_when_they_happen(busy, seen_first, name):
    summaries = pd.DataFrame(busy.recorder.summaries())
    recorded = summaries[f"first:{name}"].astype("Float64")
    seen = seen_first[name].astype("Float64")
    pd.testing.assert_series_equal(recorded, seen, check_names=False)


def test_the_war_ends_where_the_last_agreement_or_breakdown_left_it(busy):
    events = pd.DataFrame(events_columns(busy))
    changes = events[events["kind"].isin(["agreement", "agreement_broken"])]
    last = changes.groupby("replicate")["to_rung"].last()
    final = [WAR.levels[s].label for s in busy.state.war.status]
    start = WAR.levels[WAR.index("war")].label
    expected = [last.get(r, start) for r in range(len(busy.seeds))]
    assert final == expected
    outcomes = [name for name, _ in busy.recorder.outcomes()]
    assert set(outcomes) & {"settlement", "armistice", "ceasefire"}


def _arrays(state) -> dict[str, np.ndarray]:
    out = {}
    for part in fields(state):
        value = getattr(state, part.name)
        for f in fields(value):
            item = getattr(value, f.name)
            if isinstance(item, Memory):
                for g in fields(item):
                    out[f"{part.name}.{f.name}.{g.name}"] = getattr(item, g.name)
            else:
                out[f"{part.name}.{f.name}"] = item
    return out


def test_classifying_and_summarising_a_batch_change_nothing(busy):
    before = {k: v.copy() for k, v in _arrays(busy.state).items()}
    events = busy.log.size
    first = (busy.recorder.outcomes(), busy.recorder.summaries())
    second = (busy.recorder.outcomes(), busy.recorder.summaries())
    assert first == second
    after = _arrays(busy.state)
    for key, value in before.items():
        np.testing.assert_array_equal(after[key], value, err_msg=key)
    assert busy.log.size == events


def test_the_outcome_of_a_run_is_a_query():
    model = EscalationModel(busy_scenario(), seed=3, steps=30).run()
    state = {k: v.copy() for k, v in _arrays(model.simulation.state).items()}
    assert model.outcome() == model.outcome()
    assert model.summary() == model.summary()
    assert model.summary()["outcome"] == model.outcome()[0]
    for key, value in _arrays(model.simulation.state).items():
        np.testing.assert_array_equal(value, state[key], err_msg=key)
