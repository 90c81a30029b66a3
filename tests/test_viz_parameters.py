"""The dashboard's knobs and scenario list without a browser: each knob maps onto the scenario
paths it names and nothing else, every shipped scenario takes every knob, the seed box, and
the CLI's user errors."""

from __future__ import annotations

import socket

import pytest

from sim.concepts.channels import AID
from sim.concepts.roles import ROLES
from sim.model import EscalationModel, release
from sim.model.world import policy_values
from sim.scenario import load_scenario
from sim.viz.catalog import load_catalog, scenario_files
from sim.viz.explore import parse_seed
from sim.viz.parameters import KNOBS, apply_knobs, changed_knobs, knob_values, shift_aid
from tests.conftest import BASELINE, SCENARIOS, run_cli


@pytest.fixture(scope="module")
def baseline():
    return load_scenario(BASELINE)


def russia(scenario):
    return next(a for a in scenario.actors if a.role == "russia")


def test_knob_values_read_the_scenario(baseline):
    values = knob_values(baseline)
    assert values["misperception"] == baseline.rules.signalling.misperception
    assert values["noise"] == baseline.rules.signalling.noise
    assert values["risk_tolerance"] == russia(baseline).attributes.risk_tolerance
    assert values["cohesion"] == baseline.rules.alliances.cohesion_initial
    assert values["fatigue_rate"] == baseline.rules.fatigue.rate
    assert values["commitment"] == 1.0
    assert values["aid"] == 0


def test_unchanged_values_give_the_same_scenario(baseline):
    assert apply_knobs(baseline, knob_values(baseline)) == baseline


@pytest.mark.parametrize(
    ("key", "value", "read"),
    [
        ("misperception", 0.3, lambda s: s.rules.signalling.misperception),
        ("noise", 0.7, lambda s: s.rules.signalling.noise),
        ("cohesion", 0.35, lambda s: s.rules.alliances.cohesion_initial),
        ("fatigue_rate", 0.02, lambda s: s.rules.fatigue.rate),
        ("risk_tolerance", 0.9, lambda s: russia(s).attributes.risk_tolerance),
    ],
)
def test_each_knob_writes_its_path_and_nothing_else(baseline, key, value, read):
    changed = apply_knobs(baseline, {key: value})
    assert read(changed) == pytest.approx(value)
    assert knob_values(changed)[key] == pytest.approx(value)
    others = {k: v for k, v in knob_values(changed).items() if k != key}
    assert others == {k: v for k, v in knob_values(baseline).items() if k != key}
    if key == "risk_tolerance":  # only Russia's attribute moves
        for before, after in zip(baseline.actors, changed.actors, strict=True):
            if before.role != "russia":
                assert before == after


def test_commitment_scales_every_red_line_and_warning_capped_at_one(baseline):
    half = apply_knobs(baseline, {"commitment": 0.5})
    double = apply_knobs(baseline, {"commitment": 1.5})
    for before, low, high in zip(baseline.actors, half.actors, double.actors, strict=True):
        for red, red_low, red_high in zip(
            before.red_lines, low.red_lines, high.red_lines, strict=True
        ):
            assert red_low.commitment == pytest.approx(red.commitment * 0.5)
            assert red_high.commitment == pytest.approx(min(1.0, red.commitment * 1.5))
    warnings = [(e, h) for e, h in zip(baseline.events, half.events, strict=True)]
    for event, scaled in warnings:
        if event.kind == "warning":
            assert scaled.commitment == pytest.approx(event.commitment * 0.5)
    assert any(a.red_lines for a in baseline.actors)


def test_shift_aid_stays_within_the_policy():
    assert shift_aid(2, 4, 1) == 3
    assert shift_aid(4, 4, 1) == 4  # the policy's most
    assert shift_aid(1, 4, -2) == 0  # not below none
    assert shift_aid(3, 2, 1) == 3  # already above a stricter limit: not raised
    assert shift_aid(3, 2, -1) == 2


def test_aid_knob_moves_every_suppliers_aid_within_its_policy(baseline):
    def kinds(scenario):
        return {a.id: AID.index(a.aid) for a in scenario.actors}

    before = kinds(baseline)
    for shift in (-2, -1, 1, 2):
        after = kinds(apply_knobs(baseline, {"aid": shift}))
        for spec in baseline.actors:
            if not ROLES[spec.role].third_state:
                assert after[spec.id] == before[spec.id]
                continue
            limit, _, _ = policy_values(spec.stance, spec.policy)
            assert after[spec.id] == shift_aid(before[spec.id], limit, shift)
        if shift < 0:  # every supplier sends some aid: lowering moves them (raising may not:
            assert after != before  # a supplier at its policy's limit stays there)


def test_out_of_range_and_unknown_knobs_are_refused(baseline):
    with pytest.raises(ValueError, match="Misperception"):
        apply_knobs(baseline, {"misperception": 0.9})
    with pytest.raises(KeyError):
        apply_knobs(baseline, {"no_such_knob": 1.0})


@pytest.mark.slow
def test_every_shipped_scenario_takes_every_knob_at_both_ends():
    catalog = load_catalog()
    for entry in catalog.entries.values():
        for knob in KNOBS:
            for value in (knob.min, knob.max):
                model = EscalationModel(apply_knobs(entry.scenario, {knob.key: value}), seed=0)
                model.step()
                release(model)


def test_changed_knobs_in_words():
    words = changed_knobs({"misperception": 0.05, "aid": 0}, {"misperception": 0.3, "aid": 1})
    assert words == ["Misperception 0.05 -> 0.3", "Aid to Ukraine (kinds +/-) 0 -> +1"]


def test_catalog_lists_shipped_scenarios_and_a_given_file(tmp_path):
    catalog = load_catalog()
    assert catalog.initial == "baseline"
    assert len(catalog.entries) + len(catalog.left_out) == len(scenario_files(SCENARIOS))
    assert len(catalog.problems) == len(catalog.left_out)
    assert any(key.startswith("teaching/") for key in catalog.keys)
    own = tmp_path / "mine.yaml"
    own.write_text(BASELINE.read_text())
    with_file = load_catalog(own)
    assert with_file.initial == str(own) and with_file.keys[0] == str(own)


def test_parse_seed():
    assert parse_seed("7", 1) == (7, "")
    assert parse_seed(" 12 ", 1) == (12, "")
    assert parse_seed("", 3) == (3, "")
    assert parse_seed("abc", 3)[0] == 3 and "not a whole number" in parse_seed("abc", 3)[1]
    assert parse_seed("-4", 3)[0] == 3 and "outside" in parse_seed("-4", 3)[1]
    assert parse_seed(str(2**63), 3)[0] == 3


def test_viz_errors_are_one_line(tmp_path):
    pytest.importorskip("solara", reason="the viz extra is not installed")
    missing = run_cli("viz", str(tmp_path / "nope.yaml"), "--port", "8799")
    assert missing.returncode == 2 and "file not found" in missing.stderr
    assert "Traceback" not in missing.stderr
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        taken = run_cli("viz", "--port", str(port))
    assert taken.returncode == 2 and "in use" in taken.stderr
    assert len(taken.stderr.strip().splitlines()) == 1
