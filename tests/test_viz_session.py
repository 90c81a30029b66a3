"""The dashboard's logic without a browser: a run and going back, the event log, what the charts
and monitors show, where a run stands, explore mode's previous run, export, lesson mode, the
fifty-seed study, playing a side and releasing a closed visitor's models."""

from __future__ import annotations

import io
import zipfile

import mesa
import numpy as np
import pytest

from sim.model.state import AT_WAR
from sim.model.tables import events_columns
from sim.outcomes import OUTCOME_BY_NAME, OUTCOMES, PASSAGE_INDEX
from sim.scenario import load_scenario
from sim.teaching.lessons import LESSONS
from sim.viz import charts, data
from sim.viz.catalog import load_catalog
from sim.viz.eventlog import DEFAULT_GROUPS, GROUPS, RED_LINE_KINDS, is_article5, is_key
from sim.viz.explore import Explorer, Settings
from sim.viz.export import csv_zip, png
from sim.viz.lessons import TITLES, LessonDesk, info_html
from sim.viz.play import Game, playable
from sim.viz.run import Run
from sim.viz.study import study
from sim.viz.texts import ladder_datasets, monitors_html, status_html
from sim.viz.visitor import Visitor
from tests.conftest import BASELINE, SCENARIOS
from tests.viz_helpers import duel


@pytest.fixture(scope="module")
def baseline():
    return load_scenario(BASELINE)


@pytest.fixture(scope="module")
def crossed():
    """A run of the aid-surge scenario in which a red line is crossed (the first such seed)."""
    scenario = load_scenario(SCENARIOS / "aid_surge_redline.yaml")
    for seed in range(1, 40):
        run = Run(scenario, seed, "aid surge")
        run.run_to(run.steps)
        if any(e["kind"] == "red_line_crossed" for e in run.log.events):
            return run
        run.close()
    pytest.fail("no seed of aid_surge_redline crosses a red line")


def registered(*models) -> bool:
    return any(model in mesa.Agent._ids for model in models)


# ------------------------------------------------------------------------------ runs
def test_a_run_refuses_a_step_past_its_end():
    run = Run(duel(steps=3), 1, "duel")
    assert [run.step() for _ in range(4)] == [True, True, True, False]
    assert run.week == 3 and run.done
    run.close()
    assert not registered(run.model)


def test_going_back_replays_the_same_run(baseline):
    run = Run(baseline, 5, "baseline")
    run.run_to(12)
    levels = run.sim.recorder.key_levels[:13].copy()
    rows = [(r.step, r.text) for r in run.log.rows]
    old = run.model
    run.back(4)
    assert run.week == 8 and not registered(old)
    assert all(r.step <= 8 for r in run.log.rows)
    run.run_to(12)
    np.testing.assert_array_equal(run.sim.recorder.key_levels[:13], levels)
    assert [(r.step, r.text) for r in run.log.rows] == rows
    run.back(50)
    assert run.week == 0 and not run.log.rows
    run.close()


# ------------------------------------------------------------------------------ event log
def test_the_log_reads_each_event_once_in_words(crossed):
    events = crossed.log.events
    assert len(events) == crossed.sim.log.view()["replicate"].size  # R = 1: every row once
    assert [e["step"] for e in events] == sorted(e["step"] for e in events)
    groups = {g.key for g in GROUPS}
    assert all(row.group in groups and row.text for row in crossed.log.rows)
    keys = crossed.log.key_rows()
    assert keys and all(row.key for row in keys)
    assert {row.kind for row in keys} >= {"red_line_crossed"}
    for event in events:
        if event["kind"] in RED_LINE_KINDS or is_article5(event):
            assert is_key(event)


def test_events_can_be_read_from_a_row_on(crossed):
    whole = events_columns(crossed.sim)
    tail = events_columns(crossed.sim, start=10)
    assert set(tail) == set(whole)
    for name, column in whole.items():
        np.testing.assert_array_equal(tail[name], column[10:])


def test_log_filters_choose_kinds_latest_first(crossed):
    rows, more = crossed.log.chosen(DEFAULT_GROUPS, 10_000)
    assert more == 0 and "misreads" not in DEFAULT_GROUPS
    assert all(row.group in DEFAULT_GROUPS for row in rows)
    assert [r.step for r in rows] == sorted((r.step for r in rows), reverse=True)
    only, _ = crossed.log.chosen(["red_lines"], 10_000)
    assert only and {row.kind for row in only} <= set(RED_LINE_KINDS)
    assert crossed.log.chosen([], 10) == ([], 0)
    few, left = crossed.log.chosen(DEFAULT_GROUPS, 5)
    assert len(few) == 5 and left == len(rows) - 5


# ------------------------------------------------------------------------------ charts' data
def test_a_pair_is_shown_both_ways(baseline):
    run = Run(baseline, 2, "baseline")
    run.run_to(9)
    sim, world = run.sim, run.sim.world
    assert data.pairs(sim)[0] == data.KEY_DYADS and "UKR" not in data.pairs(sim)
    rows = data.path_rows(sim, "POL")
    assert {r["series"] for r in rows} == {"RUS → POL", "POL → RUS"}
    directed = sim.recorder.buffers[("directed", "level")]
    for name, d in (
        ("RUS → POL", world.dyad[(world.rus, world.index["POL"])]),
        ("POL → RUS", world.dyad[(world.index["POL"], world.rus)]),
    ):
        series = [r for r in rows if r["series"] == name]
        assert [r["week"] for r in series] == list(range(10))
        assert [r["rung"] for r in series] == directed[:10, 0, d].astype(int).tolist()
    offsets = sorted(r["y"] - r["rung"] for r in rows if r["week"] == 0)
    assert offsets == pytest.approx([-0.05, 0.05])
    assert all(type(r["y"]) is float and type(r["rung"]) is int for r in rows)
    keys = data.path_rows(sim)
    assert {r["series"] for r in keys} == {name for name, _, _ in world.key_dyads}
    run.close()


def test_markers_mark_each_red_line_article_and_the_known_outcome(crossed):
    events = crossed.log.events
    weeks = {e["step"] for e in events if e["kind"] == "red_line_crossed"}
    weeks |= {e["step"] for e in events if e["kind"] == "article4" or is_article5(e)}
    standing = data.standing(crossed.sim)
    if standing.week is not None:
        weeks.add(standing.week)
    markers = data.marker_rows(crossed.sim, events)
    assert {m["week"] for m in markers} == weeks
    assert len(markers) == len(weeks)  # one marker a week
    for marker in markers:
        if "red line" in marker["full"]:
            answered = {
                e["kind"] for e in events if e["step"] == marker["week"] and e["kind"] != "action"
            }
            words = {"red_line_enforced": "enforced", "red_line_bluff": "bluff called"}
            assert any(words[k] in marker["full"] for k in answered & set(words))
        assert len(marker["text"]) <= data.MARKER_TEXT


def test_measures_follow_cohesion_support_and_the_red_line_owner(crossed):
    sim = crossed.sim
    lines = data.red_lines(sim)
    assert lines
    line = lines[0]
    rows = data.measure_rows(sim, line)
    names = {r["measure"] for r in rows}
    owner = sim.world.ids[line.owner]
    assert {"NATO cohesion", "EU cohesion", "support in RUS", "support in UKR"} <= names
    assert {f"{owner}'s reputation", f"{owner}'s credibility"} <= names
    for measure in ("reputation", "credibility"):
        values = [r["value"] for r in rows if r["measure"] == f"{owner}'s {measure}"]
        expected = sim.recorder.buffers[("directed", measure)][:, 0, list(line.dyads)].mean(axis=1)
        np.testing.assert_allclose(values, expected[: sim.t + 1], atol=1e-3)
    duel_rows = data.measure_rows(Run(duel(), 1, "duel").sim)
    assert {"support in RUS", "support in BLU"} <= {r["measure"] for r in duel_rows}


def test_monitors_read_peaks_weeks_at_war_and_red_line_counts(crossed):
    sim = crossed.sim
    found = {m.label: m.value for m in data.monitors(sim)}
    names = data.ladder_names(sim)
    for k, (name, _, _) in enumerate(sim.world.key_dyads):
        peak = int(sim.recorder.key_levels[:, 0, k].max())
        assert found[f"Peak rung {name}"] == f"{peak} {names[peak]}"
    status = sim.recorder.buffers[("war", "status")][1:, 0, 0]
    assert found["Weeks at war"] >= int((status == AT_WAR).sum())
    assert found["Weeks at war"] <= sim.t
    counts = sim.recorder.summaries()[0]
    assert found["Red lines crossed"] == counts["red_lines_crossed"] > 0
    assert found["Red lines enforced"] + found["Bluffs called"] == counts["red_lines_crossed"]


def test_the_outcome_is_shown_only_once_known(baseline):
    run = Run(baseline, 4, "baseline")
    run.run_to(6)
    running = data.standing(run.sim)
    assert not running.known and running.outcome is None
    assert "escsim-outcome" not in status_html(run)
    assert "decided at the end" in status_html(run)
    run.sim.state.record.passage[0, PASSAGE_INDEX["nuclear_use"]] = 5
    final = data.standing(run.sim)
    assert final.known and final.outcome == "nuclear_use" and final.week == 5
    assert final.colour == OUTCOME_BY_NAME["nuclear_use"].colour
    run.back(0)
    run.run_to(run.steps)
    ended = data.standing(run.sim)
    assert ended.known and ended.colour == OUTCOME_BY_NAME[ended.outcome].colour
    assert ended.severity == OUTCOME_BY_NAME[ended.outcome].severity
    assert f'data-outcome="{ended.outcome}"' in status_html(run)
    run.close()


def test_monitors_html_has_a_column_per_run(baseline):
    first, second = Run(baseline, 1, "one"), Run(baseline, 2, "two")
    first.run_to(3)
    table = monitors_html([("This run", first), ("Previous run", second)])
    assert table.count("<th>") == 3 and "Weeks at war" in table
    datasets = ladder_datasets(first, data.KEY_DYADS, second)
    assert set(datasets) == {"paths", "reference", "markers"}
    assert max(r["week"] for r in datasets["reference"]) == 0  # the other run took no step
    first.close()
    second.close()


def test_chart_specs_name_the_datasets_the_page_sends(baseline):
    run = Run(load_scenario(BASELINE), 1, "b")
    spec = charts.ladder_spec(run.sim.world.ladder, 52, "week", ["RUS-UKR", "RUS-NATO"])
    names = {layer["data"].get("name") for layer in spec["layer"]}
    assert {"paths", "reference", "markers"} <= names
    axis = spec["layer"][0]["encoding"]["y"]["axis"]
    assert axis["tickCount"] == len(run.sim.world.ladder) == len(axis["values"])
    shares = charts.shares_spec(["a", "b"])
    worst_first = [o.label for o in sorted(OUTCOMES, key=lambda o: -o.severity)]
    assert shares["encoding"]["color"]["scale"]["domain"] == worst_first
    assert charts.measures_spec(52, "week")["data"]["name"] == "measures"
    run.close()


# ------------------------------------------------------------------------------ explore
def test_a_new_run_keeps_the_previous_one_for_comparison():
    explorer = Explorer(load_catalog())
    first = explorer.run
    explorer.new_run()  # no step taken: nothing to compare with
    assert explorer.previous is None and not registered(first.model)
    for _ in range(5):
        explorer.step()
    stepped = explorer.run
    values = {**explorer.wanted.values, "misperception": 0.3}
    explorer.wanted = Settings(explorer.wanted.scenario, values, "9")
    assert explorer.pending
    explorer.new_run()
    assert explorer.previous is stepped and not explorer.pending
    assert "Misperception 0.05 -> 0.3" in explorer.change and "seed" in explorer.change
    assert explorer.run.scenario.rules.signalling.misperception == 0.3
    assert explorer.run.seed == 9
    explorer.forget_previous()
    assert explorer.previous is None and not registered(stepped.model)
    explorer.wanted = Settings(explorer.wanted.scenario, explorer.wanted.values, "x")
    explorer.new_run()
    assert "not a whole number" in explorer.notice
    explorer.close()


def test_export_has_the_tables_and_a_picture(crossed):
    archive = zipfile.ZipFile(io.BytesIO(csv_zip(crossed)))
    assert set(archive.namelist()) == {"paths.csv", "events.csv", "summary.csv"}
    events = archive.read("events.csv").decode().splitlines()
    assert len(events) == len(crossed.log.events) + 1
    picture = png(crossed, data.KEY_DYADS, data.red_lines(crossed.sim)[0])
    assert picture[:8] == b"\x89PNG\r\n\x1a\n"


# ------------------------------------------------------------------------------ lessons
def test_a_lesson_runs_its_two_arms_on_the_same_seed():
    desk = LessonDesk()
    first = next(iter(LESSONS.values()))
    assert TITLES[0] == first.title and desk.lesson is first
    assert desk.labels == [first.arms[0].label, first.arms[-1].label]
    assert desk.runs[0].seed == desk.runs[1].seed
    for _ in range(4):
        desk.step()
    assert [run.week for run in desk.runs] == [4, 4]
    series = next(lesson for lesson in LESSONS.values() if len(lesson.arms) == 5)
    desk.choose(series.title)
    assert desk.arms == (0, 4) and desk.week == 0
    old = desk.runs
    desk.compare(1, 3)
    assert desk.labels == [series.arms[1].label, series.arms[3].label]
    assert not registered(*(run.model for run in old))
    desk.reseed(17)
    assert {run.seed for run in desk.runs} == {17}
    text = info_html(series, desk.arms)
    assert series.title in text and "What to look for" in text
    assert all(question.split()[0] in text for question in series.questions)
    desk.close()


@pytest.mark.slow
def test_a_study_runs_every_arm_over_the_same_seeds():
    lesson = LESSONS["punishment"]
    heard: list[float] = []
    found = study(lesson, [1, 2, 3, 4], heard.append)
    assert heard and heard[-1] == pytest.approx(1.0) and heard == sorted(heard)
    for arm in found.arms:
        shares = [r["share"] for r in found.shares if r["arm"] == arm]
        assert sum(shares) == pytest.approx(1.0)
        weeks = [r["week"] for r in found.bands if r["arm"] == arm]
        assert weeks == list(range(len(weeks)))
        assert all(r["low"] <= r["center"] <= r["high"] for r in found.bands)
    assert [set(values) for _, _, values in found.claims] == [set(found.arms)] * len(lesson.claims)


# ------------------------------------------------------------------------------ play a side
def test_a_student_who_agrees_with_the_model_plays_its_own_run(baseline):
    game = Game(baseline, 3, "POL")
    kinds = {d.channel for d in game.decisions}
    assert kinds == {"conduct", "aid"}
    for _ in range(8):
        for decision in game.decisions:
            assert game.chosen[decision.key] == decision.model_move
            assert all(np.isfinite(o.utility) for o in decision.options)
            chances = [o.chance for o in decision.options]
            assert sum(chances) == pytest.approx(1.0)
        game.play_week()
    debrief = game.debrief()
    assert not debrief.departures and debrief.decisions > 0
    np.testing.assert_array_equal(
        game.run.sim.recorder.key_levels[:9], debrief.alone.sim.recorder.key_levels[:9]
    )
    debrief.alone.close()
    game.close()


def test_a_students_own_move_is_made_and_debriefed():
    game = Game(duel(), 2, "BLU")
    (decision,) = game.decisions  # a duel without Ukraine: conduct toward Russia only
    other = next(o for o in decision.options if not o.model_pick)
    game.choose(decision.key, other.move)
    game.play_week()
    world = game.run.sim.world
    d = world.dyad[(world.index["BLU"], world.rus)]
    scratch = game.run.sim.ctx.scratch
    assert scratch.conduct_choices.made[0, d] == other.move
    debrief = game.debrief()
    assert len(debrief.departures) == 1
    departure = debrief.departures[0]
    assert (
        departure.yours == other.words
        and departure.model == decision.option(decision.model_move).words
    )
    game.play_week()
    game.undo()
    assert game.run.week == 1 and len(game.turns) == 1
    assert game.run.sim.ctx.scratch is not None
    with pytest.raises(StopIteration):
        game.choose(decision.key, 99)
    debrief.alone.close()
    game.close()


def test_only_actors_with_moves_can_be_played(baseline):
    actors = playable(baseline)
    assert "RUS" in actors and "UKR" not in actors and "USA" in actors
    with pytest.raises(ValueError, match="no moves"):
        Game(baseline, 1, "UKR")


# ------------------------------------------------------------------------------ memory
def test_a_closed_visitor_leaves_no_model_behind():
    visitor = Visitor(load_catalog())
    visitor.explorer.step()
    visitor.explorer.new_run()
    desk = visitor.desk
    visitor.player.start("baseline", "USA", 1)
    visitor.player.game.play_week()
    visitor.player.debrief()
    models = [
        visitor.explorer.run.model,
        visitor.explorer.previous.model,
        *(run.model for run in desk.runs),
        visitor.player.game.run.model,
        visitor.player.debriefed.alone.model,
    ]
    assert all(registered(model) for model in models)
    visitor.close()
    assert not registered(*models)
