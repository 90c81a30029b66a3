"""Shipped scenarios, the schema round trip, extends, and the JSON Schema."""

from __future__ import annotations

import json

import pytest
import yaml

from sim import load_scenario
from sim.ladder import DEFAULT_LADDER
from sim.scenario import scenario_text
from sim.scenario.schema import Scenario
from tests.conftest import BASELINE, ROOT, SCENARIOS, run_cli

SHIPPED = sorted(SCENARIOS.glob("*.yaml")) + sorted(SCENARIOS.glob("teaching/*.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_scenarios_validate(path):
    scenario = load_scenario(path)
    assert scenario.actors


def test_validate_command_accepts_all_shipped():
    result = run_cli("validate", *map(str, SHIPPED))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("ok ") == len(SHIPPED)


def test_baseline_holds_the_article():
    scenario = load_scenario(BASELINE)
    ids = {a.id for a in scenario.actors}
    assert len(ids) >= 12
    assert {"RUS", "UKR", "USA", "GBR", "FRA", "DEU", "POL", "FIN", "SWE", "BALTS", "HUN"} <= ids
    outside_nato = [
        a for a in scenario.actors if "EU" in a.memberships and "NATO" not in a.memberships
    ]
    assert outside_nato, "an EU state outside NATO"
    labels = " ".join(e.label for e in scenario.events).lower()
    for words in ("kyiv", "warns nato", "finnish", "peace plan", "object"):
        assert words in labels
    stances = {a.id: a.stance for a in scenario.actors}
    assert stances["HUN"] == "pro_russian" and stances["AUT"] == "neutral"
    assert {a.id: a.aid for a in scenario.actors}["USA"] == "long_range"


def test_round_trip_through_yaml(tmp_path):
    scenario = load_scenario(BASELINE)
    dumped = tmp_path / "dumped.yaml"
    dumped.write_text(yaml.safe_dump(scenario.model_dump(mode="json"), sort_keys=False))
    assert load_scenario(dumped) == scenario


def test_extends_overrides_only_what_it_names():
    base = load_scenario(BASELINE)
    variant = load_scenario(SCENARIOS / "divided_alliance.yaml")
    assert variant.name == "divided_alliance"
    assert variant.rules.fatigue.rate == 0.006
    assert variant.rules.fatigue.recovery == base.rules.fatigue.recovery
    usa = {a.id: a for a in variant.actors}["USA"]
    base_usa = {a.id: a for a in base.actors}["USA"]
    assert usa.attributes.hawkishness == 0.3
    assert usa.attributes.capability == base_usa.attributes.capability
    assert usa.red_lines == base_usa.red_lines
    assert [a.id for a in variant.actors] == [a.id for a in base.actors]
    assert variant.events == base.events


def test_extends_merges_events_by_id_and_appends_new_ones():
    base = load_scenario(BASELINE)
    early = load_scenario(SCENARIOS / "peace_plan_early.yaml")
    plan = {e.id: e for e in early.events}["us_peace_plan"]
    assert plan.step == 6 and plan.terms == {e.id: e for e in base.events}["us_peace_plan"].terms
    surge = load_scenario(SCENARIOS / "aid_surge_redline.yaml")
    assert [e.id for e in surge.events] == [e.id for e in base.events] + ["aid_surge"]


def test_extends_can_remove_an_item_and_references_are_rechecked(tmp_path):
    (tmp_path / "v.yaml").write_text(
        f"extends: {BASELINE}\nname: v\nevents:\n  - id: eu_sanctions\n    remove: true\n"
    )
    assert "eu_sanctions" not in {e.id for e in load_scenario(tmp_path / "v.yaml").events}
    (tmp_path / "w.yaml").write_text(
        f"extends: {BASELINE}\nname: w\nactors:\n  - id: AUT\n    remove: true\n"
    )
    result = run_cli("validate", str(tmp_path / "w.yaml"))
    assert result.returncode == 2
    assert "actors.0.conduct.AUT" in result.stderr and "unknown actor" in result.stderr


def test_scenario_text_is_the_merged_file():
    text = scenario_text(SCENARIOS / "peace_plan_early.yaml")
    data = yaml.safe_load(text)
    assert "extends" not in data
    assert Scenario.model_validate(data) == load_scenario(SCENARIOS / "peace_plan_early.yaml")


def test_schema_command_prints_json_schema():
    result = run_cli("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "Scenario"
    assert "actors" in schema["properties"]


def test_default_ladder_is_kahn_style():
    assert len(DEFAULT_LADDER) >= 12
    assert [r.level for r in DEFAULT_LADDER.rungs] == list(range(len(DEFAULT_LADDER)))
    result = run_cli("ladder")
    assert result.returncode == 0
    for rung in DEFAULT_LADDER.rungs:
        assert rung.id in result.stdout
    channels = run_cli("ladder", "--channels")
    assert channels.returncode == 0
    for level in ("grey_zone", "long_range", "doctrine", "ceasefire"):
        assert level in channels.stdout


def test_custom_ladder(tmp_path):
    """A scenario may report on its own ladder, as long as every channel has a category to be
    shown as; key dyads then stand on its rungs."""
    from sim import EscalationModel
    from sim.ladder import REQUIRED_CATEGORIES

    data = yaml.safe_load((ROOT / "tests" / "data" / "duel.yaml").read_text())
    data["ladder"] = [
        {
            "id": f"r{k}",
            "name": category.replace("_", " ").title(),
            "level": k,
            "category": category,
        }
        for k, category in enumerate(REQUIRED_CATEGORIES)
    ]
    (tmp_path / "c.yaml").write_text(yaml.safe_dump(data))
    model = EscalationModel(load_scenario(tmp_path / "c.yaml"), seed=1).run()
    levels = model.tables()["paths"].query("kind == 'dyad'")["level"]
    assert levels.max() <= len(REQUIRED_CATEGORIES) - 1
    data["ladder"] = data["ladder"][:3]
    (tmp_path / "c.yaml").write_text(yaml.safe_dump(data))
    result = run_cli("validate", str(tmp_path / "c.yaml"))
    assert result.returncode == 2
    assert "lacks categories" in result.stderr


def test_field_reference_in_docs_is_current():
    from sim.scenario.reference import embed

    document = (SCENARIOS.parent / "docs/scenarios.md").read_text()
    assert embed(document) == document, "run: python -m sim.scenario.reference docs/scenarios.md"


def test_every_field_has_a_meaning():
    from sim.scenario.reference import SECTIONS

    for title, model in SECTIONS:
        for name, field in model.model_fields.items():
            assert field.description, f"{title}.{name} has no description"
