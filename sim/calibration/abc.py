"""ABC-SMC of a hindcast with pyabc (Toni et al. 2009; Klinger, Rickert & Hasenauer 2018).

A particle is one parameter set: its scenario runs ``replicates`` seeded runs as one batch and
its summary statistics are the runs' mean of each fact's measure. The distance is the root of
the summed squared discrepancies from the facts (each in units of its scale, 0 inside an
observed range), and each generation accepts the particles closer than the median distance of
the last one. The history lives in pyabc's SQLite database, so a stopped calibration resumes
from its last finished generation. Seeds of a particle's runs are a hash of the spec's seed and
the parameter values: a particle's simulation is reproducible whichever worker runs it.

pyabc works on each parameter's logit, z = logit((x - low) / (high - low)), with a standard
logistic prior: that is exactly the uniform prior on [low, high], and the Gaussian perturbation
kernel never proposes outside the bounds. On the bounded scale the kernel spills past the edges
and the importance weights (prior over proposal density) pile onto particles near the corners
of the box: with ten parameters and a hundred particles the effective sample size fell to 1.3
in three generations.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sim.batch.design import apply_point
from sim.calibration.spec import Calibration
from sim.validation.check import discrepancies, run_facts
from sim.validation.facts import FactsFile

#: Names pyabc stores parameters under (dots are kept out of its database columns).
SEPARATOR = "__"


def safe_name(path: str) -> str:
    return path.replace(".", SEPARATOR)


def dotted(name: str) -> str:
    return name.replace(SEPARATOR, ".")


def to_value(z: float | np.ndarray, low: float, high: float) -> float | np.ndarray:
    """The parameter value of a logit (see the module docstring)."""
    return low + (high - low) / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def particle_seeds(seed: int, point: dict[str, float], replicates: int) -> list[int]:
    """Seeds of a particle's runs: a hash of the spec's seed and the parameter values."""
    text = json.dumps({"seed": seed, "point": point}, sort_keys=True)
    head = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")
    return [(head + k * 0x9E3779B97F4A7C15) % 2**63 for k in range(replicates)]


class HindcastModel:
    """pyabc's model: parameters -> the mean of each fact's measure over a batch of runs.
    Plain data only, so samplers can pickle it to other processes and Dask workers."""

    def __init__(
        self,
        base: dict,
        facts: FactsFile,
        replicates: int,
        seed: int,
        bounds: dict[str, tuple[float, float]],
        integers: frozenset[str] = frozenset(),
    ) -> None:
        self.base, self.facts, self.replicates, self.seed = base, facts, replicates, seed
        self.bounds, self.integers = bounds, integers

    def point(self, parameters) -> dict[str, float | int]:
        """Dotted paths and values (from pyabc's logits), whole-number fields rounded."""
        values = {
            path: float(to_value(z, *self.bounds[path]))
            for path, z in ((dotted(name), value) for name, value in parameters.items())
        }
        return {p: round(v) if p in self.integers else v for p, v in values.items()}

    def __call__(self, parameters) -> dict[str, float]:
        point = self.point(parameters)
        scenario = apply_point(self.base, point)
        seeds = particle_seeds(self.seed, point, self.replicates)
        values = run_facts(scenario, seeds, self.facts)
        return {fact: float(np.mean(v)) for fact, v in values.items()}


class FactsDistance:
    """pyabc's distance: ignores the observed dictionary and reads the facts' ranges."""

    def __init__(self, facts: FactsFile) -> None:
        self.facts = facts

    def __call__(self, x: dict, x_0: dict) -> float:
        d = discrepancies({k: float(x[k]) for k in x_0}, self.facts)
        return float(np.sqrt(sum(v * v for v in d.values())))


def observed(facts: FactsFile) -> dict[str, float]:
    """The observed statistics pyabc stores: the middle of each observed range."""
    return {f.id: 0.5 * (f.low + f.high) for f in facts.facts}


def prior(calibration: Calibration):
    import pyabc

    return pyabc.Distribution(
        **{safe_name(path): pyabc.RV("logistic", 0.0, 1.0) for path in calibration.paths}
    )


def bounds(calibration: Calibration) -> dict[str, tuple[float, float]]:
    return {path: (p.low, p.high) for path, p in calibration.spec.parameters.items()}


def make_sampler(backend: str, workers: int, scheduler: str | None):
    """(sampler, close) for the local pool (one process: single core) or Dask."""
    from pyabc.sampler import (
        DaskDistributedSampler,
        MulticoreEvalParallelSampler,
        SingleCoreSampler,
    )

    if backend == "dask":
        from distributed import Client, LocalCluster

        if scheduler:
            client = Client(scheduler)
            cluster = None
        else:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None)
            client = Client(cluster)

        def close() -> None:
            client.close()
            if cluster is not None:
                cluster.close()

        return DaskDistributedSampler(dask_client=client, batch_size=1), close
    if workers > 1:
        return MulticoreEvalParallelSampler(n_procs=workers), lambda: None
    return SingleCoreSampler(), lambda: None


@dataclass
class Generation:
    t: int
    epsilon: float
    simulations: int
    accepted: int
    seconds: float

    @property
    def acceptance(self) -> float:
        return self.accepted / self.simulations if self.simulations else float("nan")


Progress = Callable[[Generation], None]


def run_abc(
    calibration: Calibration,
    db: Path,
    *,
    resume: bool,
    backend: str,
    workers: int,
    scheduler: str | None,
    progress: Progress | None = None,
) -> list[Generation]:
    """Run (or continue) ABC-SMC into the SQLite history ``db`` until the spec's generations
    or minimum epsilon; returns the generations run in this session."""
    import pyabc

    logging.getLogger("ABC").setLevel(logging.WARNING)
    logging.getLogger("Epsilon").setLevel(logging.WARNING)
    logging.getLogger("Distance").setLevel(logging.WARNING)
    logging.getLogger("Sampler").setLevel(logging.WARNING)
    spec = calibration.spec
    np.random.seed(spec.seed)
    sampler, close = make_sampler(backend, workers, scheduler)
    abc = pyabc.ABCSMC(
        HindcastModel(
            calibration.base,
            calibration.facts,
            spec.replicates,
            spec.seed,
            bounds(calibration),
            calibration.integers,
        ),
        prior(calibration),
        FactsDistance(calibration.facts),
        population_size=spec.population,
        sampler=sampler,
        eps=pyabc.epsilon.MedianEpsilon(),
    )
    url = f"sqlite:///{db.resolve()}"
    if resume:
        history = abc.load(url, 1)
        np.random.seed(spec.seed + history.max_t + 1)
    else:
        history = abc.new(url, observed(calibration.facts))
    done: list[Generation] = []
    try:
        while history.max_t + 1 < spec.generations:
            started = time.perf_counter()
            before = history.total_nr_simulations
            # One generation per run() call, for progress: pyabc 0.13 caches the sample that
            # sets the first epsilon, so each call must start again from the last population.
            abc._initial_population = None
            history = abc.run(max_nr_populations=1, minimum_epsilon=spec.min_epsilon)
            t = history.max_t
            populations = history.get_all_populations()
            row = populations[populations["t"] == t].iloc[0]
            generation = Generation(
                t=int(t),
                epsilon=float(row["epsilon"]),
                simulations=int(history.total_nr_simulations - before),
                accepted=int(row["particles"]),
                seconds=time.perf_counter() - started,
            )
            done.append(generation)
            if progress:
                progress(generation)
            if generation.epsilon <= spec.min_epsilon:
                break
    finally:
        close()
    return done
