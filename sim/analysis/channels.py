"""The model's channels over time, beside the ladder view: the Russia-Ukraine war (front line,
balance, forces, materiel, beliefs, nuclear shadow: any measure of the ``war`` entity) and the
kind of aid each supplier sends Ukraine. Measures and their labels are the recorder's
(``sim.model.recorder.MEASURES``); aid kinds are the AID channel's levels."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.analysis.paths import bands, scenario_name, wide
from sim.concepts.channels import AID
from sim.concepts.roles import ROLES
from sim.errors import EscsimError
from sim.store.results import results_of

#: The war measure drawn by default: the share of Ukraine held by Russia.
DEFAULT_MEASURE = "front"


def measures(kind: str) -> dict[str, str]:
    """Name -> label of the recorder's measures of entity ``kind`` (dyad, directed, actor,
    alliance, war)."""
    from sim.model.recorder import MEASURES  # the model package imports Mesa: only when drawn

    return {m.name: m.label for m in MEASURES if m.kind == kind}


def read_paths(results, kind: str, columns: list[str], scenario: str) -> pd.DataFrame:
    """Rows of paths.parquet of entity ``kind`` for the finished runs of ``scenario``:
    ``run_id``, ``step``, ``entity`` and ``columns``, read without the rest of the table."""
    path = results.folder / "paths.parquet"
    if not path.is_dir():
        raise EscsimError(
            f"{results.folder}: no paths.parquet (swept with --record summary); allowed: a "
            "sweep recorded with --record paths or full"
        )
    wanted = ["run_id", "step", "entity", *columns]
    if not any(p.suffix == ".parquet" for p in path.iterdir()):
        return pd.DataFrame(columns=wanted)
    frame = pd.read_parquet(path, columns=wanted, filters=[("kind", "==", kind)])
    ok = results.ok
    ids = ok.loc[ok["scenario"] == scenario, "run_id"]
    frame = frame[frame["run_id"].isin(ids)]
    return frame.sort_values(["run_id", "entity", "step"], kind="stable", ignore_index=True)


def war_fan(source, measure: str = DEFAULT_MEASURE, scenarios=None) -> pd.DataFrame:
    """Per scenario (default: all) and step, quantiles across finished runs of a war measure
    (default the front line): ``median``, 50% band ``q25``-``q75``, 90% band ``q05``-``q95``
    (linear interpolation: the measures are continuous), and ``runs``."""
    allowed = measures("war")
    if measure not in allowed:
        raise EscsimError(f"found {measure!r}; allowed: {', '.join(allowed)}", parameter="measure")
    results = results_of(source)
    names = (
        list(dict.fromkeys(results.runs["scenario"]))
        if scenarios is None
        else [scenario_name(results, s) for s in scenarios]
    )
    parts = []
    for scenario in names:
        rows = read_paths(results, "war", [measure], scenario)
        if rows.empty:
            raise EscsimError(
                f"{results.folder}: no war paths for scenario {scenario} (no Russia-Ukraine "
                "war in it, or recorded with --record summary); allowed: a scenario with Ukraine, "
                "swept with --record paths or full"
            )
        matrix, _ = wide(rows, measure)
        parts.append(pd.DataFrame({"scenario": scenario, "measure": measure, **bands(matrix)}))
    return pd.concat(parts, ignore_index=True)


def suppliers(results, scenario: str) -> list[str]:
    """Ids of the actors of ``scenario`` whose role sends aid to Ukraine, in scenario order."""
    return [a.id for a in results.scenario(scenario).actors if ROLES[a.role].third_state]


def aid_shares(source, scenario: str | None = None) -> pd.DataFrame:
    """Per supplier and step, the share of finished runs (of one scenario, default the first)
    in which it sends each kind of aid (the AID channel's levels, none to long-range).

    Long format: ``actor``, ``step``, ``aid`` (level id), ``level`` (0..4), ``share``,
    ``runs``; the shares of one actor and step sum to 1."""
    results = results_of(source)
    scenario = scenario_name(results, scenario)
    if "aid" not in measures("actor"):
        raise EscsimError("the recorder keeps no aid measure; allowed: a model that records aid")
    rows = read_paths(results, "actor", ["aid"], scenario)
    actors = [a for a in suppliers(results, scenario) if a in set(rows["entity"])]
    if not actors:
        raise EscsimError(
            f"{results.folder}: no aid paths for scenario {scenario} (no supplier, or recorded "
            "with --record summary); allowed: a sweep recorded with --record paths or full"
        )
    parts = []
    for actor in actors:
        matrix, _ = wide(rows[rows["entity"] == actor], "aid")
        runs = (~np.isnan(matrix)).sum(axis=0)
        for level, spec in enumerate(AID.levels):
            with np.errstate(invalid="ignore", divide="ignore"):
                share = (matrix == level).sum(axis=0) / runs
            parts.append(
                pd.DataFrame(
                    {
                        "actor": actor,
                        "step": np.arange(matrix.shape[1]),
                        "aid": spec.id,
                        "level": level,
                        "share": share,
                        "runs": runs,
                    }
                )
            )
    return pd.concat(parts, ignore_index=True)
