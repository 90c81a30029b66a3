"""Small real results folders for the analysis tests, built with the v2 runner
(``sim.batch.run_sweep``, in this process) from the baseline cut short."""

from __future__ import annotations

from pathlib import Path

import yaml

from sim.batch import run_sweep
from sim.ladder import DEFAULT_RUNGS
from sim.scenario import load_scenario
from tests.conftest import BASELINE, run_cli, write_yaml

#: Rules under which a short baseline ends in a mix of outcomes (ceasefires, armistices,
#: fractures, war going on): frequent offers, costly war, fast fatigue, a fragile alliance.
TENSE_RULES = {
    "diplomacy.offer_rate": 0.05,
    "diplomacy.cost_of_war": 0.1,
    "fatigue.rate": 0.02,
    "alliances.fracture_threshold": 0.6,
}


def short_scenario(
    folder: Path,
    name: str,
    steps: int = 26,
    rules: dict | None = None,
    ladder: list | None = None,
    sweep: dict | None = None,
) -> Path:
    """A scenario file: the baseline cut to ``steps`` (events after the end dropped), with
    ``rules`` ({"section.field": value}), its own ``ladder`` and a ``sweep`` section."""
    data = load_scenario(BASELINE).model_dump(mode="json", exclude_defaults=True)
    data["name"] = name
    data["run"] = {**data.get("run", {}), "steps": steps}
    data["events"] = [e for e in data.get("events", []) if e.get("step", 0) <= steps]
    for path, value in (rules or {}).items():
        section, field = path.split(".")
        data.setdefault("rules", {}).setdefault(section, {})[field] = value
    if ladder is not None:
        data["ladder"] = ladder
    if sweep is not None:
        data["sweep"] = sweep
    return write_yaml(folder / f"{name}.yaml", yaml.safe_dump(data, sort_keys=False))


def two_scenario_sweep(folder: Path, replicates: int = 40) -> Path:
    """The short baseline without mediators' offers (so without agreements) and its tense
    variant (a mix of outcomes), paths and events."""
    base = short_scenario(folder, "short_base", rules={"diplomacy.offer_rate": 0.0})
    tense = short_scenario(folder, "short_tense", rules=TENSE_RULES)
    out = folder / "two"
    run_sweep([base, tense], replicates=replicates, workers=1, out=out, record="paths", seed=7)
    return out


def grid_sweep(folder: Path) -> Path:
    """One scenario with a 2 x 2 grid (offer rate x fracture threshold), 10 runs per point."""
    scenario = short_scenario(
        folder,
        "grid",
        steps=20,
        rules=TENSE_RULES,
        sweep={
            "parameters": {
                "rules.diplomacy.offer_rate": [0.0, 0.1],
                "rules.alliances.fracture_threshold": [0.3, 0.62],
            },
            "replicates": 10,
        },
    )
    out = folder / "grid"
    run_sweep([scenario], workers=1, out=out, record="paths", seed=3)
    return out


def sobol_sweep(folder: Path) -> Path:
    """A Sobol design over the same two parameters, 4 base samples, summary only."""
    scenario = short_scenario(
        folder,
        "sobol",
        steps=15,
        rules=TENSE_RULES,
        sweep={
            "design": "sobol",
            "samples": 4,
            "parameters": {
                "rules.diplomacy.offer_rate": {"low": 0.0, "high": 0.2},
                "rules.alliances.fracture_threshold": {"low": 0.3, "high": 0.65},
            },
            "replicates": 2,
        },
    )
    out = folder / "sobol"
    run_sweep([scenario], workers=1, out=out, record="summary", seed=5)
    return out


#: A ladder of its own: the default's rungs renamed, with a second economic rung inserted
#: above sanctions, so every rung from exercises up sits one level higher than by default.
CUSTOM_LADDER = [
    {
        "id": r.id,
        "name": f"Custom {r.name.lower()}",
        "level": r.level + (r.level > 2),
        "category": r.category,
    }
    for r in DEFAULT_RUNGS
] + [{"id": "embargo", "name": "Custom embargo", "level": 3, "category": "economic"}]


def ladder_sweep(folder: Path, replicates: int = 12) -> Path:
    """The short baseline on ``CUSTOM_LADDER``, paths and events."""
    scenario = short_scenario(folder, "own_ladder", steps=16, ladder=CUSTOM_LADDER)
    out = folder / "ladder"
    run_sweep([scenario], replicates=replicates, workers=1, out=out, record="paths", seed=11)
    return out


_BUILT: dict[Path, dict[str, Path]] = {}


def shared_sweeps(tmp_path_factory) -> dict[str, Path]:
    """The two-scenario and grid sweeps, built once per test session for every module."""
    base = tmp_path_factory.getbasetemp()
    if base not in _BUILT:
        folder = tmp_path_factory.mktemp("analysis")
        _BUILT[base] = {
            "two": two_scenario_sweep(folder),
            "grid": grid_sweep(folder),
            "root": folder,
        }
    return _BUILT[base]


def cli(capsys, *args: str):
    """``escsim ARGS`` in this process: (status, stdout, stderr)."""
    result = run_cli(*args)
    return result.returncode, result.stdout, result.stderr
