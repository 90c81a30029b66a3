"""Each mechanism moves outcomes in the direction theory says, measured over many seeded runs
(Fisher's exact or Mann-Whitney test, p < 0.01)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from sim import EscalationModel, load_scenario
from sim.rules import signalling
from sim.scenario.schema import Scenario, SignallingRules
from tests.conftest import BASELINE, SCENARIOS

RUNS = 120


def with_changes(path, change) -> Scenario:
    data = load_scenario(path).model_dump()
    change(data)
    return Scenario.model_validate(data)


def actor(data: dict, actor_id: str) -> dict:
    return next(a for a in data["actors"] if a["id"] == actor_id)


def sweep(scenario: Scenario, runs: int = RUNS) -> pd.DataFrame:
    return pd.DataFrame(
        [EscalationModel(scenario, seed=seed).run().summary() for seed in range(runs)]
    )


def fisher_greater(hits_high: int, hits_low: int, runs: int) -> float:
    table = [[hits_high, runs - hits_high], [hits_low, runs - hits_low]]
    return stats.fisher_exact(table, alternative="greater").pvalue


def set_rule(section: str, name: str, value: float):
    def change(data: dict) -> None:
        data["rules"][section][name] = value

    return change


def test_misperception_raises_russia_nato_escalation():
    low = sweep(with_changes(BASELINE, set_rule("signalling", "misperception", 0.0)))
    high = sweep(with_changes(BASELINE, set_rule("signalling", "misperception", 0.25)))
    start = 7  # Russia's grey-zone conduct toward frontline states at the start
    hits_low = int((low["peak:RUS-NATO"] > start).sum())
    hits_high = int((high["peak:RUS-NATO"] > start).sum())
    assert hits_high > hits_low
    assert fisher_greater(hits_high, hits_low, RUNS) < 0.01


def commitment(value: float):
    def change(data: dict) -> None:
        actor(data, "RUS")["red_lines"][0]["commitment"] = value

    return change


def test_credible_red_line_is_crossed_less_often():
    bluff = sweep(with_changes(BASELINE, commitment(0.05)))
    credible = sweep(with_changes(BASELINE, commitment(0.95)))
    crossed_bluff = int((bluff["red_lines_crossed"] > 0).sum())
    crossed_credible = int((credible["red_lines_crossed"] > 0).sum())
    assert crossed_credible < crossed_bluff
    assert fisher_greater(crossed_bluff, crossed_credible, RUNS) < 0.01


def hungary(hawkishness: float, prior: float):
    def change(data: dict) -> None:
        actor(data, "HUN")["attributes"]["hawkishness"] = hawkishness
        actor(data, "HUN")["hostility_prior"] = prior

    return change


def test_dovish_veto_player_lowers_eu_sanctions():
    dove = sweep(with_changes(BASELINE, hungary(0.1, 0.2)))
    hawk = sweep(with_changes(BASELINE, hungary(0.7, 0.6)))
    assert dove["sanctions_adopted"].mean() < hawk["sanctions_adopted"].mean()
    test = stats.mannwhitneyu(
        hawk["sanctions_adopted"], dove["sanctions_adopted"], alternative="greater"
    )
    assert test.pvalue < 0.01
    assert dove["sanctions_blocked"].mean() > hawk["sanctions_blocked"].mean()


def test_majority_rule_removes_the_veto():
    def majority(data: dict) -> None:
        data["rules"]["alliances"]["eu"]["rule"] = "majority"

    consensus = sweep(with_changes(BASELINE, hungary(0.1, 0.2)), runs=60)
    by_majority = sweep(with_changes(BASELINE, majority), runs=60)
    assert by_majority["sanctions_adopted"].mean() > consensus["sanctions_adopted"].mean()


def test_war_fatigue_raises_settlement():
    rested = sweep(with_changes(BASELINE, set_rule("fatigue", "rate", 0.002)))
    tired = sweep(with_changes(BASELINE, set_rule("fatigue", "rate", 0.02)))
    settled_rested = int((rested["outcome"] == "settlement").sum())
    settled_tired = int((tired["outcome"] == "settlement").sum())
    assert fisher_greater(settled_tired, settled_rested, RUNS) < 0.01


def test_called_bluff_costs_reputation_and_enforcement_builds_it():
    path = SCENARIOS / "teaching/red_line_bluff.yaml"
    delivery = {
        "kind": "action",
        "step": 2,
        "actors": ["BLU"],
        "target": "RUS",
        "rung": "aid_advanced",
        "label": "Blueland delivers long-range missiles",
    }

    def reputation_of_russia(value: float) -> list[float]:
        def change(data: dict) -> None:
            actor(data, "RUS")["red_lines"][0].update(commitment=value, audience_cost=0.0)
            data["events"] = [delivery]

        scenario = with_changes(path, change)
        values = []
        for seed in range(20):
            model = EscalationModel(scenario, seed=seed, steps=3).run()
            assert model.counts["red_lines_crossed"] >= 1
            d = model.dyad[(model.index["BLU"], model.index["RUS"])]
            values.append(model.reputation[d])
        return values

    bluffing, committed = reputation_of_russia(0.0), reputation_of_russia(1.0)
    initial = load_scenario(path).rules.reputation.initial
    assert max(bluffing) < initial < min(committed)


def test_costly_signals_move_beliefs_more_than_cheap_talk():
    rules = SignallingRules(noise=0.0, misperception=0.0)
    perception = signalling.Perception(
        perceived=np.array([1, 0]),
        misread=np.array([False, False]),
        reading=np.array([signalling.DETERRENT, signalling.CHEAP_TALK]),
    )
    resolve = np.array([0.5, 0.5])
    hostility = np.array([0.5, 0.5])
    signalling.update_beliefs(
        perception,
        costly=np.array([True, False]),
        reputation=np.array([0.6, 0.6]),
        hostility=hostility,
        believed_resolve=resolve,
        prior=np.array([0.5, 0.5]),
        rules=rules,
    )
    assert resolve[0] - 0.5 > 2 * (resolve[1] - 0.5) > 0


def test_hostile_prior_breeds_misreadings():
    rules = SignallingRules(misperception=0.2, hostile_prior_bias=1.0, noise=0.0)
    rng = np.random.default_rng(0)
    holds = np.zeros(20_000, dtype=np.int64)
    none = np.zeros(20_000, dtype=bool)
    trusting = signalling.perceive(holds, none, np.full(20_000, 0.1), rules, rng)
    fearful = signalling.perceive(holds, none, np.full(20_000, 0.9), rules, rng)
    assert fearful.misread.mean() > 2.5 * trusting.misread.mean()
    assert fearful.misread.mean() == pytest.approx(0.2 * 1.8, abs=0.02)


def test_escalation_is_dyadic():
    model = EscalationModel(load_scenario(BASELINE), seed=2)
    levels = {f"{model.ids[i]}>{model.ids[j]}": model.level[d] for (i, j), d in model.dyad.items()}
    assert levels["RUS>UKR"] == model.war_rung
    assert levels["RUS>FIN"] == model.ladder.level_of("grey_zone")
    assert levels["RUS>HUN"] == model.ladder.level_of("rhetoric")
    model.run()
    key = model.recorder.key_levels()
    assert (key["RUS-UKR"] != key["RUS-NATO"]).any()


def test_causes_of_escalation_are_told_apart():
    data = load_scenario(BASELINE).model_dump()
    data["rules"]["accidents"]["slip_rate"] = 0.2
    data["rules"]["signalling"]["misperception"] = 0.2
    scenario = Scenario.model_validate(data)
    causes = set()
    for seed in range(10):
        events = EscalationModel(scenario, seed=seed).run().tables()["events"]
        causes |= set(events.loc[events["kind"] == "action", "cause"])
    assert {"deliberate", "inadvertent", "accidental", "scheduled"} <= causes


def test_accidents_only_reach_rungs_the_dyad_can_stand_on():
    data = load_scenario(BASELINE).model_dump()
    data["rules"]["accidents"]["slip_rate"] = 0.5
    scenario = Scenario.model_validate(data)
    slips = 0
    for seed in range(5):
        model = EscalationModel(scenario, seed=seed).run()
        slips += model.counts["accidents"]
        for d in range(model.n_dyads):
            source, target = model.actors[model.src[d]], model.actors[model.dst[d]]
            categories = source.allowed_categories(target, article5=True)
            allowed = {r.level for r in model.ladder.rungs if r.category in categories}
            visited = set(np.unique(model.recorder.level[:, d]).tolist())
            assert visited <= allowed, (model.ids[model.src[d]], model.ids[model.dst[d]])
    assert slips > 50
