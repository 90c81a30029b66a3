"""Stylised facts and the measures they name (sim/validation): years, per-year counts,
incidents counted on NATO territory only while the victim is a member, discrepancies and the
predictive check, and clear errors for a bad facts file."""

from __future__ import annotations

import numpy as np
import pytest

from sim.concepts.channels import AID
from sim.errors import ScenarioError
from sim.outcomes import COUNT_INDEX
from sim.scenario import Scenario, load_scenario
from sim.validation.check import check, distance
from sim.validation.facts import Fact, load_facts
from sim.validation.measures import MEASURES, step_years, trace, value
from tests.conftest import ROOT, SCENARIOS

HINDCAST = SCENARIOS / "hindcast_2022.yaml"
FACTS = ROOT / "validation" / "facts_2022_2024.yaml"


@pytest.fixture(scope="module")
def hindcast_trace():
    return trace(load_scenario(HINDCAST), [1, 2, 3])


def test_weeks_fall_in_the_year_of_their_first_day():
    years = step_years(load_scenario(HINDCAST), 149)
    assert years[1] == 2022 and years[45] == 2022  # the week of 22-28 December 2022
    assert years[46] == 2023 and years[97] == 2023 and years[98] == 2024
    assert years[149] == 2024


def test_counts_per_year_add_up_to_the_runs_totals(hindcast_trace):
    tr = hindcast_trace
    for name in ("sanctions_adopted", "nuclear_signals", "red_lines_crossed", "article4"):
        per_year = MEASURES[name].read(tr)
        assert per_year.shape == (3, len(tr.years))
        total = tr.sim.state.record.counts[:, COUNT_INDEX[name]]
        assert np.array_equal(per_year.sum(axis=1), total)
        assert np.array_equal(value(tr, name, None), total)


def test_front_at_the_end_of_the_last_year_is_the_runs_final_front(hindcast_trace):
    tr = hindcast_trace
    assert np.allclose(value(tr, "front_end", 2024), tr.sim.state.war.front)
    assert np.all(value(tr, "front_peak", 2022) >= value(tr, "front_end", 2022))
    assert np.allclose(
        value(tr, "front_retaken", 2022),
        value(tr, "front_peak", 2022) - value(tr, "front_end", 2022),
    )


def test_aid_measures_count_suppliers_at_or_above_a_kind_at_the_years_end(hindcast_trace):
    tr = hindcast_trace
    world, aid = tr.sim.world, tr.sim.state.support.aid
    expected = ((aid >= AID.index("long_range")) & world.supplier).sum(axis=1)
    assert np.array_equal(value(tr, "aid_long_range", 2024), expected)
    assert np.all(value(tr, "aid_advanced", 2024) >= value(tr, "aid_long_range", 2024))
    assert np.all(value(tr, "aid_advanced", 2022) >= 1)  # Poland's tanks, April 2022


def test_incidents_count_on_nato_territory_only_while_the_victim_is_a_member():
    """Scheduled incidents on Finland before and after it joins; random ones switched off."""
    data = load_scenario(HINDCAST).model_dump()
    data["rules"]["accidents"]["stray_rate"] = 0.0
    data["rules"]["attribution"]["grey_zone_rate"] = 0.0
    data["rules"]["attribution"]["attack_rate"] = 0.0
    data["events"] += [
        {"id": "before", "kind": "incident", "step": 20, "target": "FIN"},
        {"id": "after", "kind": "incident", "step": 70, "target": "FIN"},
        {"id": "member", "kind": "incident", "step": 30, "target": "POL"},
    ]
    tr = trace(Scenario.model_validate(data), [5, 6])
    assert value(tr, "incidents_nato", 2022).tolist() == [1.0, 1.0]  # Poland, not Finland
    assert value(tr, "incidents_nato", 2023).tolist() == [1.0, 1.0]  # Finland, a member
    assert value(tr, "incidents_nato", 2024).tolist() == [0.0, 0.0]


def test_facts_file_loads_with_a_source_for_every_fact():
    facts = load_facts(FACTS)
    assert len(facts.facts) >= 20
    assert all(len(f.source) > 10 for f in facts.facts)
    measured = {f.measure for f in facts.facts}
    assert {
        "direct_clash",
        "nuclear_use",
        "agreement",
        "front_end",
        "sanctions_adopted",
    } <= measured


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"measure": "no_such_measure"}, "unknown measure"),
        ({"year": 2031}, "outside the period"),
        ({"observed": [0.3, 0.1]}, "low above high"),
        ({"year": None, "measure": "front_end"}, "needs a year"),
        ({"source": None}, "source"),
    ],
)
def test_a_bad_fact_is_one_clear_error_naming_file_and_line(tmp_path, change, problem):
    import yaml

    fact = {
        "id": "front_2024",
        "statement": "Russia held about a fifth.",
        "measure": "front_end",
        "year": 2024,
        "observed": [0.17, 0.2],
        "source": "ISW, December 2024.",
    }
    fact.update(change)
    fact = {k: v for k, v in fact.items() if v is not None or k == "year"}
    path = tmp_path / "facts.yaml"
    path.write_text(yaml.safe_dump({"period": [2022, 2024], "facts": [fact]}, sort_keys=False))
    with pytest.raises(ScenarioError) as error:
        load_facts(path)
    message = str(error.value)
    assert message.startswith(f"{path}:") and problem in message


def test_discrepancy_is_zero_inside_a_range_and_grows_outside_it():
    fact = Fact(
        id="front_2024",
        statement="x",
        measure="front_end",
        year=2024,
        observed=(0.17, 0.20),
        source="ISW",
    )
    assert fact.discrepancy(0.18) == 0
    assert fact.discrepancy(0.23) == pytest.approx(1.0)
    assert fact.discrepancy(0.14) == pytest.approx(1.0)
    count = Fact(
        id="sanctions_2022",
        statement="x",
        measure="sanctions_adopted",
        year=2022,
        observed=9,
        scale=1.5,
        source="Council of the EU",
    )
    assert count.discrepancy(6) == pytest.approx(2.0)


def test_the_predictive_check_covers_an_observation_inside_the_runs_interval():
    facts = load_facts(FACTS)
    rng = np.random.default_rng(0)
    values = {f.id: np.full(200, 0.5 * (f.low + f.high)) + 0 * rng.random(200) for f in facts.facts}
    table = check(values, facts)
    assert table["covered"].all() and (table["p_inside"] == 1).all()
    assert distance({k: float(v.mean()) for k, v in values.items()}, facts) == 0
    values["front_2024"] = np.linspace(0.25, 0.35, 200)
    table = check(values, facts).set_index("fact")
    assert not table.loc["front_2024", "covered"] and table.loc["front_2024", "p_inside"] == 0
