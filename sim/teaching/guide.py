"""Write docs/teaching.md from the lesson registry and a fresh run of every lesson: the concept,
the knob and its arms, the commands, the figure, what to look for, the claims with the measured
effect and their knock-outs, questions and sources. Nothing in the guide is typed by hand twice:
change a lesson in ``sim.teaching.lessons`` and regenerate."""

from __future__ import annotations

from pathlib import Path

from sim.analysis.paired import ALPHA
from sim.teaching.evidence import Assessment, Finding
from sim.teaching.lessons import Lesson
from sim.teaching.metrics import MEASURES

INTRO = """\
# Teaching deterrence with escsim

Twelve lessons on deterrence and escalation. Each isolates **one mechanism**: its scenarios
(a pair, or a five-point dose series, in `scenarios/teaching/`) differ in a single value, the
lesson's *knob*, and nothing else. Each lesson gives the concept with its sources, the
commands, a figure, what to look for, the claims the model makes about it and two questions
for a class.

Every claim is a test in the suite (`tests/test_teaching_claims.py`). All arms run the same
seeds, and the model's random streams are keyed by seed, week and mechanism, so run *k* of one
arm and run *k* of another differ only by the knob: the comparison is paired, seed by seed
(one-sided Wilcoxon signed-rank test, or an exact sign test for yes/no measures; Page's trend
test over a dose series), with the effect and its bootstrap 95% interval. The effect is the
mean paired difference in the direction the claim states (for a dose series, between the first
and the last dose), so a claim holds when the effect is positive with p < {alpha}. Each claim
also has a **knock-out**: the mechanism switched off in every arm. With it the claim must fail,
so it cannot pass by some other route; the tables below show both.

The model is a teaching and research tool, not a forecast: its numbers are illustrative. How it
works is in [model.md](model.md); the dashboard's lesson mode runs the same lessons in the
browser ([dashboard.md](dashboard.md)).

```
escsim concept                                  # list the lessons
escsim concept spiral                           # run one: the lesson, its claims, knock-outs
escsim concept spiral --runs 500 --out /tmp/spiral       # ... and its figure (PNG and SVG)
escsim run scenarios/teaching/spiral_fearful.yaml --seed 3   # one run, told as a story
```

Most lessons are duels between Russia and *Blueland*, an imaginary NATO member on Russia's
border, with no war in Ukraine in the scenario, so that one thing can change at a time
(`scenarios/teaching/_duel_base.yaml`).
The alliance and war-fatigue lessons use the baseline built from the news article. In each
figure the left panel follows the lesson's key quantity week by week in every arm; the right
panels show each claim's measure per arm with its 95% interval, titled with the paired effect
and its p-value.

The numbers on this page were measured with {runs} paired seeds per arm; maintainers refresh
this page and its figures with `docs/regenerate-figures.sh`, which runs
`escsim concept --all --runs {runs} --out docs/img --guide docs/teaching.md`.
"""


def _number(value: float) -> str:
    return f"{value:.3g}"


def _knob_value(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _arms(lesson: Lesson) -> list[str]:
    lines = [f"**Knob**: `{lesson.knob}` ({lesson.knob_label}).", ""]
    lines += ["| arm | scenario | knob |", "|---|---|---|"]
    for arm in lesson.arms:
        lines.append(
            f"| {arm.label} | `scenarios/teaching/{arm.scenario}` | {_knob_value(arm.value)} |"
        )
    return lines


def _claims(lesson: Lesson, findings: list[Finding]) -> list[str]:
    arms = " | ".join(arm.label for arm in lesson.arms)
    lines = [
        f"| claim | mechanism | {arms} | effect [95% CI] | p | holds |",
        "|---|---|" + "---|" * len(lesson.arms) + "---|---|---|",
    ]
    for finding in findings:
        measure = MEASURES[finding.claim.measure]
        rows = [(f"{finding.claim.words} ({measure.label})", "on", finding.means, finding.verdict)]
        if finding.knocked is not None:
            rows.append(("", "knocked out", finding.knocked_means, finding.knocked))
        for words, state, means, verdict in rows:
            cells = " | ".join(_number(m) for m in means)
            effect = f"{_number(verdict.effect)} [{_number(verdict.low)}, {_number(verdict.high)}]"
            holds = "yes" if verdict.holds else "**no**"
            lines.append(f"| {words} | {state} | {cells} | {effect} | {verdict.p:.2g} | {holds} |")
    lines.append("")
    for finding in findings:
        words = lesson.knockout_words_of(finding.claim)
        lines += [f"Knock-out of *{finding.claim.words}*: {words}.", ""]
    return lines


def lesson_section(number: int, assessment: Assessment) -> str:
    lesson = assessment.evidence.lesson
    lines = [f"## {number}. {lesson.title}", "", lesson.text, ""]
    lines += _arms(lesson)
    example = lesson.arms[-1].scenario
    lines += [
        "",
        "```",
        f"escsim concept {lesson.key}",
        f"escsim run scenarios/teaching/{example} --seed 3",
        "```",
        "",
        f"![{lesson.title}](img/concept_{lesson.key}.png)",
        "",
        f"**What to look for.** {lesson.look_for}",
        "",
        "**The claims, measured, and their knock-outs.**",
        "",
    ]
    lines += _claims(lesson, assessment.findings)
    lines.append("Questions for discussion:")
    lines += [f"{k}. {question}" for k, question in enumerate(lesson.questions, 1)]
    lines += ["", "Sources: " + " ".join(lesson.sources), ""]
    return "\n".join(lines)


def render(assessments: list[Assessment], runs: int) -> str:
    parts = [INTRO.format(alpha=ALPHA, runs=runs)]
    parts += [lesson_section(k, a) for k, a in enumerate(assessments, 1)]
    sources = sorted({s for a in assessments for s in a.evidence.lesson.sources})
    parts.append("## Further reading\n\n" + "\n".join(f"- {s}" for s in sources) + "\n")
    return "\n".join(parts)


def write_guide(assessments: list[Assessment], path: Path, runs: int) -> Path:
    """Write the guide; figures are linked as ``img/concept_<key>.png`` next to it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(assessments, runs), encoding="utf-8")
    return path
