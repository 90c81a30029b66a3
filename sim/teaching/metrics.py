"""Per-run measures the teaching claims are stated in; each reads a finished model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sim.model import EscalationModel


@dataclass(frozen=True)
class Measure:
    name: str
    label: str  # axis label with unit
    binary: bool  # a yes/no per run (compared by Fisher's exact test) or a number
    read: Callable[[EscalationModel], float]


def _directed(model: EscalationModel, source: str, target: str) -> np.ndarray:
    d = model.dyad[(model.index[source], model.index[target])]
    return model.recorder.level[: model.recorder.last_step + 1, d]


def russia_mean_level(target: str) -> Measure:
    return Measure(
        f"russia_mean_level:{target}",
        f"Russia's mean rung toward {target} (ladder level)",
        False,
        lambda m: float(_directed(m, m.ids[m.russia], target).mean()),
    )


def key_level(dyad: str, which: str) -> Measure:
    pick = {"peak": np.max, "final": lambda a: a[-1], "mean": np.mean}[which]
    return Measure(
        f"{which}_level:{dyad}",
        f"{which.capitalize()} rung of {dyad} (ladder level)",
        False,
        lambda m: float(pick(m.recorder.key_levels()[dyad])),
    )


def belief(observer: str, about: str, kind: str) -> Measure:
    array = {"reputation": "reputation", "resolve": "believed_resolve"}[kind]
    return Measure(
        f"{kind}:{observer}->{about}",
        f"{observer}'s belief in {about}'s {kind} at the end (0-1)",
        False,
        lambda m: float(getattr(m, array)[m.dyad[(m.index[observer], m.index[about])]]),
    )


def count(name: str, label: str) -> Measure:
    return Measure(name, label, False, lambda m: float(m.counts[name]))


def happened(name: str, label: str, test: Callable[[EscalationModel], bool]) -> Measure:
    return Measure(name, label, True, lambda m: float(test(m)))


def unplanned_escalations() -> Measure:
    def read(model: EscalationModel) -> float:
        return float(
            sum(
                1
                for e in model.recorder.events
                if e["kind"] == "action"
                and e["move"] > 0
                and e["cause"] in ("accidental", "inadvertent")
            )
            + model.counts["incidents"]
        )

    return Measure(
        "unplanned_escalations",
        "Accidental and inadvertent escalations and incidents per run",
        False,
        read,
    )


def low_level_share(dyad: str) -> Measure:
    def read(model: EscalationModel) -> float:
        levels = model.recorder.key_levels()[dyad]
        low = model.ladder.level_of("grey_zone") if "grey_zone" in _ids(model) else 0
        return float(((levels >= low) & (levels < model.clash_rung)).mean())

    return Measure(
        f"grey_zone_share:{dyad}",
        f"Share of weeks {dyad} spends in the grey zone or incidents (0-1)",
        False,
        read,
    )


def _ids(model: EscalationModel) -> set[str]:
    return {r.id for r in model.ladder.rungs}
