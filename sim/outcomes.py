"""Classify a run and keep its first-passage steps."""

from __future__ import annotations

from dataclasses import dataclass, field

#: Outcomes in order of precedence: a run that saw nuclear use is a nuclear-use run even if it
#: later settled.
OUTCOMES = (
    "nuclear_use",
    "horizontal_escalation",
    "alliance_fracture",
    "settlement",
    "frozen_conflict",
)
OUTCOME_LABELS = {
    "nuclear_use": "Nuclear use",
    "horizontal_escalation": "Horizontal escalation (direct NATO-Russia clash)",
    "alliance_fracture": "Alliance fracture",
    "settlement": "De-escalation / settlement",
    "frozen_conflict": "Frozen conflict",
}
#: Thresholds whose first crossing is recorded, by the column they go to.
PASSAGES = (
    "nato_incident",
    "direct_clash",
    "nuclear_signal",
    "nuclear_use",
    "settlement",
    "fracture",
)


#: Events counted per run (summary columns of the same names).
COUNTS = (
    "sanctions_adopted",
    "sanctions_blocked",
    "red_lines_crossed",
    "red_lines_enforced",
    "bluffs_called",
    "accidents",
    "misreads",
    "incidents",
    "peace_offers",
)


@dataclass
class FirstPassage:
    """Step at which each threshold was first crossed (None when never)."""

    steps: dict[str, int | None] = field(default_factory=lambda: dict.fromkeys(PASSAGES))

    def mark(self, name: str, step: int) -> None:
        if self.steps[name] is None:
            self.steps[name] = step


def classify(passage: FirstPassage, war_ended: bool) -> tuple[str, int | None]:
    """The run's outcome and the step it was decided at."""
    checks = (
        ("nuclear_use", passage.steps["nuclear_use"]),
        ("horizontal_escalation", passage.steps["direct_clash"]),
        ("alliance_fracture", passage.steps["fracture"]),
    )
    for outcome, step in checks:
        if step is not None:
            return outcome, step
    if war_ended:
        return "settlement", passage.steps["settlement"]
    return "frozen_conflict", None
