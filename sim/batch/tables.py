"""Arrow tables of a batch of runs: runs, paths and events, with one fixed schema per sweep.

Paths and events come straight from the batched kernel's columns (``sim.model.tables``), so a
batch of runs is turned into Arrow tables with array operations, not one frame per run.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from sim.model.log import EVENT_COLUMNS
from sim.model.recorder import RECORD_LEVELS, VALUE_COLUMNS

__all__ = ["RECORD_LEVELS"]

PATHS_SCHEMA = pa.schema(
    [
        ("run_id", pa.int64()),
        ("step", pa.int32()),
        ("kind", pa.string()),
        ("entity", pa.string()),
    ]
    + [(name, pa.float32()) for name in VALUE_COLUMNS]
)
_EVENT_TYPES = {
    "step": pa.int32(),
    "move": pa.int64(),
    "perceived": pa.int64(),
    "misread": pa.bool_(),
}
EVENTS_SCHEMA = pa.schema(
    [("run_id", pa.int64())] + [(c, _EVENT_TYPES.get(c, pa.string())) for c in EVENT_COLUMNS]
)
#: Columns of runs.parquet before the parameters and the model's summary.
RUN_HEAD = [("run_id", pa.int64()), ("scenario", pa.string()), ("point", pa.int64())]
RUN_MIDDLE = [
    ("replicate", pa.int64()),
    ("seed", pa.int64()),
    ("status", pa.string()),
    ("error", pa.string()),
    ("elapsed_s", pa.float64()),
]
#: Columns that change from one execution to the next (ignored when comparing sweeps).
TIMING_COLUMNS = ("elapsed_s",)


def value_type(values: list[Any]) -> pa.DataType:
    """Arrow type of a column of parameter values."""
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return pa.bool_()
    if all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return pa.int64()
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return pa.float64()
    return pa.string()


def summary_type(key: str, value: Any) -> pa.DataType:
    if isinstance(value, bool):
        return pa.bool_()
    if isinstance(value, str):
        return pa.string()
    if isinstance(value, float | np.floating):
        return pa.float64()
    return pa.int64()  # ints, and steps that are None until something happens


def runs_schema(parameters: dict[str, pa.DataType], summary: dict[str, pa.DataType]) -> pa.Schema:
    fields = list(RUN_HEAD)
    fields += [(f"param:{p}", t) for p, t in parameters.items()]
    fields += RUN_MIDDLE
    fields += [(k, t) for k, t in summary.items() if k not in ("scenario", "seed")]
    return pa.schema(fields)


def runs_table(rows: list[dict], schema: pa.Schema) -> pa.Table:
    columns = {}
    for f in schema:
        values = [row.get(f.name) for row in rows]
        if pa.types.is_string(f.type):
            values = [None if v is None else str(v) for v in values]
        columns[f.name] = pa.array(values, type=f.type)
    return pa.table(columns, schema=schema)


def paths_table(columns: dict[str, np.ndarray], run_ids: np.ndarray) -> pa.Table:
    """Paths rows of a batch (``columns`` from ``Recorder.paths_columns``)."""
    if columns["step"].size == 0:
        return PATHS_SCHEMA.empty_table()
    arrays = [pa.array(run_ids[columns["replicate"]], type=pa.int64())]
    for f in list(PATHS_SCHEMA)[1:]:
        arrays.append(pa.array(columns[f.name], type=f.type, from_pandas=True))
    return pa.Table.from_arrays(arrays, schema=PATHS_SCHEMA)


def events_table(columns: dict[str, np.ndarray], run_ids: np.ndarray) -> pa.Table:
    """Events rows of a batch (``columns`` from ``sim.model.tables.events_columns``)."""
    arrays = [pa.array(run_ids[columns["replicate"]], type=pa.int64())]
    for f in list(EVENTS_SCHEMA)[1:]:
        values = columns[f.name]
        if f.name == "perceived":
            arrays.append(pa.array(values, type=f.type, from_pandas=True))
        else:
            arrays.append(pa.array(values, type=f.type))
    return pa.Table.from_arrays(arrays, schema=EVENTS_SCHEMA)


def concat(tables: list[pa.Table], schema: pa.Schema) -> pa.Table:
    return pa.concat_tables(tables) if tables else schema.empty_table()
