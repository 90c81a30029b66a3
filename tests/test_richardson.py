"""With posture noise off, each rival pair's posture follows Richardson's difference equation
x(t+1) = x + a*y - m*x + g exactly."""

from __future__ import annotations

import numpy as np

from sim import EscalationModel, load_scenario
from sim.scenario.schema import Scenario
from tests.conftest import BASELINE


def test_posture_path_equals_the_difference_equation():
    data = load_scenario(BASELINE).model_dump()
    data["rules"]["posture"]["noise"] = 0.0
    model = EscalationModel(Scenario.model_validate(data), seed=4)
    coefficients = model.richardson_coefficients()
    x = model.posture.copy()
    for _ in range(52):
        model.step()
        x = x + coefficients["a"] * x[model.rev] - coefficients["m"] * x + coefficients["g"]
        assert np.array_equal(model.posture, x)
    recorded = model.recorder.posture[52]
    np.testing.assert_allclose(recorded, x, rtol=1e-6)


def test_coefficients_follow_the_documented_mapping():
    scenario = load_scenario(BASELINE)
    model = EscalationModel(scenario, seed=1)
    rules = scenario.rules.posture
    c = model.richardson_coefficients()
    d = model.dyad[(model.index["FIN"], model.index["RUS"])]
    fin = {a.id: a for a in scenario.actors}["FIN"].attributes
    assert c["a"][d] == rules.reactivity * (0.5 + fin.exposure)
    assert c["m"][d] == rules.decay
    assert c["g"][d] == rules.grievance * fin.hawkishness


def test_posture_noise_makes_paths_differ_from_the_equation():
    model = EscalationModel(load_scenario(BASELINE), seed=4)
    coefficients = model.richardson_coefficients()
    x = model.posture.copy()
    model.step()
    x = x + coefficients["a"] * x[model.rev] - coefficients["m"] * x + coefficients["g"]
    assert not np.array_equal(model.posture, x)
