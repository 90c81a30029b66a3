"""The dashboard's words as HTML: the status line with the outcome, the monitors table and the
datasets of a run's ladder chart. Solara-free, so they are tested without a browser."""

from __future__ import annotations

import html

from sim.viz import data
from sim.viz.run import Run


def badge(standing: data.Standing) -> str:
    """The outcome on its severity colour (dark ink on pale colours)."""
    colour = standing.colour.lstrip("#")
    red, green, blue = (int(colour[k : k + 2], 16) for k in (0, 2, 4))
    ink = "#111" if 0.299 * red + 0.587 * green + 0.114 * blue > 150 else "white"
    when = f" (decided in week {standing.week})" if standing.week is not None else ""
    return (
        f'<span class="escsim-outcome" data-outcome="{standing.outcome}" '
        f'data-severity="{standing.severity}" style="background:{standing.colour};color:{ink}">'
        f"Outcome: {html.escape(standing.label)}{when}</span>"
    )


def status_html(run: Run, extra: str = "") -> str:
    """Scenario, seed and week; the outcome once known (coloured by severity), else the
    thresholds crossed so far and a reminder that the outcome is decided at the end."""
    standing = data.standing(run.sim)
    unit = run.unit
    parts = [
        f"<div><b>{html.escape(run.label)}</b> · seed {run.seed} · "
        f'<span class="escsim-week" data-week="{run.week}">'
        f"{unit.capitalize()} {run.week} of {run.steps}</span></div>"
    ]
    if standing.known:
        parts.append(badge(standing))
    else:
        parts.append(
            '<div class="escsim-running">Run in progress: the outcome is decided at the end '
            "(only nuclear use decides it at once).</div>"
        )
    if standing.crossed:
        crossed = ", ".join(f"{words} ({unit} {week})" for words, week in standing.crossed)
        parts.append(f'<div class="escsim-running">First crossed: {html.escape(crossed)}</div>')
    return "".join(parts) + extra


def monitors_html(columns: list[tuple[str, Run]]) -> str:
    """Runs' monitors side by side, one column per (header, run): this run and the previous
    one, or a lesson's two arms."""
    values = [{m.label: m.value for m in data.monitors(run.sim)} for _, run in columns]
    labels = list(dict.fromkeys(label for column in values for label in column))
    head = "".join(f"<th>{html.escape(header)}</th>" for header, _ in columns)
    rows = [f"<tr><th></th>{head}</tr>"]
    for label in labels:
        cells = "".join(f"<td>{html.escape(str(v.get(label, '—')))}</td>" for v in values)
        rows.append(f"<tr><td>{html.escape(label)}</td>{cells}</tr>")
    return f"<table>{''.join(rows)}</table>"


def shown_view(run: Run, view: str) -> str:
    """The ladder view asked for, or the key dyads when this run has no such pair."""
    return view if view in data.pairs(run.sim) else data.KEY_DYADS


def ladder_datasets(run: Run, view: str, reference: Run | None = None, arm: str = "") -> dict:
    """Paths, the reference run's paths of the same series, and markers."""
    paths = data.path_rows(run.sim, view, arm)
    old: list[dict] = []
    if reference is not None and view in data.pairs(reference.sim):
        series = set(data.series_names(run.sim, view))
        old = [r for r in data.path_rows(reference.sim, view) if r["series"] in series]
    return {"paths": paths, "reference": old, "markers": data.marker_rows(run.sim, run.log.events)}


def chosen_red_line(run: Run, index: int) -> data.RedLine | None:
    lines = data.red_lines(run.sim)
    if not lines:
        return None
    return lines[index] if 0 <= index < len(lines) else lines[0]
