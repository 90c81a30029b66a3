"""What one week costs the dashboard's server, split into the model's step and the drawing
(the chart data, status, monitors and log a step sends), for the default scenario, and the
memory a visitor leaves behind after it closes, over repeated visits. In process, with no
browser connected (the widgets' messages are not serialised or sent):
``bench_dashboard_load.py`` measures the whole server with a class of browsers.

    python benchmarks/bench_dashboard_step.py [--runs 5] [--visits 120]

Prints milliseconds per week (median over the runs of each week's cost, all 52 weeks), the
drawing's share of a step, and the resident memory after every twentieth visit.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sim.viz.board import RunBoard  # noqa: E402
from sim.viz.catalog import load_catalog  # noqa: E402
from sim.viz.visitor import Visitor  # noqa: E402


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def step_costs(catalog, runs: int) -> tuple[list[float], list[float], list[float]]:
    """Per week of ``runs`` default runs: seconds of the model's step, of reading the step's
    events into the log, and of the board's update (every widget a step changes)."""
    model, log, drawing = [], [], []
    for _ in range(runs):
        visitor = Visitor(catalog)
        run, board = visitor.explorer.run, RunBoard()
        board.show(run)
        while not run.done:
            start = time.process_time()
            run.model.step()
            middle = time.process_time()
            run.log.update(run.sim)
            stepped = time.process_time()
            board.show(run)
            end = time.process_time()
            model.append(middle - start)
            log.append(stepped - middle)
            drawing.append(end - stepped)
        visitor.close()
    return model, log, drawing


def visit(catalog) -> None:
    """A visitor plays a run to its end, steps a lesson's pair, plays Russia for a few weeks
    with a debrief, and leaves. The widgets are left out: Solara closes a page's widgets with
    its kernel, and outside a kernel its stand-in comms keep them (the load benchmark measures
    the whole server)."""
    visitor = Visitor(catalog)
    while visitor.explorer.step():
        pass
    for _ in range(5):
        visitor.desk.step()
    visitor.player.start(catalog.initial, "RUS", 1)
    for _ in range(5):
        visitor.player.game.play_week()
    visitor.player.debrief()
    visitor.close()


def main(runs: int, visits: int) -> None:
    catalog = load_catalog()
    step_costs(catalog, 1)  # warm-up: imports, caches
    model, log, drawing = step_costs(catalog, runs)
    total = [m + e + d for m, e, d in zip(model, log, drawing, strict=True)]
    ms = {
        name: statistics.median(v) * 1e3
        for name, v in (("model", model), ("log", log), ("drawing", drawing), ("total", total))
    }
    print(
        f"per week ({len(total)} weeks, median): model step {ms['model']:.2f} ms, "
        f"event log {ms['log']:.2f} ms, drawing {ms['drawing']:.2f} ms, "
        f"total {ms['total']:.2f} ms"
    )
    print(
        f"         drawing / model step {ms['drawing'] / ms['model']:.2f}x; "
        f"90th percentile of a whole week {statistics.quantiles(total, n=10)[-1] * 1e3:.2f} ms"
    )
    memory = []
    for k in range(1, visits + 1):
        visit(catalog)
        if k % 20 == 0:
            gc.collect()
            memory.append(rss_mib())
    growth = (memory[-1] - memory[1]) / max(visits - 40, 1)
    print(
        f"memory:  RSS after every 20 visits {', '.join(f'{m:.0f}' for m in memory)} MiB "
        f"({growth:+.3f} MiB per visit after the first 40)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--visits", type=int, default=120)
    arguments = parser.parse_args()
    main(arguments.runs, arguments.visits)
