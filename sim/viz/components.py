"""Solara components of the dashboard: the scenario and parameter card in the sidebar, and the
main panels (status and outcome, ladder chart, network, event log)."""

from __future__ import annotations

import html

import solara
from mesa.visualization.utils import force_update, update_counter

from sim.viz.figures import ladder_figure, log_html, network_figure, status_text
from sim.viz.parameters import KNOBS, format_value, knob_range, knob_values
from sim.viz.session import DashboardModel, Session, Settings

CSS = """
.escsim-panel { background: white; color: #222; border-radius: 6px; padding: 8px 10px;
  box-shadow: 0 1px 3px rgba(0,0,0,.12); margin-bottom: 12px; }
.escsim-panel img { max-width: 100%; height: auto; display: block; }
.escsim-panel h3 { font-size: 15px; font-weight: 600; margin: 2px 0 6px 0; }
.escsim-log { max-height: 420px; overflow-y: auto; font-size: 13px; line-height: 1.35; }
.escsim-event { padding: 2px 6px; border-left: 3px solid transparent; }
.escsim-event.redline { background: #FDECEA; border-left-color: #C62828; font-weight: 600; }
.escsim-event.alliance { background: #E8F0FB; border-left-color: #1565C0; }
.escsim-event.misread { color: #6A4C93; }
.escsim-when { display: inline-block; min-width: 64px; color: #777; font-weight: 400; }
.escsim-status { font-size: 14px; }
.escsim-outcome { font-size: 17px; font-weight: 700; color: #1B5E20; }
.escsim-pending { color: #8A5A00; font-size: 13px; }
.escsim-help { font-size: 13px; color: #444; }
"""

HELP = """
**How to use it.** Pick a scenario and move the sliders in the sidebar, then press **Reset**:
the next run uses them with the same seed, so any difference comes from your change. Press
**Step** to advance one week, or **Play** to run. The previous run's key-dyad paths stay on the
ladder chart as faded dashed lines. Change the seed to roll other dice.
"""


@solara.component
def ScenarioControls(session: Session):
    """Scenario picker and the teaching sliders; they take effect at the next Reset."""
    settings = session.settings
    current: Settings = settings.value
    catalog = session.catalog
    entry = catalog.entries[current.scenario]
    written = knob_values(entry.scenario)

    def pick(key: str) -> None:
        settings.value = session.default_settings(key)

    def setter(key: str):
        def set_value(value: float) -> None:
            settings.value = Settings(
                settings.value.scenario, {**settings.value.values, key: float(value)}
            )

        return set_value

    with solara.Card("Scenario and parameters"):
        solara.Select("Scenario", value=current.scenario, values=catalog.keys, on_value=pick)
        if entry.scenario.description:
            solara.Text(entry.scenario.description.strip(), style={"font-size": "12px"})
        for knob in KNOBS:
            low, high = knob_range(knob, written[knob.key])
            value = current.values[knob.key]
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
        with solara.Row():
            solara.Button(
                "Scenario's values", text=True, on_click=lambda: pick(settings.value.scenario)
            )

            def forget() -> None:
                session.clear_reference()
                force_update()

            solara.Button("Forget previous run", text=True, on_click=forget)
        solara.Text("Press Reset to apply.", style={"font-size": "12px", "color": "#666"})


@solara.component
def StatusPanel(model: DashboardModel, session: Session):
    update_counter.get()
    wanted = session.settings.value
    where, outcome = status_text(model)
    with solara.Div(classes=["escsim-panel", "escsim-status"]):
        solara.HTML(
            tag="div",
            unsafe_innerHTML=(
                f"<b>{html.escape(model.settings.scenario)}</b> · seed {model.seed} · {where}"
            ),
        )
        if outcome:
            solara.HTML(
                tag="div", unsafe_innerHTML=html.escape(outcome), classes=["escsim-outcome"]
            )
        if model.notice:
            solara.Warning(model.notice, dense=True)
        if wanted != model.settings:
            solara.HTML(
                tag="div",
                unsafe_innerHTML="Changed settings apply when you press Reset.",
                classes=["escsim-pending"],
            )
        reference = session.reference
        if reference is not None:
            shared = set(reference.levels) & set(model.recorder.key_dyads)
            text = (
                f"Faded lines: {reference.label}."
                if shared
                else f"Not drawn ({reference.label}): its key dyads differ from this run's."
            )
            solara.HTML(tag="div", unsafe_innerHTML=html.escape(text), classes=["escsim-help"])


@solara.component
def LadderPanel(model: DashboardModel, session: Session):
    counter = update_counter.get()
    reference = session.reference.levels if session.reference else None
    figure = ladder_figure(model, reference)
    with solara.Div(classes=["escsim-panel", "escsim-ladder"]):
        solara.FigureMatplotlib(
            figure, format="png", dependencies=[id(model), counter, id(reference)]
        )


@solara.component
def NetworkPanel(model: DashboardModel):
    counter = update_counter.get()
    figure = network_figure(model)
    with solara.Div(classes=["escsim-panel", "escsim-network"]):
        solara.FigureMatplotlib(figure, format="png", dependencies=[id(model), counter])


@solara.component
def EventLog(model: DashboardModel):
    update_counter.get()
    with solara.Div(classes=["escsim-panel"]):
        solara.HTML(tag="h3", unsafe_innerHTML="Event log (latest first; red lines highlighted)")
        solara.HTML(tag="div", unsafe_innerHTML=log_html(model), classes=["escsim-log"])


@solara.component
def Dashboard(model: DashboardModel, session: Session):
    solara.Style(CSS)
    StatusPanel(model, session)
    LadderPanel(model, session)
    with solara.Columns([6, 6]):
        EventLog(model)
        NetworkPanel(model)
    with solara.Div(classes=["escsim-panel", "escsim-help"]):
        solara.Markdown(HELP)
        if session.catalog.problems:
            solara.Markdown("**Scenarios left out:** " + "; ".join(session.catalog.problems))
