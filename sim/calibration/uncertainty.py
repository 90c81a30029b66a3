"""Two sources of spread in an outcome share: chance (different seeds under the same
parameters) and parameter uncertainty (different posterior draws). With P draws of R runs
each, the law of total variance splits the variance of a run's outcome indicator Y:

    Var(Y) = E[Var(Y | theta)]  +  Var(E[Y | theta])
             (chance)              (parameters)

estimated without bias from the per-draw shares p_k: chance = mean of p_k (1 - p_k) R / (R - 1),
parameters = variance of the p_k minus chance / R (floored at 0).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.validation.facts import quantile


def sources(frame: pd.DataFrame, outcome: str = "outcome", group: str = "point") -> pd.DataFrame:
    """Per outcome: its share, the spread of the per-draw shares (a 90% interval: what
    parameter uncertainty alone allows), and the variance from each source."""
    runs = frame[[group, outcome]].dropna()
    counts = runs.groupby(group).size()
    if counts.size < 2 or counts.min() < 2:
        raise ValueError("need at least two draws with at least two runs each")
    rows = []
    for name in sorted(runs[outcome].unique()):
        shares = (runs[outcome] == name).groupby(runs[group]).mean()
        r = counts.loc[shares.index].to_numpy(dtype=float)
        p = shares.to_numpy()
        chance = float(np.mean(p * (1 - p) * r / (r - 1)))
        parameters = max(0.0, float(np.var(p, ddof=1)) - chance * float(np.mean(1 / r)))
        total = chance + parameters
        rows.append(
            {
                "outcome": name,
                "share": float((runs[outcome] == name).mean()),
                "draw_low": quantile(p, 0.05),
                "draw_high": quantile(p, 0.95),
                "chance_variance": chance,
                "parameter_variance": parameters,
                "parameter_part": parameters / total if total > 0 else 0.0,
            }
        )
    return pd.DataFrame(rows)


def posterior_sweep(manifest: dict) -> bool:
    """Whether a sweep's manifest says its points were drawn from a posterior."""
    scenarios = manifest.get("design", manifest.get("plan", {})).get("scenarios", [])
    return any(s.get("design") == "posterior" for s in scenarios)


def sweep_sources(runs: pd.DataFrame) -> pd.DataFrame:
    """``sources`` per scenario of a sweep's runs (ok runs; a design point is a draw)."""
    ok = runs[runs["status"] == "ok"] if "status" in runs.columns else runs
    parts = [
        sources(group).assign(scenario=name)
        for name, group in ok.groupby("scenario", sort=False)
        if group["point"].nunique() >= 2
    ]
    if not parts:
        raise ValueError("need a sweep with at least two design points")
    return pd.concat(parts, ignore_index=True)[["scenario", *parts[0].columns[:-1]]]
