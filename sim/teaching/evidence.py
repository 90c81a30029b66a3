"""Run a concept's scenario pair with fixed seeds and test each claim."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import stats

from sim.model import EscalationModel
from sim.paths import shipped_scenarios
from sim.scenario import load_scenario
from sim.teaching.concepts import Claim, Concept

TEACHING = shipped_scenarios() / "teaching"


@dataclass
class Evidence:
    concept: Concept
    runs: int
    values: dict[str, dict[str, np.ndarray]]  # measure name -> {"first"/"second": per-run values}
    paths: dict[str, np.ndarray]  # "first"/"second" -> runs x steps of the followed path
    path: str  # a key dyad ("RUS-BLU"), a directed dyad ("BLU>RUS") or "cohesion:EU"

    @property
    def follows_cohesion(self) -> bool:
        return self.path.startswith("cohesion:")

    def p_value(self, claim: Claim) -> float:
        high = self.values[claim.measure.name][claim.higher]
        low = self.values[claim.measure.name]["second" if claim.higher == "first" else "first"]
        if claim.measure.binary:
            table = [[high.sum(), high.size - high.sum()], [low.sum(), low.size - low.sum()]]
            return float(stats.fisher_exact(table, alternative="greater").pvalue)
        return float(stats.mannwhitneyu(high, low, alternative="greater").pvalue)

    def holds(self, claim: Claim, alpha: float = 0.01) -> bool:
        high = self.values[claim.measure.name][claim.higher].mean()
        low = self.values[claim.measure.name][
            "second" if claim.higher == "first" else "first"
        ].mean()
        return bool(high > low and self.p_value(claim) < alpha)


def gather(concept: Concept, runs: int = 200, root: Path = TEACHING) -> Evidence:
    """Seeds 0..runs-1 for both scenarios, so the pair differs only by the scenario."""
    values: dict[str, dict[str, np.ndarray]] = {c.measure.name: {} for c in concept.claims}
    paths: dict[str, np.ndarray] = {}
    path = concept.path
    for side, file in (("first", concept.first), ("second", concept.second)):
        scenario = load_scenario(root / file)
        path = path or scenario.key_dyads[0]
        rows: dict[str, list[float]] = {name: [] for name in values}
        levels = []
        for seed in range(runs):
            model = EscalationModel(scenario, seed=seed).run()
            for claim in concept.claims:
                rows[claim.measure.name].append(claim.measure.read(model))
            levels.append(_follow(model, path))
        for name, column in rows.items():
            values[name][side] = np.array(column)
        paths[side] = np.array(levels)
    return Evidence(concept, runs, values, paths, path)


def _follow(model: EscalationModel, path: str) -> np.ndarray:
    if path.startswith("cohesion:"):
        column = ("NATO", "EU").index(path.split(":", 1)[1])
        return model.recorder.cohesion[: model.recorder.last_step + 1, column].astype(float)
    if ">" in path:
        source, target = path.split(">")
        d = model.dyad[(model.index[source], model.index[target])]
        return model.recorder.level[: model.recorder.last_step + 1, d].astype(float)
    return model.recorder.key_levels()[path]
