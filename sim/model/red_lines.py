"""Red lines: who watches which dyad, what crossing one costs in expectation, and what the
owner does when it is crossed (enforce, or back down and lose reputation)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.agents import StateActor
from sim.rules.deterrence import punishment_cost
from sim.scenario.references import rung_level


@dataclass
class RedLineWatch:
    """One red line as seen against one violator."""

    owner: int
    violator: int
    watched: int  # directed dyad violator -> protected actor
    threshold: int
    response: int
    commitment: float
    audience_cost: float
    name: str

    @property
    def resolve_to_enforce(self) -> float:
        """Probability of carrying out the response: the commitment, raised by audience costs
        (Fearon 1994: a leader who would pay at home for backing down is more likely to act,
        so a public red line ties hands)."""
        return self.commitment + (1 - self.commitment) * self.audience_cost


class RedLines:
    """Red-line behaviour of EscalationModel."""

    def _watches(self, owner: StateActor) -> list[RedLineWatch]:
        watches = []
        for red in owner.spec.red_lines:
            protected = owner.index if red.protects is None else self.index[red.protects]
            for violator in self._expand(red.violators):
                watched = self.dyad.get((violator, protected))
                if watched is None or violator == owner.index:
                    continue
                watches.append(
                    RedLineWatch(
                        owner.index,
                        violator,
                        watched,
                        rung_level(self.ladder, red.threshold),
                        rung_level(self.ladder, red.response),
                        red.commitment,
                        red.audience_cost,
                        red.id,
                    )
                )
        return watches

    def _red_line_risk(self, targets: np.ndarray, credibility: np.ndarray) -> np.ndarray:
        """Expected cost of the red lines each move would cross: believed commitment (the
        owner's commitment discounted by its reputation) times the cost of the response."""
        risk = np.zeros(targets.shape)
        if not self._red_lines:
            return risk
        watched, threshold, cost, commitment = self._watch_arrays()
        crossing = (targets[watched] >= threshold[:, None]) & (self.level[watched] < threshold)[
            :, None
        ]
        believed = commitment * self.reputation[watched]
        np.add.at(risk, watched, crossing * (believed * cost)[:, None])
        return risk

    def _watch_arrays(self) -> tuple[np.ndarray, ...]:
        """The red lines as arrays, rebuilt only when a warning adds one."""
        if self._watch_cache is None or self._watch_cache[0] != len(self._red_lines):
            lines = self._red_lines
            watched = np.array([w.watched for w in lines], dtype=int)
            threshold = np.array([w.threshold for w in lines])
            response = np.array([w.response for w in lines], dtype=float)
            violator = np.array([w.violator for w in lines], dtype=int)
            cost = punishment_cost(response, self.risk_tolerance[violator], self.rules.deterrence)
            commitment = np.array([w.resolve_to_enforce for w in lines])
            self._watch_cache = (len(lines), (watched, threshold, cost, commitment))
        return self._watch_cache[1]

    def _check_red_lines(self, t: int) -> None:
        for watch in self._red_lines:
            d = watch.watched
            if not (self.level[d] >= watch.threshold > self._start[d]):
                continue
            self.counts["red_lines_crossed"] += 1
            self._log(
                t,
                "red_line_crossed",
                watch.violator,
                watch.owner,
                red_line=watch.name,
                to_rung=self.ladder.name(int(self.level[d])),
            )
            observers = np.flatnonzero(self.dst == watch.owner)
            response = self.dyad.get((watch.owner, watch.violator))
            if self.rng.random() < watch.resolve_to_enforce and response is not None:
                self.counts["red_lines_enforced"] += 1
                gain = self.rules.reputation.followthrough_gain
                self.reputation[observers] += gain * (1 - self.reputation[observers])
                if self.level[response] < watch.response:
                    self._set_level(t, response, watch.response, "response", watch.name)
                self._log(t, "red_line_enforced", watch.owner, watch.violator, red_line=watch.name)
            else:
                self.counts["bluffs_called"] += 1
                self.reputation[observers] *= 1 - self.rules.reputation.bluff_penalty
                self.support[watch.owner] = max(
                    0.0, self.support[watch.owner] - watch.audience_cost
                )
                self._log(t, "red_line_bluff", watch.owner, watch.violator, red_line=watch.name)
