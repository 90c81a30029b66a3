"""What the dashboard's charts and monitors show, read off a run's recorder and log as plain
rows (lists of dicts, the shape Vega-Lite takes). Solara-free, so it is tested without a
browser, and cheap: a step reads a few arrays of at most a few hundred numbers."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.concepts.alliances import ALLIANCE_NAMES
from sim.model import Simulation
from sim.model.state import AT_WAR
from sim.outcomes import COUNT_INDEX, OUTCOME_BY_NAME, OUTCOMES, PASSAGE_LABELS, PASSAGES
from sim.viz.eventlog import RED_LINE_KINDS, is_article5

#: Name of the view that shows every key dyad (the other views show one pair both ways).
KEY_DYADS = "key dyads"


def _rounded(values: np.ndarray) -> list[float]:
    return np.round(values.astype(float), 3).tolist()


def ladder_names(sim: Simulation) -> list[str]:
    return [rung.name for rung in sim.world.ladder.rungs]


# ---------------------------------------------------------------------------- ladder paths
def pairs(sim: Simulation) -> list[str]:
    """Views of the ladder chart: the key dyads, then each state Russia has a dyad with."""
    world = sim.world
    return [KEY_DYADS, *(world.ids[i] for i in world.others)]


def series_names(sim: Simulation, view: str) -> list[str]:
    world = sim.world
    if view == KEY_DYADS:
        return [name for name, _, _ in world.key_dyads]
    russia = world.ids[world.rus]
    return [f"{russia} → {view}", f"{view} → {russia}"]


def _paths(sim: Simulation, view: str) -> tuple[list[str], np.ndarray]:
    """(series, levels (weeks, series)) of a view up to the current week."""
    world, recorder = sim.world, sim.recorder
    weeks = sim.t + 1
    names = series_names(sim, view)
    if view == KEY_DYADS:
        return names, recorder.key_levels[:weeks, 0, :].astype(float)
    other = world.index[view]
    dyads = [world.dyad[(world.rus, other)], world.dyad[(other, world.rus)]]
    return names, recorder.buffers[("directed", "level")][:weeks, 0, dyads].astype(float)


def path_rows(sim: Simulation, view: str = KEY_DYADS, arm: str = "") -> list[dict]:
    """One row per week and series: the rung (``rung``) and where it is drawn (``y``: series
    are spread by a tenth of a rung, so equal paths stay visible side by side)."""
    names, levels = _paths(sim, view)
    spread = (np.arange(len(names)) - (len(names) - 1) / 2) * 0.1
    rungs = ladder_names(sim)
    rows = []
    for k, name in enumerate(names):
        for week, level in enumerate(levels[:, k].astype(int).tolist()):
            rows.append(
                {
                    "week": week,
                    "series": name,
                    "arm": arm,
                    "rung": level,
                    "y": round(level + float(spread[k]), 2),
                    "name": rungs[level],
                }
            )
    return rows


# ---------------------------------------------------------------------------- markers
MARKER_COLOURS = {
    "red line": "#C62828",
    "Article 4": "#EF6C00",
    "Article 5": "#6A1B9A",
}
#: Which marker's colour a week with several takes (the last listed wins).
MARKER_ORDER = ("red line", "Article 4", "Article 5", "outcome")
#: Longest marker text (a warning's label can be a sentence).
MARKER_TEXT = 44


def marker_rows(sim: Simulation, events: list[dict]) -> list[dict]:
    """Vertical markers, one per week that has any: each red line crossed (and how it was
    answered), each Article 4 request and Article 5 vote, and the outcome week once the
    outcome is known."""
    answers = {
        (e["step"], e["red_line"]): e["kind"] for e in events if e["kind"] in RED_LINE_KINDS[1:]
    }
    found: list[tuple[int, str, str]] = []
    for e in events:
        if e["kind"] == "red_line_crossed":
            answer = answers.get((e["step"], e["red_line"]), "")
            how = {"red_line_enforced": "enforced", "red_line_bluff": "bluff called"}.get(answer)
            text = f"red line {e['red_line']}" + (f" ({how})" if how else "")
            found.append((e["step"], "red line", text))
        elif e["kind"] == "article4":
            found.append((e["step"], "Article 4", f"Article 4 ({e['actor']})"))
        elif is_article5(e):
            found.append((e["step"], "Article 5", e["label"]))
    result = standing(sim)
    if result.known and result.week is not None:
        found.append((result.week, "outcome", result.short))
    weeks: dict[int, list[tuple[str, str]]] = {}
    for week, kind, text in found:
        weeks.setdefault(int(week), []).append((kind, text))
    rows = []
    for week, marks in sorted(weeks.items()):
        kind = max((k for k, _ in marks), key=MARKER_ORDER.index)
        text = "; ".join(dict.fromkeys(t for _, t in marks))
        colour = result.colour if kind == "outcome" else MARKER_COLOURS[kind]
        short = text if len(text) <= MARKER_TEXT else text[: MARKER_TEXT - 1] + "…"
        rows.append({"week": week, "kind": kind, "text": short, "full": text, "colour": colour})
    return rows


# ---------------------------------------------------------------------------- measures
@dataclass(frozen=True)
class RedLine:
    """A red line as the measures chart follows it: its owner and the dyads from which its
    violators judge the owner (violator -> owner)."""

    name: str
    owner: int
    dyads: tuple[int, ...]

    def label(self, sim: Simulation) -> str:
        return f"{sim.world.ids[self.owner]}: {self.name}"


def red_lines(sim: Simulation) -> list[RedLine]:
    world = sim.world
    found: dict[tuple[str, int], list[int]] = {}
    for spec in world.red_lines:
        dyad = world.dyad.get((spec.violator, spec.owner))
        dyads = found.setdefault((spec.name, spec.owner), [])
        if dyad is not None and dyad not in dyads:
            dyads.append(dyad)
    return [RedLine(name, owner, tuple(d)) for (name, owner), d in found.items() if d]


#: Scenarios this small show every actor's public support.
DUEL = 3


def measure_rows(sim: Simulation, red_line: RedLine | None = None, arm: str = "") -> list[dict]:
    """Cohesion of NATO and the EU, public support (Russia, Ukraine, the red line's owner;
    everyone in a duel), and the owner's reputation and credibility as its violators see them
    (their mean)."""
    world, recorder = sim.world, sim.recorder
    weeks = sim.t + 1
    series: list[tuple[str, np.ndarray]] = []
    cohesion = recorder.buffers[("alliance", "cohesion")][:weeks, 0]
    for k, name in enumerate(ALLIANCE_NAMES):
        if world.member0[:, k].sum() >= 2:
            series.append((f"{name} cohesion", cohesion[:, k]))
    support = recorder.buffers[("actor", "support")][:weeks, 0]
    people = [world.rus] + ([world.ukr] if world.ukr >= 0 else [])
    if red_line is not None:
        people.append(red_line.owner)
    if world.n <= DUEL:
        people += range(world.n)
    people = list(dict.fromkeys(people))
    for i in people:
        series.append((f"support in {world.ids[i]}", support[:, i]))
    if red_line is not None:
        owner = world.ids[red_line.owner]
        dyads = list(red_line.dyads)
        for measure in ("reputation", "credibility"):
            values = recorder.buffers[("directed", measure)][:weeks, 0, dyads].mean(axis=1)
            series.append((f"{owner}'s {measure}", values))
    return [
        {"week": week, "measure": name, "arm": arm, "value": value}
        for name, values in series
        for week, value in enumerate(_rounded(values))
    ]


# ---------------------------------------------------------------------------- standing
@dataclass(frozen=True)
class Standing:
    """Where a run stands: its outcome once it is known (at the end, or earlier when no
    later week can change it), else only the thresholds crossed so far."""

    known: bool
    outcome: str | None
    week: int | None
    label: str
    short: str
    colour: str
    severity: int | None
    crossed: tuple[tuple[str, int], ...]


#: The outcome that no later week can undo: it ranks first in precedence.
FINAL_AT_ONCE = OUTCOMES[0].name


def standing(sim: Simulation) -> Standing:
    outcome, week = sim.recorder.outcomes()[0]
    passage = sim.state.record.passage[0]
    crossed = tuple(
        (PASSAGE_LABELS[name], int(passage[k]))
        for k, name in enumerate(PASSAGES)
        if passage[k] >= 0
    )
    known = sim.done or outcome == FINAL_AT_ONCE
    if not known:
        return Standing(False, None, None, "", "", "#616161", None, crossed)
    spec = OUTCOME_BY_NAME[outcome]
    return Standing(
        True, outcome, week, spec.label, spec.short, spec.colour, spec.severity, crossed
    )


# ---------------------------------------------------------------------------- monitors
@dataclass(frozen=True)
class Monitor:
    label: str
    value: int | str


def weeks_at_war(sim: Simulation) -> int:
    """Weeks (after the start) with the Russia-Ukraine war on or a NATO-Russia clash."""
    world, recorder = sim.world, sim.recorder
    weeks = sim.t + 1
    war = np.zeros(weeks, dtype=bool)
    if world.ukr >= 0:
        war |= recorder.buffers[("war", "status")][:weeks, 0, 0] == AT_WAR
    clash = world.ladder_rungs["conduct"][world.clash]
    war |= (recorder.buffers[("directed", "level")][:weeks, 0] >= clash).any(axis=1)
    return int(war[1:].sum())


def monitors(sim: Simulation) -> list[Monitor]:
    """Peak rung of each key dyad, weeks at war, red lines crossed, enforced and bluffs."""
    world, recorder = sim.world, sim.recorder
    names = ladder_names(sim)
    peaks = recorder.key_levels[: sim.t + 1, 0].max(axis=0)
    counts = sim.state.record.counts[0]
    return [
        *(
            Monitor(f"Peak rung {name}", f"{int(peaks[k])} {names[int(peaks[k])]}")
            for k, (name, _, _) in enumerate(world.key_dyads)
        ),
        Monitor("Weeks at war", weeks_at_war(sim)),
        *(Monitor(label, int(counts[COUNT_INDEX[name]])) for name, label in COUNTED),
    ]


COUNTED = (
    ("red_lines_crossed", "Red lines crossed"),
    ("red_lines_enforced", "Red lines enforced"),
    ("bluffs_called", "Bluffs called"),
)
