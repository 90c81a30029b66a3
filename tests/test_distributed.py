"""The distributed path for real: a ``dask scheduler`` and ``dask worker`` processes started
apart from the sweep, on loopback, as on a cluster (docs/sweeps.md). A sweep run against them
gives the tables the local pool gives, run for run; each task a worker receives is a batch of
replicates."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

import pandas as pd
import pytest

from sim.batch.tables import TIMING_COLUMNS
from tests.conftest import BASELINE, ROOT, SCENARIOS, run_cli

pytestmark = pytest.mark.slow

SOURCES = [str(BASELINE), str(SCENARIOS / "aid_surge_redline.yaml")]
REPLICATES = 150  # with 2 worker threads: chunks of 38 runs, each one batch


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dask_command(name: str) -> list[str]:
    """``dask scheduler`` / ``dask worker`` (the same programs by module if the ``dask``
    script is not on PATH)."""
    found = shutil.which("dask")
    if found:
        return [found, name]
    return [sys.executable, "-m", f"distributed.cli.dask_{name}"]


def start(command: list[str], log, env: dict) -> subprocess.Popen:
    """A process of its own group (so that stopping it stops its children too)."""
    return subprocess.Popen(
        command,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        cwd=os.path.dirname(log.name),
        start_new_session=True,
    )


def stop(processes: list[subprocess.Popen]) -> None:
    for process in reversed(processes):
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A scheduler and a worker with two single-threaded worker processes, started as a user
    would start them on a cluster, and stopped (by process group) however the tests end."""
    logs = tmp_path_factory.mktemp("dask")
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    scheduler = [*dask_command("scheduler"), "--host", "127.0.0.1", "--port", str(port)]
    worker = [*dask_command("worker"), address, "--nworkers", "2", "--nthreads", "1"]
    worker += ["--memory-limit", "0", "--local-directory", str(logs)]
    started: list[subprocess.Popen] = []
    with open(logs / "scheduler.log", "w") as first, open(logs / "worker.log", "w") as second:
        try:
            started.append(start([*scheduler, "--no-dashboard"], first, env))
            started.append(start([*worker, "--no-dashboard"], second, env))
            wait_for_workers(address, 2)
            yield address
        finally:
            stop(started)


def wait_for_workers(address: str, count: int, seconds: float = 120) -> None:
    from distributed import Client

    deadline = time.monotonic() + seconds
    while True:
        try:
            with Client(address, timeout="5s") as client:
                client.wait_for_workers(count, timeout=seconds)
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def tables(folder) -> dict[str, pd.DataFrame]:
    out = {}
    for name in ("runs", "paths", "events"):
        frame = pd.read_parquet(folder / f"{name}.parquet").drop(
            columns=list(TIMING_COLUMNS), errors="ignore"
        )
        out[name] = frame.sort_values("run_id", kind="stable").reset_index(drop=True)
    return out


def test_a_sweep_on_separate_dask_processes_equals_the_local_pool(cluster, tmp_path):
    common = [*SOURCES, "--replicates", str(REPLICATES), "--record", "paths", "--quiet"]
    local = run_cli("sweep", *common, "--workers", "2", "--out", str(tmp_path / "local"))
    assert local.returncode == 0, local.stderr
    remote = run_cli(
        "sweep", *common, "--backend", "dask", "--scheduler", cluster,
        "--out", str(tmp_path / "dask"),
    )  # fmt: skip
    assert remote.returncode == 0, remote.stderr
    expected, found = tables(tmp_path / "local"), tables(tmp_path / "dask")
    for name in expected:
        pd.testing.assert_frame_equal(found[name], expected[name], check_like=False)
    assert len(found["runs"]) == 2 * REPLICATES
    manifest = json.loads((tmp_path / "dask" / "manifest.json").read_text())
    session = manifest["sessions"][-1]
    assert session["backend"] == "dask" and session["workers"] == 2


def test_each_task_a_worker_runs_is_a_batch_of_replicates(cluster):
    """What the scheduler hands out is ``run_chunk`` over a chunk of runs; the runs of one
    scenario point in a chunk are stepped as one batch (one Simulation)."""
    from sim.batch.runner import plan_sweep
    from sim.batch.worker import Task, run_chunk

    plan = plan_sweep(SOURCES[:1], replicates=8)
    tasks = [Task(r.run_id, r.scenario, r.point, r.replicate, r.seed, {}) for r in plan.runs()]
    bases = [(s.name, s.base) for s in plan.scenarios]

    def batches_in(chunk):
        import sim.model.engine as engine

        made = []
        original = engine.Simulation.__init__

        def counting(self, scenario, seeds, *args, **kwargs):
            made.append(len(seeds))
            original(self, scenario, seeds, *args, **kwargs)

        engine.Simulation.__init__ = counting
        try:
            result = run_chunk(bases, chunk, "summary")
        finally:
            engine.Simulation.__init__ = original
        return made, len(result.runs)

    from distributed import Client

    with Client(cluster, timeout="10s") as client:
        made, runs = client.submit(batches_in, tasks, pure=False).result(timeout=120)
    assert runs == 8 and made == [8]
