"""The event log on the page (``logview.vue``): key events pinned on top, then the latest events
of the chosen kinds. Rows are keyed by their place in the run's log, so the browser adds a
step's new rows instead of rebuilding the list."""

from __future__ import annotations

import ipyvue
import traitlets

from sim.viz.eventlog import Row
from sim.viz.run import Run

LOG_LIMIT = 60


class LogView(ipyvue.VueTemplate):
    template_file = (__file__, "logview.vue")
    pinned = traitlets.List().tag(sync=True)
    rows = traitlets.List().tag(sync=True)
    #: How many older events of the chosen kinds are not shown.
    more = traitlets.Int(0).tag(sync=True)

    def show(self, run: Run, groups: tuple[str, ...] | list[str]) -> None:
        shown, more = run.log.chosen(groups, LOG_LIMIT)
        with self.hold_sync():
            self.pinned = [item(row, run.unit) for row in run.log.key_rows()]
            self.rows = [item(row, run.unit) for row in shown]
            self.more = more


def item(row: Row, unit: str) -> dict:
    return {
        "id": row.index,
        "when": f"{unit.capitalize()} {row.step}",
        "css": row.css,
        "text": row.text,
        "key": row.key,
    }
