"""Paired analysis of runs that share their random streams: the scenarios of a paired sweep
(``escsim sweep A.yaml B.yaml --paired``) or the arms of a branch (``escsim branch``).

Run k of one arm and run k of the other drew the same numbers wherever the difference between
them does not reach, so an outcome differs within a pair only where the change made it differ.
The paired risk difference of a binary result (an outcome, a threshold crossed) is then read
from the discordant pairs (McNemar; Agresti & Min's interval), and its standard error is set
beside the one the same shares would have with independent seeds: how much pairing narrowed
the interval.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.analysis.paired import mean_difference, risk_difference
from sim.errors import EscsimError
from sim.outcomes import OUTCOME_BY_NAME, OUTCOME_NAMES, PASSAGES
from sim.store.results import results_of

#: Columns of ``binary_differences`` and ``paired_comparison``.
COLUMNS = [
    "group",
    "reference",
    "kind",
    "name",
    "label",
    "share",
    "reference_share",
    "difference",
    "low",
    "high",
    "p_value",
    "pairs",
    "discordant",
    "paired_se",
    "unpaired_se",
    "variance_ratio",
]


def indicators(runs: pd.DataFrame) -> dict[tuple[str, str, str], np.ndarray]:
    """Binary results of each run: every outcome, and every threshold crossed by the end
    (kind, name, label) -> bool array in row order."""
    found = {}
    for name in OUTCOME_NAMES:
        found[("outcome", name, OUTCOME_BY_NAME[name].short)] = (runs["outcome"] == name).to_numpy()
    for name in PASSAGES:
        column = f"first:{name}"
        if column in runs.columns:
            label = "crossed: " + name.replace("_", " ")
            found[("passage", name, label)] = runs[column].notna().to_numpy()
    return found


def binary_differences(
    reference: pd.DataFrame, other: pd.DataFrame, confidence: float = 0.95
) -> pd.DataFrame:
    """Paired risk differences (other - reference) of every binary result that is not the
    same in every run of both; the frames are aligned: row i of each is a pair."""
    n = len(reference)
    rows = []
    left, right = indicators(reference), indicators(other)
    for key, a in left.items():
        b = right[key]
        if (a.all() and b.all()) or not (a.any() or b.any()):
            continue  # the same in every run of both arms: nothing to compare
        kind, name, label = key
        effect = risk_difference(a, b, confidence)
        rows.append(
            {
                "kind": kind,
                "name": name,
                "label": label,
                "share": float(b.mean()),
                "reference_share": float(a.mean()),
                "difference": effect.effect,
                "low": effect.low,
                "high": effect.high,
                "p_value": effect.p,
                "pairs": n,
                "discordant": int((a != b).sum()),
                "paired_se": effect.paired_se,
                "unpaired_se": effect.unpaired_se,
                "variance_ratio": (
                    (effect.unpaired_se / effect.paired_se) ** 2 if effect.paired_se > 0 else np.inf
                ),
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS[2:])


def measure_difference(
    reference: pd.Series, other: pd.Series, confidence: float = 0.95
) -> dict[str, float]:
    """Paired mean difference (other - reference) of a numeric result, with its t interval,
    a two-sided Wilcoxon signed-rank p and the unpaired standard error beside the paired."""
    a = pd.to_numeric(reference, errors="coerce").to_numpy(dtype=float)
    b = pd.to_numeric(other, errors="coerce").to_numpy(dtype=float)
    both = ~(np.isnan(a) | np.isnan(b))
    a, b = a[both], b[both]
    if a.size < 2:
        return {"pairs": int(a.size)}
    effect = mean_difference(a, b, confidence)
    d = b - a
    return {
        "mean": float(b.mean()),
        "reference_mean": float(a.mean()),
        "difference": effect.effect,
        "low": effect.low,
        "high": effect.high,
        "p_value": effect.p,
        "pairs": int(d.size),
        "paired_se": effect.paired_se,
        "unpaired_se": effect.unpaired_se,
        "q10": float(np.quantile(d, 0.1)),
        "median": float(np.median(d)),
        "q90": float(np.quantile(d, 0.9)),
    }


def is_paired(source) -> bool:
    """Whether a results folder holds a paired sweep (its manifest says so)."""
    return bool(results_of(source).manifest.get("design", {}).get("paired"))


def paired_comparison(source, confidence: float = 0.95) -> pd.DataFrame:
    """Paired risk differences of every scenario of a paired sweep against the first: runs
    paired by design point and replicate (they share their seed); pairs where either run
    failed are left out."""
    results = results_of(source)
    if not is_paired(results):
        raise EscsimError(
            f"{results.folder}: not a paired sweep; allowed: a folder written by escsim sweep "
            "A.yaml B.yaml --paired"
        )
    runs = results.runs
    names = [s["scenario"] for s in results.manifest["design"]["scenarios"]]
    by = {
        name: part.set_index(["point", "replicate"])
        for name, part in runs.groupby("scenario", sort=False)
    }
    reference = names[0]
    frames = []
    for name in names[1:]:
        left, right = by[reference], by[name]
        keys = left.index.intersection(right.index)
        ok = (left.loc[keys, "status"] == "ok").to_numpy() & (
            right.loc[keys, "status"] == "ok"
        ).to_numpy()
        keys = keys[ok]
        table = binary_differences(left.loc[keys], right.loc[keys], confidence)
        table.insert(0, "reference", reference)
        table.insert(0, "group", name)
        frames.append(table)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
