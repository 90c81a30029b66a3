"""Cost of one run: microseconds per agent-step and runs per second, for baseline (12 actors)
and a 40-actor scenario, measured in the same process so the ratio is meaningful.

    python benchmarks/bench_model.py [--runs N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from sim import EscalationModel, load_scenario
from sim.scenario.schema import Scenario

ROOT = Path(__file__).resolve().parents[1]


def forty_actor_scenario() -> Scenario:
    """Baseline plus 28 extra members (a mix of NATO and EU-only states)."""
    data = load_scenario(ROOT / "scenarios/baseline.yaml").model_dump()
    template_nato = next(a for a in data["actors"] if a["id"] == "SWE")
    template_eu = next(a for a in data["actors"] if a["id"] == "AUT")
    for k in range(40 - len(data["actors"])):
        template = template_nato if k % 3 else template_eu
        extra = {**template, "id": f"X{k:02d}", "name": f"Member {k}", "red_lines": []}
        extra["attributes"] = {**template["attributes"], "exposure": (k % 5) / 5}
        data["actors"].append(extra)
    data["name"] = "forty_actors"
    return Scenario.model_validate(data)


def measure(scenario: Scenario, runs: int) -> tuple[float, float]:
    EscalationModel(scenario, seed=0).run()  # warm-up
    start = time.perf_counter()
    for seed in range(runs):
        EscalationModel(scenario, seed=seed).run()
    elapsed = time.perf_counter() - start
    agent_steps = runs * len(scenario.actors) * scenario.run.steps
    return elapsed / runs, elapsed / agent_steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200)
    runs = parser.parse_args().runs
    baseline = load_scenario(ROOT / "scenarios/baseline.yaml")
    results = {}
    for scenario in (baseline, forty_actor_scenario()):
        per_run, per_agent_step = measure(scenario, runs)
        results[scenario.name] = per_run
        print(
            f"{scenario.name:>13}: {len(scenario.actors):2d} actors, {scenario.run.steps} steps: "
            f"{per_run * 1e3:6.1f} ms/run, {1 / per_run:6.1f} runs/s, "
            f"{per_agent_step * 1e6:6.1f} us per agent-step"
        )
    ratio = results["forty_actors"] / results["baseline"]
    print(f"cost ratio 40 vs 12 actors: {ratio:.2f}x for {40 / 12:.2f}x the actors")


if __name__ == "__main__":
    main()
