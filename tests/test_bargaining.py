"""Bargaining while fighting, on the model: the war ends only by an accepted agreement, and
Ukraine's answer to a plan depends on the support it expects (the US plan's pressure, Europe's
objections). Paired seeds (the streams are common random numbers: arms differ only where the
plan does), one-sided exact tests on discordant pairs, the effect with a 95% CI, and a
knock-out: with the expected-support mechanism off the difference must vanish."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from sim.model import Simulation
from sim.model.state import AT_WAR
from sim.model.tables import events_columns
from sim.scenario import Scenario, load_scenario
from tests.conftest import BASELINE, SCENARIOS

PAIRS = 1500
NO_SUPPORT_EFFECT = {"withdrawal_threat": 0.0, "opposition_boost": 0.0}
EUROPE = ["FRA", "DEU", "POL", "GBR"]


def variant(path, plan: dict | None = None, diplomacy: dict | None = None, **rules) -> Scenario:
    data = load_scenario(path).model_dump()
    if plan is not None:
        event = next(e for e in data["events"] if e["id"] == "us_peace_plan")
        event.update(plan)
    data["rules"]["diplomacy"].update(diplomacy or {})
    for section, values in rules.items():
        data["rules"][section].update(values)
    return Scenario.model_validate(data)


def plan_step(scenario: Scenario) -> int:
    return next(e.step for e in scenario.events if e.id == "us_peace_plan")


def ukraine_answers(scenario: Scenario, seeds: np.ndarray) -> pd.Series:
    """Ukraine's answer to the US plan per seed (True: accepted); seeds where it was not
    tabled (the war had already ended) are missing."""
    step = plan_step(scenario)
    sim = Simulation(scenario, seeds, steps=step, record="summary").run()
    events = pd.DataFrame(events_columns(sim))
    label = next(e.label for e in scenario.events if e.id == "us_peace_plan")
    mine = events[
        (events["kind"] == "offer_answer")
        & (events["step"] == step)
        & (events["actor"] == "UKR")
        & (events["label"] == label)
    ]
    return pd.Series(
        (mine["reading"] == "accepted").to_numpy(), index=seeds[mine["replicate"].to_numpy()]
    )


def paired_effect(high: pd.Series, low: pd.Series) -> tuple[float, float, float, float]:
    """(difference in acceptance, 95% CI low, high, one-sided exact p) for paired answers:
    McNemar's test is a binomial test on the discordant pairs."""
    both = high.index.intersection(low.index)
    a, b = high.loc[both].to_numpy(), low.loc[both].to_numpy()
    up, down, n = int((a & ~b).sum()), int((~a & b).sum()), both.size
    diff = (up - down) / n
    se = np.sqrt(up + down - (up - down) ** 2 / n) / n
    p = stats.binomtest(up, up + down, 0.5, alternative="greater").pvalue if up + down else 1.0
    return diff, diff - 1.96 * se, diff + 1.96 * se, p


def test_european_backing_makes_ukraine_accept_the_us_plan_more_often():
    seeds = np.arange(PAIRS)
    objects = ukraine_answers(load_scenario(BASELINE), seeds)
    backs = ukraine_answers(load_scenario(SCENARIOS / "us_plan_europe_backs.yaml"), seeds)
    diff, low, _, p = paired_effect(backs, objects)
    assert p < 0.01 and low > 0, (diff, low, p)
    # Knock-out: with no aid withheld or pledged over a plan, who backs it does not matter.
    objects = ukraine_answers(variant(BASELINE, diplomacy=NO_SUPPORT_EFFECT), seeds)
    backs = ukraine_answers(
        variant(SCENARIOS / "us_plan_europe_backs.yaml", diplomacy=NO_SUPPORT_EFFECT), seeds
    )
    assert backs.equals(objects)


def test_the_us_sponsor_pressure_makes_ukraine_accept_more_often():
    """The same terms tabled by the United States (which would hold back its aid) and by a
    sponsor nobody follows; Europe neutral in both."""
    seeds = np.arange(PAIRS)
    neutral = {"backers": [], "opponents": []}
    us = ukraine_answers(variant(BASELINE, plan=neutral), seeds)
    nobody = ukraine_answers(variant(BASELINE, plan={**neutral, "sponsor": None}), seeds)
    diff, low, _, p = paired_effect(us, nobody)
    assert p < 0.01 and low > 0, (diff, low, p)
    us = ukraine_answers(variant(BASELINE, plan=neutral, diplomacy=NO_SUPPORT_EFFECT), seeds)
    nobody = ukraine_answers(
        variant(BASELINE, plan={**neutral, "sponsor": None}, diplomacy=NO_SUPPORT_EFFECT), seeds
    )
    assert us.equals(nobody)


def _agreements(sim: Simulation) -> pd.DataFrame:
    events = pd.DataFrame(events_columns(sim))
    return events[events["kind"].isin(["agreement", "agreement_broken"])]


def test_the_war_ends_only_by_an_accepted_agreement():
    """Every change of the war's status is an agreement (or the breakdown of one) logged that
    week; every run that ends in a ceasefire, armistice or settlement agreed to it."""
    tired = variant(
        BASELINE,
        diplomacy={"offer_rate": 0.2, "weariness_weight": 0.08},
        fatigue={"rate": 0.006},
    )
    sim = Simulation(tired, np.arange(300), steps=208, record="paths").run()
    status = sim.recorder.buffers[("war", "status")][:, :, 0].astype(int)  # (steps + 1, R)
    changes = np.argwhere(np.diff(status, axis=0) != 0)
    logged = _agreements(sim)
    keys = set(zip(logged["replicate"], logged["step"], strict=True))
    assert len(changes) > 50  # the test has agreements to look at
    for step, replicate in changes:
        assert (replicate, step + 1) in keys
    rows = pd.DataFrame(sim.recorder.summaries())
    agreed = set(logged[logged["kind"] == "agreement"]["replicate"])
    ended = rows[rows["outcome"].isin(["ceasefire", "armistice", "settlement"])].index
    assert len(ended) > 0 and set(ended) <= agreed


def test_without_offers_no_run_ends_by_agreement_however_tired():
    """Knock-out: no mediators and no plan; exhaustion alone never ends the war."""
    data = load_scenario(BASELINE).model_dump()
    data["events"] = [e for e in data["events"] if e["kind"] != "peace_plan"]
    data["rules"]["diplomacy"]["offer_rate"] = 0.0
    data["rules"]["fatigue"]["rate"] = 0.02
    scenario = Scenario.model_validate(data)
    sim = Simulation(scenario, np.arange(200), steps=208, record="summary").run()
    assert np.all(sim.state.war.status == AT_WAR)
    assert _agreements(sim).empty
    assert (
        not pd.DataFrame(sim.recorder.summaries())["outcome"]
        .isin(["ceasefire", "armistice", "settlement"])
        .any()
    )
