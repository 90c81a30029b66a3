"""Cross-checks of the v2 scenario language: a file that pydantic accepts but that cannot mean
anything (an event after the run ends, a vote with no voters, a role without its alliance, an
incident on Russia, a state starting at a Russian-only rung ...) fails with one message naming
the field, what was found and what is allowed."""

from __future__ import annotations

import pytest
import yaml

from sim.errors import ScenarioError
from sim.scenario import load_scenario
from tests.conftest import BASELINE, ROOT

DUEL = ROOT / "tests" / "data" / "duel.yaml"


def baseline() -> dict:
    return yaml.safe_load(BASELINE.read_text())


def duel() -> dict:
    return yaml.safe_load(DUEL.read_text())


def actor(data: dict, actor_id: str) -> dict:
    return next(a for a in data["actors"] if a["id"] == actor_id)


def event(data: dict, event_id: str) -> dict:
    return next(e for e in data["events"] if e["id"] == event_id)


def case_late_event(data):
    event(data, "us_peace_plan")["step"] = 400
    return "events.5.step", "can never fire", "run.steps (52)"


def case_vote_without_voters(data):
    for a in data["actors"]:
        a["memberships"] = [m for m in a.get("memberships", []) if m != "EU"]
    actor(data, "AUT")["role"] = "nato_member"
    actor(data, "AUT")["memberships"] = ["NATO"]
    return "events.4.kind", "needs EU members", "EU in memberships"


def case_member_without_alliance(data):
    actor(data, "HUN")["memberships"] = ["EU"]
    return "memberships", "must belong to NATO", "join"


def case_incident_on_russia(data):
    data["events"].append({"id": "odd", "kind": "incident", "step": 3, "target": "RUS"})
    return "events.6.target", "incident happens on a third state", "found 'RUS'"


def case_state_starts_at_grey_zone(data):
    actor(data, "POL")["conduct"] = {"RUS": "grey_zone"}
    return "conduct.RUS", "no higher than force posture", "found 'grey_zone'"


def case_attack_on_neutral(data):
    actor(data, "RUS")["conduct"]["AUT"] = "incident"
    return "conduct.AUT", "need a NATO member", "grey_zone"


def case_conduct_between_third_states(data):
    actor(data, "POL")["conduct"] = {"HUN": "rhetoric"}
    return "conduct.HUN", "no direct-conduct dyad", "Russia toward a third state"


def case_aid_from_russia(data):
    actor(data, "RUS")["aid"] = "defensive"
    return "actors.0.aid", "sends no aid", "found 'defensive'"


def case_unknown_aid_kind_in_red_line(data):
    actor(data, "RUS")["red_lines"][0]["threshold"] = "tanks"
    return "red_lines.0.threshold", "unknown aid kind", "long_range"


def case_nuclear_signal_response_by_non_nuclear(data):
    actor(data, "POL")["red_lines"] = [
        {
            "id": "x",
            "violators": ["RUS"],
            "watch": "conduct",
            "threshold": "grey_zone",
            "response": "nuclear_signal",
        },
    ]
    return "red_lines.0.response", "only a nuclear-armed owner signals", "a conduct rung"


def case_yes_as_a_number(data):
    actor(data, "RUS")["attributes"]["nuclear"] = "yes"
    return "attributes.nuclear", "invalid value", "found 'yes'"


def case_infinite_number(data):
    data["rules"] = {"war": {"attrition": float("inf")}}
    return "not a finite number", "found '.inf'", "a finite number"


def test_infinity_is_refused_from_python_too():
    from pydantic import ValidationError

    from sim.scenario.schema import WarRules

    with pytest.raises(ValidationError, match="finite"):
        WarRules(attrition=float("inf"))


def case_two_russias(data):
    actor(data, "UKR")["role"] = "russia"
    return "actors", "more than 1 actor with role russia", "at most 1"


def case_mobilising_a_third_state(data):
    data["events"].append({"id": "m", "kind": "mobilisation", "step": 3, "actors": ["POL"]})
    return "events.6.actors", "only belligerents mobilise", "russia or ukraine"


CASES = [v for k, v in sorted(globals().items()) if k.startswith("case_")]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.__name__[5:])
def test_nonsense_is_refused_with_one_clear_message(tmp_path, case):
    data = baseline()
    needles = case(data)
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    for needle in needles:
        assert needle in message, f"{needle!r} not in {message!r}"


def test_a_join_event_brings_a_member_in(tmp_path):
    data = duel()
    blue = actor(data, "BLU")
    blue["memberships"] = []
    data["events"] = [{"id": "j", "kind": "join", "step": 5, "actors": ["BLU"], "alliance": "NATO"}]
    path = tmp_path / "j.yaml"
    path.write_text(yaml.safe_dump(data))
    assert load_scenario(path).actors[1].memberships == []
