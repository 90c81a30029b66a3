"""Play a side on the page: the student takes one actor; each week the page offers that actor's
open moves with the calculus's view of them, the rest of the world answers by the model's
rules, and the debrief sets the student's path beside the model's own run on the same seed."""

from __future__ import annotations

import html
import threading
from collections.abc import Callable

import solara

from sim.viz import charts, data
from sim.viz.board import RunBoard, overlay_datasets
from sim.viz.components import (
    ExportPanel,
    RedLineSelect,
    ViewSelect,
    board_panels,
    panel,
    use_log_groups,
    watch,
)
from sim.viz.explore import parse_seed
from sim.viz.play import Debrief, Decision, Game, Player, playable
from sim.viz.texts import monitors_html, shown_view, status_html
from sim.viz.vega import VegaChart

HELP = (
    "<b>Play a side.</b> Choose a scenario and the actor you play, then <b>Start</b>. Each "
    "week pick your moves: each button shows the move, the rung it leads to, its value in the "
    "model's calculus (relative to holding; higher is better for the actor as the model sees "
    "it) and the chance that the model itself would make it; &#9733; marks the model's own "
    "pick, which each decision starts at. <b>Play this week</b> makes your moves; everyone "
    "else answers by the model's rules. <b>Debrief</b> compares your path with the model's "
    "own run on the same seed (the same dice fall in both)."
)


def option_words(decision: Decision, move: int) -> str:
    option = decision.option(move)
    star = "\u2605 " if option.model_pick else ""
    chance = f" · {option.chance:.0%}" if option.chance is not None else ""
    return f"{star}{option.words} · {option.utility:+.2f}{chance}"


@solara.component
def DecisionRow(game: Game, decision: Decision, turn: solara.Reactive[int]):
    words = [option_words(decision, o.move) for o in decision.options]
    moves = [o.move for o in decision.options]
    chosen = words[moves.index(game.chosen[decision.key])]
    doctrine = f" (its doctrine: {decision.doctrine})" if decision.doctrine else ""
    with solara.Div(classes=["escsim-decision"]):
        solara.HTML(
            tag="div",
            unsafe_innerHTML=f"<b>{html.escape(decision.title)}</b>: now "
            f"{html.escape(decision.now)}{html.escape(doctrine)}"
            + (f" — <i>{html.escape(decision.fixed)}</i>" if decision.fixed else ""),
        )
        if decision.fixed:
            return

        def choose(word: str) -> None:
            game.choose(decision.key, moves[words.index(word)])
            turn.set(turn.value + 1)

        solara.ToggleButtonsSingle(
            chosen,
            values=words,
            on_value=choose,
            dense=True,
            classes=["escsim-choice"],
            style={"flex-wrap": "wrap"},
        )


@solara.component
def DecisionPanel(
    player: Player, turn: solara.Reactive[int], lock: threading.Lock, moved: Callable[[], None]
):
    """This week's decisions of the student's actor, and the buttons that play them."""
    watch(turn)
    game = player.game

    def act(action: Callable[[], object]) -> Callable[[], None]:
        def run() -> None:
            with lock:
                action()
            turn.set(turn.value + 1)
            moved()

        return run

    with solara.Div(classes=["escsim-panel", "escsim-decisions"]):
        week = game.run.week + 1
        title = f"You are {game.actor}: week {week}" if not game.run.done else "The run is over"
        solara.HTML(tag="h3", unsafe_innerHTML=html.escape(title))
        for decision in game.decisions:
            DecisionRow(game, decision, turn).key(f"{week}-{decision.channel}-{decision.column}")
        with solara.Row():
            solara.Button(
                "Play this week",
                color="primary",
                on_click=act(game.play_week),
                disabled=game.run.done,
            )
            solara.Button(
                "Undo last week", outlined=True, on_click=act(game.undo), disabled=not game.turns
            )
            solara.Button("Debrief", outlined=True, on_click=act(player.debrief))


def departures_html(debrief: Debrief, unit: str) -> str:
    if not debrief.departures:
        return "<p>You made every move the model would have made: your path is its own.</p>"
    rows = "".join(
        f"<tr><td>{unit.capitalize()} {t.week}</td><td>{html.escape(t.title)}</td>"
        f"<td>{html.escape(t.yours)}</td><td>{html.escape(t.model)}</td>"
        f"<td>{t.regret:+.2f}</td></tr>"
        for t in debrief.departures
    )
    return (
        f"<p>You departed from the model's pick in {len(debrief.departures)} of "
        f"{debrief.decisions} decisions (the calculus valued your moves {debrief.regret:.2f} "
        "lower in all).</p><table><tr><th></th><th>Decision</th><th>Your move</th>"
        f"<th>The model's pick</th><th>Value given up</th></tr>{rows}</table>"
    )


@solara.component
def DebriefPanel(player: Player, turn: solara.Reactive[int], view: solara.Reactive[str]):
    watch(turn)
    debrief, game = player.debriefed, player.game
    if debrief is None or game is None:
        return
    you, alone = game.run, debrief.alone
    shown = shown_view(you, view.value)
    series = data.series_names(you.sim, shown)
    spec = charts.ladder_spec(
        you.sim.world.ladder,
        you.steps,
        you.unit,
        series,
        arms=[you.label, alone.label],
        title="Your path (solid) and the model's own run on the same seed (dashed)",
    )
    with solara.Div(classes=["escsim-panel", "escsim-debrief"]):
        solara.HTML(tag="h3", unsafe_innerHTML=f"Debrief after {you.unit} {you.week}")
        with solara.Columns([6, 6]):
            solara.HTML(tag="div", unsafe_innerHTML=status_html(you))
            solara.HTML(tag="div", unsafe_innerHTML=status_html(alone))
        with solara.Div(classes=["escsim-debrief-ladder"]):
            VegaChart.element(
                spec=spec, datasets=overlay_datasets((you, alone), shown), version=turn.value
            )
        panel(monitors_html([(you.label, you), (alone.label, alone)]), "escsim-monitors")
        panel(departures_html(debrief, you.unit), "escsim-departures")


@solara.component
def StartCard(player: Player, started: Callable[[str, str, int], None]):
    """Scenario, actor and seed of a new game."""
    catalog = player.catalog
    key = solara.use_reactive(catalog.initial)
    actors = playable(catalog.entries[key.value].scenario)
    actor = solara.use_reactive(actors[0])
    seed = solara.use_reactive(str(catalog.entries[key.value].scenario.run.seed))
    if actor.value not in actors:
        actor.set(actors[0])
    with solara.Card("Play a side"):
        solara.Select("Scenario", values=catalog.keys, value=key)
        solara.Select("You play", values=actors, value=actor.value, on_value=actor.set)
        solara.InputText("Seed", value=seed)

        def start() -> None:
            scenario = catalog.entries[key.value].scenario
            started(key.value, actor.value, parse_seed(seed.value, scenario.run.seed)[0])

        solara.Button("Start", color="primary", on_click=start)


@solara.component
def PlayView(player: Player):
    board = solara.use_memo(RunBoard, [])
    turn = solara.use_reactive(0)
    serial = solara.use_reactive(0)
    lock = solara.use_memo(threading.Lock, [])
    view = solara.use_reactive(data.KEY_DYADS)
    red_line = solara.use_reactive(0)
    groups = use_log_groups()
    watch(serial)

    def refresh() -> None:
        if player.game is not None:
            board.show(player.game.run, view.value, red_line.value, groups.value)

    def started(key: str, actor: str, seed: int) -> None:
        with lock:
            player.start(key, actor, seed)
            game = player.game
            view.set(actor if actor in data.pairs(game.run.sim) else data.KEY_DYADS)
        serial.set(serial.value + 1)
        turn.set(turn.value + 1)
        refresh()

    solara.use_effect(refresh, [view.value, red_line.value, tuple(groups.value), serial.value])
    with solara.Sidebar():
        StartCard(player, started)
    panel(HELP, "escsim-help")
    if player.game is None:
        return

    def run():
        return player.game.run

    DecisionPanel(player, turn, lock, refresh)
    DebriefPanel(player, turn, view)
    with solara.Row():
        ViewSelect(run, serial, view)
        RedLineSelect(run, serial, red_line)
    board_panels(board, groups)
    ExportPanel(run, view, red_line)
