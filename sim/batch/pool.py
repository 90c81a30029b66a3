"""A process pool that cannot outlive its parent and never waits on a hung or dead worker.

Each worker has its own pipe, so the parent knows which chunk every worker holds. A worker that
dies (killed, out of memory) or whose current run exceeds ``timeout`` seconds (hung, stopped with
SIGSTOP) is killed and replaced; its chunks are tried again one run at a time, and a run that
loses its worker a second time is recorded as failed. Workers die with the parent: Linux's
parent-death signal, and a thread that watches the parent's pid elsewhere (and as a fallback).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait

from sim.batch.interrupt import check as check_interrupted
from sim.batch.worker import ChunkResult, Task, lost_runs, run_chunk

#: Chunks sent ahead to each worker, so that it never waits for the parent between chunks.
DEPTH = 2
_PR_SET_PDEATHSIG = 1


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(1)


def die_with_parent(parent: int) -> None:
    """End this process as soon as ``parent`` ends, however it ends (SIGKILL included)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the signal was set up
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _serve(conn: Connection, heartbeat, slot: int, bases: list, record: str, parent: int) -> None:
    """A worker's life: run the chunks that arrive until told to stop (None) or orphaned."""
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # parent decides, workers just end

    def beat() -> None:
        heartbeat[slot] = time.monotonic()

    while True:
        try:
            tasks = conn.recv()
        except (EOFError, OSError):
            return
        if tasks is None:
            return
        conn.send(run_chunk(bases, tasks, record, on_run=beat))


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    slot: int
    chunks: deque = field(default_factory=deque)  # (tasks, attempt), oldest running


class WorkerPool:
    """``run(chunks)`` yields a ChunkResult per chunk as they finish, in any order."""

    def __init__(self, workers: int, bases: list, record: str, timeout: float) -> None:
        self.size, self.bases, self.record, self.timeout = workers, bases, record, timeout
        method = "fork" if sys.platform.startswith("linux") else "spawn"
        self._context = multiprocessing.get_context(method)
        self._heartbeat = self._context.RawArray("d", workers)
        self._workers: list[_Worker] = []
        self._retry: deque[tuple[list[Task], int]] = deque()
        self.replaced = 0  # workers that died or hung and were replaced

    def _start(self, slot: int) -> _Worker:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(
            target=_serve,
            args=(theirs, self._heartbeat, slot, self.bases, self.record, os.getpid()),
            daemon=True,
            name=f"escsim-worker-{slot}",
        )
        process.start()
        theirs.close()
        return _Worker(process, ours, slot)

    def _send(self, worker: _Worker, tasks: list[Task], attempt: int) -> None:
        if not worker.chunks:
            self._heartbeat[worker.slot] = time.monotonic()
        worker.chunks.append((tasks, attempt))
        with contextlib.suppress(OSError):  # a dead worker: its sentinel tells, and it is replaced
            worker.conn.send(tasks)

    def _replace(self, worker: _Worker, why: str) -> Iterator[ChunkResult]:
        """Kill ``worker``, start another in its place, and retry its chunks run by run; yield
        failed rows for runs that were already on their second try."""
        with contextlib.suppress(OSError):
            worker.process.kill()
        worker.process.join()
        worker.conn.close()
        self.replaced += 1
        for tasks, attempt in worker.chunks:
            if attempt == 0:
                self._retry.extend(([task], 1) for task in tasks)
            else:
                yield lost_runs(self.bases, tasks, self.record, why)
        self._workers[self._workers.index(worker)] = self._start(worker.slot)

    def run(self, chunks: Iterable[list[Task]]) -> Iterator[ChunkResult]:
        # Forked workers share the parent's objects; frozen, their garbage collector does not
        # traverse (and copy) them.
        gc.freeze()
        try:
            self._workers = [self._start(slot) for slot in range(self.size)]
            source = iter(chunks)
            exhausted = False
            while True:
                for worker in self._workers:
                    while len(worker.chunks) < DEPTH:
                        if self._retry:
                            self._send(worker, *self._retry.popleft())
                            continue
                        tasks = None if exhausted else next(source, None)
                        if tasks is None:
                            exhausted = True
                            break
                        self._send(worker, tasks, 0)
                busy = [w for w in self._workers if w.chunks]
                if not busy:
                    return
                waits = {w.conn: w for w in busy} | {w.process.sentinel: w for w in busy}
                ready = wait(list(waits), timeout=min(1.0, self.timeout / 4))
                check_interrupted()
                for worker in dict.fromkeys(waits[r] for r in ready):
                    try:
                        while worker.conn.poll():
                            result = worker.conn.recv()
                            worker.chunks.popleft()
                            self._heartbeat[worker.slot] = time.monotonic()
                            yield result
                    except (EOFError, OSError):
                        pass
                    if not worker.process.is_alive() and worker.chunks:
                        code = worker.process.exitcode
                        why = f"WorkerDied: the worker process ended (exit status {code}) twice"
                        yield from self._replace(worker, why)
                now = time.monotonic()
                for worker in list(self._workers):
                    if worker.chunks and now - self._heartbeat[worker.slot] > self.timeout:
                        why = f"TimeoutError: a run took longer than {self.timeout:g} s, twice"
                        yield from self._replace(worker, why)
        finally:
            self.close()
            gc.unfreeze()

    def close(self) -> None:
        """Stop every worker now (idle ones are told to end; busy ones are killed)."""
        for worker in self._workers:
            with contextlib.suppress(OSError):
                if worker.chunks:
                    worker.process.kill()
                else:
                    worker.conn.send(None)
        for worker in self._workers:
            worker.process.join(timeout=2)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self._workers = []
