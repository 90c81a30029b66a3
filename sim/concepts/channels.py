"""The channels of the model and their levels, each mapped onto the reporting ladder.

The model keeps separate channels (the war, aid to Ukraine, direct conduct between Russia and
each state, nuclear signalling, nuclear use); the escalation ladder (``sim.ladder``) is only the
scale on which they are reported, through the ladder *category* of each level.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Level:
    id: str
    label: str
    #: Ladder category this level is reported as (``sim.ladder.Category``).
    category: str
    #: Costs the sender something real (a costly signal); otherwise talk.
    costly: bool
    description: str


@dataclass(frozen=True)
class Channel:
    name: str
    label: str
    levels: tuple[Level, ...]

    def index(self, level_id: str) -> int:
        for i, level in enumerate(self.levels):
            if level.id == level_id:
                return i
        raise KeyError(level_id)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(level.id for level in self.levels)


CONDUCT = Channel(
    "conduct",
    "Direct conduct",
    (
        Level("normal", "Normal relations", "normal", False, "Diplomatic business as usual."),
        Level("rhetoric", "Rhetoric and warnings", "rhetoric", False, "Public warnings."),
        Level("sanctions", "Sanctions", "economic", True, "Sanctions, expulsions, trade curbs."),
        Level("exercises", "Exercises", "exercise", True, "Drills and shows of force."),
        Level("posture", "Force posture", "posture", True, "Forward deployments, readiness."),
        Level("grey_zone", "Grey-zone acts", "grey_zone", True, "Sabotage, cyber, jamming."),
        Level(
            "incident",
            "Attacks on territory",
            "nato_incident",
            True,
            "Deliberate strikes or incursions on the target's territory or assets.",
        ),
        Level("clash", "Limited clash", "direct_clash", True, "Limited combat between forces."),
        Level("wider_war", "Wider war", "wider_war", True, "Sustained war between the two."),
    ),
)
#: Conduct levels a state other than Russia reaches only in self-defence or under Article 5.
DEFENCE_ONLY = ("clash", "wider_war")
#: Conduct levels only Russia uses (the West does not sabotage or strike Russian territory).
RUSSIA_ONLY = ("grey_zone", "incident")
#: Conduct levels that need the target to be a NATO member (or the model has no such rung).
NATO_TARGET_ONLY = ("incident", "clash", "wider_war")

AID = Channel(
    "aid",
    "Aid to Ukraine",
    (
        Level("none", "No military aid", "normal", False, "No aid beyond words."),
        Level("non_lethal", "Non-lethal aid", "aid", True, "Helmets, vests, medical, funds."),
        Level("defensive", "Defensive weapons", "aid", True, "Anti-tank, artillery, air defence."),
        Level("advanced", "Advanced systems", "aid", True, "Tanks, HIMARS, Patriot, F-16."),
        Level(
            "long_range",
            "Long-range strike",
            "aid",
            True,
            "Long-range missiles with permission to strike inside Russia.",
        ),
    ),
)

NUCLEAR_SIGNAL = Channel(
    "nuclear_signal",
    "Nuclear signalling",
    (
        Level("none", "No signal", "normal", False, "No nuclear signal this week."),
        Level("threat", "Declaratory threat", "rhetoric", False, "Statements, veiled threats."),
        Level("exercise", "Nuclear exercise", "exercise", True, "Drills of nuclear forces."),
        Level("deployment", "Deployment", "posture", True, "Weapons moved forward (Belarus)."),
        Level("doctrine", "Doctrine or alert", "nuclear_signal", True, "Doctrine change, alert."),
    ),
)

WAR = Channel(
    "war",
    "The Russia-Ukraine war",
    (
        Level("peace", "Settled", "normal", False, "A settlement is in force."),
        Level("armistice", "Armistice", "exercise", True, "Armistice along a line."),
        Level("ceasefire", "Ceasefire", "posture", True, "A ceasefire holds."),
        Level("war", "War", "conventional", True, "Missile, drone and ground war in Ukraine."),
    ),
)

NUCLEAR_USE = Channel(
    "nuclear_use",
    "Nuclear use",
    (
        Level("none", "No use", "normal", False, "The nuclear taboo holds."),
        Level("limited", "Limited nuclear use", "nuclear_use", True, "A deliberate nuclear use."),
    ),
)

CHANNELS: dict[str, Channel] = {c.name: c for c in (WAR, AID, CONDUCT, NUCLEAR_SIGNAL, NUCLEAR_USE)}
