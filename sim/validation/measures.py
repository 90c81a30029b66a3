"""Measures of a hindcast, declared once: each reads a traced batch of runs and gives one value
per run, per calendar year where the measure is per year. Stylised facts
(``validation/*.yaml``) name these measures; calibration and the predictive checks read them.

A trace steps a ``Simulation`` and keeps what the measures need: the front and NATO membership
every step, the highest rung of Russia's conduct toward a NATO member every step, and at each
year's end the event counts and each supplier's aid. Counts per year are differences of the
cumulative counts at year ends; a step belongs to the calendar year of its first day.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from sim.concepts.channels import AID, CONDUCT
from sim.model import Simulation
from sim.model.world import NATO
from sim.outcomes import COUNT_INDEX, PASSAGE_INDEX
from sim.scenario.schema import Scenario

DAYS_PER_STEP = {"day": 1.0, "week": 7.0, "month": 365.25 / 12}


def step_years(scenario: Scenario, steps: int) -> np.ndarray:
    """(steps + 1,) calendar year of each step's first day (step 0: the start)."""
    if scenario.run.start is None:
        raise ValueError("a hindcast needs run.start (the calendar date of step 0)")
    start = date.fromisoformat(scenario.run.start)
    days = DAYS_PER_STEP[scenario.run.step_unit]
    return np.array([(start + timedelta(days=days * max(t - 1, 0))).year for t in range(steps + 1)])


@dataclass
class Trace:
    """A batch of hindcast runs, with what the measures read (see module docstring)."""

    sim: Simulation
    years: tuple[int, ...]
    year_of_step: np.ndarray  # (T + 1,)
    front: np.ndarray  # (T + 1, R)
    nato: np.ndarray  # (T + 1, R, N) membership
    russia_to_nato: np.ndarray  # (T + 1, R) highest conduct rung of Russia toward a member
    counts: np.ndarray  # (Y, R, counts) cumulative at each year's end
    aid: np.ndarray  # (Y, R, N) aid kind at each year's end

    @property
    def replicates(self) -> int:
        return self.front.shape[1]

    def year_index(self, year: int) -> int:
        return self.years.index(year)


def trace(scenario: Scenario, seeds: list[int] | np.ndarray, steps: int | None = None) -> Trace:
    """Run ``seeds`` of ``scenario`` as one batch and trace it."""
    sim = Simulation(scenario, seeds, steps=steps, record="summary")
    world = sim.world
    year_of_step = step_years(scenario, sim.steps)
    years = tuple(sorted(set(year_of_step[1:].tolist())))
    last = {y: int(np.flatnonzero(year_of_step == y).max()) for y in years}
    r, t = sim.seeds.size, sim.steps
    front = np.zeros((t + 1, r))
    nato = np.zeros((t + 1, r, world.n), dtype=bool)
    top = np.zeros((t + 1, r), dtype=np.int64)
    counts = np.zeros((len(years), r, len(COUNT_INDEX)), dtype=np.int64)
    aid = np.zeros((len(years), r, world.n), dtype=np.int64)
    russia_dyads = np.arange(world.s)

    def snapshot() -> None:
        state, k = sim.state, sim.t
        front[k] = state.war.front
        nato[k] = state.politics.member[:, :, NATO]
        member = nato[k][:, world.dst[russia_dyads]]
        top[k] = np.where(member, state.conduct.level[:, russia_dyads], 0).max(axis=1, initial=0)
        for y, step in last.items():
            if step == k:
                counts[years.index(y)] = state.record.counts
                aid[years.index(y)] = state.support.aid

    snapshot()
    while not sim.done:
        sim.step()
        snapshot()
    return Trace(sim, years, year_of_step, front, nato, top, counts, aid)


# ------------------------------------------------------------------------------ readers
def _per_year_count(name: str) -> Callable[[Trace], np.ndarray]:
    def read(tr: Trace) -> np.ndarray:
        cumulative = tr.counts[:, :, COUNT_INDEX[name]]  # (Y, R)
        previous = np.vstack([np.zeros((1, tr.replicates), dtype=np.int64), cumulative[:-1]])
        return (cumulative - previous).T.astype(float)

    return read


def _passage(*names: str) -> Callable[[Trace], np.ndarray]:
    def read(tr: Trace) -> np.ndarray:
        passage = tr.sim.state.record.passage
        return np.stack([passage[:, PASSAGE_INDEX[n]] >= 0 for n in names]).any(axis=0) * 1.0

    return read


def _by_year(tr: Trace, per_step: np.ndarray, reduce: Callable) -> np.ndarray:
    """(R, Y) ``reduce`` over each year's steps (the start counts with the first year)."""
    columns = []
    for y in tr.years:
        steps = np.flatnonzero(tr.year_of_step == y)
        if y == tr.years[0]:
            steps = np.union1d([0], steps)
        columns.append(reduce(per_step[steps], axis=0))
    return np.stack(columns, axis=1)


def _front_end(tr: Trace) -> np.ndarray:
    ends = [int(np.flatnonzero(tr.year_of_step == y).max()) for y in tr.years]
    return tr.front[ends].T


def _front_peak(tr: Trace) -> np.ndarray:
    return _by_year(tr, tr.front, np.max)


def _front_retaken(tr: Trace) -> np.ndarray:
    return _front_peak(tr) - _front_end(tr)


def _incidents_nato(tr: Trace) -> np.ndarray:
    """Incidents on the territory of states that were NATO members that week."""
    view = tr.sim.log.view()
    kind = tr.sim.log.code("incident")
    rows = view["kind"] == kind
    reps, steps, victims = view["replicate"][rows], view["step"][rows], view["target"][rows]
    member = tr.nato[steps, reps, victims]
    out = np.zeros((tr.replicates, len(tr.years)))
    columns = np.searchsorted(tr.years, tr.year_of_step[steps])
    np.add.at(out, (reps[member], columns[member]), 1.0)
    return out


def _aid_at_least(level: str) -> Callable[[Trace], np.ndarray]:
    def read(tr: Trace) -> np.ndarray:
        suppliers = tr.sim.world.supplier
        return ((tr.aid >= AID.index(level)) & suppliers).sum(axis=2).T.astype(float)

    return read


def _russia_attacks_nato(tr: Trace) -> np.ndarray:
    return (tr.russia_to_nato.max(axis=0) >= CONDUCT.index("incident")) * 1.0


@dataclass(frozen=True)
class Measure:
    name: str
    label: str
    #: flag (0/1 per run), count (per year) or level (a value at or over a year).
    kind: str
    per_year: bool
    #: How a per-year measure is totalled over the period when a fact names no year.
    total: str | None
    read: Callable[[Trace], np.ndarray]  # (R,) or (R, Y)


MEASURES: dict[str, Measure] = {
    m.name: m
    for m in (
        Measure(
            "front_end",
            "Share of Ukraine held by Russia at the year's end",
            "level",
            True,
            None,
            _front_end,
        ),
        Measure(
            "front_peak",
            "Largest share of Ukraine held by Russia in the year",
            "level",
            True,
            None,
            _front_peak,
        ),
        Measure(
            "front_retaken",
            "Ground Ukraine retook after the year's peak (share)",
            "level",
            True,
            None,
            _front_retaken,
        ),
        Measure(
            "sanctions_adopted",
            "EU sanctions packages adopted",
            "count",
            True,
            "sum",
            _per_year_count("sanctions_adopted"),
        ),
        Measure(
            "sanctions_blocked",
            "EU sanctions votes blocked (weeks of delay)",
            "count",
            True,
            "sum",
            _per_year_count("sanctions_blocked"),
        ),
        Measure(
            "sanctions_dropped",
            "EU sanctions packages dropped after repeated vetoes",
            "count",
            True,
            "sum",
            _per_year_count("sanctions_dropped"),
        ),
        Measure(
            "nuclear_signals",
            "Russian nuclear signals",
            "count",
            True,
            "sum",
            _per_year_count("nuclear_signals"),
        ),
        Measure(
            "incidents_nato",
            "Incidents on NATO members' territory",
            "count",
            True,
            "sum",
            _incidents_nato,
        ),
        Measure(
            "article4",
            "NATO Article 4 consultations requested",
            "count",
            True,
            "sum",
            _per_year_count("article4"),
        ),
        Measure(
            "article5_votes",
            "NATO Article 5 votes",
            "count",
            True,
            "sum",
            _per_year_count("article5_votes"),
        ),
        Measure(
            "red_lines_crossed",
            "Russian red lines crossed",
            "count",
            True,
            "sum",
            _per_year_count("red_lines_crossed"),
        ),
        Measure(
            "aid_advanced",
            "Suppliers sending advanced systems or more (year's end)",
            "level",
            True,
            None,
            _aid_at_least("advanced"),
        ),
        Measure(
            "aid_long_range",
            "Suppliers allowing long-range strikes in Russia (year's end)",
            "level",
            True,
            None,
            _aid_at_least("long_range"),
        ),
        Measure(
            "direct_clash",
            "A direct NATO-Russia clash (1 = yes)",
            "flag",
            False,
            None,
            _passage("direct_clash"),
        ),
        Measure(
            "nuclear_use", "Nuclear use (1 = yes)", "flag", False, None, _passage("nuclear_use")
        ),
        Measure(
            "russia_attacks_nato",
            "Russia attacks a NATO member's territory (1 = yes)",
            "flag",
            False,
            None,
            _russia_attacks_nato,
        ),
        Measure(
            "agreement",
            "A ceasefire, armistice or settlement agreed (1 = yes)",
            "flag",
            False,
            None,
            _passage("ceasefire", "armistice", "settlement"),
        ),
    )
}
MEASURE_NAMES: tuple[str, ...] = tuple(MEASURES)


def value(tr: Trace, measure: str, year: int | None) -> np.ndarray:
    """(R,) the measure per run: for one year, or totalled over the period."""
    m = MEASURES[measure]
    data = m.read(tr)
    if not m.per_year:
        return data
    if year is not None:
        return data[:, tr.year_index(year)]
    if m.total == "sum":
        return data.sum(axis=1)
    raise ValueError(f"measure {measure} is per year: name a year")
