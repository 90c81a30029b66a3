"""Regenerate the dashboard's screenshots in docs/img/ (maintainers only: it overwrites tracked
files; the browser test never does). Starts ``escsim viz`` with a tripwire for CDN requests,
drives headless Chromium and writes:

* dashboard.png: explore mode, a change of one knob compared with the previous run;
* dashboard_lesson.png: lesson mode, two arms overlaid and fifty seeds of each;
* dashboard_play.png: playing Blueland in a teaching duel, with the debrief.

    python docs/dashboard_screenshots.py

Needs the viz extra, playwright and /usr/bin/chromium.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser_helpers import (  # noqa: E402
    ARGS,
    CHROMIUM,
    WAIT,
    Watch,
    choose,
    dashboard,
    press,
    step_to,
    wait_drawn,
)

IMAGES = ROOT / "docs" / "img"


def explore(page) -> None:
    step_to(page, 20)
    slider = page.locator(".v-input", has=page.locator("label", has_text="Misperception"))
    slider.locator("[role=slider]").first.focus()
    for _ in range(20):
        page.keyboard.press("ArrowRight")
    page.wait_for_selector(".escsim-pending")
    press(page, "New run")
    page.wait_for_function("() => document.querySelector('.escsim-week').dataset.week === '0'")
    step_to(page, 20)


def lesson(page) -> None:
    page.locator(".escsim-modes").get_by_role("button", name="Lesson").click()
    page.wait_for_selector(".escsim-arm1 .escsim-chart[data-version]")
    page.get_by_role("button", name="overlaid").click()
    page.wait_for_selector(".escsim-overlay .escsim-chart[data-version]")
    for _ in range(12):
        press(page, "Step")
    wait_drawn(page, ".escsim-overlay", 12)
    press(page, "Run 50 seeds")
    page.wait_for_selector(".escsim-bands .escsim-chart[data-version]")
    page.locator(".escsim-overlay").scroll_into_view_if_needed()


def play(page) -> None:
    page.locator(".escsim-modes").get_by_role("button", name="Play a side").click()
    page.locator(".v-card", has_text="Play a side").wait_for()
    choose(page, "Scenario", "teaching/punishment_strong")
    choose(page, "You play", "BLU")
    press(page, "Start")
    page.locator(".escsim-decision", has_text="toward RUS").wait_for()
    for week in range(1, 9):
        buttons = page.locator(".escsim-choice .v-btn")
        labels = buttons.all_inner_texts()
        if week in (2, 5):  # two moves of the student's own
            buttons.nth(next(k for k, t in enumerate(labels) if not t.startswith("★"))).click()
        press(page, "Play this week")
        page.wait_for_function(
            "w => document.querySelector('.escsim-week').dataset.week === String(w)", arg=week
        )
    press(page, "Debrief")
    page.wait_for_selector(".escsim-debrief-ladder .escsim-chart[data-version]")


def main() -> None:
    from playwright.sync_api import sync_playwright

    IMAGES.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory() as folder,
        dashboard(Path(folder) / "server.log") as board,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        for name, drive, height in (
            ("dashboard.png", explore, 1500),
            ("dashboard_lesson.png", lesson, 3000),
            ("dashboard_play.png", play, 1700),
        ):
            page = browser.new_page(viewport={"width": 1500, "height": height})
            page.set_default_timeout(WAIT)
            watch = Watch(board.url)
            watch.attach(page)
            page.goto(board.url, wait_until="domcontentloaded")
            page.wait_for_selector(".escsim-ladder .escsim-chart[data-version]")
            drive(page)
            page.mouse.move(0, 0)
            page.screenshot(path=str(IMAGES / name))
            if watch.problems:
                raise SystemExit("\n".join(watch.problems))
            page.close()
            print(f"wrote {IMAGES / name}")
        browser.close()


if __name__ == "__main__":
    main()
