"""With posture noise off, each rival pair's posture follows Richardson's difference equation
x(t+1) = max(0, x + a y - m x + g) exactly, with a, m, g from the scenario as documented."""

from __future__ import annotations

import numpy as np

from sim import load_scenario
from sim.batch.design import apply_point
from sim.model import Simulation
from tests.conftest import BASELINE


def coefficients(sim: Simulation) -> tuple[np.ndarray, float, np.ndarray]:
    """(a, m, g) per directed dyad: a = reactivity (1/2 + exposure of the source), m = decay,
    g = grievance x hawkishness of the source."""
    world = sim.world
    p = world.rules.posture
    return (
        p.reactivity * (0.5 + world.exposure[world.src]),
        p.decay,
        p.grievance * world.hawkishness[world.src],
    )


def noiseless() -> Simulation:
    data = load_scenario(BASELINE).model_dump(mode="json")
    return Simulation(apply_point(data, {"rules.posture.noise": 0.0}), [4, 5])


def test_posture_path_equals_the_difference_equation():
    sim = noiseless()
    a, m, g = coefficients(sim)
    rev = sim.world.rev
    x = sim.state.conduct.posture.copy()
    for _ in range(52):
        sim.step()
        x = np.maximum(x + a * x[:, rev] - m * x + g, 0.0)
        np.testing.assert_allclose(sim.state.conduct.posture, x, rtol=1e-12)
    recorded = sim.recorder.buffers[("directed", "posture")][52]
    np.testing.assert_allclose(recorded, x, rtol=1e-6)


def test_posture_noise_makes_paths_differ_from_the_equation():
    sim = Simulation(load_scenario(BASELINE), [4])
    a, m, g = coefficients(sim)
    x = sim.state.conduct.posture.copy()
    sim.step()
    expected = np.maximum(x + a * x[:, sim.world.rev] - m * x + g, 0.0)
    assert not np.allclose(sim.state.conduct.posture, expected)
