"""Driving the dashboard in headless Chromium, shared by the browser test and the load
benchmark: start ``escsim viz`` on a free port with a tripwire standing in for Solara's CDN
(any server-side CDN attempt lands there), and watch a page for errors and requests that
leave localhost."""

from __future__ import annotations

import contextlib
import http.server
import os
import re
import signal
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Each visitor of a class looks at its own page: no page is a background tab whose
    # timers and rendering Chromium would slow down.
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
]
#: Console messages Solara's own page always logs (not ours, harmless).
KNOWN_CONSOLE = ("Failed to evaluate Vue script and find module.exports",)
START_TIMEOUT = 180
#: Long enough for a loaded 2-core machine; every wait ends as soon as its state is reached.
WAIT = 180_000
#: The Vega view of the chart inside an element (``vega.vue`` keeps it on the plot element).
VIEW = "el => el.querySelector('.escsim-chart > div').escsimView"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Tripwire:
    """A local HTTP server that records every request; it answers 404."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        seen = self.requests

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                seen.append(self.path)
                self.send_error(404)

            def log_message(self, *args) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@dataclass
class Dashboard:
    """``escsim viz`` running on ``url``; ``cdn_requests`` are the server's CDN attempts."""

    url: str
    process: subprocess.Popen
    tripwire: Tripwire
    log: Path

    @property
    def cdn_requests(self) -> list[str]:
        return list(self.tripwire.requests)

    def server_pid(self) -> int:
        """The Solara server: the child process of ``escsim viz``."""
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            with contextlib.suppress(OSError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == self.process.pid:
                    return int(entry.name)
        raise RuntimeError("the dashboard server process is not running")


@contextlib.contextmanager
def dashboard(log: Path, file: Path | None = None, extra_env: dict | None = None):
    """Start ``escsim viz`` (its output to ``log``); stop it with SIGTERM (handled like
    Ctrl-C, which stops the server child too), or kill its process group."""
    port = free_port()
    tripwire = Tripwire()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "COLUMNS": "200",
        "SOLARA_ASSETS_CDN": tripwire.url,
        **(extra_env or {}),
    }
    args = [sys.executable, "-m", "sim", "viz", "--port", str(port)]
    if file is not None:
        args.insert(4, str(file))
    with open(log, "w") as out:
        process = subprocess.Popen(
            args,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=out,
            text=True,
            env=env,
            start_new_session=True,
        )
    try:
        line = _first_line(process)
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not match or int(match.group(1)) != port:
            raise RuntimeError(f"escsim viz did not start: {line!r}; see {log}")
        yield Dashboard(match.group(0), process, tripwire, log)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        tripwire.close()


def _first_line(process: subprocess.Popen) -> str:
    """The address line ``escsim viz`` prints once the server answers."""
    found: list[str] = []
    reader = threading.Thread(target=lambda: found.append(process.stdout.readline()))
    reader.start()
    reader.join(START_TIMEOUT)
    return found[0] if found else ""


@dataclass
class Watch:
    """What a page did that it must not: errors, console warnings of ours, and requests that
    left the dashboard's address."""

    origin: str
    problems: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("console", self._console)
        page.on("request", self._request)
        page.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url}"))
        page.on("response", self._response)

    def _response(self, response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _console(self, message) -> None:
        if message.type not in ("error", "warning"):
            return
        if any(known in message.text for known in KNOWN_CONSOLE):
            return
        self.problems.append(f"console {message.type}: {message.text}")

    def _request(self, request) -> None:
        url = request.url
        if not (url.startswith(self.origin) or url.startswith(("data:", "blob:"))):
            self.problems.append(f"request off localhost: {url}")


# ------------------------------------------------------------------------------ a page
def week_of(page, css: str = ".escsim-status") -> int:
    return int(page.locator(f"{css} .escsim-week").first.get_attribute("data-week"))


def drawn(page, css: str, name: str) -> list[dict]:
    """The rows chart ``css`` has drawn from its dataset ``name``."""
    return page.locator(css).first.evaluate(f"el => ({VIEW})(el).data({name!r})")


def wait_drawn(page, css: str, week: int) -> None:
    """Until the chart in ``css`` has drawn its paths up to ``week``."""
    page.wait_for_function(
        f"""week => {{
            const el = document.querySelector({css!r});
            const view = el && ({VIEW})(el);
            if (!view) return false;
            const rows = view.data('paths');
            return rows.length > 0 && Math.max(...rows.map(r => r.week)) === week;
        }}""",
        arg=week,
    )


def press(page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()


def step_to(page, week: int, css: str = ".escsim-ladder") -> None:
    while week_of(page) < week:
        now = week_of(page)
        press(page, "Step")
        page.wait_for_function(
            "n => Number(document.querySelector('.escsim-week').dataset.week) > n", arg=now
        )
    wait_drawn(page, css, week)


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the Vuetify select labelled ``label``: open its menu (again, if a
    re-render closed it) and scroll the menu until the option is drawn (long lists are drawn
    as they scroll)."""
    page.wait_for_function(
        """([label, option]) => {
            const menu = document.querySelector('.menuable__content__active');
            if (!menu) {
                const field = [...document.querySelectorAll('.v-select')].find(
                    s => s.querySelector('label')?.innerText.trim() === label);
                field?.querySelector('.v-select__slot')?.click();
                return false;
            }
            const items = [...menu.querySelectorAll('.v-list-item')];
            if (items.some(item => item.innerText.trim() === option)) return true;
            menu.scrollTop = menu.scrollHeight;
            return false;
        }""",
        arg=[label, option],
        polling=250,
    )
    menu = page.locator(".menuable__content__active .v-list-item")
    menu.filter(has_text=re.compile(f"^{re.escape(option)}$")).first.click()
    page.wait_for_function(
        "([label, option]) => [...document.querySelectorAll('.v-select')].some(s => "
        "s.querySelector('label')?.innerText.trim() === label && s.innerText.includes(option))",
        arg=[label, option],
    )
