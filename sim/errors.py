"""User-facing errors: one clear message, exit status 2, never a traceback."""

from __future__ import annotations

from collections.abc import Callable

#: Longest text of a found value quoted in a message (a 5 MB value stays one readable line).
MAX_FOUND = 120


def _quote(found: object) -> str:
    text = repr(found)
    return text if len(text) <= MAX_FOUND else f"{text[: MAX_FOUND - 20]}... ({len(text):,} chars)"


class EscsimError(Exception):
    """An error caused by the user's input; the CLI prints it and exits with status 2.

    ``parameter`` names the Python argument at fault (``workers``): the message itself names
    no option, so that it reads right in a notebook; the command line puts its flag in front."""

    exit_code = 2

    def __init__(self, message: str, *, parameter: str | None = None) -> None:
        super().__init__(message)
        self.message, self.parameter = message, parameter

    def __str__(self) -> str:
        return f"{self.parameter}: {self.message}" if self.parameter else self.message

    def render(self, flag_of: Callable[[str], str]) -> str:
        """The message with the parameter shown as ``flag_of(parameter)`` (a CLI flag)."""
        return f"{flag_of(self.parameter)}: {self.message}" if self.parameter else self.message


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
        if field:  # control characters escaped: the message stays one line
            parts.append(f"field '{field if field.isprintable() else repr(field)[1:-1]}'")
        if found is not None:
            parts.append(f"found {_quote(found)}")
        if allowed:
            parts.append(f"allowed: {allowed}")
        super().__init__("; ".join(parts))
