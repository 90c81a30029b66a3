"""escsim concept: lists the lessons, runs one with its claim table and knock-outs, writes the
figure only when asked (to a temporary folder here), rejects bad input with one message; and
docs/teaching.md is the guide generated from the registry, with a figure for every lesson."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from sim.cli import main
from sim.teaching.evidence import assess
from sim.teaching.guide import render
from sim.teaching.lessons import LESSONS
from tests.conftest import ROOT, run_cli

GUIDE = ROOT / "docs" / "teaching.md"
IMAGES = ROOT / "docs" / "img"


def cli(capsys, monkeypatch, *args: str) -> tuple[int, str, str]:
    """Run ``escsim ARGS`` in this process (exit status, stdout, stderr)."""
    monkeypatch.setattr(sys, "argv", ["escsim", *args])
    monkeypatch.setenv("COLUMNS", "200")
    with pytest.raises(SystemExit) as exit_:
        main()
    captured = capsys.readouterr()
    return exit_.value.code, captured.out, captured.err


def test_concept_lists_every_lesson_in_order():
    result = run_cli("concept")
    assert result.returncode == 0, result.stderr
    positions = [result.stdout.find(key) for key in LESSONS]
    assert -1 not in positions and positions == sorted(positions)


def test_concept_runs_a_lesson_and_writes_its_figure_only_when_asked(tmp_path, capsys, monkeypatch):
    figure = tmp_path / "figure"
    code, out, err = cli(
        capsys, monkeypatch, "concept", "punishment", "--runs", "20", "--out", str(figure)
    )
    assert code == 0, err
    assert "Deterrence by punishment" in out and "knocked out" in out
    assert "yes" in out and "NO" in out
    assert figure.with_suffix(".png").stat().st_size > 10_000
    assert figure.with_suffix(".svg").exists()

    def files() -> dict[Path, int]:
        return {p: p.stat().st_mtime_ns for p in [*ROOT.iterdir(), *IMAGES.glob("*")]}

    before = files()
    code, out, err = cli(capsys, monkeypatch, "concept", "denial", "--runs", "10", "--no-knockout")
    assert code == 0, err
    assert "figure written" not in out and files() == before


def test_concept_rejects_bad_input_with_one_message(capsys, monkeypatch):
    for args, text in (
        (("nonsense",), "allowed: punishment"),
        (("punishment", "--runs", "3"), "--runs"),
        (("punishment", "--guide", "x.md"), "--guide"),
    ):
        code, _, err = cli(capsys, monkeypatch, "concept", *args)
        assert code == 2, args
        assert text in err and "Traceback" not in err


def test_guide_renders_every_part_of_a_lesson():
    text = render([assess(LESSONS["punishment"], 12)], runs=12)
    lesson = LESSONS["punishment"]
    for part in (lesson.text, lesson.look_for, *lesson.questions, lesson.knob, *lesson.sources):
        assert part in text
    assert "img/concept_punishment.png" in text and "knocked out" in text
    assert "escsim concept --all --runs 12" in text


def test_docs_teaching_is_the_generated_guide_with_a_figure_per_lesson():
    guide = GUIDE.read_text(encoding="utf-8")
    sections = re.split(r"\n## ", guide)[1:]
    for number, (key, lesson) in enumerate(LESSONS.items(), 1):
        section = sections[number - 1]
        assert section.startswith(f"{number}. {lesson.title}")
        for part in (lesson.text, lesson.look_for, *lesson.questions, lesson.knob):
            assert part in section, f"{key}: docs/teaching.md is stale; regenerate it"
        for arm in lesson.arms:
            assert f"scenarios/teaching/{arm.scenario}" in section
        for claim in lesson.claims:
            assert claim.words in section
        assert f"img/concept_{key}.png" in section
        for suffix in (".png", ".svg"):
            assert (IMAGES / f"concept_{key}{suffix}").exists()
    figures = {Path(p).stem for p in IMAGES.glob("concept_*")}
    assert figures == {f"concept_{key}" for key in LESSONS}, "figures of removed lessons"


def test_figures_are_the_same_files_for_the_same_runs(tmp_path):
    from sim.teaching.figure import draw

    evidence = assess(LESSONS["denial"], 10, with_knockout=False).evidence
    first = draw(evidence, tmp_path / "a")
    second = draw(evidence, tmp_path / "b")
    for one, other in zip(first, second, strict=True):
        assert one.read_bytes() == other.read_bytes(), one.suffix
