"""A run to take home: its tables as CSV files in a zip, and a picture (PNG) of its ladder
paths and measures. Made only when asked for (a click), never on a step. Solara-free."""

from __future__ import annotations

import io
import zipfile

from matplotlib.figure import Figure

from sim.viz import data
from sim.viz.run import Run


def file_stem(run: Run) -> str:
    return f"escsim_{run.scenario.name}_seed{run.seed}_{run.unit}{run.week}"


def csv_zip(run: Run) -> bytes:
    """paths.csv, events.csv and summary.csv of the run so far."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, table in run.model.tables().items():
            archive.writestr(f"{name}.csv", table.to_csv(index=False))
    return buffer.getvalue()


def png(run: Run, view: str = data.KEY_DYADS, red_line: data.RedLine | None = None) -> bytes:
    """The ladder chart (with markers) over the measures chart, as the page shows them."""
    sim = run.sim
    figure = Figure(figsize=(11, 7.5), dpi=110, layout="constrained")
    ladder, measures = figure.subplots(2, 1, height_ratios=[3, 2], sharex=True)
    rows = data.path_rows(sim, view)
    for series in data.series_names(sim, view):
        points = [r for r in rows if r["series"] == series]
        weeks, rungs = [r["week"] for r in points], [r["y"] for r in points]
        ladder.step(weeks, rungs, where="post", lw=2.2, label=series)
    for marker in data.marker_rows(sim, run.log.events):
        ladder.axvline(marker["week"], color=marker["colour"], lw=1.2, alpha=0.8)
        ladder.text(
            marker["week"],
            sim.world.ladder.top,
            marker["text"],
            rotation=90,
            fontsize=8,
            va="top",
            ha="right",
            color=marker["colour"],
            clip_on=True,
        )
    names = data.ladder_names(sim)
    ladder.set_yticks(range(len(names)), [f"{k} {n}" for k, n in enumerate(names)], fontsize=8)
    ladder.set_ylim(-0.5, len(names) - 0.5)
    ladder.legend(loc="lower right", bbox_to_anchor=(1, 1), ncol=4, fontsize=9, frameon=False)
    standing = data.standing(sim)
    outcome = f" · {standing.label}" if standing.known else ""
    ladder.set_title(f"{run.label} · seed {run.seed} · {run.unit} {run.week}{outcome}", loc="left")
    by_measure: dict[str, list[dict]] = {}
    for row in data.measure_rows(sim, red_line):
        by_measure.setdefault(row["measure"], []).append(row)
    for name, points in by_measure.items():
        measures.plot([r["week"] for r in points], [r["value"] for r in points], label=name)
    measures.set_ylim(0, 1)
    measures.set_xlim(0, run.steps)
    measures.set_xlabel(run.unit)
    measures.legend(loc="lower left", fontsize=8, ncol=3, frameon=False)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
