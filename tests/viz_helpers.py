"""Shared helpers of the dashboard's tests: a small v2 duel (Russia against one NATO member),
quiet unless told otherwise."""

from __future__ import annotations

from sim.scenario import Scenario

QUIET = {
    "signalling": {"noise": 0.0, "misperception": 0.0, "hold_misread_rate": 0.0},
    "accidents": {"slip_rate": 0.0, "stray_rate": 0.0},
    "alliances": {"sanctions_rate": 0.0},
    "diplomacy": {"offer_rate": 0.0},
}


def duel(steps: int = 12, start: str = "exercises", seed: int = 3, **rules) -> Scenario:
    """Russia and Blueland, a frontline NATO member, at ``start`` toward each other."""
    return Scenario.model_validate(
        {
            "name": "duel",
            "key_dyads": ["RUS-BLU"],
            "actors": [
                {
                    "id": "RUS",
                    "name": "Russia",
                    "role": "russia",
                    "stance": "belligerent",
                    "attributes": {"capability": 0.6, "resolve": 0.7, "nuclear": True},
                    "conduct": {"BLU": start},
                },
                {
                    "id": "BLU",
                    "name": "Blueland",
                    "role": "nato_member",
                    "memberships": ["NATO"],
                    "stance": "frontline_hawk",
                    "attributes": {"capability": 0.4, "exposure": 1.0},
                    "conduct": {"RUS": start},
                    "red_lines": [
                        {
                            "id": "no_attacks",
                            "violators": ["RUS"],
                            "watch": "conduct",
                            "threshold": "incident",
                            "response": "clash",
                            "commitment": 0.8,
                        }
                    ],
                },
            ],
            "rules": {**QUIET, **rules},
            "run": {"steps": steps, "seed": seed},
        }
    )
