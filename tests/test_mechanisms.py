"""Comparative statics an expert expects of the model, each on paired seeds (the same seeds in
both arms: common random numbers), with a one-sided test, an effect size with its CI, and a
knock-out: with the named mechanism switched off the claim must no longer hold. Dose-response
over five-point grids for four mechanisms.

Arms are built from shipped scenarios by dotted-path changes, so the tests follow the scenario
language and never pin today's numbers: they assert directions and significance only.
"""

from __future__ import annotations

import numpy as np
import pytest

from sim.analysis.paired import Verdict, paired, trend
from sim.model import Simulation
from sim.outcomes import COUNT_INDEX, PASSAGE_INDEX
from tests.conftest import BASELINE, ROOT, SCENARIOS, variant

pytestmark = pytest.mark.slow

SEEDS = np.arange(400)

#: Russia and Blueland alone, both standing mid-ladder with room to move.
DUEL = ROOT / "tests" / "data" / "duel.yaml"
#: Suppliers free to send long-range weapons (crossing Russia's red line) and a US that keeps
#: arming Ukraine: a world in which Russia's deterrence of aid can be seen to work or not.
SUPPLIERS_FREE = {
    **{f"actors.{a}.policy.max_aid": "long_range" for a in ("DEU", "POL", "FIN", "SWE", "BALTS")},
    "events.us_administration.probability": 0.0,
    "events.russian_warning.probability": 0.0,
}
#: Two years: long enough for suppliers to weigh the step up.
CROSSING_STEPS = 104
#: Russia's punishment of aid switched off: aid carries no escalation risk, the red line on
#: long-range weapons is not believed, a nuclear-signal response frightens nobody.
AID_DETERRENCE_OFF = {
    "rules.support.risk_weight": 0.0,
    "rules.red_lines.signal_response_cost": 0.0,
    "actors.RUS.red_lines.long_range_weapons.commitment": 0.0,
}


def run(path, changes: dict, steps: int | None = None, record: str = "summary") -> Simulation:
    return Simulation(variant(path, changes=changes), SEEDS, steps=steps, record=record).run()


def counted(sim: Simulation, name: str) -> np.ndarray:
    return sim.state.record.counts[:, COUNT_INDEX[name]]


def passed(sim: Simulation, *names: str) -> np.ndarray:
    return (sim.state.record.passage[:, [PASSAGE_INDEX[n] for n in names]] >= 0).any(axis=1)


def check(effect: Verdict, holds: bool, what: str) -> None:
    message = effect.describe(what)
    if holds:
        assert effect.holds, "claim fails: " + message
    else:
        assert not effect.holds, "claim holds with the mechanism switched off: " + message


# ----------------------------------------------------------------------------- deterrence
@pytest.mark.parametrize("mechanism_on", [True, False], ids=["claim", "knock-out"])
def test_a_stronger_russia_deters_red_line_crossings(mechanism_on):
    off = {} if mechanism_on else AID_DETERRENCE_OFF
    base = {**SUPPLIERS_FREE, **off}
    weak = run(BASELINE, {**base, "actors.RUS.attributes.capability": 0.25}, CROSSING_STEPS)
    strong = run(BASELINE, {**base, "actors.RUS.attributes.capability": 0.6}, CROSSING_STEPS)
    effect = paired(
        counted(weak, "red_lines_crossed") > 0, counted(strong, "red_lines_crossed") > 0, True
    )
    check(effect, mechanism_on, "crossings, weak minus strong Russia")


@pytest.mark.parametrize("mechanism_on", [True, False], ids=["claim", "knock-out"])
def test_a_more_resolute_russia_deters_red_line_crossings(mechanism_on):
    off = {} if mechanism_on else {**AID_DETERRENCE_OFF, "rules.red_lines.resolve_weight": 0.0}
    base = {**SUPPLIERS_FREE, **off, "actors.RUS.attributes.capability": 0.3}
    soft = run(BASELINE, {**base, "actors.RUS.attributes.resolve": 0.4}, CROSSING_STEPS)
    firm = run(BASELINE, {**base, "actors.RUS.attributes.resolve": 0.95}, CROSSING_STEPS)
    effect = paired(
        counted(soft, "red_lines_crossed") > 0, counted(firm, "red_lines_crossed") > 0, True
    )
    check(effect, mechanism_on, "crossings, irresolute minus resolute Russia")


@pytest.mark.parametrize("mechanism_on", [True, False], ids=["claim", "knock-out"])
def test_higher_credibility_lowers_russian_challenges(mechanism_on):
    """The West's reputation for following through (as Moscow believes it) deters grey-zone
    pressure and attacks; with punishment switched off it cannot."""
    off = {} if mechanism_on else {"rules.deterrence.credibility_scale": 0.0}
    low = run(BASELINE, {**off, "rules.reputation.initial": 0.3}, record="full")
    high = run(BASELINE, {**off, "rules.reputation.initial": 0.9}, record="full")

    def pressure(sim: Simulation) -> np.ndarray:
        levels = sim.recorder.buffers[("directed", "level")][:, :, : sim.world.s]
        return levels.mean(axis=(0, 2))

    check(
        paired(pressure(low), pressure(high)),
        mechanism_on,
        "Russia's mean rung toward the West, low minus high credibility",
    )


def test_denial_and_punishment_each_deter():
    """Blueland's defence (denial) and its ability to hurt (punishment) each lower Russia's
    pressure; removing either mechanism from the calculus raises it."""
    both = run(DUEL, {}, record="full")
    no_denial = run(DUEL, {"rules.deterrence.denial_weight": 0.0}, record="full")
    no_punishment = run(DUEL, {"rules.deterrence.cost_weight": 0.0}, record="full")

    def pressure(sim: Simulation) -> np.ndarray:
        return sim.recorder.buffers[("directed", "level")][:, :, 0].mean(axis=0)

    check(paired(pressure(no_denial), pressure(both)), True, "without denial")
    check(paired(pressure(no_punishment), pressure(both)), True, "without punishment")


# ----------------------------------------------------------------------------- perception
@pytest.mark.parametrize("mechanism_on", [True, False], ids=["claim", "knock-out"])
def test_more_misperception_raises_inadvertent_escalation(mechanism_on):
    off = {} if mechanism_on else {"rules.deterrence.reaction_weight": 0.0}
    clear = run(DUEL, {**off, "rules.signalling.misperception": 0.0})
    foggy = run(DUEL, {**off, "rules.signalling.misperception": 0.3})
    effect = paired(
        counted(foggy, "inadvertent_escalations"), counted(clear, "inadvertent_escalations")
    )
    check(effect, mechanism_on, "inadvertent escalations, foggy minus clear")


@pytest.mark.parametrize("mechanism_on", [True, False], ids=["claim", "knock-out"])
def test_more_misperception_raises_escalation_peaks(mechanism_on):
    off = {} if mechanism_on else {"rules.deterrence.reaction_weight": 0.0}
    clear = run(DUEL, {**off, "rules.signalling.misperception": 0.0}, record="full")
    foggy = run(DUEL, {**off, "rules.signalling.misperception": 0.3}, record="full")

    def peak(sim: Simulation) -> np.ndarray:
        return sim.recorder.buffers[("directed", "level")].max(axis=0).mean(axis=1)

    check(paired(peak(foggy), peak(clear)), mechanism_on, "mean peak rung, foggy minus clear")


# ----------------------------------------------------------------------------- alliances
@pytest.mark.parametrize("mechanism_on", [True, False], ids=["claim", "knock-out"])
def test_higher_cohesion_lowers_fracture(mechanism_on):
    off = (
        {}
        if mechanism_on
        else {
            "rules.alliances.freeriding_cost": 0.0,
            "rules.alliances.fatigue_cost": 0.0,
            "rules.alliances.blocked_cost": 0.0,
        }
    )
    divided = SCENARIOS / "divided_alliance.yaml"
    low = run(divided, {**off, "rules.alliances.cohesion_initial": 0.4}, steps=104)
    high = run(divided, {**off, "rules.alliances.cohesion_initial": 0.8}, steps=104)
    check(
        paired(passed(low, "fracture"), passed(high, "fracture"), binary=True),
        mechanism_on,
        "fracture, low minus high cohesion",
    )


# ----------------------------------------------------------------------------- fatigue
#: Fatigue out of the bargain: no extra cost of fighting on, no firmness from support, no
#: tired supporters' publics in the aid Ukraine counts on, and no supplier cutting aid for
#: fatigue (which would weaken Ukraine and move the bargain indirectly).
FATIGUE_OFF = {
    "rules.diplomacy.fatigue_weight": 0.0,
    "rules.diplomacy.support_firmness": 0.0,
    "rules.diplomacy.public_weight": 0.0,
    "rules.support.domestic_weight": 0.0,
}


@pytest.mark.parametrize("mechanism_on", [True, False], ids=["claim", "knock-out"])
def test_more_war_fatigue_raises_negotiated_agreements(mechanism_on):
    off = {} if mechanism_on else FATIGUE_OFF
    fresh = run(BASELINE, {**off, "rules.fatigue.rate": 0.001}, steps=156)
    tired = run(BASELINE, {**off, "rules.fatigue.rate": 0.008}, steps=156)
    agreed = ("ceasefire", "armistice", "settlement")
    check(
        paired(passed(tired, *agreed), passed(fresh, *agreed), binary=True),
        mechanism_on,
        "agreements, tired minus fresh",
    )


# ----------------------------------------------------------------------------- dose-response
DOSES = {
    "capability -> fewer crossings": (
        "actors.RUS.attributes.capability",
        (0.3, 0.35, 0.4, 0.45, 0.5),
        SUPPLIERS_FREE,
        lambda sim: -(counted(sim, "red_lines_crossed") > 0).astype(float),
        CROSSING_STEPS,
    ),
    "misperception -> more inadvertent escalation": (
        "rules.signalling.misperception",
        (0.0, 0.075, 0.15, 0.225, 0.3),
        {},
        lambda sim: counted(sim, "inadvertent_escalations").astype(float),
        None,
    ),
    "fatigue -> more agreements": (
        "rules.fatigue.rate",
        (0.001, 0.0025, 0.004, 0.0055, 0.007),
        {},
        lambda sim: passed(sim, "ceasefire", "armistice", "settlement").astype(float),
        156,
    ),
    "cohesion -> less fracture": (
        "rules.alliances.cohesion_initial",
        (0.35, 0.45, 0.55, 0.65, 0.75),
        {},
        lambda sim: -passed(sim, "fracture").astype(float),
        104,
    ),
}


@pytest.mark.parametrize("name", list(DOSES))
def test_dose_response_is_monotone(name):
    path, grid, base, measure, steps = DOSES[name]
    scenario = {"cohesion": SCENARIOS / "divided_alliance.yaml", "misperception": DUEL}.get(
        name.split(" ")[0], BASELINE
    )
    values = [measure(run(scenario, {**base, path: dose}, steps=steps)) for dose in grid]
    verdict = trend(np.column_stack(values))
    means = np.array([v.mean() for v in values])
    assert verdict.holds, f"{name}: no increasing trend ({verdict.describe()}); means {means}"
    assert np.all(np.diff(means) >= -0.01), f"{name}: means not monotone: {means}"
