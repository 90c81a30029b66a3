"""With posture noise off, each rival pair's posture follows Richardson's difference equation
x(t+1) = x + a*y - m*x + g exactly, with a = reactivity * (0.5 + exposure), m = decay and
g = grievance * hawkishness of the dyad's source."""

from __future__ import annotations

import numpy as np

from sim.model import Simulation
from tests.conftest import BASELINE, variant


def coefficients(world):
    rules = world.rules.posture
    a = rules.reactivity * (0.5 + world.exposure[world.src])
    g = rules.grievance * world.hawkishness[world.src]
    return a, rules.decay, g


def test_posture_path_equals_the_difference_equation():
    sim = Simulation(variant(BASELINE, rules__posture__noise=0.0), [4])
    a, m, g = coefficients(sim.world)
    x = sim.state.conduct.posture[0].copy()
    for _ in range(52):
        sim.step()
        x = x + a * x[sim.world.rev] - m * x + g
        np.testing.assert_allclose(sim.state.conduct.posture[0], x, rtol=1e-12)
    recorded = sim.recorder.buffers[("directed", "posture")][52, 0]
    np.testing.assert_allclose(recorded, x, rtol=1e-6)


def test_exposed_states_react_more():
    sim = Simulation(variant(BASELINE), [1])
    a, _, _ = coefficients(sim.world)
    fin = sim.world.dyad[(sim.world.index["FIN"], sim.world.rus)]
    usa = sim.world.dyad[(sim.world.index["USA"], sim.world.rus)]
    assert a[fin] > a[usa]


def test_posture_noise_makes_paths_differ_from_the_equation():
    sim = Simulation(variant(BASELINE), [4])
    a, m, g = coefficients(sim.world)
    x = sim.state.conduct.posture[0].copy()
    sim.step()
    assert not np.allclose(sim.state.conduct.posture[0], x + a * x[sim.world.rev] - m * x + g)
