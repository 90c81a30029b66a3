"""The report of a counterfactual branch (``sim.batch.branching``): outcome shares by arm,
paired differences of every changing outcome and threshold against the no-change arm, the
paired distribution of a chosen measure, and a figure.

Continuation k of every arm shares its random streams after the branch point, so each arm is
compared with the no-change arm pair by pair (``sim.analysis.pairing``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from sim.analysis.pairing import binary_differences, measure_difference
from sim.errors import EscsimError
from sim.outcomes import OUTCOME_BY_NAME, OUTCOME_NAMES

#: Summary columns that are bookkeeping, not results.
NOT_MEASURES = ("k", "seed", "steps", "outcome_step")


def measures(branch) -> list[str]:
    """What a branch can be measured by: numeric summary columns of the runs, and every
    recorded path (``measure:entity``) at the last week."""
    runs = branch.runs
    numeric = [
        c
        for c in runs.columns
        if c not in NOT_MEASURES and not c.startswith("first:") and _numeric(runs[c])
    ]
    return numeric + list(next(iter(branch.paths.values()), {}))


def _numeric(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def default_measure(branch) -> str:
    """The share of Ukraine held at the end when there is a war, else the first key dyad's
    peak rung."""
    if "final_front" in branch.runs.columns:
        return "final_front"
    return next(c for c in branch.runs.columns if c.startswith("peak:"))


def check_measure(branch, measure: str) -> str:
    allowed = measures(branch)
    if measure not in allowed:
        raise EscsimError(
            f"found {measure!r}; allowed: a summary column ({', '.join(allowed[:12])}, ...) "
            "or a recorded path measure:entity (level:RUS-NATO, cohesion:NATO, "
            "reputation:USA>RUS, ...)",
            parameter="measure",
        )
    return measure


def values(branch, arm: str, measure: str) -> np.ndarray:
    """The measure of each continuation of ``arm``, in continuation order."""
    if measure in branch.runs.columns:
        part = branch.runs[branch.runs["arm"] == arm].sort_values("k")
        return part[measure].to_numpy(dtype=float)
    return branch.paths[arm][measure][-1].astype(float)


def report(
    branch, measure: str, reference: str, confidence: float = 0.95
) -> dict[str, pd.DataFrame]:
    """Tables of a branch: ``outcomes`` (share per arm), ``differences`` (paired risk
    differences against the ``reference`` arm), ``measure`` (paired mean difference and the
    quantiles of the per-pair differences), ``passages`` (share crossed and median first
    step per arm)."""
    check_measure(branch, measure)
    runs = branch.runs
    arms = list(dict.fromkeys(runs["arm"]))
    by_arm = {
        arm: part.sort_values("k").reset_index(drop=True) for arm, part in runs.groupby("arm")
    }
    counts = pd.crosstab(runs["arm"], runs["outcome"]).reindex(index=arms, fill_value=0)
    outcomes = (
        counts.reindex(columns=[o for o in OUTCOME_NAMES if o in counts.columns])
        .div(counts.sum(axis=1), axis=0)
        .reset_index()
        .melt(id_vars="arm", var_name="outcome", value_name="share")
    )
    base = by_arm[reference]
    differences, measured = [], []
    for arm in arms:
        if arm == reference:
            continue
        table = binary_differences(base, by_arm[arm], confidence)
        table.insert(0, "arm", arm)
        differences.append(table)
        effect = measure_difference(
            pd.Series(values(branch, reference, measure)),
            pd.Series(values(branch, arm, measure)),
            confidence,
        )
        measured.append({"arm": arm, "measure": measure, **effect})
    passages = []
    for arm in arms:
        part = by_arm[arm]
        for column in [c for c in part.columns if c.startswith("first:")]:
            crossed = part[column].dropna()
            passages.append(
                {
                    "arm": arm,
                    "passage": column[len("first:") :],
                    "share": len(crossed) / len(part),
                    "median_step": float(crossed.median()) if len(crossed) else np.nan,
                }
            )
    return {
        "outcomes": outcomes,
        "differences": pd.concat(differences, ignore_index=True) if differences else pd.DataFrame(),
        "measure": pd.DataFrame(measured),
        "passages": pd.DataFrame(passages),
    }


def branch_figure(branch, measure: str, path: str | None = None) -> Figure:
    """Three panels: a recorded path week by week in each arm (mean, 10-90% of the runs; the
    branch week marked): ``path``, else the measure when it is a path, else the second key
    dyad's rung; outcome shares by arm; the per-pair differences of ``measure`` (each change
    minus no change)."""
    from sim.analysis.figures import SERIES_COLORS

    runs = branch.runs
    arms = [arm.label for arm in branch.arms]
    recorded = branch.paths[arms[0]]
    if path is None:
        dyads = branch.key_dyads
        path = measure if measure in recorded else f"level:{dyads[1 if len(dyads) > 1 else 0]}"
    if path not in recorded:
        raise EscsimError(
            f"found {path!r}; allowed: a recorded path measure:entity ({', '.join(recorded)})",
            parameter="path",
        )
    names = {label: _short(label) for label in arms}
    fig = Figure(figsize=(13, 4.6), layout="constrained")
    over_time, shares, spread = fig.subplots(1, 3, width_ratios=[1.4, 1, 1])
    weeks = np.arange(branch.steps + 1)
    for k, arm in enumerate(arms):
        series = branch.paths[arm][path].astype(float)  # (weeks, K)
        colour = SERIES_COLORS[k % len(SERIES_COLORS)]
        low, high = np.quantile(series, [0.1, 0.9], axis=1)
        over_time.fill_between(weeks, low, high, color=colour, alpha=0.15, linewidth=0)
        over_time.plot(weeks, series.mean(axis=1), color=colour, label=names[arm], linewidth=1.8)
    over_time.axvline(branch.at, color="0.3", linestyle=":", linewidth=1)
    over_time.annotate(
        f"branch: {branch.step_unit} {branch.at}",
        (branch.at, 1),
        xycoords=("data", "axes fraction"),
        xytext=(3, -12),
        textcoords="offset points",
        fontsize=8,
        color="0.3",
    )
    over_time.set_xlabel(branch.step_unit)
    over_time.set_ylabel(path)
    over_time.set_title(f"{path}: mean and 10-90% of the runs")
    over_time.legend(fontsize=8, loc="best")
    table = pd.crosstab(runs["arm"], runs["outcome"], normalize="index").reindex(index=arms)
    left = np.zeros(len(arms))
    for outcome in [o for o in OUTCOME_NAMES if o in table.columns]:
        spec = OUTCOME_BY_NAME[outcome]
        share = table[outcome].to_numpy()
        shares.barh(range(len(arms)), share, left=left, color=spec.colour, label=spec.short)
        left += share
    shares.set_yticks(range(len(arms)), [names[a] for a in arms], fontsize=8)
    shares.invert_yaxis()
    shares.set_xlim(0, 1)
    shares.set_xlabel("share of the runs")
    shares.set_title("Outcomes by arm")
    shares.legend(fontsize=8, loc="lower right")
    base = values(branch, arms[0], measure)
    for k, arm in enumerate(arms[1:], start=1):
        spread.hist(
            values(branch, arm, measure) - base,
            bins=30,
            alpha=0.6,
            color=SERIES_COLORS[k % len(SERIES_COLORS)],
            label=names[arm],
        )
    spread.axvline(0, color="0.3", linewidth=1)
    spread.set_xlabel(f"{measure}: change - no change", fontsize=9)
    spread.set_ylabel("pairs of runs")
    spread.set_title("Paired differences at the end")
    if len(arms) > 1:
        spread.legend(fontsize=8)
    fig.suptitle(
        f"{branch.scenario}, {branch.origin}: branched at {branch.step_unit} {branch.at}, "
        f"{len(base)} continuations per arm on common random numbers",
        fontsize=10,
    )
    return fig


def _short(label: str, width: int = 38) -> str:
    return label if len(label) <= width else label[: width - 3] + "..."
