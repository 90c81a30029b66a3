"""Role behaviour: Russia wages the war and coerces the West; Ukraine defends; NATO members
arm Ukraine and guard the flank; EU states sanction and aid. Each role's ``stakes`` are what
escalating is worth to it, in [0, 1], before deterrence is counted."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from sim.agents.actor import StateActor

_SHARED = frozenset({"normal", "rhetoric", "economic", "exercise", "posture", "grey_zone"})
_NUCLEAR = frozenset({"nuclear_signal", "nuclear_use", "strategic_nuclear"})


class RussiaActor(StateActor):
    role = "russia"
    categories = _SHARED | {"conventional", "nato_incident", "direct_clash", "wider_war"} | _NUCLEAR
    belligerent = True

    def allowed_categories(self, target, article5):
        """Strikes in the theatre only against Ukraine; the NATO rungs (incidents on NATO
        territory, a direct clash, wider war) only against NATO members."""
        allowed = super().allowed_categories(target, article5)
        if target.role != "ukraine":
            allowed -= {"conventional"}
        if not target.in_alliance("NATO"):
            allowed -= {"nato_incident", "direct_clash", "wider_war"}
        return allowed

    @classmethod
    def stakes(cls, model, dyads):
        """War aims against Ukraine; against the West, coercing those who arm Ukraine or sit on
        the border, in proportion to their aid level and exposure."""
        resolve = model.resolve[model.src[dyads]]
        target = model.dst[dyads]
        their_level = model.level[model.rev[dyads]] / model.ladder.top
        coercion = 0.5 * their_level + 0.3 * model.exposure[target]
        return np.where(model.is_ukraine[target], resolve, resolve * coercion)


class UkraineActor(StateActor):
    role = "ukraine"
    categories = _SHARED | {"conventional"}
    belligerent = True

    @classmethod
    def stakes(cls, model, dyads):
        """Defence in proportion to the intensity of Russia's war."""
        pressure = np.clip(model.level[model.rev[dyads]] / model.war_rung, 0, 1)
        return model.resolve[model.src[dyads]] * pressure


class NatoMemberActor(StateActor):
    role = "nato_member"
    categories = _SHARED | {"aid"}
    article5_categories: ClassVar[frozenset[str]] = frozenset(
        {"direct_clash", "wider_war"} | _NUCLEAR
    )

    @classmethod
    def stakes(cls, model, dyads):
        """Supporting Ukraine against the war's intensity, and guarding an exposed flank."""
        source = model.src[dyads]
        war = model.war_intensity()
        return model.resolve[source] * (0.5 * war + 0.5 * model.exposure[source])


class EuStateActor(StateActor):
    role = "eu_state"
    categories = frozenset({"normal", "rhetoric", "economic", "aid"})

    @classmethod
    def stakes(cls, model, dyads):
        """Supporting Ukraine, in proportion to the war's intensity."""
        return model.resolve[model.src[dyads]] * 0.6 * model.war_intensity()


ROLE_CLASSES: dict[str, type[StateActor]] = {
    cls.role: cls for cls in (RussiaActor, UkraineActor, NatoMemberActor, EuStateActor)
}
