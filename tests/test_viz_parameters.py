"""The dashboard without a browser: sliders map onto the scenario paths they name, the scenario
list, the session's reference run, the seed box, the figures and the CLI's user errors."""

from __future__ import annotations

import socket

import numpy as np
import pytest

from sim.model import EscalationModel
from sim.scenario import build_ladder, load_scenario, rung_level
from sim.viz.catalog import load_catalog, scenario_files
from sim.viz.figures import ladder_figure, log_html, log_rows, network_figure, status_text
from sim.viz.parameters import (
    KNOBS,
    aid_band,
    apply_knobs,
    changed_knobs,
    knob_values,
    shift_aid,
)
from sim.viz.session import DashboardModel, Session, Settings, parse_seed
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


def test_aid_band_and_shift():
    band = [4, 5, 6]  # no aid (force posture), aid_defensive, aid_advanced
    assert shift_aid(5, band, 1) == 6
    assert shift_aid(6, band, 1) == 6  # stays in the band
    assert shift_aid(6, band, -2) == 4
    assert shift_aid(4, band, 2) == 6
    assert shift_aid(2, band, 2) == 2  # below the band: sanctions only, not moved
    assert shift_aid(7, band, -1) == 7  # above the band: grey zone, not moved


def test_aid_knob_moves_nato_and_eu_members_toward_russia(baseline):
    ladder = build_ladder(baseline)
    band = aid_band(baseline)
    assert [ladder.rungs[level].category for level in band[1:]] == ["aid"] * (len(band) - 1)
    rus = russia(baseline).id

    def levels(scenario):
        return {
            a.id: rung_level(ladder, a.levels.get(rus, 0))
            for a in scenario.actors
            if a.role in ("nato_member", "eu_state")
        }

    before = levels(baseline)
    up, down = levels(apply_knobs(baseline, {"aid": 1})), levels(apply_knobs(baseline, {"aid": -2}))
    for actor, level in before.items():
        assert up[actor] == shift_aid(level, band, 1)
        assert down[actor] == shift_aid(level, band, -2)
    assert up != before and down != before
    # Russia's own levels and Ukraine's are untouched.
    changed = apply_knobs(baseline, {"aid": 1})
    assert russia(changed) == russia(baseline)


def test_out_of_range_and_unknown_knobs_are_refused(baseline):
    with pytest.raises(ValueError, match="Misperception"):
        apply_knobs(baseline, {"misperception": 0.9})
    with pytest.raises(KeyError):
        apply_knobs(baseline, {"no_such_knob": 1.0})


def test_every_shipped_scenario_takes_every_knob_at_both_ends():
    catalog = load_catalog()
    for entry in catalog.entries.values():
        for knob in KNOBS:
            for value in (knob.min, knob.max):
                EscalationModel(apply_knobs(entry.scenario, {knob.key: value}), seed=0)


def test_changed_knobs_in_words():
    words = changed_knobs({"misperception": 0.05, "aid": 0}, {"misperception": 0.3, "aid": 1})
    assert words == ["Misperception 0.05 -> 0.3", "Aid level (rungs +/-) 0 -> +1"]


def test_catalog_lists_shipped_scenarios_and_a_given_file(tmp_path):
    catalog = load_catalog()
    assert catalog.initial == "baseline"
    assert len(catalog.entries) == len(scenario_files(SCENARIOS))
    own = tmp_path / "mine.yaml"
    own.write_text(BASELINE.read_text())
    with_file = load_catalog(own)
    assert with_file.initial == str(own) and with_file.keys[0] == str(own)


def test_parse_seed():
    assert parse_seed("7", 1) == (7, "")
    assert parse_seed(" 12 ", 1) == (12, "")
    assert parse_seed("", 3) == (3, "")
    assert parse_seed("abc", 3)[0] == 3 and "not a whole number" in parse_seed("abc", 3)[1]
    assert parse_seed("-4", 3)[0] == 3


def test_same_seed_same_run_and_previous_run_becomes_reference():
    session = Session(load_catalog())
    first = DashboardModel(session=session, seed="5")
    for _ in range(10):
        first.step()
    again = DashboardModel(session=session, seed="5")
    for _ in range(10):
        again.step()
    assert session.reference is not None
    assert "same settings and seed" in session.reference.label
    for name, levels in again.recorder.key_levels().items():
        np.testing.assert_array_equal(levels, session.reference.levels[name])
    values = {**session.wanted.values, "misperception": 0.4}
    session.settings = Settings(session.wanted.scenario, values)
    changed = DashboardModel(session=session, seed="5")
    assert changed.scenario.rules.signalling.misperception == 0.4
    assert "Misperception" in session.reference.label
    # A reset before any step keeps the older reference.
    DashboardModel(session=session, seed="5")
    assert "Misperception" in session.reference.label
    session.clear_reference()
    assert session.reference is None


def test_figures_and_log_follow_the_run():
    session = Session(load_catalog())
    model = DashboardModel(session=session, seed="2")
    assert log_rows(model) == [] and "No events yet" in log_html(model)
    assert status_text(model)[1] is None
    while model.running:
        model.step()
    rows = log_rows(model)
    assert rows and rows[0].step >= rows[-1].step  # latest first
    if any(row.css == "redline" for row in rows):
        assert 'class="escsim-event redline"' in log_html(model)
    assert status_text(model)[1].startswith("Outcome: ")
    reference = {k: v.copy() for k, v in model.recorder.key_levels().items()}
    ladder = ladder_figure(model, reference)
    labels = [t.get_text() for t in ladder.axes[0].get_yticklabels()]
    assert labels[0].endswith(model.ladder.rungs[0].name) and len(labels) == len(model.ladder)
    assert network_figure(model).axes


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
