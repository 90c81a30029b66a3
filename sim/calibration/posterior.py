"""A posterior folder: the accepted parameter sets of the last ABC-SMC generation with their
importance weights (posterior.parquet), pyabc's history (history.db) and a manifest of what
was fitted, how and at what cost (manifest.json).

Draws for sweeps and predictive checks are weighted resampling of the particles, from a
NumPy generator seeded by the caller: the same seed gives the same draws on any backend.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from sim.errors import EscsimError
from sim.validation.facts import quantile

POSTERIOR = "posterior.parquet"
MANIFEST = "manifest.json"
HISTORY = "history.db"
WEIGHT = "weight"
#: Parameters that carry over from the hindcast to other scenarios (the rules); the others
#: (events, the war's state in 2022) describe the hindcast only.
PORTABLE_PREFIX = "rules."


@dataclass(frozen=True)
class Posterior:
    folder: Path
    frame: pd.DataFrame  # one row per particle: a column per dotted path, and ``weight``
    manifest: dict

    @property
    def paths(self) -> list[str]:
        return [c for c in self.frame.columns if c != WEIGHT]

    @property
    def portable(self) -> list[str]:
        return [p for p in self.paths if p.startswith(PORTABLE_PREFIX)]

    @property
    def weights(self) -> np.ndarray:
        w = self.frame[WEIGHT].to_numpy(dtype=float)
        return w / w.sum()

    def draws(self, n: int, seed: int, paths: list[str] | None = None) -> list[dict[str, float]]:
        """``n`` parameter sets drawn with replacement by weight (a seeded generator)."""
        rng = np.random.default_rng(seed)
        rows = rng.choice(len(self.frame), size=n, p=self.weights)
        columns = paths if paths is not None else self.paths
        values = self.frame[columns].to_numpy(dtype=float)
        return [dict(zip(columns, map(float, values[r]), strict=True)) for r in rows]

    def quantiles(self, q: float) -> dict[str, float]:
        return {p: quantile(self.frame[p].to_numpy(), q, self.weights) for p in self.paths}

    def median(self) -> dict[str, float]:
        return self.quantiles(0.5)


def write_posterior(folder: Path, frame: pd.DataFrame, manifest: dict) -> None:
    frame.to_parquet(folder / POSTERIOR, index=False)
    write_manifest(folder, manifest)


def write_manifest(folder: Path, manifest: dict) -> None:
    temporary = folder / (MANIFEST + ".tmp")
    temporary.write_text(json.dumps(manifest, indent=2, default=str))
    temporary.replace(folder / MANIFEST)


def read_manifest(folder: Path) -> dict:
    try:
        return json.loads((Path(folder) / MANIFEST).read_text())
    except FileNotFoundError:
        raise EscsimError(
            f"{folder}: no {MANIFEST}; allowed: a posterior folder written by escsim calibrate"
        ) from None


def read_posterior(folder: str | Path) -> Posterior:
    folder = Path(folder)
    manifest = read_manifest(folder)
    if not (folder / POSTERIOR).exists():
        raise EscsimError(
            f"{folder}: no {POSTERIOR} (status {manifest.get('status')!r}); allowed: a finished "
            "calibration (escsim calibrate, or --resume to finish it)"
        )
    return Posterior(folder, pd.read_parquet(folder / POSTERIOR), manifest)


def frame_from_history(
    history, bounds: dict[str, tuple[float, float]], integers: frozenset[str] = frozenset()
) -> pd.DataFrame:
    """The last generation's particles as parameter values (pyabc holds their logits; as
    simulated: whole-number fields rounded) and their normalised weights, columns by path."""
    from sim.calibration.abc import safe_name, to_value

    frame, weights = history.get_distribution(m=0, t=history.max_t)
    out = pd.DataFrame(
        {p: to_value(frame[safe_name(p)].to_numpy(dtype=float), *b) for p, b in bounds.items()}
    )
    for p in integers & set(bounds):
        out[p] = out[p].round()
    out[WEIGHT] = np.asarray(weights, dtype=float) / np.sum(weights)
    return out
