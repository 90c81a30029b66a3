"""Stances: where an actor stands toward Russia and toward Ukraine, from pro-Russian through
neutral to frontline hawk. A stance sets stakes (what pressing Russia or arming Ukraine is worth
to the actor), belief priors (how hostile Moscow and the actor think each other are) and the
default policy limits; a scenario may override each of them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Stance:
    name: str
    label: str
    #: Opposition to Russia, -1 (aligned with Moscow) .. 1 (frontline hawk).
    toward_russia: float
    #: Support for Ukraine, -1 (wants it to lose) .. 1 (all-in).
    toward_ukraine: float
    #: Highest kind of aid the policy allows by default (an AID_KINDS name).
    max_aid: str
    #: Joins EU sanctions by default (False: votes against every package).
    sanctions: bool
    #: Highest rung of direct conduct toward Russia the policy allows by default.
    max_conduct: str


STANCES: dict[str, Stance] = {
    s.name: s
    for s in (
        Stance("pro_russian", "Pro-Russian", -0.6, -0.3, "none", False, "rhetoric"),
        Stance("neutral", "Neutral", 0.1, 0.3, "non_lethal", True, "sanctions"),
        Stance("cautious", "Cautious supporter", 0.4, 0.5, "advanced", True, "posture"),
        Stance("supporter", "Supporter", 0.6, 0.7, "long_range", True, "posture"),
        Stance("frontline_hawk", "Frontline hawk", 0.9, 0.9, "long_range", True, "posture"),
        Stance("belligerent", "Belligerent", 0.0, 0.0, "none", False, "wider_war"),
    )
}
STANCE_NAMES: tuple[str, ...] = tuple(STANCES)


def hostility_prior(toward_russia: float) -> float:
    """Prior belief of hostility between Russia and a state with this stance, held by both
    sides: hawks and Moscow each expect the worst of the other, friends expect little."""
    return min(0.95, max(0.05, 0.5 + 0.45 * toward_russia))
