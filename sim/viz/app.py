"""The page ``solara run`` serves: Mesa's SolaraViz (controls, step, play, reset, seed) with the
escsim panels. ``escsim viz`` starts it; the scenario file to open first comes in the
environment variable ``ESCSIM_VIZ_FILE``."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import solara
from mesa.visualization import SolaraViz

from sim.viz.catalog import Catalog, load_catalog
from sim.viz.components import Dashboard, ScenarioControls
from sim.viz.session import DashboardModel, Session

FILE_VARIABLE = "ESCSIM_VIZ_FILE"


@functools.cache
def catalog() -> Catalog:
    """The scenarios on offer, read once per server (scenarios are immutable)."""
    file = os.environ.get(FILE_VARIABLE)
    return load_catalog(Path(file) if file else None)


@solara.component
def Page():
    # Everything below is per browser session: each visitor gets its own model and settings.
    session = solara.use_memo(lambda: Session(catalog()), [])
    settings = solara.use_reactive(session.wanted)
    session.settings = settings
    first_seed = solara.use_memo(
        lambda: str(catalog().entries[catalog().initial].scenario.run.seed), []
    )
    first = solara.use_memo(lambda: DashboardModel(session=session, seed=first_seed), [])
    model = solara.use_reactive(first)
    with solara.Column(style={"padding": "0 4px"}) as main:
        SolaraViz(
            model,
            components=[],
            model_params={
                "session": session,
                "seed": {"type": "InputText", "value": first_seed, "label": "Seed"},
            },
            name="escsim: escalation dashboard",
            play_interval=150,
        )
        with solara.Sidebar():
            ScenarioControls(session)
        Dashboard(model.value, session)
    return main
