"""The escalation ladder: ordered rungs, adapted from Herman Kahn's ladder to this conflict.

The ladder is the scale on which the model's separate channels (``sim.concepts.channels``) are
reported: each channel level has a ladder *category*, and sits on the ladder's rung of that
category (levels that share a category are spread over its rungs). A custom ladder works as
long as it has every category the channels report as (``REQUIRED_CATEGORIES``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

Category = Literal[
    "normal",
    "rhetoric",
    "economic",
    "exercise",
    "posture",
    "aid",
    "grey_zone",
    "conventional",
    "nato_incident",
    "direct_clash",
    "wider_war",
    "nuclear_signal",
    "nuclear_use",
    "strategic_nuclear",
]

#: Categories whose moves cost the sender something real (costly signals); the rest is talk.
COSTLY_CATEGORIES = frozenset(get_args(Category)) - {"normal", "rhetoric"}
#: Rungs only nuclear-armed actors may climb to.
NUCLEAR_CATEGORIES = frozenset({"nuclear_signal", "nuclear_use", "strategic_nuclear"})


@dataclass(frozen=True)
class Rung:
    id: str
    name: str
    level: int
    category: Category
    description: str


@dataclass(frozen=True)
class Ladder:
    rungs: tuple[Rung, ...]

    def __len__(self) -> int:
        return len(self.rungs)

    @property
    def top(self) -> int:
        return len(self.rungs) - 1

    def level_of(self, rung_id: str) -> int:
        for rung in self.rungs:
            if rung.id == rung_id:
                return rung.level
        raise KeyError(rung_id)

    def first_of(self, category: str) -> int:
        """Lowest level of a category: the threshold for 'this kind of escalation happened'."""
        for rung in self.rungs:
            if rung.category == category:
                return rung.level
        raise KeyError(category)

    def name(self, level: int) -> str:
        return self.rungs[level].name

    def is_costly(self, level: int) -> bool:
        return self.rungs[level].category in COSTLY_CATEGORIES

    @property
    def highest_conventional(self) -> int:
        """Highest rung a non-nuclear actor can climb to."""
        return max(r.level for r in self.rungs if r.category not in NUCLEAR_CATEGORIES)


DEFAULT_RUNGS = (
    Rung("normal", "Normal relations", 0, "normal", "Diplomatic business as usual."),
    Rung(
        "rhetoric",
        "Rhetoric and warnings",
        1,
        "rhetoric",
        "Public warnings, threats and statements of resolve (cheap talk).",
    ),
    Rung(
        "sanctions",
        "Sanctions and economic pressure",
        2,
        "economic",
        "Sanctions packages, expulsions, energy and trade measures.",
    ),
    Rung(
        "exercises",
        "Exercises and shows of force",
        3,
        "exercise",
        "Large drills near borders, snap readiness checks, bomber patrols.",
    ),
    Rung(
        "posture",
        "Force posture changes",
        4,
        "posture",
        "Forward deployments, raised readiness, new bases on the flank.",
    ),
    Rung(
        "aid_defensive",
        "Aid: defensive weapons",
        5,
        "aid",
        "Deliveries of air defence, artillery ammunition, training and intelligence.",
    ),
    Rung(
        "aid_advanced",
        "Aid: advanced and long-range weapons",
        6,
        "aid",
        "Deliveries of long-range missiles, fighter aircraft, permission for deep strikes.",
    ),
    Rung(
        "grey_zone",
        "Grey-zone acts",
        7,
        "grey_zone",
        "Cyber attacks, sabotage of infrastructure, airspace violations, jamming.",
    ),
    Rung(
        "theatre_strikes",
        "Strikes in the theatre",
        8,
        "conventional",
        "Conventional missile, drone and ground war confined to Ukraine.",
    ),
    Rung(
        "nato_incident",
        "Incidents touching NATO territory",
        9,
        "nato_incident",
        "Stray or deliberate strikes, drones or shoot-downs on NATO soil or assets.",
    ),
    Rung(
        "direct_clash",
        "Direct limited NATO-Russia clash",
        10,
        "direct_clash",
        "Limited combat between NATO and Russian forces.",
    ),
    Rung(
        "wider_war",
        "Wider conventional war",
        11,
        "wider_war",
        "Sustained conventional war between NATO and Russia.",
    ),
    Rung(
        "nuclear_signalling",
        "Nuclear signalling",
        12,
        "nuclear_signal",
        "Raised alert of nuclear forces, tests, explicit nuclear threats.",
    ),
    Rung(
        "limited_nuclear",
        "Limited nuclear use",
        13,
        "nuclear_use",
        "A demonstration or tactical nuclear strike.",
    ),
    Rung(
        "strategic_nuclear",
        "Strategic nuclear war",
        14,
        "strategic_nuclear",
        "Strategic nuclear exchange.",
    ),
)

DEFAULT_LADDER = Ladder(DEFAULT_RUNGS)


def _required() -> tuple[str, ...]:
    from sim.concepts.channels import CHANNELS

    found = {level.category for c in CHANNELS.values() for level in c.levels}
    return tuple(c for c in get_args(Category) if c in found)


#: Categories a ladder needs so that every channel can be reported on it.
REQUIRED_CATEGORIES = _required()


def channel_rungs(ladder: Ladder, channel) -> tuple[int, ...]:
    """The ladder rung of each level of ``channel`` (a ``sim.concepts.channels.Channel``)."""
    out = []
    for level in channel.levels:
        rungs = [r.level for r in ladder.rungs if r.category == level.category]
        sharing = [x for x in channel.levels if x.category == level.category]
        position = sharing.index(level)
        if len(sharing) == 1:
            out.append(rungs[0])
        else:
            out.append(rungs[round(position * (len(rungs) - 1) / (len(sharing) - 1))])
    return tuple(out)
