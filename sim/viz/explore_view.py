"""Explore mode on the page: pick a scenario, move the knobs, set the seed, run it week by week
and compare with the previous run."""

from __future__ import annotations

import html
import threading
from collections.abc import Callable

import solara

from sim.viz import data
from sim.viz.board import RunBoard
from sim.viz.components import (
    Controls,
    ExportPanel,
    RedLineSelect,
    ViewSelect,
    board_panels,
    panel,
    use_log_groups,
)
from sim.viz.explore import Explorer, Settings
from sim.viz.parameters import KNOBS, format_value, knob_range, knob_values

HELP = (
    "<b>How to use it.</b> Pick a scenario, move a knob or change the seed, then press "
    "<b>New run</b>. With the same seed the same dice fall, so the difference between this run "
    "and the previous one (faded, dashed) comes from your change. <b>Step</b> advances one "
    "week, <b>Play</b> runs on, <b>Back</b> goes back a week."
)


def pending_html(explorer: Explorer) -> str:
    parts = []
    if explorer.notice:
        parts.append(f'<div class="escsim-pending">{html.escape(explorer.notice)}</div>')
    if explorer.pending:
        parts.append(
            '<div class="escsim-pending">Changed settings apply when you press New run.</div>'
        )
    if explorer.previous is not None:
        parts.append(
            '<div class="escsim-help">Faded dashed lines: previous run '
            f"({html.escape(explorer.change)}).</div>"
        )
    return "".join(parts)


@solara.component
def ScenarioCard(explorer: Explorer, refresh: Callable[[], None]):
    """Scenario, knobs (with what each changes) and seed: they apply at the next New run."""
    wanted = solara.use_reactive(explorer.wanted)
    settings = wanted.value
    catalog = explorer.catalog
    entry = catalog.entries[settings.scenario]
    written = knob_values(entry.scenario)

    def want(new: Settings) -> None:
        explorer.wanted = new
        wanted.set(new)
        refresh()

    def setter(key: str):
        return lambda value: want(
            Settings(settings.scenario, {**settings.values, key: float(value)}, settings.seed)
        )

    with solara.Card("Scenario and knobs"):
        solara.Select(
            "Scenario",
            value=settings.scenario,
            values=catalog.keys,
            on_value=lambda key: want(explorer.default_settings(key, settings.seed)),
        )
        if entry.scenario.description:
            solara.HTML(
                tag="div",
                unsafe_innerHTML=html.escape(entry.scenario.description.strip()),
                classes=["escsim-help"],
            )
        for knob in KNOBS:
            low, high = knob_range(knob, written[knob.key])
            value = settings.values[knob.key]
            label = f"{knob.label}: {format_value(knob, value)}"
            if knob.integer:
                solara.SliderInt(
                    label,
                    value=round(value),
                    min=int(low),
                    max=int(high),
                    step=int(knob.step),
                    on_value=setter(knob.key),
                )
            else:
                solara.SliderFloat(
                    label,
                    value=float(value),
                    min=float(low),
                    max=float(high),
                    step=knob.step,
                    on_value=setter(knob.key),
                )
            solara.HTML(tag="div", unsafe_innerHTML=html.escape(knob.help), classes=["escsim-help"])
        solara.InputText(
            "Seed",
            value=settings.seed,
            on_value=lambda seed: want(Settings(settings.scenario, settings.values, seed or "")),
        )
        with solara.Row():
            solara.Button(
                "Scenario's values",
                text=True,
                on_click=lambda: want(explorer.default_settings(settings.scenario, settings.seed)),
            )

            def forget() -> None:
                explorer.forget_previous()
                refresh()

            solara.Button("Forget previous run", text=True, on_click=forget)
        if catalog.left_out:
            solara.HTML(
                tag="div",
                unsafe_innerHTML="<b>Files that do not load (left out):</b> "
                + html.escape(", ".join(catalog.left_out)),
                classes=["escsim-help"],
            )


@solara.component
def ExploreView(explorer: Explorer):
    board = solara.use_memo(RunBoard, [])
    serial = solara.use_reactive(0)
    lock = solara.use_memo(threading.Lock, [])
    view = solara.use_reactive(data.KEY_DYADS)
    red_line = solara.use_reactive(0)
    groups = use_log_groups()

    def run():
        return explorer.run

    def refresh() -> None:
        board.show(
            explorer.run,
            view.value,
            red_line.value,
            groups.value,
            explorer.previous,
            pending_html(explorer),
        )

    solara.use_effect(refresh, [view.value, red_line.value, tuple(groups.value)])
    with solara.Sidebar():
        ScenarioCard(explorer, refresh)
    panel(HELP, "escsim-help")
    Controls(explorer, refresh, serial, lock)
    with solara.Row():
        ViewSelect(run, serial, view)
        RedLineSelect(run, serial, red_line)
    board_panels(board, groups)
    ExportPanel(run, view, red_line)
