"""The scenario timeline and random incidents."""

from __future__ import annotations

import numpy as np

from sim.model.red_lines import RedLineWatch
from sim.scenario.references import rung_level
from sim.scenario.schema import Event


class Timeline:
    """Timeline and incident behaviour of EscalationModel."""

    def _run_timeline(self, t: int, acted: np.ndarray) -> None:
        for event in self._timeline:
            if event.step is not None:
                if event.step != t:
                    continue
            elif not event.window[0] <= t <= event.window[1]:
                continue
            if event.probability < 1.0 and self.rng.random() >= event.probability:
                continue
            self._apply_event(t, event, acted)

    def _apply_event(self, t: int, event: Event, acted: np.ndarray) -> None:
        targets = [] if event.target is None else self._expand([event.target])
        pairs = [
            (self.dyad[(a, b)], a, b)
            for a in self._expand(event.actors)
            for b in targets
            if (a, b) in self.dyad
        ]
        if event.kind == "action":
            new = rung_level(self.ladder, event.rung)
            for d, actor, target in pairs:
                level = max(self.level[d], new) if event.mode == "raise" else new
                acted[d] = True
                if level != self.level[d]:
                    self._set_level(t, d, level, "scheduled", event.label)
                elif self.ladder.is_costly(new):
                    self._shown[d] = True
                    self._log(
                        t,
                        "action",
                        actor,
                        target,
                        from_rung=self.ladder.name(int(self.level[d])),
                        to_rung=self.ladder.name(new),
                        cause="scheduled",
                        label=event.label,
                        dyad=d,
                    )
        elif event.kind == "warning":
            for d, owner, target in pairs:
                self._red_lines.append(
                    RedLineWatch(
                        owner,
                        target,
                        self.rev[d],
                        rung_level(self.ladder, event.threshold),
                        rung_level(self.ladder, event.response),
                        event.commitment,
                        self.rules.reputation.bluff_penalty / 2,
                        event.label or f"warning to {self.ids[target]}",
                    )
                )
                self._signalled[d] = True
                self._log(t, "warning", owner, target, label=event.label, cause="scheduled")
        elif event.kind == "peace_plan":
            self._peace_offer(t, event.terms, self._expand(event.veto_players), event.label)
        elif event.kind == "sanctions_vote":
            self._eu_sanctions_vote(t, event.label)
        elif event.kind == "incident":
            victims = targets or self._exposed_members()
            self._incident(t, victims, event.label)

    def _exposed_members(self) -> list[int]:
        return [int(i) for i in self.members["NATO"] if self.exposure[i] > 0]

    def _random_incident(self, t: int) -> None:
        rate = self.rules.accidents.incident_rate
        if self.ukraine is not None:
            rate *= 1 + 2 * max(
                0, self.level[self.dyad[(self.russia, self.ukraine)]] - self.war_rung
            )
        if self.rng.random() < min(rate, 1.0):
            self._incident(t, self._exposed_members(), "")

    def _incident(self, t: int, candidates: list[int], label: str) -> None:
        """An ambiguous incident (a stray drone, debris, a jammed airliner) on NATO soil: the
        victim reads it as deliberate with probability equal to its hostility belief."""
        if not candidates:
            return
        weights = np.array([self.exposure[i] for i in candidates]) + 1e-6
        victim = candidates[int(self.rng.choice(len(candidates), p=weights / weights.sum()))]
        d = self.dyad[(victim, self.russia)]
        deliberate = self.rng.random() < self.hostility[d]
        if deliberate:
            self.seen_bias[d] += 2.0
            self.hostility[d] += self.rules.signalling.belief_rate * (1 - self.hostility[d])
        self.counts["incidents"] += 1
        self._log(
            t,
            "incident",
            self.russia,
            victim,
            to_rung=self.ladder.name(self.incident_rung),
            cause="accidental",
            reading="threat" if deliberate else "accident",
            misread=deliberate,
            label=label or "ambiguous incident on NATO territory",
        )
