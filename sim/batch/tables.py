"""Arrow tables of a batch of runs: runs, paths and events, with one fixed schema per sweep.

Paths and events come straight from the batched kernel's columns (``sim.model.tables``), so a
batch of runs is turned into Arrow tables with array operations, not one frame per run.
"""

from __future__ import annotations

from collections.abc import Iterator
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
    try:  # Arrow's own conversion; a value of another type (a number in a text column) fails
        return pa.Table.from_pylist(rows, schema=schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        pass
    columns = {}
    for f in schema:
        values = [row.get(f.name) for row in rows]
        if pa.types.is_string(f.type):
            values = [None if v is None else str(v) for v in values]
        columns[f.name] = pa.array(values, type=f.type)
    return pa.table(columns, schema=schema)


def path_tables(
    blocks: list[dict[str, np.ndarray]], words: list[str], run_ids: np.ndarray
) -> list[pa.Table]:
    """Paths rows of a batch as one compact table per kind (``Recorder.path_blocks``): kind
    and entity dictionary-encoded, only the measures the kind has. ``paths_file`` widens
    them into the file's table."""
    dictionary = pa.array(words, type=pa.string())
    tables = []
    for block in blocks:
        arrays = [pa.array(run_ids[block["replicate"]], type=pa.int64())]
        names = ["run_id"]
        for f in list(PATHS_SCHEMA)[1:]:
            if f.name not in block:
                continue
            values = block[f.name]
            if f.name in ("kind", "entity"):
                arrays.append(pa.DictionaryArray.from_arrays(values.astype(np.int32), dictionary))
            else:
                arrays.append(pa.array(values, type=f.type))
            names.append(f.name)
        tables.append(pa.Table.from_arrays(arrays, names=names))
    return tables


#: Most rows of one widened piece of the paths table (a row group of paths.parquet).
PIECE_ROWS = 100_000


def paths_file(tables: list[pa.Table], rows: int = PIECE_ROWS) -> Iterator[pa.Table]:
    """The paths table as written (PATHS_SCHEMA), in pieces of at most ``rows`` rows, from
    compact per-kind tables (measures a kind does not have are NaN): the wide table is never
    whole in memory, however many runs a chunk holds."""
    for table in tables:
        for start in range(0, table.num_rows, rows):
            piece = table.slice(start, rows)
            arrays = []
            for f in PATHS_SCHEMA:
                if f.name in piece.column_names:
                    arrays.append(piece.column(f.name).cast(f.type))
                else:
                    arrays.append(pa.array(np.full(piece.num_rows, np.nan, dtype=np.float32)))
            yield pa.Table.from_arrays(arrays, schema=PATHS_SCHEMA)


def events_table(
    columns: dict[str, np.ndarray], words: dict[str, np.ndarray], run_ids: np.ndarray
) -> pa.Table:
    """Events rows of a batch (``columns`` and ``words`` from
    ``sim.model.tables.event_codes``), text columns dictionary-encoded."""
    arrays = [pa.array(run_ids[columns["replicate"]], type=pa.int64())]
    for f in list(EVENTS_SCHEMA)[1:]:
        values = columns[f.name]
        if f.name in words:
            dictionary = pa.array(words[f.name], type=pa.string())
            arrays.append(pa.DictionaryArray.from_arrays(values.astype(np.int32), dictionary))
        elif f.name == "perceived":
            arrays.append(pa.array(values, type=f.type, from_pandas=True))
        else:
            arrays.append(pa.array(values, type=f.type))
    return pa.Table.from_arrays(arrays, names=EVENTS_SCHEMA.names)


def to_file(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """A table in the file's schema (dictionary-encoded text decoded to plain text)."""
    return table if table.schema.equals(schema) else table.cast(schema)


def concat(tables: list[pa.Table], schema: pa.Schema) -> pa.Table:
    """One table of ``tables``; in the file's schema unless all share another (the
    dictionary-encoded tables of a worker stay encoded until they are written)."""
    if not tables:
        return schema.empty_table()
    if any(not t.schema.equals(tables[0].schema) for t in tables):
        tables = [to_file(t, schema) for t in tables]
    return pa.concat_tables(tables)
