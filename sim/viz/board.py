"""The widgets a step changes (status, ladder and measures charts, monitors, key events, log),
made once per view and updated in place.

Why not re-render: Solara (reacton) reconciles the whole page on any render, about 90 widgets
here, which cost some 30 ms of server time per step; setting six widgets' traits costs a few
milliseconds and sends only what changed (a few kilobytes), which is what lets one 2-core
server carry a class. Components lay the widgets out (``sim.viz.components``); the views call
``show`` after every step and every change of what is shown."""

from __future__ import annotations

import solara.widgets

from sim.viz import charts, data
from sim.viz.eventlog import rows_html
from sim.viz.run import Run
from sim.viz.texts import (
    chosen_red_line,
    ladder_datasets,
    monitors_html,
    shown_view,
    status_html,
)
from sim.viz.vega import VegaChart

LOG_LIMIT = 250


def html_widget(css: str) -> solara.widgets.HTML:
    return solara.widgets.HTML(tag="div", unsafe_innerHTML="", attributes={"class": css})


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
        self.keys = html_widget("escsim-key-events")
        self.log = html_widget("escsim-log")

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
        with self.ladder.hold_sync(), self.measures.hold_sync():
            self.ladder.spec = ladder
            self.ladder.datasets = ladder_datasets(run, view, reference)
            self.ladder.version = self.version
            self.measures.spec = measures
            self.measures.datasets = {"measures": rows}
            self.measures.version = self.version
        self.status.unsafe_innerHTML = status_html(run, extra)
        self.monitors.unsafe_innerHTML = monitors_html(run, reference)
        self.keys.unsafe_innerHTML = rows_html(run.log.key_rows(), run.unit, "None yet.")
        shown, more = run.log.chosen(groups, LOG_LIMIT)
        tail = f'<div class="escsim-empty">{more} earlier events: export CSV for all.</div>'
        self.log.unsafe_innerHTML = rows_html(
            shown, run.unit, "No events yet: press Step or Play."
        ) + (tail if more else "")
