"""The dashboard in a real headless Chromium: start ``escsim viz``, load the page, pick a
scenario, move a slider, reset, step, and check the ladder chart and event log change.

Skipped only where Debian's chromium (/usr/bin/chromium) is missing; ``.ci/run`` installs it.
Saves a screenshot in the test's temporary folder; with ``ESCSIM_UPDATE_DOCS=1`` it refreshes
``docs/img/dashboard.png`` instead (a tracked file: only when asked).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from sim.viz.catalog import load_catalog
from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
DOCS_SCREENSHOT = ROOT / "docs" / "img" / "dashboard.png"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: Words that must not appear on the page (Solara shows exceptions with these).
ERROR_WORDS = ("Traceback", "Error:", "error in step", "Exception")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="no browser: /usr/bin/chromium is missing (apt-get install -y chromium)",
    ),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def dashboard():
    """``escsim viz`` on a free port; yields its address, then stops it with SIGTERM (handled
    like Ctrl-C: the server child is stopped too). SIGINT is not used because a shell running
    the tests in the background makes its children ignore it."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "sim", "viz", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
        start_new_session=True,  # its own process group, so a hung server can be killed
    )
    try:
        line = process.stdout.readline()  # the server prints its address once it answers
        if not line:
            pytest.fail(f"escsim viz stopped: {process.stderr.read()[-2000:]}")
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match and int(match.group(1)) == port, line
        yield match.group(0)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def ladder_image(page) -> str:
    return page.locator(".escsim-ladder img").first.get_attribute("src") or ""


def log_text(page) -> str:
    return page.locator(".escsim-log").first.inner_text()


STEP_PATTERN = r"(?:Day|Week|Month) (\d+) of"


def step_count(page) -> int:
    found = re.search(STEP_PATTERN, page.locator(".escsim-status").inner_text())
    return int(found.group(1)) if found else -1


def press_step(page, times: int) -> None:
    button = page.get_by_role("button", name="Step", exact=True)
    for _ in range(times):
        before = step_count(page)
        button.click()
        page.wait_for_function(
            "n => Number((document.querySelector('.escsim-status').innerText"
            ".match(/(?:Day|Week|Month) (\\d+) of/) || [])[1]) > n",
            arg=before,
        )


def assert_no_error(page) -> None:
    text = page.locator("body").inner_text()
    for word in ERROR_WORDS:
        assert word not in text, f"{word!r} on the page:\n{text[:3000]}"


def slider(page, label_start: str):
    """The Vuetify slider whose label starts with ``label_start``."""
    box = page.locator(".v-input", has=page.locator("label", has_text=label_start)).first
    return box.locator("[role=slider]").first


def comparable_scenario(names: list[str]) -> str:
    """Another shipped scenario whose key dyads are the baseline's, so the previous run's
    faded lines show in the screenshot; any other one when there is none."""
    catalog = load_catalog()
    wanted = catalog.entries["baseline"].scenario.key_dyads
    others = [n for n in names if n != "baseline" and n in catalog.entries]
    same = [n for n in others if catalog.entries[n].scenario.key_dyads == wanted]
    return (same or others)[0]


def slider_label(page, label_start: str) -> str:
    return page.locator("label", has_text=label_start).first.inner_text()


def test_dashboard_in_browser(dashboard, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1500, "height": 1180})
            outside = []
            page.on(
                "request",
                lambda r: outside.append(r.url) if "127.0.0.1" not in r.url else None,
            )
            page.goto(dashboard, wait_until="domcontentloaded")
            page.wait_for_selector(".escsim-ladder img", timeout=60_000)
            assert_no_error(page)
            assert "No events yet" in log_text(page)
            first_chart = ladder_image(page)

            # A first run on the scenario the page opens with.
            press_step(page, 4)
            assert ladder_image(page) != first_chart, "ladder chart did not change"
            assert "No events yet" not in log_text(page), "event log did not change"
            assert step_count(page) == 4

            # Play to the end: the outcome appears.
            page.get_by_role("button", name="▶").click()
            page.wait_for_selector(".escsim-outcome", timeout=60_000)
            assert "Outcome:" in page.locator(".escsim-status").inner_text()
            assert_no_error(page)

            # Pick another scenario, move a slider, reset: the next run uses them.
            page.locator(".v-select").first.click()
            options = page.locator(".v-menu__content .v-list-item")
            options.first.wait_for()
            names = [n.strip() for n in options.all_inner_texts()]
            assert "baseline" in names, names
            chosen = comparable_scenario(names)
            options.filter(has_text=re.compile(f"^{re.escape(chosen)}$")).first.click()
            page.wait_for_selector(".escsim-pending")  # the new scenario waits for Reset
            page.wait_for_function(
                "name => document.querySelector('.v-select').innerText.includes(name)",
                arg=chosen,
            )
            before = slider_label(page, "Misperception")
            misperception = slider(page, "Misperception")
            misperception.focus()
            for _ in range(10):
                misperception.press("ArrowRight")
            page.wait_for_function(
                "([start, old]) => [...document.querySelectorAll('label')]"
                ".some(l => l.innerText.startsWith(start) && l.innerText !== old)",
                arg=["Misperception", before],
            )
            page.get_by_role("button", name="Reset", exact=True).click()
            page.wait_for_function(
                "name => document.querySelector('.escsim-status').innerText.includes(name)",
                arg=chosen,
            )
            assert step_count(page) == 0
            reset_chart, reset_log = ladder_image(page), log_text(page)
            status = page.locator(".escsim-status").inner_text()
            assert "Faded lines: previous run" in status, status
            assert "Misperception" in status, f"the slider's change was not applied: {status}"

            press_step(page, 26)
            assert_no_error(page)
            assert ladder_image(page) != reset_chart, "ladder chart did not change"
            assert log_text(page) != reset_log, "event log did not change"
            assert not outside, f"the page fetched from outside localhost: {outside[:5]}"

            page.mouse.move(0, 0)
            update = os.environ.get("ESCSIM_UPDATE_DOCS") == "1"
            screenshot = DOCS_SCREENSHOT if update else tmp_path / "dashboard.png"
            page.screenshot(path=str(screenshot))
            assert screenshot.stat().st_size > 10_000
        finally:
            browser.close()
