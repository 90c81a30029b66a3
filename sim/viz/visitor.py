"""One visitor (a browser tab): the state of each mode of the page, made when first used and
released when the tab closes, so a closed visitor's models do not stay in memory (Mesa's
registry of agents would otherwise keep them alive). Solara-free."""

from __future__ import annotations

from dataclasses import dataclass, field

from sim.viz.catalog import Catalog
from sim.viz.explore import Explorer
from sim.viz.lessons import LessonDesk
from sim.viz.play import Player

MODES = ("Explore", "Lesson", "Play a side")


@dataclass
class Visitor:
    catalog: Catalog
    explorer: Explorer = field(init=False)
    player: Player = field(init=False)
    _desk: LessonDesk | None = None

    def __post_init__(self) -> None:
        self.explorer = Explorer(self.catalog)
        self.player = Player(self.catalog)

    @property
    def desk(self) -> LessonDesk:
        """Lesson mode's state, made on first use (its arms are run only then)."""
        if self._desk is None:
            self._desk = LessonDesk()
        return self._desk

    def close(self) -> None:
        self.explorer.close()
        self.player.close()
        if self._desk is not None:
            self._desk.close()
