"""The event log of a batch of runs, kept as growing columns of codes.

Every action, signal, vote and perception is one row: which replicate, which step, what kind,
who to whom, and the details. Text (rung names, labels, causes) is interned once, so logging a
move in 256 replicates is one array append, not 256 dictionaries.
"""

from __future__ import annotations

import numpy as np

#: Columns of the events table, in order (``run_id`` is added when a table is built).
EVENT_COLUMNS = (
    "step",
    "kind",
    "channel",
    "actor",
    "target",
    "move",
    "from_rung",
    "to_rung",
    "cause",
    "perceived",
    "misread",
    "reading",
    "red_line",
    "label",
)
#: Columns holding interned text.
TEXT_COLUMNS = ("kind", "channel", "from_rung", "to_rung", "cause", "reading", "red_line", "label")
#: Why something happened (the ``cause`` column).
CAUSES = (
    "",
    "deliberate",  # chosen by the actor (calculus or doctrine)
    "inadvertent",  # chosen, but against a rival the actor misread
    "accidental",  # a slip or stray fire: nobody chose it
    "scheduled",  # the scenario's timeline
    "response",  # carrying out a red line or collective defence
    "policy",  # a change of policy limits forced it
    "agreement",  # an accepted peace plan
)
NO_PERCEPTION = -99


class EventLog:
    """Append-only columns; ``rows`` of an append can be annotated later in the same step."""

    def __init__(self, capacity: int = 1024) -> None:
        self.size = 0
        self._vocab: dict[str, int] = {"": 0}
        self._text: list[str] = [""]
        self.columns: dict[str, np.ndarray] = {}
        self._allocate(capacity)

    def _allocate(self, capacity: int) -> None:
        fresh = {
            "replicate": np.zeros(capacity, dtype=np.int32),
            "step": np.zeros(capacity, dtype=np.int32),
            "actor": np.full(capacity, -1, dtype=np.int32),
            "target": np.full(capacity, -1, dtype=np.int32),
            "move": np.zeros(capacity, dtype=np.int32),
            "perceived": np.full(capacity, NO_PERCEPTION, dtype=np.int32),
            "misread": np.zeros(capacity, dtype=bool),
        }
        for name in TEXT_COLUMNS:
            fresh[name] = np.zeros(capacity, dtype=np.int32)
        for name, column in self.columns.items():
            fresh[name][: self.size] = column[: self.size]
        self.columns = fresh

    def code(self, text: str) -> int:
        """The code of a piece of text, interning it on first use."""
        found = self._vocab.get(text)
        if found is None:
            found = self._vocab[text] = len(self._text)
            self._text.append(text)
        return found

    def codes(self, texts: list[str]) -> np.ndarray:
        """Codes of many pieces of text (one per row of an emit)."""
        return np.array([self.code(text) for text in texts], dtype=np.int32)

    def describe(self, keys: np.ndarray, text_of) -> np.ndarray:
        """Codes of ``text_of(row)`` for each row of ``keys`` (rows x columns, numbers): each
        distinct row is described once, so a label that names its replicate's particulars
        (who blocked a vote, the terms of an offer) costs one string per kind, not per run."""
        keys = np.ascontiguousarray(keys)
        count = keys.shape[0]
        if count == 0:
            return np.zeros(0, dtype=np.int32)
        rows = keys.view(np.dtype((np.void, keys.dtype.itemsize * keys.shape[1]))).ravel()
        seen: dict = {}
        inverse = np.fromiter(
            (seen.setdefault(row, len(seen)) for row in rows.tolist()), np.int64, count
        )
        first = np.empty(len(seen), dtype=np.int64)
        first[inverse[::-1]] = np.arange(count - 1, -1, -1)
        codes = np.array([self.code(text_of(keys[i])) for i in first], dtype=np.int32)
        return codes[inverse]

    def text(self, codes: np.ndarray) -> np.ndarray:
        return self.words()[codes]

    def words(self) -> np.ndarray:
        """Every interned text, indexed by its code (an object array)."""
        return np.asarray(self._text, dtype=object)

    def emit(self, step: int, kind: str, replicates: np.ndarray, **fields) -> np.ndarray:
        """Append one row per replicate index; fields are arrays (one per row) or scalars.
        Text fields are given as text (a scalar) or as codes (an int array). Returns the rows."""
        replicates = np.asarray(replicates, dtype=np.int32).reshape(-1)
        count = replicates.size
        if count == 0:
            return np.zeros(0, dtype=np.int64)
        capacity = next(iter(self.columns.values())).size
        if self.size + count > capacity:
            self._allocate(max(2 * capacity, self.size + count))
        rows = np.arange(self.size, self.size + count)
        self.columns["replicate"][rows] = replicates
        self.columns["step"][rows] = step
        self.columns["kind"][rows] = self.code(kind)
        for name in ("actor", "target"):
            self.columns[name][rows] = -1
        self.columns["perceived"][rows] = NO_PERCEPTION
        self.columns["misread"][rows] = False
        self.columns["move"][rows] = 0
        for name in TEXT_COLUMNS[1:]:
            self.columns[name][rows] = 0
        for name, value in fields.items():
            if name in TEXT_COLUMNS and isinstance(value, str):
                value = self.code(value)
            self.columns[name][rows] = value
        self.size += count
        return rows

    def annotate(self, rows: np.ndarray, **fields) -> None:
        for name, value in fields.items():
            if name in TEXT_COLUMNS and isinstance(value, str):
                value = self.code(value)
            self.columns[name][rows] = value

    def view(self) -> dict[str, np.ndarray]:
        return {name: column[: self.size] for name, column in self.columns.items()}

    def take(self, replicates: np.ndarray) -> EventLog:
        """The events of the given replicates, as replicates 0, 1, ... of a new log (a
        replicate may be taken several times: runs continued from one saved run)."""
        other = self.copy()
        view = self.view()
        order = [np.flatnonzero(view["replicate"] == r) for r in np.asarray(replicates)]
        rows = np.concatenate(order) if order else np.zeros(0, dtype=np.int64)
        other.size = rows.size
        other.columns = {}
        other._allocate(max(rows.size, 1024))
        for name, column in view.items():
            other.columns[name][: rows.size] = column[rows]
        other.columns["replicate"][: rows.size] = np.repeat(
            np.arange(len(order), dtype=np.int32), [part.size for part in order]
        )
        return other

    def copy(self) -> EventLog:
        other = EventLog.__new__(EventLog)
        other.size = self.size
        other._vocab = dict(self._vocab)
        other._text = list(self._text)
        other.columns = {name: column.copy() for name, column in self.columns.items()}
        return other
