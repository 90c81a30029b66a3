"""The widgets a step changes (status, ladder and measures charts, monitors, key events, log),
made once per view and updated in place.

Why not re-render: Solara (reacton) reconciles the whole page on any render, about 90 widgets
here, which cost some 30 ms of server time per step; setting six widgets' traits costs a few
milliseconds and sends only what changed (a few kilobytes), which is what lets one 2-core
server carry a class. Components lay the widgets out (``sim.viz.components``); the views call
``show`` after every step and every change of what is shown."""

from __future__ import annotations

from collections.abc import Sequence

import solara.widgets

from sim.viz import charts, data
from sim.viz.eventlog import rows_html
from sim.viz.lessons import LessonDesk
from sim.viz.logview import LogView
from sim.viz.run import Run
from sim.viz.texts import (
    chosen_red_line,
    ladder_datasets,
    monitors_html,
    shown_view,
    status_html,
)
from sim.viz.vega import VegaChart


def html_widget(css: str) -> solara.widgets.HTML:
    return solara.widgets.HTML(tag="div", unsafe_innerHTML="", attributes={"class": css})


def draw(chart: VegaChart, spec: dict, datasets: dict, version: int) -> None:
    """New data for a chart, in one message (the spec is only sent when it changed)."""
    with chart.hold_sync():
        chart.spec = spec
        chart.datasets = datasets
        chart.version = version


def key_events(run: Run) -> str:
    return rows_html(run.log.key_rows(), run.unit, "None yet.")


class RunBoard:
    """One run's live widgets. ``show`` brings them to the run's current week."""

    def __init__(
        self, ladder_width: int = charts.WIDTH, measures_width: int = charts.SIDE_WIDTH
    ) -> None:
        self.ladder_width, self.measures_width = ladder_width, measures_width
        self.version = 0
        self.status = html_widget("escsim-panel escsim-status")
        self.ladder = VegaChart()
        self.measures = VegaChart()
        self.monitors = html_widget("escsim-panel escsim-monitors")
        self.log = LogView()

    def show(
        self,
        run: Run,
        view: str = data.KEY_DYADS,
        red_line: int = 0,
        groups: tuple[str, ...] | list[str] = (),
        reference: Run | None = None,
        extra: str = "",
    ) -> None:
        self.version += 1
        sim = run.sim
        view = shown_view(run, view)
        ladder = charts.ladder_spec(
            sim.world.ladder,
            run.steps,
            run.unit,
            data.series_names(sim, view),
            width=self.ladder_width,
        )
        measures = charts.measures_spec(run.steps, run.unit, width=self.measures_width)
        rows = data.measure_rows(sim, chosen_red_line(run, red_line))
        draw(self.ladder, ladder, ladder_datasets(run, view, reference), self.version)
        draw(self.measures, measures, {"measures": rows}, self.version)
        self.status.unsafe_innerHTML = status_html(run, extra)
        columns = [("This run", run)] + ([("Previous run", reference)] if reference else [])
        self.monitors.unsafe_innerHTML = monitors_html(columns)
        self.log.show(run, groups)


class PairBoard:
    """A lesson's two arms: side by side (a status and a ladder each) or overlaid (one ladder,
    the second arm dashed); measures overlaid and monitors side by side in both layouts.
    Only the widgets of the layout on show are updated."""

    def __init__(self) -> None:
        self.version = 0
        self.status = (
            html_widget("escsim-panel escsim-status"),
            html_widget("escsim-panel escsim-status"),
        )
        self.ladders = (VegaChart(), VegaChart())
        self.overlay = VegaChart()
        self.measures = VegaChart()
        self.monitors = html_widget("escsim-panel escsim-monitors")
        self.keys = (html_widget("escsim-key-events"), html_widget("escsim-key-events"))

    def show(self, desk: LessonDesk, view: str, red_line: int, overlaid: bool) -> None:
        self.version += 1
        first = desk.runs[0]
        view = shown_view(first, view)
        labels = desk.labels
        series = data.series_names(first.sim, view)
        ladder = first.sim.world.ladder
        for k, run in enumerate(desk.runs):
            self.status[k].unsafe_innerHTML = status_html(run)
            self.keys[k].unsafe_innerHTML = key_events(run)
            if not overlaid:
                spec = charts.ladder_spec(
                    ladder, run.steps, run.unit, series, width=charts.SIDE_WIDTH, title=run.label
                )
                draw(self.ladders[k], spec, ladder_datasets(run, view), self.version)
        if overlaid:
            spec = charts.ladder_spec(ladder, first.steps, first.unit, series, arms=labels)
            draw(self.overlay, spec, overlay_datasets(desk.runs, view), self.version)
        rows = [
            row
            for run in desk.runs
            for row in data.measure_rows(run.sim, chosen_red_line(run, red_line), run.label)
        ]
        spec = charts.measures_spec(first.steps, first.unit, arms=labels, width=charts.SIDE_WIDTH)
        draw(self.measures, spec, {"measures": rows}, self.version)
        self.monitors.unsafe_innerHTML = monitors_html([(run.label, run) for run in desk.runs])


def overlay_datasets(runs: Sequence[Run], view: str) -> dict:
    """Two runs' paths (told apart by ``arm``, their labels) and their markers, each marked
    solid or dashed."""
    paths, markers = [], []
    for run, line in zip(runs, ("solid", "dashed"), strict=True):
        paths += data.path_rows(run.sim, view, run.label)
        markers += [
            {**m, "text": f"{line}: {m['text']}", "full": f"{run.label}: {m['full']}"}
            for m in data.marker_rows(run.sim, run.log.events)
        ]
    return {"paths": paths, "reference": [], "markers": markers}
