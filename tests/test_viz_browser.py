"""The dashboard in a real headless Chromium, as a class uses it: explore a scenario (step, go
back, play to the end, change a knob and compare, export), a teaching duel both ways, lesson
mode (a lesson's two arms, overlaid, fifty seeds) and playing a side (a move of one's own and
the debrief).

Every test fails on a page error, a console error or warning of ours, a request that leaves
the dashboard's address, or a CDN request by the server (a tripwire stands in for the CDN).
The charts are checked for what they show: the data drawn equals the same run made here. The
test waits on the page's state, never a fixed time; screenshots go to a temporary folder.
Skipped only where Debian's chromium (/usr/bin/chromium) is missing.
"""

from __future__ import annotations

import re
import zipfile

import pytest

from sim.teaching.lessons import LESSONS
from sim.viz import data
from sim.viz.catalog import load_catalog
from sim.viz.lessons import LessonDesk, default_view
from sim.viz.parameters import KNOBS
from sim.viz.play import Game
from sim.viz.run import Run
from tests.browser_helpers import (
    ARGS,
    CHROMIUM,
    VIEW,
    WAIT,
    Watch,
    choose,
    dashboard,
    drawn,
    press,
    step_to,
    wait_drawn,
    week_of,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="no browser: /usr/bin/chromium is missing (apt-get install -y chromium)",
    ),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    log = tmp_path_factory.mktemp("dashboard") / "server.log"
    with dashboard(log) as board:
        yield board
        assert not board.cdn_requests, f"the server asked a CDN for {board.cdn_requests}"


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(server, browser, tmp_path):
    """A fresh visitor; after the test, nothing went wrong on its page or on the server."""
    context = browser.new_context(viewport={"width": 1500, "height": 1300}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(WAIT)
    watch = Watch(server.url)
    watch.attach(page)
    page.goto(server.url, wait_until="domcontentloaded")
    page.wait_for_selector(".escsim-ladder .escsim-chart[data-version]")
    yield page
    page.screenshot(path=str(tmp_path / "last.png"))
    context.close()
    assert not watch.problems, "\n".join(watch.problems)
    assert not server.cdn_requests, f"the server asked a CDN for {server.cdn_requests}"


# ------------------------------------------------------------------------------ helpers
def rungs(rows: list[dict]) -> dict[tuple[int, str], int]:
    return {(row["week"], row["series"]): row["rung"] for row in rows}


def same_run(scenario_key: str, seed: int, week: int) -> Run:
    run = Run(load_catalog().entries[scenario_key].scenario, seed, scenario_key)
    run.run_to(week)
    return run


# ------------------------------------------------------------------------------ explore
def test_explore_draws_the_models_run_and_compares_a_change(page, tmp_path):
    step_to(page, 5)
    here = same_run("baseline", 1, 5)
    assert rungs(drawn(page, ".escsim-ladder", "paths")) == rungs(data.path_rows(here.sim))
    measures = {
        (r["week"], r["measure"]): r["value"] for r in drawn(page, ".escsim-measures", "measures")
    }
    line = data.red_lines(here.sim)[0]
    expected = {(r["week"], r["measure"]): r["value"] for r in data.measure_rows(here.sim, line)}
    assert measures == pytest.approx(expected)
    assert "Weeks at war" in page.locator(".escsim-monitors").inner_text()
    assert page.locator(".escsim-outcome").count() == 0  # not shown while the run goes on
    helps = page.locator(".escsim-help").all_inner_texts()
    assert all(any(knob.help in text for text in helps) for knob in KNOBS)

    press(page, "Back")
    page.wait_for_function("() => document.querySelector('.escsim-week').dataset.week === '4'")
    wait_drawn(page, ".escsim-ladder", 4)

    # Play to the end: the outcome appears, coloured, and no step goes past the end.
    page.get_by_role("button", name="fast").click()
    press(page, "Play")
    page.wait_for_selector(".escsim-outcome")
    wait_drawn(page, ".escsim-ladder", 52)
    here.run_to(52)
    standing = data.standing(here.sim)
    badge = page.locator(".escsim-outcome")
    assert badge.get_attribute("data-outcome") == standing.outcome
    assert standing.label in badge.inner_text()
    assert page.get_by_role("button", name="Step", exact=True).is_disabled()
    assert page.get_by_role("button", name="Play", exact=True).is_disabled()
    markers = drawn(page, ".escsim-ladder", "markers")
    assert markers == data.marker_rows(here.sim, here.log.events)

    # Export what is on screen.
    with page.expect_download() as download:
        page.get_by_text("Download CSV (zip)").click()
    archive = zipfile.ZipFile(download.value.path())
    assert set(archive.namelist()) == {"paths.csv", "events.csv", "summary.csv"}
    with page.expect_download() as download:
        page.get_by_text("Download PNG").click()
    assert download.value.path().read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    # Change one knob, keep the seed: the previous run stays as the reference.
    before = page.locator("label", has_text="Misperception").first.inner_text()
    slider = page.locator(".v-input", has=page.locator("label", has_text="Misperception"))
    slider.locator("[role=slider]").first.focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "old => [...document.querySelectorAll('label')].some(l => "
        "l.innerText.startsWith('Misperception') && l.innerText !== old)",
        arg=before,
    )
    page.wait_for_selector(".escsim-pending")
    press(page, "New run")
    page.wait_for_function("() => document.querySelector('.escsim-week').dataset.week === '0'")
    assert "Misperception 0.05 ->" in page.locator(".escsim-status").inner_text()
    step_to(page, 3)
    reference = drawn(page, ".escsim-ladder", "reference")
    assert rungs(reference) == rungs(data.path_rows(here.sim))
    assert "Previous run" in page.locator(".escsim-monitors").inner_text()
    page.screenshot(path=str(tmp_path / "explore.png"))


def test_a_teaching_duel_is_shown_both_ways(page):
    choose(page, "Scenario", "teaching/punishment_weak")
    press(page, "New run")
    page.wait_for_function(
        "() => document.querySelector('.escsim-status').innerText.includes('punishment_weak')"
    )
    choose(page, "Show on the ladder", "BLU")
    step_to(page, 4)
    shown = drawn(page, ".escsim-ladder", "paths")
    assert {row["series"] for row in shown} == {"RUS → BLU", "BLU → RUS"}
    seed = int(re.search(r"seed (\d+)", page.locator(".escsim-status").inner_text()).group(1))
    here = same_run("teaching/punishment_weak", seed, 4)
    assert rungs(shown) == rungs(data.path_rows(here.sim, "BLU"))


# ------------------------------------------------------------------------------ lessons
def test_lesson_mode_runs_a_lessons_arms_and_fifty_seeds(page):
    page.locator(".escsim-modes").get_by_role("button", name="Lesson").click()
    first = next(iter(LESSONS.values()))
    info = page.locator(".escsim-info")
    info.filter(has_text=first.title).wait_for()
    text = info.inner_text()
    assert "What to look for" in text and first.questions[0][:40] in text
    page.wait_for_selector(".escsim-arm1 .escsim-chart[data-version]")
    while week_of(page) < 3:
        now = week_of(page)
        press(page, "Step")
        page.wait_for_function(
            "n => [...document.querySelectorAll('.escsim-week')].every(e => "
            "Number(e.dataset.week) > n)",
            arg=now,
        )
    desk = LessonDesk()
    for _ in range(3):
        desk.step()
    for k, run in enumerate(desk.runs):
        wait_drawn(page, f".escsim-arm{k}", 3)
        shown = drawn(page, f".escsim-arm{k}", "paths")
        expected = data.path_rows(run.sim, default_view(run.scenario))
        assert rungs(shown) == rungs(expected)

    page.get_by_role("button", name="overlaid").click()
    page.wait_for_selector(".escsim-overlay .escsim-chart[data-version]")
    wait_drawn(page, ".escsim-overlay", 3)
    arms = {row["arm"] for row in drawn(page, ".escsim-overlay", "paths")}
    assert arms == set(desk.labels)

    press(page, "Run 50 seeds")
    page.wait_for_selector(".escsim-shares .escsim-chart[data-version]")
    page.wait_for_function(
        f"el => ({VIEW})(el) && ({VIEW})(el).data('shares').length > 0",
        arg=page.locator(".escsim-shares").element_handle(),
    )
    shares = drawn(page, ".escsim-shares", "shares")
    for arm in (a.label for a in first.arms):
        assert sum(r["share"] for r in shares if r["arm"] == arm) == pytest.approx(1.0)
    assert {r["arm"] for r in drawn(page, ".escsim-bands", "bands")} == {
        a.label for a in first.arms
    }
    assert page.locator(".escsim-claims td").count() >= len(first.arms)

    other = LESSONS["stability_instability"]
    choose(page, "Concept", other.title)
    info.filter(has_text=other.look_for[:40]).wait_for()
    desk.close()


# ------------------------------------------------------------------------------ play a side
def test_playing_a_side_makes_the_students_move_and_debriefs_it(page):
    page.locator(".escsim-modes").get_by_role("button", name="Play a side").click()
    page.locator(".v-card", has_text="Play a side").wait_for()
    choose(page, "Scenario", "teaching/punishment_strong")
    choose(page, "You play", "BLU")
    press(page, "Start")
    decisions = page.locator(".escsim-decision")
    decisions.filter(has_text="toward RUS").wait_for()
    buttons = page.locator(".escsim-choice .v-btn")
    labels = buttons.all_inner_texts()
    assert any(label.startswith("★") for label in labels)
    mine = next(k for k, label in enumerate(labels) if not label.startswith("★"))
    chosen = labels[mine]
    buttons.nth(mine).click()
    page.wait_for_function(
        "text => [...document.querySelectorAll('.escsim-choice .v-btn--active')]"
        ".some(b => b.innerText === text)",
        arg=chosen,
    )
    press(page, "Play this week")
    page.wait_for_function("() => document.querySelector('.escsim-week').dataset.week === '1'")
    press(page, "Play this week")
    page.wait_for_function("() => document.querySelector('.escsim-week').dataset.week === '2'")
    wait_drawn(page, ".escsim-ladder", 2)
    press(page, "Debrief")
    page.wait_for_selector(".escsim-departures")
    assert (
        "departed from the model's pick in 1 of 2"
        in page.locator(".escsim-departures").inner_text()
    )
    page.wait_for_function(
        f"el => ({VIEW})(el) && ({VIEW})(el).data('paths').length > 0",
        arg=page.locator(".escsim-debrief-ladder").element_handle(),
    )
    arms = {row["arm"] for row in drawn(page, ".escsim-debrief-ladder", "paths")}
    assert arms == {"you as BLU", "the model alone"}

    seed = int(re.search(r"seed (\d+)", page.locator(".escsim-status").inner_text()).group(1))
    game = Game(load_catalog().entries["teaching/punishment_strong"].scenario, seed, "BLU")
    (decision,) = game.decisions
    move = next(o.move for o in decision.options if chosen.startswith(o.words))
    game.choose(decision.key, move)
    game.play_week()
    game.play_week()
    shown = drawn(page, ".escsim-ladder", "paths")
    assert rungs(shown) == rungs(data.path_rows(game.run.sim, "BLU"))
    game.close()
