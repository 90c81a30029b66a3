"""Shared by the Hypothesis fuzzers: profiles, and the one rule every input must obey.

Profiles: ``ci`` (default: few examples, derandomized, so CI is fast and repeatable) and
``thorough`` (many more, random): ``HYPOTHESIS_PROFILE=thorough pytest tests/test_fuzz_*.py``.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=30,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "thorough",
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def assert_ok_or_one_clean_line(result: subprocess.CompletedProcess) -> bool:
    """True when the command succeeded; else it must have failed as a user error: exit 2 and
    exactly one line on stderr, no traceback."""
    if result.returncode == 0:
        return True
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr[-2000:]
    assert lines[0].startswith("error: ") and "Traceback" not in result.stderr
    return False


def files_under(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*")}
