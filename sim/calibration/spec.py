"""The calibration spec (validation/calibration.yaml): which scenario and facts, which
parameters (dotted paths with a uniform prior range) and the ABC-SMC budget."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from sim.batch.design import apply_point, get_path
from sim.errors import ScenarioError
from sim.scenario import Scenario, load_scenario
from sim.validation.facts import FactsFile, load_facts
from sim.validation.files import read_spec


class Prior(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    low: float = Field(description="Lower end of the uniform prior.")
    high: float = Field(description="Upper end of the uniform prior.")

    @model_validator(mode="after")
    def _ordered(self) -> Prior:
        if not self.low < self.high:
            raise ValueError("low must be below high")
        return self


class CalibrationSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    scenario: str = Field(description="Hindcast scenario file, relative to this file.")
    facts: str = Field(description="Facts file, relative to this file.")
    parameters: dict[str, Prior] = Field(
        min_length=1, description="Dotted paths into the scenario with uniform priors."
    )
    replicates: Annotated[int, Field(ge=1, le=1000)] = Field(
        4, description="Seeded runs per particle (one batch); the facts read their mean."
    )
    population: Annotated[int, Field(ge=2, le=100_000)] = Field(
        100, description="Particles per generation."
    )
    generations: Annotated[int, Field(ge=1, le=100)] = Field(
        6, description="Most ABC-SMC generations."
    )
    min_epsilon: Annotated[float, Field(ge=0.0)] = Field(
        0.0, description="Stop once the acceptance threshold falls below this distance."
    )
    seed: Annotated[int, Field(ge=0, le=2**32 - 1)] = Field(
        0, description="Seed of the sampler (single core) and of the runs' seeds."
    )


@dataclass(frozen=True)
class Calibration:
    """A checked spec with its scenario (as data, ready for design points) and facts."""

    path: Path
    spec: CalibrationSpec
    scenario: Scenario
    base: dict
    facts: FactsFile
    integers: frozenset[str]  # paths of whole-number fields (drawn values are rounded)

    @property
    def paths(self) -> list[str]:
        return list(self.spec.parameters)


def load_calibration(path: str | Path, **overrides) -> Calibration:
    """Read and check a spec; ``overrides`` (population, generations, replicates) replace its
    values when not None."""
    path = Path(path)
    spec = read_spec(path, CalibrationSpec, "calibration spec")
    updates = {k: v for k, v in overrides.items() if v is not None}
    if updates:
        try:
            spec = CalibrationSpec.model_validate({**spec.model_dump(), **updates})
        except ValidationError as exc:
            error = exc.errors()[0]
            name = str(error["loc"][0])
            raise ScenarioError(
                f"--{name}", "invalid value", found=error.get("input"), allowed=error["msg"]
            ) from None
    scenario = load_scenario(path.parent / spec.scenario)
    facts = load_facts(path.parent / spec.facts)
    base = scenario.model_dump(mode="json", exclude={"sweep"})
    integers = set()
    for name, prior in spec.parameters.items():
        field = f"parameters.{name}"
        try:
            current = get_path(base, name)
        except ValueError as exc:
            found, allowed = exc.args
            raise ScenarioError(
                str(path), "unknown parameter path", field=field, found=found, allowed=allowed
            ) from None
        if isinstance(current, bool) or not isinstance(current, int | float):
            raise ScenarioError(
                str(path),
                "a prior needs a numeric field",
                field=field,
                found=current,
                allowed="a dotted path to a number",
            )
        if isinstance(current, int):
            integers.add(name)
        for bound in (prior.low, prior.high):
            bound = round(bound) if name in integers else bound
            try:
                apply_point(base, {name: bound})
            except (ValidationError, ValueError) as exc:
                message = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
                raise ScenarioError(
                    str(path),
                    "prior range outside the field's bounds",
                    field=field,
                    found=bound,
                    allowed=message,
                ) from None
    return Calibration(path, spec, scenario, base, facts, frozenset(integers))
