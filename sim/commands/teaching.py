"""escsim concept: run a lesson's arms on the same seeds and test the guide's claims."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sim.commands.app import Table, app, console
from sim.errors import EscsimError
from sim.teaching.lessons import LESSONS, Lesson
from sim.teaching.metrics import MEASURES


def _listing() -> None:
    table = Table(title="Lessons (docs/teaching.md), in the guide's order")
    for column in ("key", "title", "knob", "arms"):
        table.add_column(column)
    for key, lesson in LESSONS.items():
        arms = " | ".join(arm.scenario for arm in lesson.arms)
        table.add_row(key, lesson.title, lesson.knob, arms)
    console.print(table)


def _print_lesson(lesson: Lesson) -> None:
    console.rule(f"[bold]{lesson.title}")
    console.print(lesson.text, highlight=False)
    console.print(f"\n[bold]Knob[/bold]: {lesson.knob} ({lesson.knob_label})", highlight=False)
    for arm in lesson.arms:
        console.print(f"  {arm.label}: scenarios/teaching/{arm.scenario} ({arm.value})")
    console.print(f"\n[bold]What to look for[/bold]: {lesson.look_for}", highlight=False)
    for number, question in enumerate(lesson.questions, 1):
        console.print(f"{number}. {question}", highlight=False)


def _claims_table(assessment, runs: int) -> Table:
    lesson = assessment.evidence.lesson
    table = Table(title=f"{lesson.title}: claims over {runs} paired seeds per arm")
    table.add_column("claim")
    table.add_column("mechanism")
    for arm in lesson.arms:
        table.add_column(arm.label, justify="right")
    for column in ("effect [95% CI]", "p", "holds"):
        table.add_column(column, justify="right")
    for number, finding in enumerate(assessment.findings, 1):
        rows = [(str(number), "on", finding.means, finding.verdict)]
        if finding.knocked is not None:
            rows.append(("", "knocked out", finding.knocked_means, finding.knocked))
        for label, state, means, verdict in rows:
            table.add_row(
                label,
                state,
                *(f"{m:.3g}" for m in means),
                f"{verdict.effect:+.3g} [{verdict.low:.3g}, {verdict.high:.3g}]",
                f"{verdict.p:.2g}",
                "yes" if verdict.holds else "NO",
            )
    return table


def _print_claims(assessment) -> None:
    console.print("\n[bold]Claims[/bold] (measure in brackets) and their knock-outs:")
    for number, finding in enumerate(assessment.findings, 1):
        measure = MEASURES[finding.claim.measure].label
        knockout = ", ".join(f"{k} = {v}" for k, v in finding.knockout.items())
        console.print(f"{number}. {finding.claim.words} [{measure}]", highlight=False)
        console.print(f"   knock-out: {knockout}", highlight=False)


@app.command()
def concept(
    key: Annotated[str | None, typer.Argument(help="Lesson key; omit to list them.")] = None,
    runs: Annotated[int, typer.Option(help="Seeded runs per arm (seeds 0..N-1).")] = 300,
    out: Annotated[
        Path | None,
        typer.Option(help="Write the figure here (PNG and SVG); a folder with --all."),
    ] = None,
    knockout: Annotated[
        bool, typer.Option(help="Also test each claim with its mechanism knocked out.")
    ] = True,
    all_lessons: Annotated[bool, typer.Option("--all", help="Run every lesson.")] = False,
    guide: Annotated[
        Path | None,
        typer.Option(
            help="With --all: write the teaching guide (Markdown) here; it links the "
            "figures as img/concept_<key>.png next to it."
        ),
    ] = None,
) -> None:
    """Run a lesson's arms with seeds 0..N-1 and test its claims (and their knock-outs)."""
    if runs < 10:
        raise EscsimError(f"--runs: found {runs}; allowed: 10 or more")
    if guide is not None and not all_lessons:
        raise EscsimError("--guide: found without --all; allowed: --all --guide FILE")
    if all_lessons:
        keys = list(LESSONS)
    elif key is None:
        _listing()
        return
    elif key not in LESSONS:
        raise EscsimError(f"lesson: found {key!r}; allowed: {', '.join(LESSONS)}")
    else:
        keys = [key]
    from sim.teaching.evidence import assess
    from sim.teaching.figure import draw

    assessments = []
    for name in keys:
        lesson = LESSONS[name]
        _print_lesson(lesson)
        assessment = assess(lesson, runs, with_knockout=knockout)
        assessments.append(assessment)
        _print_claims(assessment)
        console.print(_claims_table(assessment, runs))
        if out is not None:
            target = out / f"concept_{name}" if all_lessons else out
            for path in draw(assessment.evidence, target):
                console.print(f"figure written to {path}")
    if guide is not None:
        from sim.teaching.guide import write_guide

        console.print(f"guide written to {write_guide(assessments, guide, runs)}")
