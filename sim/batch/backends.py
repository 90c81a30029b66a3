"""Where chunks of runs execute: in this process, a local process pool, or a Dask cluster.

Every backend takes an iterator of chunks and yields results as they complete, keeping only a
bounded number of chunks in flight so that memory does not grow with the size of the sweep.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

from sim.batch.worker import ChunkResult, Task, init_pool, run_chunk, run_pooled
from sim.errors import EscsimError

BACKENDS = ("local", "dask")


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


class Backend:
    name = "base"

    def __init__(self, workers: int) -> None:
        self.workers = workers

    def __enter__(self) -> Backend:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        pass

    def prepare(self) -> None:
        """Connect or start what the backend needs (errors surface before anything is written)."""

    def run(self, bases: list, record: str, chunks: Iterable[list[Task]]) -> Iterator[ChunkResult]:
        raise NotImplementedError


class InlineBackend(Backend):
    """workers=1: run in this process (no start-up cost, nothing to pickle)."""

    name = "local"

    def run(self, bases, record, chunks):
        for chunk in chunks:
            yield run_chunk(bases, chunk, record)


class PoolBackend(Backend):
    """A ``concurrent.futures.ProcessPoolExecutor``. On Linux workers are forked (no re-import
    of numpy, pandas and mesa); elsewhere they are spawned."""

    name = "local"

    def __init__(self, workers: int) -> None:
        super().__init__(workers)
        self._pool: ProcessPoolExecutor | None = None
        self._frozen = False

    def run(self, bases, record, chunks):
        method = "fork" if sys.platform.startswith("linux") else "spawn"
        if method == "fork":
            # Forked workers share the parent's objects; frozen, the workers' garbage collector
            # does not traverse (and copy) them. Unfrozen when the pool closes.
            gc.freeze()
            self._frozen = True
        self._pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context(method),
            initializer=init_pool,
            initargs=(bases, record),
        )
        yield from _bounded(self._pool.submit, run_pooled, chunks, 4 * self.workers)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._frozen:
            gc.unfreeze()
            self._frozen = False


def _bounded(submit, fn, chunks, limit: int, *args) -> Iterator:
    """Submit ``fn(*args, chunk)`` keeping at most ``limit`` in flight; yield results."""
    pending = set()
    iterator = iter(chunks)
    exhausted = False
    while True:
        while not exhausted and len(pending) < limit:
            chunk = next(iterator, None)
            if chunk is None:
                exhausted = True
                break
            pending.add(submit(fn, *args, chunk))
        if not pending:
            return
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            yield future.result()


class DaskBackend(Backend):
    """A Dask distributed cluster: ``scheduler`` names a running one; without it a
    ``LocalCluster`` with ``workers`` single-threaded worker processes is started for the sweep."""

    name = "dask"

    def __init__(self, workers: int, scheduler: str | None = None) -> None:
        super().__init__(workers)
        self.scheduler = scheduler
        self._client = None
        self._cluster = None

    def _connect(self):
        try:
            from distributed import Client, LocalCluster
        except ImportError:  # pragma: no cover - dask is a dependency
            raise EscsimError(
                "--backend dask: dask.distributed is not installed; allowed: "
                "pip install 'dask[distributed]'"
            ) from None
        if self.scheduler:
            try:
                self._client = Client(self.scheduler, timeout="10s")
            except OSError as exc:
                raise EscsimError(
                    f"--scheduler: cannot reach {self.scheduler!r} ({exc}); allowed: the address "
                    "of a running Dask scheduler, such as tcp://host:8786"
                ) from None
            self.workers = max(1, sum(self._client.nthreads().values()))
        else:
            self._cluster = LocalCluster(
                n_workers=self.workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            self._client = Client(self._cluster)
        return self._client

    def run(self, bases, record, chunks):
        from distributed import as_completed

        client = self._client or self._connect()
        [shared] = client.scatter([bases], broadcast=True)
        limit = 4 * self.workers
        iterator = iter(chunks)
        futures = as_completed()
        in_flight = 0

        def submit_next() -> bool:
            chunk = next(iterator, None)
            if chunk is None:
                return False
            futures.add(client.submit(run_chunk, shared, chunk, record, pure=False))
            return True

        while in_flight < limit and submit_next():
            in_flight += 1
        for future in futures:
            result = future.result()
            future.release()
            in_flight -= 1
            if submit_next():
                in_flight += 1
            yield result

    def prepare(self) -> None:
        if self._client is None:
            self._connect()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


def make_backend(name: str, workers: int | None, scheduler: str | None) -> Backend:
    if name not in BACKENDS:
        raise EscsimError(f"--backend: found {name!r}; allowed: {', '.join(BACKENDS)}")
    if workers is not None and workers < 1:
        raise EscsimError(f"--workers: found {workers}; allowed: an integer >= 1")
    if scheduler and name != "dask":
        raise EscsimError("--scheduler: only with --backend dask; allowed: add --backend dask")
    count = workers or default_workers()
    if name == "dask":
        return DaskBackend(count, scheduler)
    return InlineBackend(1) if count == 1 else PoolBackend(count)
