"""The lesson registry and its scenarios: every arm validates, the arms of a lesson differ in
exactly the lesson's knob (names and descriptions aside), the knob holds the arm's stated value,
and every knock-out names paths that exist."""

from __future__ import annotations

import pytest

from sim.batch.design import get_path
from sim.teaching.arms import arm_scenario, differences
from sim.teaching.lessons import LESSONS, TEACHING
from sim.teaching.metrics import MEASURES, TRACES
from tests.conftest import run_cli

KEYS = list(LESSONS)


def test_every_teaching_scenario_validates():
    files = sorted(str(p) for p in TEACHING.glob("*.yaml"))
    result = run_cli("validate", *files)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("ok ") == len(files)


def test_every_teaching_scenario_belongs_to_a_lesson():
    used = {arm.scenario for lesson in LESSONS.values() for arm in lesson.arms}
    files = {p.name for p in TEACHING.glob("*.yaml") if not p.name.startswith("_")}
    assert files == used


@pytest.mark.parametrize("key", KEYS)
def test_arms_differ_only_in_the_knob(key):
    lesson = LESSONS[key]
    first = arm_scenario(lesson, 0)
    for k, arm in enumerate(lesson.arms):
        scenario = arm_scenario(lesson, k)
        assert get_path(scenario.model_dump(), lesson.knob) == arm.value, arm.label
        if k:
            assert differences(first, scenario) == {lesson.knob}, arm.label


@pytest.mark.parametrize("key", KEYS)
def test_knockouts_name_existing_paths_and_keep_the_arms_apart_by_the_knob_only(key):
    lesson = LESSONS[key]
    for claim in lesson.claims:
        knockout = lesson.knockout_of(claim)
        assert knockout, f"{key}: a claim without a knock-out"
        assert lesson.knob not in knockout
        knocked = [arm_scenario(lesson, k, knockout) for k in range(len(lesson.arms))]
        for path, value in knockout.items():
            assert get_path(knocked[0].model_dump(), path) == value
        assert differences(knocked[0], knocked[-1]) == {lesson.knob}


def test_lessons_are_complete_for_the_guide_and_the_dashboard():
    for key, lesson in LESSONS.items():
        assert lesson.key == key
        assert lesson.title and lesson.knob_label and lesson.look_for
        assert 1 <= lesson.text.count("\n\n") + 1 <= 3, f"{key}: 1-3 paragraphs"
        assert len(lesson.questions) >= 2 and lesson.sources and lesson.claims
        assert lesson.trace in TRACES
        assert all(claim.measure in MEASURES for claim in lesson.claims)
        assert all(lesson.knockout_words_of(claim) for claim in lesson.claims), key


def test_differences_names_a_changed_actor_attribute_by_id():
    lesson = LESSONS[KEYS[0]]
    first = arm_scenario(lesson, 0)
    changed = arm_scenario(lesson, 0, {"actors.RUS.attributes.resolve": 0.123})
    assert differences(first, changed) == {"actors.RUS.attributes.resolve"}
    assert differences(first, first) == set()
