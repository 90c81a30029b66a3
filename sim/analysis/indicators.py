"""Early-warning indicators: what each run shows in an early window, and how well it predicts
escalation later on.

The indicators are the ones the article says to watch: intensity and frequency of exercises,
rhetoric of key leaders, shifts in aid packages and diplomatic initiatives (off-ramps). Each is
counted per run over steps 1..window from the events table, declared once below (``INDICATORS``)
with the events it counts. Events name channel levels (``sim.concepts.channels``), not ladder
rungs, and levels are matched by their ladder *category*, so the indicators mean the same on a
scenario's own ladder as on the default one.

A run *escalates later* when it crosses the target threshold (default: NATO consultations under
Article 4, which follow an attributed attack) after the window; runs that never cross it are the
calm ones; runs that crossed within the window are left out (the warning would come too late).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sim.analysis.stats import auc_delong
from sim.concepts.channels import CONDUCT, NUCLEAR_SIGNAL, Channel
from sim.errors import EscsimError
from sim.outcomes import PASSAGES
from sim.store.results import results_of

#: Default early window: the first quarter of a one-year run (13 weeks).
DEFAULT_WINDOW = 13
#: Default threshold whose later crossing the indicators should warn of.
DEFAULT_THRESHOLD = "article4"
#: Columns of events.parquet the indicators read.
EVENT_COLUMNS = ["run_id", "step", "kind", "channel", "to_rung", "move", "cause"]


def levels_of(channel: Channel, category: str) -> set[str]:
    """Ids and labels of ``channel``'s levels reported as ladder ``category`` (events carry
    the level's label in ``from_rung``/``to_rung``)."""
    return {text for lv in channel.levels if lv.category == category for text in (lv.id, lv.label)}


def exercises(events: pd.DataFrame) -> pd.Series:
    """Direct-conduct actions up to or at the exercises level, and scheduled shows of force
    (a timeline drill at the rung a dyad already stands on)."""
    conduct = (events["kind"] == "action") & (events["channel"] == CONDUCT.name)
    into = events["to_rung"].isin(levels_of(CONDUCT, "exercise")) & (events["move"] >= 0)
    show = (events["cause"] == "scheduled") & (events["move"] == 0)
    return conduct & (into | show)


def rhetoric(events: pd.DataFrame) -> pd.Series:
    """Warnings (cheap talk of leaders) and declaratory nuclear threats."""
    threat = (events["kind"] == "nuclear_signal") & events["to_rung"].isin(
        levels_of(NUCLEAR_SIGNAL, "rhetoric")
    )
    return (events["kind"] == "warning") | threat


def aid_shifts(events: pd.DataFrame) -> pd.Series:
    """A supplier changing the kind of aid it sends Ukraine, up or down."""
    return events["kind"] == "aid"


def peace_offers(events: pd.DataFrame) -> pd.Series:
    """Ceasefire and peace offers tabled (the off-ramps)."""
    return events["kind"] == "peace_offer"


@dataclass(frozen=True)
class Indicator:
    name: str
    label: str
    #: Which events count (a boolean mask over the events table).
    select: Callable[[pd.DataFrame], pd.Series]
    #: "events": how many; "steps": in how many steps at least one.
    per: str = "events"


INDICATORS: tuple[Indicator, ...] = (
    Indicator("exercise_intensity", "Exercise intensity", exercises),
    Indicator("exercise_frequency", "Exercise frequency", exercises, per="steps"),
    Indicator("rhetoric", "Rhetoric (warnings, nuclear threats)", rhetoric),
    Indicator("aid_shifts", "Aid shifts", aid_shifts),
    Indicator("diplomatic_initiatives", "Diplomatic initiatives", peace_offers),
)
INDICATOR_BY_NAME: dict[str, Indicator] = {i.name: i for i in INDICATORS}


def indicator_table(source, window: int = DEFAULT_WINDOW) -> pd.DataFrame:
    """One row per finished run: ``run_id``, ``scenario`` and each indicator over steps
    1..``window``."""
    if window < 1:
        raise EscsimError(f"found {window}; allowed: an integer >= 1", parameter="window")
    results = results_of(source)
    ok = results.ok[["run_id", "scenario"]]
    events = results.read_events(EVENT_COLUMNS, filters=[("step", ">=", 1), ("step", "<=", window)])
    events = events[(events["step"] >= 1) & (events["step"] <= window)]
    events = events[events["run_id"].isin(ok["run_id"])]
    table = ok.set_index("run_id")
    for indicator in INDICATORS:
        chosen = events[indicator.select(events)].groupby("run_id")
        values = chosen["step"].nunique() if indicator.per == "steps" else chosen.size()
        table[indicator.name] = values.reindex(table.index, fill_value=0).astype(int)
    return table.reset_index()


def escalation_label(runs: pd.DataFrame, threshold: str, window: int) -> pd.Series:
    """1 when the run crosses ``threshold`` after the window, 0 when never; nan when it crossed
    within the window (left out)."""
    first = runs[f"first:{threshold}"].astype(float)
    label = pd.Series(np.where(first.isna(), 0.0, 1.0), index=runs.index)
    return label.where(~(first <= window), np.nan)


def indicator_auc(
    source,
    window: int = DEFAULT_WINDOW,
    threshold: str = DEFAULT_THRESHOLD,
    by: str = "scenario",
    confidence: float = 0.95,
) -> pd.DataFrame:
    """How well each indicator, measured over the early window, predicts crossing
    ``threshold`` later: the AUC (0.5 = no better than chance; above 0.5 = more of it warns of
    escalation; below 0.5 = more of it goes with calm) with DeLong's interval, per group.

    Columns: the group, ``indicator``, ``auc``, ``low``, ``high``, ``later`` (runs that
    crossed after the window), ``never`` (never crossed), ``excluded`` (crossed within it)."""
    if threshold not in PASSAGES:
        raise EscsimError(
            f"found {threshold!r}; allowed: {', '.join(PASSAGES)}", parameter="threshold"
        )
    results = results_of(source)
    table = indicator_table(results, window)
    runs = results.ok.set_index("run_id").loc[table["run_id"]].reset_index()
    table["escalates"] = escalation_label(runs, threshold, window).to_numpy()
    rows = []
    for group, frame in table.groupby(by, sort=False):
        kept = frame[frame["escalates"].notna()]
        labels = kept["escalates"].to_numpy() == 1
        for indicator in INDICATORS:
            a = auc_delong(kept[indicator.name].to_numpy(), labels, confidence)
            rows.append(
                (
                    group,
                    indicator.name,
                    a.auc,
                    a.low,
                    a.high,
                    a.n_positive,
                    a.n_negative,
                    int(frame["escalates"].isna().sum()),
                )
            )
    return pd.DataFrame(
        rows, columns=[by, "indicator", "auc", "low", "high", "later", "never", "excluded"]
    )
