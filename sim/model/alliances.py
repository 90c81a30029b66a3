"""Alliance decisions inside a run: Article 5 votes and EU sanctions votes."""

from __future__ import annotations

import numpy as np

from sim.rules import alliance


class Alliances:
    """Alliance behaviour of EscalationModel."""

    def _alliance_decisions(self, t: int) -> None:
        nato = self.members["NATO"]
        russia_on_nato = self._russia_to["NATO"]
        crossed = (self.level[russia_on_nato] >= self.incident_rung) & (
            self._start[russia_on_nato] < self.incident_rung
        )
        attacked = [int(self.dst[d]) for d in russia_on_nato[crossed]]
        if attacked and not self.article5[nato].all():
            self._article5_vote(t, attacked[0])
        if self.members["EU"].size and self.rng.random() < self.rules.alliances.sanctions_rate:
            self._eu_sanctions_vote(t, "")

    def _vote(self, name: str, members: np.ndarray) -> alliance.Decision:
        to_russia = self._to_russia[name]
        preference = alliance.member_preference(
            self.hawkishness[members],
            self.exposure[members],
            self.hostility[to_russia],
            1 - self.support[members],
        )
        rules = self.rules.alliances
        preference += rules.peer_pressure * self._blocked_in_a_row[name]
        decision = alliance.decide(preference, rules.nato if name == "NATO" else rules.eu)
        if decision.adopted:
            self._blocked_in_a_row[name] = 0
        else:
            self._blocked_in_a_row[name] += 1
            self.cohesion[name] = max(0.0, self.cohesion[name] - rules.blocked_cost)
        return decision

    def _article5_vote(self, t: int, victim: int) -> None:
        nato = self.members["NATO"]
        decision = self._vote("NATO", nato)
        acting = nato if decision.adopted else nato[decision.yes]
        self.article5[acting] = True
        vetoes = ", ".join(self.ids[int(nato[i])] for i in decision.vetoed_by)
        self._log(
            t,
            "alliance_decision",
            None,
            victim,
            label=(
                f"NATO invokes Article 5 for {self.ids[victim]}"
                if decision.adopted
                else f"Article 5 blocked ({vetoes}); a coalition of {len(acting)} acts"
            ),
        )
        if self._posture_rung is not None:
            for i in acting:
                d = self.dyad[(int(i), self.russia)]
                if self.level[d] < self._posture_rung:
                    self._set_level(t, d, self._posture_rung, "response", "collective defence")

    def _eu_sanctions_vote(self, t: int, label: str) -> None:
        eu = self.members["EU"]
        decision = self._vote("EU", eu)
        if decision.adopted:
            self.counts["sanctions_adopted"] += 1
            self.sanctions_packages += 1
            if self._sanctions_rung is not None:
                for i in eu:
                    d = self.dyad[(int(i), self.russia)]
                    if self.level[d] < self._sanctions_rung:
                        self._set_level(t, d, self._sanctions_rung, "scheduled", "EU sanctions")
            text = label or f"EU adopts sanctions package {self.counts['sanctions_adopted']}"
        else:
            self.counts["sanctions_blocked"] += 1
            vetoes = ", ".join(self.ids[int(eu[i])] for i in decision.vetoed_by) or "majority"
            text = f"EU sanctions blocked by {vetoes}"
        self._log(t, "alliance_decision", None, self.russia, label=text)
