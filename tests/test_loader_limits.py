"""The loader's limits: hostile or broken files give one line naming file and line, exit 2,
quickly (no alias expansion, no deep recursion, no device read, no file outside the tree)."""

from __future__ import annotations

import pytest

from sim.scenario.loader import MAX_BYTES
from tests.conftest import BASELINE, run_cli

BOMB = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nname: bomb\n"
CASES = {
    "alias bomb": (BOMB, ":2", "YAML alias not allowed"),
    "python tag": ("name: !!python/name:os.system x\n", ":1", "YAML tag not allowed"),
    "unknown tag": ("name: !custom x\n", ":1", "YAML tag not allowed"),
    "merge key": ("d: {a: 1}\nx:\n  <<: {a: 2}\n", ":3", "merge key"),
    "list as key": ("? [a, b]\n: 1\n", ":1", "a mapping key must be a plain value"),
    "deep nesting": ("a: " + "[" * 100_000 + "]" * 100_000 + "\n", ":1", "nesting too deep"),
    "infinity": ("name: x\nrun: {steps: .inf}\n", ":2", "not a finite number"),
    "two documents": ("name: a\n---\nname: b\n", ":2", "several YAML documents"),
    "control character": ('name: "\x01"\n', ":1", "YAML syntax error"),
    "extends a device": ("extends: /dev/zero\nname: x\n", ":1", "outside the scenario's folder"),
    "extends stdin": ("extends: /dev/stdin\nname: x\n", ":1", "outside the scenario's folder"),
    "extends outside": ("extends: ../../../etc/passwd\nname: x\n", ":1", "outside"),
}


def assert_one_line(result, *needles):
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_hostile_yaml_is_one_quick_line(case, tmp_path):
    text, line, needle = CASES[case]
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    # timeout: a call still running after 20 s raises Hung (the old loader took minutes)
    assert_one_line(run_cli("validate", str(path), timeout=20), f"bad.yaml{line}", needle)


def test_non_utf8_names_the_line(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"name: x\ndescription: caf\xe9\n")
    assert_one_line(run_cli("validate", str(path)), "latin1.yaml:2", "not UTF-8")


def test_size_limit_and_devices(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("name: " + "x" * (MAX_BYTES + 1) + "\n")
    assert_one_line(run_cli("validate", str(big)), "file too large", f"{MAX_BYTES:,}")
    assert_one_line(run_cli("validate", "/dev/zero", timeout=10), "not a regular file")
    assert_one_line(run_cli("validate", str(tmp_path)), "not a regular file")


def test_extends_through_a_symlink_out_of_the_tree_is_refused(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "base.yaml").write_text(BASELINE.read_text())
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "link.yaml").symlink_to(outside / "base.yaml")
    (tree / "child.yaml").write_text("extends: link.yaml\nname: child\n")
    assert_one_line(run_cli("validate", str(tree / "child.yaml")), "child.yaml:1", "outside")
    (tree / "ok.yaml").write_text(f"extends: {BASELINE}\nname: ok\n")  # shipped: allowed
    assert run_cli("validate", str(tree / "ok.yaml")).returncode == 0


def test_yes_is_text_not_a_number(tmp_path):
    path = tmp_path / "yes.yaml"
    text = BASELINE.read_text().replace("{capability: 0.6,", "{capability: yes,", 1)
    assert "capability: yes" in text
    path.write_text(text)
    assert_one_line(run_cli("validate", str(path)), "capability", "found 'yes'")


def test_a_copied_scenario_tree_extends_within_itself_and_no_further(tmp_path):
    """A copy of the project's scenarios/ works as the original: teaching/x.yaml may extend
    ../base.yaml inside the folder named scenarios, but nothing above it."""
    tree = tmp_path / "project" / "scenarios"
    (tree / "teaching").mkdir(parents=True)
    (tree / "base.yaml").write_text(BASELINE.read_text().replace("name: baseline", "name: b", 1))
    (tree / "teaching" / "child.yaml").write_text("extends: ../base.yaml\nname: child\n")
    assert run_cli("validate", str(tree / "teaching" / "child.yaml")).returncode == 0
    (tmp_path / "project" / "above.yaml").write_text(BASELINE.read_text())
    (tree / "teaching" / "escape.yaml").write_text("extends: ../../above.yaml\nname: e\n")
    assert_one_line(run_cli("validate", str(tree / "teaching" / "escape.yaml")), "outside")
