"""The docs keep their promises: commands write only to ignored or temporary places, and the
reliability table lists every fault the suite injects."""

from __future__ import annotations

import re

from tests.conftest import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
#: Where a documented command may write: ignored by git, temporary, or a placeholder.
ALLOWED = ("results/", "/tmp/", "DIR", "FILE", "...")


def _code_blocks(text: str) -> list[str]:
    """The shell blocks of a Markdown text (fences opened with ``` or ```bash, in order)."""
    blocks, current, language = [], None, None
    for line in text.splitlines():
        if line.startswith("```"):
            if current is None:
                current, language = [], line[3:].strip()
            else:
                if language in ("", "bash"):
                    blocks.append("\n".join(current))
                current = None
        elif current is not None:
            current.append(line)
    return blocks


def test_documented_commands_write_only_to_ignored_places():
    for doc in DOCS:
        for block in _code_blocks(doc.read_text()):
            for target in re.findall(r"--out[ =](\S+)", block):
                assert target.startswith(ALLOWED), f"{doc.name}: --out {target}"
    assert "results/*" in (ROOT / ".gitignore").read_text()


def test_reliability_table_lists_every_fault_test():
    table = (ROOT / "docs" / "reliability.md").read_text()
    tests = re.findall(r"^def (test_\w+)", (ROOT / "tests" / "test_faults.py").read_text(), re.M)
    assert tests
    for name in tests:
        assert f"`{name}" in table, f"docs/reliability.md does not list {name}"
    assert "[reliability.md]" in (ROOT / "docs" / "sweeps.md").read_text()
    assert "docs/reliability.md" in (ROOT / "README.md").read_text()
