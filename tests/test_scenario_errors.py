"""Every bad scenario file gives one clear message naming file, line, field, what was found and
what is allowed; exit status 2; no traceback."""

from __future__ import annotations

import pytest
import yaml

from tests.conftest import BASELINE, run_cli

BASE = yaml.safe_load(BASELINE.read_text())


def assert_one_clear_error(result, *needles: str) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    message = result.stderr.strip()
    assert message.count("\n") == 0, message
    assert message.startswith("error: ")
    for needle in needles:
        assert needle in message, f"{needle!r} not in {message!r}"
    return message


def test_yaml_syntax_error_names_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nactors:\n  - id: RUS\n    name: [unclosed\n")
    message = assert_one_clear_error(run_cli("validate", str(bad)), "bad.yaml:", "YAML syntax")
    assert ":4" in message or ":5" in message


def test_unknown_field(tmp_scenario):
    text = BASELINE.read_text().replace(
        "    posture: 0.6\n", "    posture: 0.6\n    postur: 1\n", 1
    )
    path = tmp_scenario(text)
    lines = text.splitlines()
    line = next(i for i, text_line in enumerate(lines, 1) if "postur: 1" in text_line)
    assert_one_clear_error(
        run_cli("validate", str(path)),
        f"scenario.yaml:{line}",
        "unknown field",
        "actors.0.postur",
        "allowed: only the fields documented",
    )


def test_wrong_type(tmp_scenario):
    text = BASELINE.read_text().replace("  steps: 52", "  steps: many")
    path = tmp_scenario(text)
    line = text.splitlines().index("  steps: many") + 1
    assert_one_clear_error(
        run_cli("validate", str(path)), f":{line}", "run.steps", "found 'many'", "allowed:"
    )


def test_out_of_range_value(tmp_scenario):
    text = BASELINE.read_text().replace(
        "resolve: 0.85, risk_tolerance: 0.5,",
        "resolve: 0.85,\n                 risk_tolerance: 1.7,",
        1,
    )
    path = tmp_scenario(text)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "risk_tolerance: 1.7" in row)
    assert_one_clear_error(
        run_cli("validate", str(path)),
        f":{line}",
        "actors.0.attributes.risk_tolerance",
        "found 1.7",
        "less than or equal to 1",
    )


def test_unknown_actor_in_event(tmp_scenario):
    text = BASELINE.read_text().replace(
        "    actors: [FIN, SWE, USA, GBR]", "    actors: [FIN, XYZ]"
    )
    path = tmp_scenario(text)
    assert_one_clear_error(
        run_cli("validate", str(path)), "events.3.actors.1", "found 'XYZ'", "actor ids RUS"
    )


def test_unknown_actor_in_red_line(tmp_scenario):
    text = BASELINE.read_text().replace("        violators: [RUS]", "        violators: [RUX]")
    path = tmp_scenario(text)
    assert_one_clear_error(
        run_cli("validate", str(path)), "actors.2.red_lines.0.violators.0", "found 'RUX'"
    )


def test_unknown_conduct_rung(tmp_scenario):
    text = BASELINE.read_text().replace("    level: exercises", "    level: parade")
    path = tmp_scenario(text)
    assert_one_clear_error(
        run_cli("validate", str(path)),
        "events.3.level",
        "unknown conduct rung",
        "found 'parade'",
        "grey_zone",
    )


def test_duplicate_actor_ids(tmp_scenario):
    text = BASELINE.read_text().replace("  - id: AUT\n", "  - id: HUN\n")
    path = tmp_scenario(text)
    assert_one_clear_error(
        run_cli("validate", str(path)), "duplicate actor id", "actors.11.id", "found 'HUN'"
    )


def test_duplicate_key_in_mapping(tmp_scenario):
    path = tmp_scenario("name: a\nname: b\nactors: []\n")
    assert_one_clear_error(run_cli("validate", str(path)), ":2", "duplicate key", "name")


def test_missing_file(tmp_path):
    assert_one_clear_error(
        run_cli("validate", str(tmp_path / "nope.yaml")), "nope.yaml", "file not found"
    )


def test_missing_extended_file(tmp_scenario):
    path = tmp_scenario("extends: nowhere.yaml\nname: v\n")
    assert_one_clear_error(
        run_cli("validate", str(path)), "scenario.yaml:1", "extends", "found 'nowhere.yaml'"
    )


def test_cycle_in_extends(tmp_path):
    (tmp_path / "a.yaml").write_text("extends: b.yaml\nname: a\n")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\nname: b\n")
    assert_one_clear_error(
        run_cli("validate", str(tmp_path / "a.yaml")),
        "cycle in 'extends'",
        "a.yaml -> b.yaml -> a.yaml",
    )


def test_error_in_child_names_the_child_file(tmp_path):
    (tmp_path / "child.yaml").write_text(
        f"extends: {BASELINE}\nname: child\nrules:\n  signalling:\n    misperception: -1\n"
    )
    assert_one_clear_error(
        run_cli("validate", str(tmp_path / "child.yaml")),
        "child.yaml:5",
        "rules.signalling.misperception",
        "found -1",
    )


def test_not_a_mapping(tmp_scenario):
    path = tmp_scenario("- just\n- a list\n")
    assert_one_clear_error(run_cli("validate", str(path)), "must be a YAML mapping")


@pytest.mark.parametrize(
    ("replace", "by", "needles"),
    [
        ("    terms: 0.21", "", ("events.5.terms", "needs 'terms'")),
        ("    step: 46\n", "    window: [40, 4]\n", ("events.5", "starts after it ends")),
        (
            "    role: russia\n",
            "    role: tsardom\n",
            ("actors.0.role", "found 'tsardom'", "'russia'"),
        ),
    ],
)
def test_other_bad_values(tmp_scenario, replace, by, needles):
    text = BASELINE.read_text()
    assert replace in text
    path = tmp_scenario(text.replace(replace, by))
    assert_one_clear_error(run_cli("validate", str(path)), *needles)


def test_run_command_reports_bad_file_too(tmp_scenario, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("precious")
    path = tmp_scenario(BASELINE.read_text().replace("  steps: 52", "  steps: 0"))
    assert_one_clear_error(run_cli("run", str(path), "--out", str(out)), "run.steps")
    assert (out / "keep.txt").read_text() == "precious"
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]


def test_bad_command_line_value():
    result = run_cli("run", str(BASELINE), "--seed", "minus")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
