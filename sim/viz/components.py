"""Solara pieces shared by the dashboard's modes: the run controls, the status line with the
outcome, the monitors, the ladder and measures charts, the event log and the export buttons.

Cheap steps: a step re-renders nothing; it updates the widgets of a board in place
(``sim.viz.board``) and the charts are drawn in the browser from a few kilobytes of data
(``sim.viz.vega``). Controls, selectors and filters re-render only when they change."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import solara
import solara.lab

from sim.viz import data, export
from sim.viz.board import RunBoard
from sim.viz.eventlog import DEFAULT_GROUPS, GROUPS
from sim.viz.run import Run, Stepper
from sim.viz.texts import chosen_red_line, shown_view
from sim.viz.vega import VegaChart

CSS = """
.escsim-panel { background: white; color: #222; border-radius: 6px; padding: 8px 10px;
  border: 1px solid #e3e3e3; margin-bottom: 12px; contain: content; }
.escsim-panel h3 { font-size: 15px; font-weight: 600; margin: 2px 0 6px 0; }
.escsim-log { max-height: 380px; overflow-y: auto; font-size: 13px; line-height: 1.35; }
.escsim-event { padding: 2px 6px; border-left: 3px solid transparent; }
.escsim-event.escsim-key { background: #FDECEA; border-left-color: #C62828; font-weight: 600; }
.escsim-event.escsim-alliances { border-left-color: #1565C0; }
.escsim-event.escsim-misread { color: #6A4C93; }
.escsim-when { display: inline-block; min-width: 64px; color: #777; font-weight: 400; }
.escsim-status { font-size: 14px; }
.escsim-outcome { display: inline-block; font-size: 16px; font-weight: 700; padding: 2px 10px;
  border-radius: 4px; margin: 4px 0; }
.escsim-running { color: #555; font-size: 13px; }
.escsim-pending { color: #8A5A00; font-size: 13px; }
.escsim-help { font-size: 13px; color: #444; }
.escsim-panel table { border-collapse: collapse; font-size: 13px; }
.escsim-panel td, .escsim-panel th { padding: 2px 10px; text-align: left; vertical-align: top;
  border-bottom: 1px solid #eee; }
.escsim-key-events { max-height: 150px; overflow-y: auto; font-size: 13px; }
.escsim-info h2 { font-size: 18px; margin: 0 0 6px 0; }
.escsim-info ul, .escsim-info ol { margin: 2px 0 8px 18px; }
.escsim-filters .v-btn { text-transform: none; }
.escsim-choice .v-btn { text-transform: none; }
.escsim-empty { color: #777; font-size: 13px; }
"""

#: Play speeds (seconds between weeks).
SPEEDS = {"slow": 1.0, "normal": 0.5, "fast": 0.2}
RunSource = Callable[[], Run]


def bump(tick: solara.Reactive[int]) -> None:
    tick.value = tick.value + 1


def watch(reactive: solara.Reactive) -> object:
    """Read a reactive so that the calling component re-renders when it changes."""
    return reactive.value


# ------------------------------------------------------------------------------ controls
@solara.component
def Controls(
    stepper: Stepper,
    refresh: Callable[[], None],
    serial: solara.Reactive[int],
    lock: threading.Lock,
    new_label: str = "New run",
):
    """New run, Back, Step and Play/Pause. Stepping past the end is impossible: Step and Play
    are disabled at the end and the run refuses another step. Re-renders only when the run
    reaches or leaves its first or last week, or play starts or stops; after every move it
    calls ``refresh`` (which updates the boards in place) and a new run bumps ``serial``."""
    edges = solara.use_reactive((stepper.week == 0, stepper.done))
    playing = solara.use_reactive(False)
    speed = solara.use_reactive("normal")
    at_start, at_end = edges.value

    def moved() -> None:
        refresh()
        edges.set((stepper.week == 0, stepper.done))

    def play() -> None:
        # A thread per playing visitor: Solara sends widget updates best from outside its
        # event loop, and a sleeping thread costs nothing.
        while playing.value:
            time.sleep(SPEEDS[speed.value])
            if not playing.value:
                return
            with lock:
                stepper.step()
            moved()
            if stepper.done:
                playing.value = False

    solara.lab.use_task(play, dependencies=[playing.value], prefer_threaded=True)

    def act(action, new: bool = False):
        def run() -> None:
            playing.value = False
            with lock:
                action()
            if new:
                bump(serial)
            moved()

        return run

    with solara.Row(classes=["escsim-controls"], style={"align-items": "center"}):
        solara.Button(
            new_label, color="primary", outlined=True, on_click=act(stepper.new_run, new=True)
        )
        solara.Button("Back", outlined=True, on_click=act(stepper.back), disabled=at_start)
        solara.Button(
            "Step", color="primary", on_click=act(stepper.step), disabled=playing.value or at_end
        )
        solara.Button(
            "Pause" if playing.value else "Play",
            color="primary",
            on_click=lambda: playing.set(not playing.value),
            disabled=at_end,
        )
        solara.ToggleButtonsSingle(speed, values=list(SPEEDS), dense=True)


# ------------------------------------------------------------------------------ boards
def panel(content: str, *classes: str) -> None:
    solara.HTML(tag="div", unsafe_innerHTML=content, classes=["escsim-panel", *classes])


def chart_panel(chart: VegaChart, css: str) -> None:
    """A board's chart in a panel; ``css`` names it for the browser test."""
    solara.Div(classes=["escsim-panel", css], children=[chart])


def board_panels(board: RunBoard, groups: solara.Reactive[list[str]]) -> None:
    """A board laid out: status, ladder, measures beside monitors, then the log's filters,
    key events and the log."""
    solara.Div(children=[board.status])
    chart_panel(board.ladder, "escsim-ladder")
    with solara.Columns([7, 5]):
        chart_panel(board.measures, "escsim-measures")
        solara.Div(children=[board.monitors])
    with solara.Div(classes=["escsim-panel"]):
        LogFilters(groups)
        solara.Div(children=[board.log])


# ------------------------------------------------------------------------------ selectors
@solara.component
def ViewSelect(source: RunSource, serial: solara.Reactive[int], view: solara.Reactive[str]):
    """Which paths the ladder chart shows (re-rendered when a new run starts)."""
    watch(serial)  # a new run may have other actors
    run = source()
    solara.Select(
        "Show on the ladder",
        values=data.pairs(run.sim),
        value=shown_view(run, view.value),
        on_value=view.set,
        dense=True,
        style={"max-width": "260px"},
    )


@solara.component
def RedLineSelect(source: RunSource, serial: solara.Reactive[int], red_line: solara.Reactive[int]):
    watch(serial)
    run = source()
    lines = data.red_lines(run.sim)
    if not lines:
        return
    labels = [line.label(run.sim) for line in lines]
    chosen = chosen_red_line(run, red_line.value)
    solara.Select(
        "Red line whose owner the measures follow",
        values=labels,
        value=labels[lines.index(chosen)],
        on_value=lambda label: red_line.set(labels.index(label)),
        dense=True,
        style={"max-width": "520px"},
    )


@solara.component
def LogFilters(groups: solara.Reactive[list[str]]):
    labels = {g.label: g.key for g in GROUPS}
    solara.ToggleButtonsMultiple(
        [g.label for g in GROUPS if g.key in groups.value],
        values=list(labels),
        on_value=lambda chosen: groups.set([labels[label] for label in chosen]),
        dense=True,
        classes=["escsim-filters"],
        style={"flex-wrap": "wrap"},
    )


def use_log_groups() -> solara.Reactive[list[str]]:
    return solara.use_reactive(list(DEFAULT_GROUPS))


@solara.component
def ExportPanel(source: RunSource, view: solara.Reactive[str], red_line: solara.Reactive[int]):
    """Download the run as it stands when clicked: its tables (CSV in a zip) and a picture."""

    def csv() -> bytes:
        return export.csv_zip(source())

    def picture() -> bytes:
        run = source()
        return export.png(run, shown_view(run, view.value), chosen_red_line(run, red_line.value))

    with solara.Row(classes=["escsim-export"]):
        solara.FileDownload(
            csv, filename="escsim_run.zip", label="Download CSV (zip)", mime_type="application/zip"
        )
        solara.FileDownload(
            picture, filename="escsim_run.png", label="Download PNG", mime_type="image/png"
        )
