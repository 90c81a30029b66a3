"""Sensitivity of an outcome's probability to the swept parameters, and scenario discovery.

* Sobol design (``design: sobol``): first-order (S1) and total (ST) Sobol indices from SALib's
  ``sobol.analyze``, with bootstrap intervals. The model output at each design point is the share
  of its replicates ending in the outcome.
* Any other design (grid, lhs, random): the documented alternative is a logistic regression of
  the outcome (0/1 per run) on each numeric parameter in turn, standardised, so the effect is the
  odds ratio of the outcome per standard deviation of the parameter across the sweep, with its
  95% interval (statsmodels). It measures the direction and strength of a marginal effect; it
  does not separate interactions the way Sobol's ST does.
* Scenario discovery: PRIM (Friedman and Fisher 1999) from the EMA Workbench finds a box of
  parameter ranges in which the outcome is likely (its density) and which holds much of the runs
  ending in it (its coverage).
"""

from __future__ import annotations

import logging
import warnings

import numpy as np
import pandas as pd

from sim.errors import EscsimError
from sim.outcomes import OUTCOME_NAMES
from sim.store.results import PARAM, results_of


def _check_outcome(outcome: str) -> None:
    if outcome not in OUTCOME_NAMES:
        raise EscsimError(
            f"found {outcome!r}; allowed: {', '.join(OUTCOME_NAMES)}", parameter="outcome"
        )


def _scenario_runs(results, scenario: str | None) -> tuple[str, pd.DataFrame]:
    ok = results.ok
    names = list(dict.fromkeys(results.runs["scenario"]))
    if scenario is None:
        swept = [n for n in names if results.design(n).get("parameters")]
        scenario = swept[0] if swept else names[0]
    elif scenario not in names:
        raise EscsimError(
            f"{scenario}: not in the sweep; allowed: {', '.join(names)}", parameter="scenario"
        )
    return scenario, ok[ok["scenario"] == scenario]


def _numeric_parameters(runs: pd.DataFrame) -> list[str]:
    return [
        c
        for c in runs.columns
        if c.startswith(PARAM)
        and pd.api.types.is_numeric_dtype(runs[c])
        and not pd.api.types.is_bool_dtype(runs[c])
        and runs[c].nunique() > 1
    ]


def sobol_indices(source, outcome: str, scenario: str | None = None, seed: int = 1):
    """S1 and ST Sobol indices (with 95% bootstrap half-widths) of P(outcome) for a sweep with
    a Sobol design. Columns: ``parameter``, ``S1``, ``S1_conf``, ``ST``, ``ST_conf``.

    ``seed`` seeds the bootstrap of the intervals; it must be positive: SALib 1.6 takes a seed
    of 0 for no seed at all (``if seed:``), and the intervals then change from call to call."""
    if seed < 1:
        raise ValueError(f"seed: found {seed}; allowed: an integer >= 1 (SALib ignores 0)")
    _check_outcome(outcome)
    results = results_of(source)
    scenario, runs = _scenario_runs(results, scenario)
    design = results.design(scenario)
    if design.get("design") != "sobol":
        raise EscsimError(
            f"{results.folder}: scenario {scenario} was swept with design "
            f"{design.get('design')!r}; allowed: a Sobol design (escsim sweep --design sobol)"
        )
    params = design["parameters"]
    names = list(params)
    problem = {
        "num_vars": len(names),
        "names": names,
        "bounds": [[float(params[p]["low"]), float(params[p]["high"])] for p in names],
    }
    y = (runs["outcome"] == outcome).groupby(runs["point"]).mean()
    points = int(design["points"])
    if len(y) != points:
        raise EscsimError(
            f"{results.folder}: {points - len(y)} of {points} Sobol design points have no "
            "finished run; allowed: a complete Sobol sweep (escsim sweep --resume)"
        )
    from SALib.analyze import sobol

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        si = sobol.analyze(problem, y.sort_index().to_numpy(), calc_second_order=True, seed=seed)
    return pd.DataFrame(
        {
            "parameter": names,
            "S1": si["S1"],
            "S1_conf": si["S1_conf"],
            "ST": si["ST"],
            "ST_conf": si["ST_conf"],
        }
    )


def logistic_effects(source, outcome: str, scenario: str | None = None) -> pd.DataFrame:
    """Per numeric parameter: odds ratio of ``outcome`` per standard deviation of the parameter
    (univariate logistic regression on all finished runs of the scenario), its 95% interval and
    p-value. nan when the outcome never or always happens, or the fit separates perfectly."""
    import statsmodels.api as sm

    scenario, runs, columns = _swept_runs(source, scenario, outcome)
    y = (runs["outcome"] == outcome).to_numpy(dtype=float)
    rows = []
    for c in columns:
        x = runs[c].to_numpy(dtype=float)
        sd = x.std()
        z = (x - x.mean()) / sd
        estimate = low = high = p = np.nan
        if 0 < y.sum() < len(y):
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    fit = sm.Logit(y, sm.add_constant(z)).fit(disp=0)
                ci = fit.conf_int()[1]
                with np.errstate(over="ignore"):
                    estimate, low, high = np.exp([fit.params[1], ci[0], ci[1]])
                p = float(fit.pvalues[1])
            except Exception:  # perfect separation, singular fit: no estimate
                pass
        rows.append((c[len(PARAM) :], estimate, low, high, p, float(sd)))
    return pd.DataFrame(
        rows, columns=["parameter", "odds_ratio_per_sd", "low", "high", "p_value", "sd"]
    )


def sensitivity(source, outcome: str, scenario: str | None = None) -> tuple[str, pd.DataFrame]:
    """``("sobol", indices)`` when the scenario's design is Sobol, else
    ``("logistic", effects)``."""
    results = results_of(source)
    name, _ = _scenario_runs(results, scenario)
    if results.design(name).get("design") == "sobol":
        return "sobol", sobol_indices(results, outcome, name)
    return "logistic", logistic_effects(results, outcome, name)


def prim_box(
    source,
    outcome: str,
    scenario: str | None = None,
    threshold: float = 0.8,
    mass_min: float = 0.05,
) -> tuple[pd.DataFrame, dict]:
    """Scenario discovery with PRIM (EMA Workbench): a box of parameter ranges where
    ``outcome`` is likely. PRIM peels the parameter space; we take the first box on its peeling
    trajectory whose density (share of its runs ending in the outcome) reaches ``threshold``,
    else the densest box (reported with ``meets_threshold`` False).

    Returns the limits (``parameter``, ``low``, ``high``, ``min``, ``max``, ``restricted``) and
    the box's statistics: ``density``, ``coverage`` (share of all the outcome's runs inside
    it), ``mass`` (share of runs inside), ``runs``, ``base_rate``, ``meets_threshold``."""
    scenario, runs, columns = _swept_runs(source, scenario, outcome)
    y = (runs["outcome"] == outcome).to_numpy(dtype=int)
    if y.sum() == 0:
        raise EscsimError(
            f"PRIM: no run of scenario {scenario} ends in {outcome}; allowed: an outcome that "
            "happens in the sweep"
        )
    if y.all():
        raise EscsimError(
            f"PRIM: every run of scenario {scenario} ends in {outcome}; nothing to discover"
        )
    x = runs[columns].astype(float).reset_index(drop=True)
    x.columns = [c[len(PARAM) :] for c in columns]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logging.getLogger("EMA").setLevel(logging.ERROR)
        from ema_workbench.analysis import prim

        # In binary mode the workbench's threshold both marks the cases of interest (y >= it)
        # and is the density a box must reach to be kept; a tiny positive value marks y == 1
        # and keeps the whole peeling trajectory, from which the box is chosen below.
        model = prim.Prim(x, y, threshold=1e-9, mass_min=mass_min)
        box = model.find_box()
    trajectory = box.peeling_trajectory.reset_index(drop=True)
    reaching = trajectory.index[trajectory["density"] >= threshold]
    i = int(reaching[0]) if len(reaching) else int(trajectory["density"].idxmax())
    limits = box.box_lims[i]
    rows = []
    for name in x.columns:
        low, high = float(limits[name].iloc[0]), float(limits[name].iloc[1])
        lo, hi = float(x[name].min()), float(x[name].max())
        rows.append((name, low, high, lo, hi, bool(low > lo or high < hi)))
    frame = pd.DataFrame(rows, columns=["parameter", "low", "high", "min", "max", "restricted"])
    stats = {
        "scenario": scenario,
        "outcome": outcome,
        "density": float(trajectory.loc[i, "density"]),
        "coverage": float(trajectory.loc[i, "coverage"]),
        "mass": float(trajectory.loc[i, "mass"]),
        "runs": int(trajectory.loc[i, "n"]),
        "base_rate": float(y.mean()),
        "threshold": threshold,
        "meets_threshold": bool(len(reaching)),
    }
    return frame, stats


def _swept_runs(source, scenario: str | None, outcome: str) -> tuple:
    """The scenario's finished runs and its numeric swept parameters; an error without any."""
    _check_outcome(outcome)
    results = results_of(source)
    scenario, runs = _scenario_runs(results, scenario)
    columns = _numeric_parameters(runs)
    if not columns:
        raise EscsimError(
            f"{results.folder}: scenario {scenario} sweeps no numeric parameter; allowed: a "
            "sweep with parameters (escsim sweep --param PATH=LOW:HIGH)"
        )
    return scenario, runs, columns
