"""The event log of a run in plain words, grouped so a class can filter it, with the key events
(red lines, Article 4 and 5, clashes, nuclear use, agreements) pinned. Solara-free.

Events are read from the model's columnar log as they come (``EventLog.update``), so a step
turns only its own events into sentences."""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np

from sim.concepts.channels import CONDUCT
from sim.model import Simulation
from sim.model.tables import events_columns
from sim.narrative import sentence


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    kinds: tuple[str, ...]
    #: Shown unless the reader switches it off (misreadings are many and off at first).
    shown: bool = True


GROUPS: tuple[Group, ...] = (
    Group("moves", "Moves and warnings", ("action", "warning")),
    Group("aid", "Aid to Ukraine", ("aid",)),
    Group("incidents", "Incidents and attribution", ("incident", "attribution")),
    Group("red_lines", "Red lines", ("red_line_crossed", "red_line_enforced", "red_line_bluff")),
    Group("alliances", "Alliances (votes, Articles 4 and 5)", ("alliance_decision", "article4")),
    Group("nuclear", "Nuclear", ("nuclear_signal", "nuclear_use")),
    Group("diplomacy", "Diplomacy", ("peace_offer", "agreement", "agreement_broken")),
    Group("politics", "War and politics", ("strikes", "mobilisation", "stance", "join")),
    Group("misreads", "Misreadings of quiet weeks", ("misread",), shown=False),
)
GROUP_OF = {kind: group.key for group in GROUPS for kind in group.kinds}
OTHER = "politics"
DEFAULT_GROUPS = tuple(group.key for group in GROUPS if group.shown)
#: Conduct rungs whose reaching is a key event.
CLASH_LABELS = frozenset(CONDUCT.levels[CONDUCT.index(c)].label for c in ("clash", "wider_war"))
RED_LINE_KINDS = ("red_line_crossed", "red_line_enforced", "red_line_bluff")


def is_article5(event: dict) -> bool:
    """Article 5 votes are the alliance decisions taken in response to an attack."""
    return event["kind"] == "alliance_decision" and event["cause"] == "response"


def is_key(event: dict) -> bool:
    kind = event["kind"]
    return (
        kind in RED_LINE_KINDS
        or kind in ("article4", "nuclear_use", "agreement", "agreement_broken")
        or is_article5(event)
        or (kind == "action" and event["move"] > 0 and event["to_rung"] in CLASH_LABELS)
    )


@dataclass(frozen=True)
class Row:
    step: int
    text: str
    kind: str
    group: str
    key: bool
    misread: bool
    #: Place in the run's log (a stable key for the page).
    index: int

    @property
    def css(self) -> str:
        classes = ["escsim-event", f"escsim-{self.group}"]
        if self.key:
            classes.append("escsim-key")
        if self.misread:
            classes.append("escsim-misread")
        return " ".join(classes)


def read_events(sim: Simulation, start: int) -> list[dict]:
    """Events of replicate 0 logged from row ``start`` on, as dicts of words."""
    columns = events_columns(sim, np.array([0]), start)
    columns.pop("replicate")
    names = list(columns)
    return [
        dict(zip(names, values, strict=True))
        for values in zip(*(columns[name].tolist() for name in names), strict=True)
    ]


class EventLog:
    """A run's events and their sentences, brought up to date after each step."""

    def __init__(self) -> None:
        self.events: list[dict] = []
        self.rows: list[Row] = []
        self.read = 0

    def update(self, sim: Simulation) -> None:
        size = sim.log.size
        if size < self.read:  # the run went back (a replay): read it again
            self.__init__()
        if size == self.read:
            return
        fresh = read_events(sim, self.read)
        self.read = size
        self.events.extend(fresh)
        for event in fresh:
            if event["kind"] == "misread" and not event["label"]:
                continue
            self.rows.append(
                Row(
                    int(event["step"]),
                    sentence(event),
                    event["kind"],
                    GROUP_OF.get(event["kind"], OTHER),
                    is_key(event),
                    bool(event["misread"]),
                    len(self.rows),
                )
            )

    def chosen(self, groups: tuple[str, ...] | list[str], limit: int) -> tuple[list[Row], int]:
        """Rows of the chosen groups, latest first, at most ``limit``; and how many more."""
        wanted = set(groups)
        rows = [row for row in reversed(self.rows) if row.group in wanted]
        return rows[:limit], max(0, len(rows) - limit)

    def key_rows(self) -> list[Row]:
        return [row for row in self.rows if row.key]


def rows_html(rows: list[Row], unit: str, empty: str) -> str:
    """Rows as HTML lines: the week, a warning sign on key events, the sentence."""
    if not rows:
        return f'<div class="escsim-empty">{html.escape(empty)}</div>'
    unit = unit.capitalize()
    return "\n".join(
        f'<div class="{row.css}"><span class="escsim-when">{unit} {row.step}</span>'
        f"{'&#9888; ' if row.key else ''}{html.escape(row.text)}</div>"
        for row in rows
    )
