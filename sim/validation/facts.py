"""Stylised facts as data: each fact is a measure (``sim.validation.measures``) on the model's
output, for one calendar year or the whole period, with an observed value or range and its
public source (validation/facts_2022_2024.yaml).

How far a batch of runs is from a fact is its *discrepancy*: the distance of the runs' mean
from the observed value or range, in units of the fact's scale (0 inside a range). Whether the
model *covers* a fact is a predictive check: the observed value (or some of the range) lies
inside the central 90% interval of the measure over runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator

from sim.validation.files import read_spec
from sim.validation.measures import MEASURE_NAMES, MEASURES

FactId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{1,63}$")]
#: Central share of the predictive distribution a covered fact must fall in.
COVERAGE = 0.90


class Fact(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: FactId = Field(description="Short name of the fact.")
    statement: Annotated[str, Field(min_length=1, max_length=500)] = Field(
        description="The fact in words."
    )
    measure: str = Field(description="A measure of sim.validation.measures.")
    year: int | None = Field(None, description="Calendar year (per-year measures).")
    observed: float | tuple[float, float] = Field(description="Observed value or [low, high].")
    scale: Annotated[float, Field(gt=0)] | None = Field(
        None, description="How far off counts as one unit of discrepancy."
    )
    source: Annotated[str, Field(min_length=3, max_length=1000)] = Field(
        description="Public source of the observation."
    )

    @model_validator(mode="after")
    def _consistent(self) -> Fact:
        if self.measure not in MEASURES:
            raise ValueError(
                f"unknown measure {self.measure!r}; allowed: {', '.join(MEASURE_NAMES)}"
            )
        m = MEASURES[self.measure]
        if self.year is not None and not m.per_year:
            raise ValueError(f"measure {self.measure} is over the whole period: no year")
        if self.year is None and m.per_year and m.total is None:
            raise ValueError(f"measure {self.measure} needs a year")
        if isinstance(self.observed, tuple) and self.observed[0] > self.observed[1]:
            raise ValueError("observed range: low above high")
        return self

    @property
    def low(self) -> float:
        return self.observed[0] if isinstance(self.observed, tuple) else self.observed

    @property
    def high(self) -> float:
        return self.observed[1] if isinstance(self.observed, tuple) else self.observed

    @property
    def unit(self) -> float:
        """The fact's scale: given, else the width of its range, else a default by kind."""
        if self.scale is not None:
            return self.scale
        if self.high > self.low:
            return self.high - self.low
        if MEASURES[self.measure].kind == "flag":
            return 0.1
        return max(1.0, 0.25 * abs(self.low))

    def discrepancy(self, mean: float) -> float:
        """Distance of a mean outcome from the observation, in units of the scale."""
        return max(0.0, self.low - mean, mean - self.high) / self.unit

    def covered(self, values: np.ndarray, weights: np.ndarray | None = None) -> bool:
        """The observation meets the central 90% interval of ``values`` (runs)."""
        low, high = interval(values, weights)
        return bool(self.high >= low and self.low <= high)


class FactsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    period: tuple[int, int] = Field(description="First and last calendar year covered.")
    facts: list[Fact] = Field(min_length=1, description="The facts.")

    @model_validator(mode="after")
    def _unique(self) -> FactsFile:
        ids = [f.id for f in self.facts]
        duplicate = next((i for i in ids if ids.count(i) > 1), None)
        if duplicate:
            raise ValueError(f"fact id {duplicate!r} appears twice")
        for fact in self.facts:
            if fact.year is not None and not self.period[0] <= fact.year <= self.period[1]:
                raise ValueError(f"fact {fact.id}: year {fact.year} outside the period")
        return self


def load_facts(path: str | Path) -> FactsFile:
    return read_spec(path, FactsFile, "facts file")


def quantile(values: np.ndarray, q: float, weights: np.ndarray | None = None) -> float:
    """Weighted quantile (inverse of the weighted empirical CDF)."""
    values = np.asarray(values, dtype=float)
    w = np.ones_like(values) if weights is None else np.asarray(weights, dtype=float)
    order = np.argsort(values, kind="stable")
    cdf = np.cumsum(w[order]) / w.sum()
    return float(values[order][min(np.searchsorted(cdf, q), values.size - 1)])


def interval(values: np.ndarray, weights: np.ndarray | None = None) -> tuple[float, float]:
    """Central COVERAGE interval of ``values``."""
    tail = (1.0 - COVERAGE) / 2
    return quantile(values, tail, weights), quantile(values, 1.0 - tail, weights)
