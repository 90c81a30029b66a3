"""A class on one machine: 30 visitors (Playwright browser contexts in headless Chromium) on
one ``escsim viz`` server, each playing the default scenario. Prints, from one run:

* alone: server CPU per step and steps per second of a single visitor pressing Step;
* loaded: each visitor's steps per second while all play at once (min, median, max; how
  many reach 1 step/s), the server's CPU per step then, and its ratio to the alone figure;
* memory: the server's resident memory before the class, with the class on, and after it
  and two more classes have come and gone (memory freed by a closed visitor is reused, so it
  does not grow per visit);
* whether any page logged an error or asked for anything off localhost, and whether the
  server tried a CDN.

    python benchmarks/bench_dashboard_load.py [--visitors 30] [--seconds 15] [--browsers 5]

Needs the viz extra, playwright and /usr/bin/chromium. Both the browsers and the server run on
this machine, so the figures are for the two of them sharing its cores.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser_helpers import ARGS, CHROMIUM, Watch, dashboard  # noqa: E402

WEEK = "() => Number(document.querySelector('.escsim-week')?.dataset.week ?? -1)"


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def browsers_cpu_seconds() -> float:
    """CPU time of every Chromium process on the machine (the visitors' browsers)."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if "chrom" not in (entry / "comm").read_text():
                continue
            total += cpu_seconds(int(entry.name))
        except (OSError, ValueError):
            continue
    return total


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def open_visitor(browser, url: str, watch: Watch):
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    watch.attach(page)
    await page.goto(url, wait_until="domcontentloaded", timeout=300_000)
    await page.wait_for_function(f"() => ({WEEK})() >= 0", timeout=300_000)
    await page.wait_for_selector(".escsim-ladder .escsim-chart[data-version]", timeout=300_000)
    return context, page


async def alone(browser, url: str, pid: int, watch: Watch, steps: int = 20) -> tuple[float, float]:
    """(server CPU seconds per step, steps per second) of one visitor pressing Step."""
    context, page = await open_visitor(browser, url, watch)
    button = page.get_by_role("button", name="Step", exact=True)
    start_cpu, start = cpu_seconds(pid), time.perf_counter()
    for week in range(1, steps + 1):
        await button.click()
        await page.wait_for_function(f"() => ({WEEK})() >= {week}")
    elapsed = time.perf_counter() - start
    cpu = cpu_seconds(pid) - start_cpu
    await context.close()
    return cpu / steps, steps / elapsed


async def open_class(browsers: list, url: str, visitors: int, watch: Watch, at_once: int = 6):
    """``visitors`` contexts spread over ``browsers`` (a class has a browser per student; a
    few browser processes share out Chromium's compositor work as separate machines would)."""
    opened = []
    for first in range(0, visitors, at_once):
        batch = range(first, min(first + at_once, visitors))
        opened += await asyncio.gather(
            *(open_visitor(browsers[k % len(browsers)], url, watch) for k in batch)
        )
    return opened


async def week_at(page) -> tuple[int, float]:
    week = await page.evaluate(WEEK)
    return week, time.perf_counter()


async def play_together(
    opened: list, pid: int, seconds: float, warm_up: float = 3.0
) -> tuple[list[float], float, float, float]:
    """Every visitor presses Play; after a warm-up, each one's weeks are counted over
    ``seconds``. Returns the steps per second of each, the server's CPU per step, and the
    shares of a core the server and the browsers used meanwhile."""
    pages = [page for _, page in opened]
    await asyncio.gather(
        *(page.get_by_role("button", name="Play", exact=True).click() for page in pages)
    )
    await asyncio.sleep(warm_up)
    starts = await asyncio.gather(*(week_at(page) for page in pages))
    start_cpu, start, start_browsers = cpu_seconds(pid), time.perf_counter(), browsers_cpu_seconds()
    await asyncio.sleep(seconds)
    ends = await asyncio.gather(*(week_at(page) for page in pages))
    elapsed = time.perf_counter() - start
    cpu = cpu_seconds(pid) - start_cpu
    browsers = browsers_cpu_seconds() - start_browsers
    rates = [
        (end - begin) / (end_time - begin_time)
        for (begin, begin_time), (end, end_time) in zip(starts, ends, strict=True)
    ]
    steps = sum(end - begin for (begin, _), (end, _) in zip(starts, ends, strict=True))
    return rates, cpu / max(steps, 1), cpu / elapsed, browsers / elapsed


async def leave(opened: list) -> None:
    """Each visitor closes its tab: leaving the page sends Solara's close beacon."""
    for context, page in opened:
        await page.goto("about:blank")
        await context.close()


async def settle(pid: int, seconds: float = 8.0) -> float:
    await asyncio.sleep(seconds)
    return rss_mib(pid)


async def main(visitors: int, seconds: float, browser_count: int) -> None:
    from playwright.async_api import async_playwright

    with tempfile.TemporaryDirectory() as folder, dashboard(Path(folder) / "server.log") as board:
        pid = board.server_pid()
        watch = Watch(board.url)
        async with async_playwright() as playwright:
            browsers = [
                await playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
                for _ in range(browser_count)
            ]
            alone_cpu, alone_rate = await alone(browsers[0], board.url, pid, watch)
            before = await settle(pid)
            opened = await open_class(browsers, board.url, visitors, watch)
            rates, loaded_cpu, server_share, browser_share = await play_together(
                opened, pid, seconds
            )
            during = rss_mib(pid)
            await leave(opened)
            after = [await settle(pid)]
            for _ in range(2):  # two more classes come and go
                again = await open_class(browsers, board.url, visitors, watch)
                await play_together(again, pid, seconds / 4, warm_up=1.0)
                await leave(again)
                after.append(await settle(pid))
            for browser in browsers:
                await browser.close()
        cdn = board.cdn_requests
    reached = sum(rate >= 1.0 for rate in rates)
    print(f"alone:   {alone_cpu * 1e3:6.1f} ms server CPU per step, {alone_rate:5.2f} steps/s")
    print(
        f"loaded:  {visitors} visitors playing for {seconds:g} s: steps/s per visitor "
        f"min {min(rates):.2f}, median {statistics.median(rates):.2f}, max {max(rates):.2f}; "
        f"{reached}/{visitors} at >= 1 step/s"
    )
    print(
        f"         {loaded_cpu * 1e3:6.1f} ms server CPU per step "
        f"({loaded_cpu / alone_cpu:.2f}x alone), {sum(rates):.1f} steps/s in all; "
        f"cores busy: server {server_share:.2f}, browsers {browser_share:.2f} "
        f"(of {os.cpu_count()})"
    )
    print(
        f"memory:  server RSS {before:.0f} MiB before, {during:.0f} MiB with the class, "
        f"then after each of three classes left: {', '.join(f'{m:.0f}' for m in after)} MiB "
        f"({(after[-1] - after[-2]) / visitors:+.2f} MiB per visitor of the last class)"
    )
    print(f"clean:   {len(watch.problems)} page problems, {len(cdn)} server CDN attempts")
    print(f"machine: load average {os.getloadavg()[0]:.1f} at the end ({os.cpu_count()} cores)")
    for problem in watch.problems[:10]:
        print(f"         {problem}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visitors", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--browsers", type=int, default=5)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.visitors, arguments.seconds, arguments.browsers))
