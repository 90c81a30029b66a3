"""The page ``solara run`` serves. ``escsim viz`` starts it; the scenario file to open first
comes in the environment variable ``ESCSIM_VIZ_FILE``. Each browser tab is one visitor with
its own runs; when the tab closes, its models are released."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import solara

from sim.viz.catalog import Catalog, load_catalog
from sim.viz.components import CSS
from sim.viz.explore_view import ExploreView
from sim.viz.lesson_view import LessonView
from sim.viz.play_view import PlayView
from sim.viz.visitor import MODES, Visitor

FILE_VARIABLE = "ESCSIM_VIZ_FILE"


@functools.cache
def catalog() -> Catalog:
    """The scenarios on offer, read once per server (scenarios are immutable)."""
    file = os.environ.get(FILE_VARIABLE)
    return load_catalog(Path(file) if file else None)


@solara.component
def Page():
    solara.Style(CSS)
    visitor = solara.use_memo(lambda: Visitor(catalog()), [])
    solara.use_effect(lambda: visitor.close, [])
    mode = solara.use_reactive(MODES[0])
    with solara.AppBar():
        solara.AppBarTitle("escsim: escalation dashboard")
        solara.ToggleButtonsSingle(mode, values=list(MODES), classes=["escsim-modes"])
    if mode.value == MODES[0]:
        ExploreView(visitor.explorer)
    elif mode.value == MODES[1]:
        LessonView(visitor.desk)
    else:
        PlayView(visitor.player)
