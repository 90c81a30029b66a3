"""One visitor (a browser tab): the state of each mode of the page, made when first used and
released when the tab closes, so a closed visitor's models do not stay in memory (Mesa's
registry of agents would otherwise keep them alive). Solara-free."""

from __future__ import annotations

from dataclasses import dataclass, field

from sim.viz.catalog import Catalog
from sim.viz.explore import Explorer

MODES = ("Explore",)


@dataclass
class Visitor:
    catalog: Catalog
    explorer: Explorer = field(init=False)

    def __post_init__(self) -> None:
        self.explorer = Explorer(self.catalog)

    def close(self) -> None:
        self.explorer.close()
