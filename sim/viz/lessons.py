"""Lesson mode: a lesson of the teaching guide (``sim.teaching.lessons``) on the page. Two of
its arms run side by side on the same seed (the same dice fall in both, so what differs is
the lesson's one knob), stepped together; the lesson's words go in an info panel. Solara-free.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import cache

from sim.scenario.schema import Scenario
from sim.teaching.arms import arm_scenario
from sim.teaching.lessons import LESSONS, Lesson
from sim.viz import data
from sim.viz.run import Run

#: Lesson titles in the guide's order, and the lesson of each title.
TITLES = [lesson.title for lesson in LESSONS.values()]
BY_TITLE = {lesson.title: lesson for lesson in LESSONS.values()}


@cache
def scenario_of(key: str, index: int) -> Scenario:
    """An arm's scenario, read once per server (scenarios are immutable)."""
    return arm_scenario(LESSONS[key], index)


def default_view(scenario: Scenario) -> str:
    """A duel is shown both ways (who escalated); a larger scenario by its key dyads."""
    others = [a.id for a in scenario.actors if a.role not in ("russia", "ukraine")]
    return others[0] if len(others) == 1 else data.KEY_DYADS


@dataclass
class LessonDesk:
    """The chosen lesson, the two arms compared (indices into its arms) and their runs."""

    lesson: Lesson = field(default_factory=lambda: next(iter(LESSONS.values())))
    seed: int | None = None
    arms: tuple[int, int] = (0, -1)
    runs: tuple[Run, Run] = field(init=False)

    def __post_init__(self) -> None:
        self.arms = self._indices(self.arms)
        if self.seed is None:
            self.seed = scenario_of(self.lesson.key, 0).run.seed
        self.runs = self._build()

    def _indices(self, arms: tuple[int, int]) -> tuple[int, int]:
        count = len(self.lesson.arms)
        return arms[0] % count, arms[1] % count

    def _build(self) -> tuple[Run, Run]:
        key = self.lesson.key
        return tuple(
            Run(scenario_of(key, index), self.seed, self.lesson.arms[index].label)
            for index in self.arms
        )

    def choose(self, title: str) -> None:
        """Another lesson: its first and last arms, on the current seed."""
        self.lesson = BY_TITLE[title]
        self.arms = self._indices((0, -1))
        self.new_run()

    def compare(self, first: int, second: int) -> None:
        self.arms = self._indices((first, second))
        self.new_run()

    def reseed(self, seed: int) -> None:
        self.seed = seed
        self.new_run()

    @property
    def labels(self) -> list[str]:
        return [run.label for run in self.runs]

    # -------------------------------------------------------------- stepping both arms
    @property
    def week(self) -> int:
        return max(run.week for run in self.runs)

    @property
    def steps(self) -> int:
        return max(run.steps for run in self.runs)

    @property
    def done(self) -> bool:
        return all(run.done for run in self.runs)

    def step(self) -> bool:
        moved = [run.step() for run in self.runs]
        return any(moved)

    def back(self) -> None:
        for run in self.runs:
            run.back()

    def new_run(self) -> None:
        self.close()
        self.runs = self._build()

    def close(self) -> None:
        for run in self.runs:
            run.close()


def paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(part.strip())}</p>" for part in text.split("\n\n"))


def info_html(lesson: Lesson, arms: tuple[int, int]) -> str:
    """The lesson's concept, the knob and the two arms, what to look for, the questions, the
    claims the tests check (with the knock-out) and the sources."""
    first, second = (lesson.arms[k] for k in arms)
    items = "".join(f"<li>{html.escape(q)}</li>" for q in lesson.questions)
    claims = "".join(f"<li>{html.escape(c.words)}</li>" for c in lesson.claims)
    sources = "".join(f"<li>{html.escape(s)}</li>" for s in lesson.sources)
    knockout = html.escape(lesson.knockout_words or "")
    return (
        f"<h2>{html.escape(lesson.title)}</h2>"
        f'<div class="escsim-knob"><b>The one difference:</b> {html.escape(lesson.knob_label)}: '
        f"<b>{html.escape(first.label)}</b> (solid) against "
        f"<b>{html.escape(second.label)}</b> (dashed), on the same seed.</div>"
        f"{paragraphs(lesson.text)}"
        f"<h3>What to look for</h3>{paragraphs(lesson.look_for)}"
        f"<h3>Questions</h3><ol>{items}</ol>"
        f"<h3>What the tests check (over many paired seeds)</h3><ul>{claims}</ul>"
        + (f"<p>Knock-out: with {knockout}, the claim no longer holds.</p>" if knockout else "")
        + f'<h3>Sources</h3><ul class="escsim-sources">{sources}</ul>'
    )
