"""Lesson mode on the page: choose a concept of the teaching guide; its two arms run side by
side (or overlaid) on the same seed, with the concept, what to look for and the questions in an
info panel, and a button that runs fifty seeds of every arm in the background."""

from __future__ import annotations

import html
import threading
from collections.abc import Callable

import solara
import solara.lab

from sim.concepts.channels import CONDUCT
from sim.teaching.metrics import TRACES
from sim.viz import charts
from sim.viz.board import PairBoard
from sim.viz.components import Controls, RedLineSelect, ViewSelect, chart_panel, panel, watch
from sim.viz.explore import parse_seed
from sim.viz.lessons import TITLES, LessonDesk, default_view, info_html
from sim.viz.study import SEEDS, Study, seeds_from, study
from sim.viz.vega import VegaChart

LAYOUTS = ("side by side", "overlaid")


@solara.component
def LessonCard(desk: LessonDesk, changed: Callable[[], None], layout: solara.Reactive[str]):
    """Lesson, the arms compared (a dose series has five), seed and layout."""
    shown = solara.use_reactive(0)  # re-render after a choice
    watch(shown)

    def then(action):
        def run(*args) -> None:
            action(*args)
            shown.set(shown.value + 1)
            changed()

        return run

    lesson = desk.lesson
    labels = [arm.label for arm in lesson.arms]
    with solara.Card("Lesson"):
        solara.Select("Concept", values=TITLES, value=lesson.title, on_value=then(desk.choose))
        if len(labels) > 2:
            first, second = desk.arms
            solara.Select(
                "Solid line",
                values=labels,
                value=labels[first],
                on_value=then(lambda label: desk.compare(labels.index(label), second)),
            )
            solara.Select(
                "Dashed line",
                values=labels,
                value=labels[second],
                on_value=then(lambda label: desk.compare(first, labels.index(label))),
            )

        def reseed(text: str | None) -> None:
            seed, _ = parse_seed(text, desk.seed)
            desk.reseed(seed)

        solara.InputText("Seed (both arms)", value=str(desk.seed), on_value=then(reseed))
        solara.ToggleButtonsSingle(layout, values=list(LAYOUTS), classes=["escsim-layout"])


@solara.component
def LessonInfo(desk: LessonDesk, serial: solara.Reactive[int]):
    watch(serial)
    panel(info_html(desk.lesson, desk.arms), "escsim-info")


def claims_html(found: Study) -> str:
    head = "".join(f"<th>{html.escape(arm)}</th>" for arm in found.arms)
    rows = []
    for words, label, values in found.claims:
        cells = "".join(f"<td>{values[arm]:.2f}</td>" for arm in found.arms)
        rows.append(
            f"<tr><td><b>{html.escape(words)}</b><br><small>{html.escape(label)}</small></td>"
            f"{cells}</tr>"
        )
    title = "<th>Claim, and its measure (mean over the runs)</th>"
    return f"<table><tr>{title}{head}</tr>{''.join(rows)}</table>"


@solara.component
def StudyPanel(desk: LessonDesk, serial: solara.Reactive[int]):
    """Run 50 seeds of every arm in the background, with progress; then the outcome shares,
    the claims' measures and the lesson's trace with its band."""
    watch(serial)
    request = solara.use_reactive(0)
    progress = solara.use_reactive(-1.0)
    result = solara.use_reactive(None)
    lesson, seed = desk.lesson, desk.seed

    def compute() -> None:
        if request.value == 0:
            return
        progress.set(0.0)
        found = study(lesson, seeds_from(seed), progress.set)
        result.set((lesson.key, seed, found))
        progress.set(-1.0)

    solara.lab.use_task(compute, dependencies=[request.value], prefer_threaded=True)
    busy = progress.value >= 0
    with solara.Div(classes=["escsim-panel", "escsim-study"]):
        solara.HTML(tag="h3", unsafe_innerHTML=f"{SEEDS} seeds of every arm")
        with solara.Row(style={"align-items": "center"}):
            solara.Button(
                f"Run {SEEDS} seeds",
                color="primary",
                disabled=busy,
                on_click=lambda: request.set(request.value + 1),
            )
            solara.HTML(
                tag="span",
                unsafe_innerHTML=f"seeds {seed} to {seed + SEEDS - 1}, the same in every arm",
                classes=["escsim-help"],
            )
        if busy:
            solara.ProgressLinear(value=progress.value * 100, classes=["escsim-progress"])
        if result.value is None or result.value[:2] != (lesson.key, seed):
            return
        found = result.value[2]
        trace = TRACES[lesson.trace]
        names = [level.label for level in CONDUCT.levels] if trace.rungs else None
        how = "median and quartiles" if trace.summary == "median" else "mean and 95% interval"
        first = desk.runs[0]
        solara.HTML(tag="div", unsafe_innerHTML=claims_html(found), classes=["escsim-claims"])
        with solara.Div(classes=["escsim-shares"]):
            VegaChart.element(
                spec=charts.shares_spec(list(found.arms)),
                datasets={"shares": found.shares},
                version=request.value,
            )
        with solara.Div(classes=["escsim-bands"]):
            VegaChart.element(
                spec=charts.bands_spec(
                    f"{trace.label}: {how} over {len(found.seeds)} runs",
                    names,
                    first.steps,
                    first.unit,
                    list(found.arms),
                ),
                datasets={"bands": found.bands},
                version=request.value,
            )


@solara.component
def LessonView(desk: LessonDesk):
    board = solara.use_memo(PairBoard, [])
    serial = solara.use_reactive(0)
    lock = solara.use_memo(threading.Lock, [])
    view = solara.use_reactive(default_view(desk.runs[0].scenario))
    red_line = solara.use_reactive(0)
    layout = solara.use_reactive(LAYOUTS[0])
    overlaid = layout.value == LAYOUTS[1]

    def first():
        return desk.runs[0]

    def refresh() -> None:
        board.show(desk, view.value, red_line.value, layout.value == LAYOUTS[1])

    def changed() -> None:
        with lock:
            view.set(default_view(desk.runs[0].scenario))
            serial.set(serial.value + 1)
            refresh()

    solara.use_effect(refresh, [view.value, red_line.value, layout.value])
    with solara.Sidebar():
        LessonCard(desk, changed, layout)
    LessonInfo(desk, serial)
    Controls(desk, refresh, serial, lock, new_label="Restart both")
    with solara.Row():
        ViewSelect(first, serial, view)
        RedLineSelect(first, serial, red_line)
    with solara.Columns([6, 6]):
        for k in range(2):
            with solara.Column():
                solara.Div(children=[board.status[k]])
                if not overlaid:
                    chart_panel(board.ladders[k], f"escsim-arm{k}")
    if overlaid:
        chart_panel(board.overlay, "escsim-overlay")
    with solara.Columns([7, 5]):
        chart_panel(board.measures, "escsim-measures")
        solara.Div(children=[board.monitors])
    with solara.Columns([6, 6]):
        for k in range(2):
            with solara.Div(classes=["escsim-panel"]):
                solara.HTML(tag="h3", unsafe_innerHTML="Key events")
                solara.Div(children=[board.keys[k]])
    StudyPanel(desk, serial)
