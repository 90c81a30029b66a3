"""Every claim docs/teaching.md makes is true of the model: both scenarios of each concept's
pair are run with seeds 0..N-1 and the difference is in the stated direction with p < 0.01."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sim.teaching.concepts import CONCEPTS
from sim.teaching.evidence import TEACHING, gather
from tests.conftest import run_cli

RUNS = 100
GUIDE = Path(__file__).resolve().parents[1] / "docs" / "teaching.md"


@pytest.mark.parametrize("key", list(CONCEPTS))
def test_concept_claims_hold(key):
    evidence = gather(CONCEPTS[key], runs=RUNS)
    for claim in CONCEPTS[key].claims:
        values = evidence.values[claim.measure.name]
        assert evidence.holds(claim), (
            f"{key}: {claim.words}: first={values['first'].mean():.3f} "
            f"second={values['second'].mean():.3f} p={evidence.p_value(claim):.3g}"
        )


def test_guide_covers_every_concept_with_its_pair_commands_figure_and_questions():
    guide = GUIDE.read_text()
    sections = re.split(r"\n## ", guide)[1:]
    for key, concept in CONCEPTS.items():
        section = next((s for s in sections if f"escsim concept {key}" in s), None)
        assert section is not None, f"no section runs 'escsim concept {key}'"
        assert concept.first in section and concept.second in section
        assert f"img/concept_{key}.png" in section
        assert (GUIDE.parent / "img" / f"concept_{key}.png").exists()
        assert section.count("\n1. ") >= 1 and section.count("\n2. ") >= 1, "two questions"
        assert (TEACHING / concept.first).exists() and (TEACHING / concept.second).exists()


def test_concept_command_lists_and_rejects_unknown():
    listing = run_cli("concept")
    assert listing.returncode == 0
    for key in CONCEPTS:
        assert key in listing.stdout
    bad = run_cli("concept", "nonsense")
    assert bad.returncode == 2 and "allowed:" in bad.stderr and "Traceback" not in bad.stderr


def test_concept_command_writes_a_figure(tmp_path):
    result = run_cli("concept", "grit", "--runs", "10", "--out", str(tmp_path / "grit"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "grit.png").stat().st_size > 10_000
    assert (tmp_path / "grit.svg").exists()
    assert "yes" in result.stdout
