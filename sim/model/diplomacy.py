"""Peace plans and mediators' ceasefire offers inside a run."""

from __future__ import annotations

import numpy as np

from sim.rules import diplomacy


class Diplomacy:
    """Off-ramp behaviour of EscalationModel."""

    def _random_offer(self, t: int) -> None:
        if self.ukraine is None or self.settled_step is not None:
            return
        if self.rng.random() < self.rules.diplomacy.offer_rate:
            terms = float(np.clip(self.russia_share() + self.rng.normal(0, 0.05), 0, 1))
            self._peace_offer(t, terms, [], "ceasefire offer by a mediator")

    def russia_share(self) -> float:
        cap = self.effective_capability()
        return float(cap[self.russia] / (cap[self.russia] + cap[self.ukraine]))

    def _peace_offer(self, t: int, terms: float, vetoes: list[int], label: str) -> None:
        if self.ukraine is None or self.settled_step is not None:
            return
        self.counts["peace_offers"] += 1
        r, u = self.russia, self.ukraine
        verdict = diplomacy.judge_plan(
            terms,
            self.russia_share(),
            (1 - self.support[r], self.resolve[r]),
            (1 - self.support[u], self.resolve[u]),
            [(v, self.hawkishness[v]) for v in vetoes],
            self.rules.diplomacy,
            self.rng,
        )
        refusals = [
            name for name, ok in (("RUS", verdict.russia), ("UKR", verdict.ukraine)) if not ok
        ]
        refusals = [self.ids[r] if n == "RUS" else self.ids[u] for n in refusals]
        refusals += [self.ids[v] for v in verdict.objectors]
        outcome = "accepted" if verdict.accepted else "refused by " + ", ".join(refusals)
        self._log(
            t,
            "peace_offer",
            None,
            None,
            label=f"{label or 'peace plan'} (Russia's share {terms:.2f}): {outcome}",
        )
        if verdict.accepted:
            self.settled_step = t
            floor = 1 if self.n_rungs > 1 else 0
            for d in (self.dyad[(r, u)], self.dyad[(u, r)]):
                if self.level[d] > floor:
                    self._set_level(t, d, floor, "settlement", "ceasefire")
