"""Where chunks of runs execute: in this process, a local process pool, or a Dask cluster.

Every backend takes an iterator of chunks and yields results as they complete, keeping only a
bounded number of chunks in flight so that memory does not grow with the size of the sweep.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from sim.batch.limits import DEFAULT_RUN_TIMEOUT, WORKERS_PER_CORE
from sim.batch.pool import WorkerPool
from sim.batch.worker import ChunkResult, Task, run_chunk
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
    """Local worker processes (forked on Linux, spawned elsewhere) that die with this process;
    a hung or dead worker is replaced and its runs retried (sim.batch.pool)."""

    name = "local"

    def __init__(self, workers: int, timeout: float = DEFAULT_RUN_TIMEOUT) -> None:
        super().__init__(workers)
        self.timeout = timeout
        self._pool: WorkerPool | None = None

    def run(self, bases, record, chunks):
        self._pool = WorkerPool(self.workers, bases, record, self.timeout)
        yield from self._pool.run(chunks)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None


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
                "dask: dask.distributed is not installed; allowed: pip install 'dask[distributed]'",
                parameter="backend",
            ) from None
        if self.scheduler:
            try:
                self._client = Client(self.scheduler, timeout="10s")
            except OSError as exc:
                raise EscsimError(
                    f"cannot reach {self.scheduler!r} ({exc}); allowed: the address "
                    "of a running Dask scheduler, such as tcp://host:8786",
                    parameter="scheduler",
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


def make_backend(
    name: str,
    workers: int | None,
    scheduler: str | None,
    timeout: float = DEFAULT_RUN_TIMEOUT,
) -> Backend:
    """The backend for ``name``; ``workers`` at most WORKERS_PER_CORE x the cores."""
    if name not in BACKENDS:
        raise EscsimError(f"found {name!r}; allowed: {', '.join(BACKENDS)}", parameter="backend")
    cores = os.cpu_count() or 1
    most = WORKERS_PER_CORE * cores
    if workers is not None and not 1 <= workers <= most:
        raise EscsimError(
            f"found {workers}; allowed: 1 to {most} ({WORKERS_PER_CORE} x the {cores} cores "
            "of this machine)",
            parameter="workers",
        )
    if not timeout > 0:
        raise EscsimError(f"found {timeout}; allowed: seconds > 0", parameter="run_timeout")
    if scheduler and name != "dask":
        raise EscsimError(
            "only with the dask backend; allowed: backend dask", parameter="scheduler"
        )
    count = workers or default_workers()
    if name == "dask":
        return DaskBackend(count, scheduler)
    return InlineBackend(1) if count == 1 else PoolBackend(count, timeout)
