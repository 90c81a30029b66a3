"""Arrow tables of a batch of runs: runs, paths and events, with one fixed schema per sweep.

Paths are built straight from the recorder's arrays (the same rows and values as
``Recorder.paths_frame()``, without building a DataFrame per run), so recording costs little.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from sim.recorder import EVENT_COLUMNS

#: --record levels and the kinds of paths rows each keeps.
RECORD_LEVELS = ("summary", "paths", "full")
PATH_KINDS = {
    "summary": (),
    "paths": ("dyad", "actor", "alliance"),
    "full": ("dyad", "directed", "actor", "alliance"),
}

PATHS_SCHEMA = pa.schema(
    [
        ("run_id", pa.int64()),
        ("step", pa.int32()),
        ("kind", pa.string()),
        ("entity", pa.string()),
        ("level", pa.float32()),
        ("posture", pa.float32()),
        ("hostility", pa.float32()),
        ("support", pa.float32()),
        ("cohesion", pa.float32()),
    ]
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


def paths_columns(model, run_id: int, record: str) -> dict[str, np.ndarray] | None:
    """One run's paths rows as columns (None when ``record`` keeps no paths)."""
    kinds = PATH_KINDS[record]
    if not kinds:
        return None
    recorder = model.recorder
    n = recorder.last_step + 1
    steps = np.arange(n, dtype=np.int32)
    blocks: list[tuple[str, list[str], dict[str, np.ndarray]]] = []
    if "dyad" in kinds:
        key = recorder.key_levels()
        names = list(key)
        if names:
            blocks.append(("dyad", names, {"level": np.stack([key[k] for k in names])}))
    if "directed" in kinds:
        names = [
            f"{model.ids[model.src[d]]}>{model.ids[model.dst[d]]}" for d in range(model.n_dyads)
        ]
        blocks.append(
            (
                "directed",
                names,
                {
                    "level": recorder.level[:n].T,
                    "posture": recorder.posture[:n].T,
                    "hostility": recorder.hostility[:n].T,
                },
            )
        )
    if "actor" in kinds:
        blocks.append(("actor", list(model.ids), {"support": recorder.support[:n].T}))
    if "alliance" in kinds:
        present = [(k, name) for k, name in enumerate(("NATO", "EU")) if model.members[name].size]
        if present:
            blocks.append(
                (
                    "alliance",
                    [name for _, name in present],
                    {"cohesion": recorder.cohesion[:n, [k for k, _ in present]].T},
                )
            )
    out: dict[str, list[np.ndarray]] = {c: [] for c in ("step", "kind", "entity")}
    values = ("level", "posture", "hostility", "support", "cohesion")
    for c in values:
        out[c] = []
    for kind, names, data in blocks:
        rows = len(names) * n
        out["step"].append(np.tile(steps, len(names)))
        out["kind"].append(np.full(rows, kind, dtype=object))
        out["entity"].append(np.repeat(np.array(names, dtype=object), n))
        for c in values:
            column = data.get(c)
            out[c].append(
                np.full(rows, np.nan, np.float32)
                if column is None
                else np.asarray(column, dtype=np.float32).reshape(-1)
            )
    columns = {c: np.concatenate(parts) for c, parts in out.items()}
    columns["run_id"] = np.full(columns["step"].size, run_id, dtype=np.int64)
    return columns


def paths_table(parts: list[dict[str, np.ndarray]]) -> pa.Table:
    if not parts:
        return PATHS_SCHEMA.empty_table()
    arrays = []
    for f in PATHS_SCHEMA:
        column = np.concatenate([p[f.name] for p in parts])
        arrays.append(pa.array(column, type=f.type))
    return pa.Table.from_arrays(arrays, schema=PATHS_SCHEMA)


def event_rows(model, run_id: int) -> list[dict]:
    rows = []
    for event in model.recorder.events:
        row = {c: event.get(c) for c in EVENT_COLUMNS}
        row["run_id"] = run_id
        rows.append(row)
    return rows


def events_table(rows: list[dict]) -> pa.Table:
    columns = {}
    for f in EVENTS_SCHEMA:
        values = [row.get(f.name) for row in rows]
        if pa.types.is_string(f.type):
            values = [None if v is None else str(v) for v in values]
        elif pa.types.is_integer(f.type):
            values = [None if v is None else int(v) for v in values]
        elif pa.types.is_boolean(f.type):
            values = [None if v is None else bool(v) for v in values]
        columns[f.name] = pa.array(values, type=f.type)
    return pa.table(columns, schema=EVENTS_SCHEMA)
