"""User-facing errors: one clear message, exit status 2, never a traceback."""

from __future__ import annotations


class EscsimError(Exception):
    """An error caused by the user's input; the CLI prints it and exits with status 2."""

    exit_code = 2


class ScenarioError(EscsimError):
    """A scenario file is wrong; the message names file, line, field, found and allowed."""

    def __init__(
        self,
        file: str,
        problem: str,
        *,
        line: int | None = None,
        field: str | None = None,
        found: object = None,
        allowed: str | None = None,
    ) -> None:
        self.file, self.line, self.field = file, line, field
        self.found, self.allowed, self.problem = found, allowed, problem
        where = file if line is None else f"{file}:{line}"
        parts = [f"{where}: {problem}"]
        if field:
            parts.append(f"field '{field}'")
        if found is not None:
            parts.append(f"found {found!r}")
        if allowed:
            parts.append(f"allowed: {allowed}")
        super().__init__("; ".join(parts))
