"""Sweep design: parameters by dotted path -> design points -> one Scenario per point.

A point is applied by dumping the scenario to plain data, setting each path and validating the
result again, so a swept value obeys the same rules as a value written in the file.
"""

from __future__ import annotations

import copy
import hashlib
import itertools
import json
import math
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from pydantic import ValidationError

from sim.batch.limits import MAX_POINTS
from sim.errors import EscsimError, ScenarioError
from sim.scenario.references import check_references
from sim.scenario.schema import Scenario
from sim.scenario.sweep import DESIGNS, Sweep, SweepParameter

#: Design points for lhs and random, and Sobol's base samples N, when none are given.
DEFAULT_SAMPLES = {"lhs": 32, "random": 32, "sobol": 16}
#: The Python argument of run_sweep / plan_sweep that overrides each field of ``sweep:``.
ARGUMENTS = {"parameters": "params", "design": "design", "samples": "samples"}


# --------------------------------------------------------------------------- paths
def _describe(container: Any) -> str:
    if isinstance(container, dict):
        return ", ".join(str(k) for k in container) or "nothing"
    if isinstance(container, list):
        ids = [item.get("id") for item in container if isinstance(item, dict)]
        if ids and all(ids):
            return "ids " + ", ".join(str(i) for i in ids)
        return f"an index 0..{len(container) - 1}" if container else "nothing (empty list)"
    return "nothing (a value has no fields)"


def locate(data: dict, path: str) -> tuple[Any, Any]:
    """(container, key) of ``path`` in dumped scenario ``data``; ValueError(found, allowed) when
    a part of the path does not exist. List items are found by ``id`` (or by index); an actor's
    attribute may be named without ``attributes.`` (``actors.RUS.risk_tolerance``)."""
    parts = path.split(".")
    if not path or any(not p for p in parts):
        raise ValueError(path, "a dotted path such as rules.signalling.misperception")
    here: Any = data
    for position, part in enumerate(parts):
        last = position == len(parts) - 1
        key: Any = part
        if isinstance(here, list):
            by_id = [
                i
                for i, item in enumerate(here)
                if isinstance(item, dict) and item.get("id") == part
            ]
            if by_id:
                key = by_id[0]
            elif part.isdigit() and int(part) < len(here):
                key = int(part)
            else:
                raise ValueError(part, _describe(here))
        elif isinstance(here, dict):
            if part not in here:
                attributes = here.get("attributes")
                if isinstance(attributes, dict) and part in attributes and "role" in here:
                    here = attributes  # actors.RUS.risk_tolerance
                else:
                    raise ValueError(part, _describe(here))
        else:
            raise ValueError(part, _describe(here))
        if last:
            return here, key
        here = here[key]
    raise AssertionError("unreachable")


def set_path(data: dict, path: str, value: Any) -> None:
    container, key = locate(data, path)
    container[key] = value


def get_path(data: dict, path: str) -> Any:
    container, key = locate(data, path)
    return container[key]


# --------------------------------------------------------------------------- plans
@dataclass(frozen=True)
class ScenarioPlan:
    """One scenario of a sweep: its base data, design points and replicates."""

    name: str
    source: str
    text: str
    base: dict = field(repr=False)
    design: str
    samples: int | None
    parameters: dict[str, SweepParameter]
    points: tuple[dict[str, Any], ...]
    replicates: int
    posterior: dict | None = None  # design "posterior": the folder drawn from and its digest

    @property
    def runs(self) -> int:
        return len(self.points) * self.replicates

    def scenario(self, point: int) -> Scenario:
        return apply_point(self.base, self.points[point])

    def describe(self) -> dict:
        """What the manifest records about the design (points themselves are in runs)."""
        described = {
            "scenario": self.name,
            "source": self.source,
            "design": self.design,
            "samples": self.samples,
            "parameters": {p: s.model_dump(exclude_none=True) for p, s in self.parameters.items()},
            "points": len(self.points),
            "points_sha256": digest(self.points),
            "replicates": self.replicates,
            "runs": self.runs,
        }
        if self.posterior is not None:
            described["posterior"] = self.posterior
        return described


def digest(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def apply_point(base: dict, point: dict[str, Any]) -> Scenario:
    """The scenario with each path of ``point`` set to its value, validated again."""
    data = copy.deepcopy(base)
    for path, value in point.items():
        set_path(data, path, value)
    scenario = Scenario.model_validate(data)
    problem = check_references(scenario)
    if problem is not None:
        where = ".".join(str(p) for p in problem.path)
        raise ValueError(f"{where}: {problem.message} (found {problem.found!r})")
    return scenario


def _value_kind(current: Any, spec: SweepParameter) -> str:
    """int or float for a range: follows the type of the value the path holds now."""
    if isinstance(current, bool | str | list | dict):
        return "other"
    if isinstance(current, int):
        return "int"
    if current is None:
        both_whole = float(spec.low).is_integer() and float(spec.high).is_integer()
        return "int" if both_whole else "float"
    return "float"


def _convert(values: np.ndarray, kind: str) -> list:
    if kind == "int":
        return [int(v) for v in np.rint(values)]
    return [float(v) for v in values]


def _power_of_two(n: int) -> bool:
    return n > 0 and n & (n - 1) == 0


def plan_scenario(
    scenario: Scenario,
    *,
    source: str,
    text: str,
    root_seed: int,
    sweep: Sweep | None = None,
    cli: frozenset[str] = frozenset(),
) -> ScenarioPlan:
    """Check the sweep spec against the scenario and list its design points. ``cli`` names the
    spec fields given on the command line (errors then name the option, not the file)."""
    spec = sweep or scenario.sweep or Sweep()

    def fail(
        problem: str, name: str, found: Any, allowed: str, path: str | None = None
    ) -> EscsimError:
        """An error in the file's ``sweep:`` section, or in the argument that replaced it."""
        if name in cli:
            subject = f"{path}: " if path else ""
            return EscsimError(
                f"{subject}{problem} (scenario {source}); found {found!r}; allowed: {allowed}",
                parameter=ARGUMENTS[name],
            )
        where = f"sweep.{name}" + (f".{path}" if path else "")
        return ScenarioError(source, problem, field=where, found=found, allowed=allowed)

    base = scenario.model_dump(mode="json", exclude={"sweep"})
    kinds: dict[str, str] = {}
    for path, parameter in spec.parameters.items():
        try:
            current = get_path(base, path)
        except ValueError as exc:
            found, allowed = exc.args
            raise fail(
                "unknown parameter path", "parameters", found, f"here: {allowed}", path
            ) from None
        if isinstance(current, dict | list):
            raise fail(
                "parameter path names a section, not a value",
                "parameters",
                path,
                f"a value inside it: {_describe(current)}",
                path,
            )
        if parameter.is_range:
            kind = _value_kind(current, parameter)
            if kind == "other":
                raise fail(
                    "a range needs a numeric field",
                    "parameters",
                    current,
                    "values: [...] for a field that is not a number",
                    path,
                )
            kinds[path] = kind
            trial = _convert(np.array([parameter.low, parameter.high]), kind)
        else:
            trial = list(parameter.values or [])
        for value in trial:
            try:
                apply_point(base, {path: value})
            except ValidationError as exc:
                error = exc.errors()[0]
                raise fail("invalid sweep value", "parameters", value, error["msg"], path) from None
            except ValueError as exc:
                raise fail("invalid sweep value", "parameters", value, str(exc), path) from None

    parameters = dict(spec.parameters)
    ranged = [p for p, s in parameters.items() if s.is_range]
    listed = [p for p, s in parameters.items() if not s.is_range]
    design = spec.design or ("lhs" if ranged else "grid")
    if design not in DESIGNS:
        raise fail("unknown design", "design", design, ", ".join(DESIGNS))
    if design == "grid" and ranged:
        raise fail(
            "a grid needs values for every parameter",
            "parameters",
            "low/high",
            "values: [v1, v2, ...], or design lhs, sobol or random for ranges",
            ranged[0],
        )
    if design != "grid" and listed:
        raise fail(
            f"design {design} needs a range for every parameter",
            "parameters",
            "values",
            "low and high (or design grid for lists of values)",
            listed[0],
        )
    if design != "grid" and not parameters:
        raise fail(
            f"design {design} needs parameters",
            "parameters",
            "none",
            "at least one parameter with low and high (or design grid for seeds only)",
        )
    samples = spec.samples if design != "grid" else None
    if design != "grid" and samples is None:
        samples = DEFAULT_SAMPLES[design]
    if design == "sobol" and not _power_of_two(samples):
        raise fail(
            "Sobol base samples must be a power of two",
            "samples",
            samples,
            "1, 2, 4, 8, 16, 32, ...",
        )
    count = point_count(parameters, design, samples)
    if count > MAX_POINTS:
        raise fail(
            "too many design points",
            "samples" if design != "grid" else "parameters",
            f"{count:,} points",
            f"at most {MAX_POINTS:,} design points per scenario (fewer samples or values)",
        )
    replicates = spec.replicates or scenario.run.replicates
    points = make_points(parameters, design, samples, root_seed, kinds)
    return ScenarioPlan(
        name=scenario.name,
        source=source,
        text=text,
        base=base,
        design=design,
        samples=samples,
        parameters=parameters,
        points=tuple(points),
        replicates=replicates,
    )


def point_count(parameters: dict[str, SweepParameter], design: str, samples: int | None) -> int:
    """How many points ``make_points`` would make, computed without making them."""
    if design == "grid":
        return math.prod(len(p.values or []) for p in parameters.values())
    if design == "sobol":
        return (samples or 0) * (2 * len(parameters) + 2)
    return samples or 0


def make_points(
    parameters: dict[str, SweepParameter],
    design: str,
    samples: int | None,
    root_seed: int,
    kinds: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Design points as dicts path -> value, in a fixed order for a given root seed."""
    from sim.batch.seeds import design_seed

    paths = list(parameters)
    if design == "grid":
        grids = [parameters[p].values or [] for p in paths]
        return [dict(zip(paths, combo, strict=True)) for combo in itertools.product(*grids)]
    kinds = kinds or {}
    bounds = [[float(parameters[p].low), float(parameters[p].high)] for p in paths]
    problem = {"num_vars": len(paths), "names": paths, "bounds": bounds}
    seed = design_seed(root_seed)
    if design == "lhs":
        from SALib.sample import latin

        matrix = latin.sample(problem, samples, seed=seed)
    elif design == "sobol":
        from SALib.sample import sobol

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            matrix = sobol.sample(problem, samples, calc_second_order=True, seed=seed)
    elif design == "random":
        rng = np.random.default_rng(seed)
        low, high = np.array(bounds).T
        matrix = rng.uniform(low, high, size=(samples, len(paths)))
    else:  # pragma: no cover - checked by plan_scenario
        raise ValueError(design)
    columns = [_convert(matrix[:, j], kinds.get(p, "float")) for j, p in enumerate(paths)]
    return [dict(zip(paths, row, strict=True)) for row in zip(*columns, strict=True)]


def plan_posterior(
    scenario: Scenario,
    *,
    source: str,
    text: str,
    root_seed: int,
    folder: str,
    samples: int,
    replicates: int,
) -> ScenarioPlan:
    """Design "posterior": ``samples`` parameter sets drawn by weight from a calibration's
    posterior (its rules that the scenario has), each run ``replicates`` times, so outcomes
    carry parameter uncertainty as well as chance. The draws depend only on the posterior and
    the root seed, never on the backend or the number of workers."""
    from sim.batch.seeds import design_seed
    from sim.calibration.posterior import POSTERIOR, read_posterior

    posterior = read_posterior(folder)
    base = scenario.model_dump(mode="json", exclude={"sweep"})
    paths = []
    for path in posterior.portable:
        try:
            get_path(base, path)
        except ValueError:
            continue
        paths.append(path)
    if not paths:
        raise ScenarioError(
            source,
            "the posterior has no rules this scenario has",
            field="--posterior",
            found=folder,
            allowed="a posterior of rules.* parameters",
        )
    points = posterior.draws(samples, design_seed(root_seed), paths)
    frame = posterior.frame
    parameters = {
        p: SweepParameter(low=float(frame[p].min()), high=float(frame[p].max())) for p in paths
    }
    with open(f"{folder}/{POSTERIOR}", "rb") as handle:
        posterior_digest = hashlib.sha256(handle.read()).hexdigest()
    return ScenarioPlan(
        name=scenario.name,
        source=source,
        text=text,
        base=base,
        design="posterior",
        samples=samples,
        parameters=parameters,
        points=tuple(points),
        replicates=replicates,
        posterior={"folder": str(folder), "sha256": posterior_digest},
    )


@dataclass(frozen=True)
class RunSpec:
    run_id: int
    scenario: int
    point: int
    replicate: int
    seed: int


@dataclass(frozen=True)
class SweepPlan:
    """Every run of a sweep: scenario-major, then design point, then replicate. Run ids are
    0 .. n-1 in that order, and run ``i`` gets seed ``run_seed(root_seed, i)``; in a paired
    sweep, replicate k of point p gets the same seed in every scenario (``seed_index``). With
    ``seeds``, run ``i`` of each scenario gets ``seeds[i]`` itself (replaying given runs)."""

    scenarios: tuple[ScenarioPlan, ...]
    root_seed: int
    paired: bool = False
    seeds: tuple[int, ...] | None = None

    def seed_index(self, run_id: int, scenario: int) -> int:
        """Which child of the root seed a run gets: its run id, or in a paired sweep its
        position within its scenario (point x replicates + replicate), the same in all."""
        if not (self.paired or self.seeds):
            return run_id
        return run_id - sum(s.runs for s in self.scenarios[:scenario])

    @property
    def n_runs(self) -> int:
        return sum(s.runs for s in self.scenarios)

    def runs(self, skip: set[int] | frozenset[int] = frozenset()):
        from sim.batch.seeds import run_seed

        run_id = 0
        for k, plan in enumerate(self.scenarios):
            for point in range(len(plan.points)):
                for replicate in range(plan.replicates):
                    if run_id not in skip:
                        index = self.seed_index(run_id, k)
                        seed = self.seeds[index] if self.seeds else run_seed(self.root_seed, index)
                        yield RunSpec(run_id, k, point, replicate, seed)
                    run_id += 1

    def parameter_paths(self) -> list[str]:
        paths: dict[str, None] = {}
        for plan in self.scenarios:
            paths.update(dict.fromkeys(plan.parameters))
        return list(paths)

    def describe(self) -> dict:
        described = {
            "root_seed": self.root_seed,
            "runs": self.n_runs,
            "scenarios": [s.describe() for s in self.scenarios],
        }
        if self.paired:  # only then, so that unpaired sweeps keep their fingerprint
            described["paired"] = True
        if self.seeds:
            described["seeds"] = list(self.seeds)
        return described

    def fingerprint(self) -> str:
        """What must match for ``--resume`` to continue a sweep: texts, design, seeds."""
        return digest(
            {
                "plan": self.describe(),
                "texts": [digest(s.base) for s in self.scenarios],
            }
        )
