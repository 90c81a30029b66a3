"""The tables of a batch of runs (paths, events, summary) as columns or pandas frames: one
builder per table, shared by single runs, sweeps and the dashboard."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.model.engine import Simulation
from sim.model.log import EVENT_COLUMNS, NO_PERCEPTION, TEXT_COLUMNS


def events_columns(sim: Simulation, replicates: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Events as columns (``replicate`` says which run of the batch), in order of occurrence."""
    columns, words = event_codes(sim, replicates)
    for name, text in words.items():
        columns[name] = text[columns[name]]
    return columns


def event_codes(
    sim: Simulation, replicates: np.ndarray | None = None
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """``events_columns`` with the text columns (and actor, target) as codes, and per such
    column the words its codes index (object arrays): text without a Python string per row."""
    view = sim.log.view()
    keep = None if replicates is None else np.isin(view["replicate"], replicates)
    world = sim.world
    names = np.array([*world.ids, ""], dtype=object)
    vocabulary = sim.log.words()

    def rows(values: np.ndarray) -> np.ndarray:
        return values if keep is None else values[keep]

    out: dict[str, np.ndarray] = {"replicate": rows(view["replicate"])}
    words: dict[str, np.ndarray] = {}
    for column in EVENT_COLUMNS:
        values = rows(view[column])
        if column in TEXT_COLUMNS:
            words[column] = vocabulary
        elif column in ("actor", "target"):
            values = np.where(values < 0, len(world.ids), values)  # -1: nobody ("")
            words[column] = names
        elif column == "perceived":
            values = np.where(values == NO_PERCEPTION, np.nan, values.astype(float))
        out[column] = values
    return out, words


def events_frame(sim: Simulation, replicate: int = 0) -> pd.DataFrame:
    columns = events_columns(sim, np.array([replicate]))
    columns.pop("replicate")
    frame = pd.DataFrame(columns)
    frame["perceived"] = frame["perceived"].astype("Int64")
    return frame


def paths_frame(sim: Simulation, replicate: int = 0) -> pd.DataFrame:
    columns = sim.recorder.paths_columns(np.array([replicate]))
    columns.pop("replicate")
    return pd.DataFrame(columns)


def summary_frame(sim: Simulation) -> pd.DataFrame:
    rows = sim.recorder.summaries()
    for row, seed in zip(rows, sim.seeds, strict=True):
        row["seed"] = int(seed)
    return pd.DataFrame(rows)
