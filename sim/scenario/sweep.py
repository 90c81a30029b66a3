"""The ``sweep:`` section of a scenario: which parameters to vary, how, and how many runs.

Parameters are named by dotted path into the scenario (``rules.signalling.misperception``,
``actors.RUS.attributes.risk_tolerance``, ``events.us_peace_plan.step``); items of lists that
have an ``id`` (actors, events, red lines, rungs) are addressed by that id. Whether a path exists
is checked against the scenario when the sweep is planned (``sim.batch.design``).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

Design = Literal["grid", "lhs", "sobol", "random"]
DESIGNS: tuple[str, ...] = ("grid", "lhs", "sobol", "random")
Scalar = float | int | bool | str


class SweepParameter(BaseModel):
    """One varied parameter: a list of values (grid) or a range [low, high] (lhs, sobol, random).

    A bare list is read as ``values``: ``rules.signalling.misperception: [0.0, 0.1]``.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    values: list[Scalar] | None = Field(
        None, description="Values a grid takes (numbers, or text such as a strategy name)."
    )
    low: float | None = Field(None, description="Lower end of the range (lhs, sobol, random).")
    high: float | None = Field(None, description="Upper end of the range (lhs, sobol, random).")

    @model_validator(mode="before")
    @classmethod
    def _bare_list(cls, data: Any) -> Any:
        return {"values": data} if isinstance(data, list) else data

    @field_validator("values")
    @classmethod
    def _not_empty(cls, values: list | None) -> list | None:
        if values is not None and not values:
            raise PydanticCustomError(
                "range_empty", "at least one value; an empty list is an empty range"
            )
        return values

    @field_validator("high")
    @classmethod
    def _ordered(cls, high: float | None, info: ValidationInfo) -> float | None:
        low = info.data.get("low")
        if high is not None and low is not None:
            if low > high:
                raise PydanticCustomError(
                    "range_order",
                    "a high above low ({low}); low must not exceed high",
                    {"low": low},
                )
            if low == high:
                raise PydanticCustomError(
                    "range_empty",
                    "a high above low ({low}); low == high is an empty range",
                    {"low": low},
                )
        return high

    @model_validator(mode="after")
    def _one_kind(self) -> SweepParameter:
        has_range = self.low is not None or self.high is not None
        if self.values is not None and has_range:
            raise PydanticCustomError("sweep_kind", "either values or low/high, not both")
        if self.values is None and (self.low is None or self.high is None):
            raise PydanticCustomError("sweep_kind", "values: [...] or both low and high (a range)")
        return self

    @property
    def is_range(self) -> bool:
        return self.values is None


class Sweep(BaseModel):
    """How ``escsim sweep`` varies a scenario (see docs/sweeps.md)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    parameters: dict[str, SweepParameter] = Field(
        default_factory=dict,
        description="Dotted path -> values (grid) or low/high (lhs, sobol, random).",
    )
    design: Design | None = Field(
        None, description="grid, lhs, sobol or random; grid when every parameter lists values."
    )
    samples: Annotated[int, Field(ge=1)] | None = Field(
        None,
        description="Design points for lhs/random; base samples N for sobol (a power of two; "
        "N * (2D + 2) points).",
    )
    replicates: Annotated[int, Field(ge=1)] | None = Field(
        None, description="Seeded runs per design point (default: run.replicates)."
    )
    seed: Annotated[int, Field(ge=0)] | None = Field(
        None, description="Root seed of the sweep (default: run.seed)."
    )
