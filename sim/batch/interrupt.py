"""Stopping a sweep cleanly: SIGINT and SIGTERM become an exception in the sweep's own thread,
so the runner saves every finished run and marks the folder resumable before it exits."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from sim.errors import EscsimError

SIGNALS = (signal.SIGINT, signal.SIGTERM)
#: The signal received, if any: the handler's exception can be swallowed when it lands in a
#: finalizer (``__del__``), so the sweep's loops also call ``check``.
_received: list[int] = []


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived (a BaseException, like KeyboardInterrupt, so that code which
    catches Exception, such as a failing run, does not swallow it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextmanager
def signals_raise() -> Iterator[None]:
    """While the block runs in the main thread, SIGINT and SIGTERM raise Interrupted (once:
    further signals are ignored while the sweep saves its work). Elsewhere, nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        for number in SIGNALS:
            signal.signal(number, signal.SIG_IGN)
        _received.append(signum)
        if frame is not None and frame.f_code.co_name == "__del__":
            # Python would print an exception raised in a finaliser and go on; leave the stop
            # to the next check() (the runner checks after every chunk) instead.
            return
        raise Interrupted(signum)

    previous = {number: signal.signal(number, handler) for number in SIGNALS}
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old)
        _received.clear()


def check() -> None:
    """Raise Interrupted if a signal arrived (and its exception was lost on the way)."""
    if _received:
        raise Interrupted(_received[0])


class SweepStopped(EscsimError):
    """A sweep stopped before its end (a signal, a full disk, a dead backend). Its finished runs
    are saved and the folder is marked ``interrupted``: the same call with ``resume=True``
    completes it. ``exit_code`` is 128 + the signal's number after a signal (130 for SIGINT,
    143 for SIGTERM), else 2."""

    def __init__(self, reason: str, out: Path, done: int, total: int, exit_code: int = 2) -> None:
        self.reason, self.out, self.done, self.total = reason, out, done, total
        self.summary = f"{reason}; {done:,} of {total:,} runs saved in {out}"
        super().__init__(f"{self.summary}; the same call with resume=True completes it")
        self.exit_code = exit_code
