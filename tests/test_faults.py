"""Fault injection: each case does to a sweep what happens to real ones (the main process
killed alone, signals, a worker killed or stopped, damaged parts, a lost manifest, a full disk,
two writers) and checks that the error is one clean line, that no finished run is lost, and
that after recovery the results equal a clean sweep. docs/reliability.md lists these cases."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sim.batch import load_results, run_sweep
from sim.batch.integrity import DamagedPartWarning
from sim.batch.interrupt import SweepStopped
from sim.batch.store import PartWriter
from sim.errors import EscsimError
from tests.conftest import ROOT, run_cli
from tests.sweep_helpers import assert_same_results, short_scenario

pytestmark = pytest.mark.slow

RUNS = 160


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    spec = {"parameters": {"rules.signalling.misperception": [0.0, 0.2]}, "replicates": 80}
    return short_scenario(tmp_path_factory.mktemp("faults"), steps=8, **spec)


@pytest.fixture(scope="module")
def clean(scenario, tmp_path_factory):
    """The uninterrupted sweep every recovered one must equal."""
    out = tmp_path_factory.mktemp("clean") / "clean"
    run_sweep([scenario], workers=1, out=out)
    return load_results(out)


# ------------------------------------------------------------------ helpers
def start(scenario: Path, out: Path, *options: str) -> subprocess.Popen:
    """``escsim sweep`` as a real process in its own session (so that signals sent to it do
    not reach pytest), two workers, a part every 10 runs."""
    command = [sys.executable, "-m", "sim", "sweep", str(scenario), "--out", str(out)]
    command += ["--workers", "2", "--part-size", "10", "--quiet", *options]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_parts(process: subprocess.Popen, out: Path, count: int) -> None:
    deadline = time.monotonic() + 60
    while len(list((out / "runs.parquet").glob("part-*"))) < count:
        assert process.poll() is None, "the sweep ended before the fault could be injected"
        assert time.monotonic() < deadline, "no parts were written"
        time.sleep(0.01)


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


def resume(scenario: Path, out: Path) -> subprocess.CompletedProcess:
    result = run_cli("sweep", str(scenario), "--out", str(out), "--resume", "--workers", "2")
    assert result.returncode == 0, result.stderr
    return result


def assert_recovered(out: Path, clean) -> None:
    finished = load_results(out)
    assert finished.manifest["status"] == "complete"
    assert finished.runs["run_id"].is_unique and len(finished.runs) == RUNS
    assert (finished.runs["status"] == "ok").all()
    assert_same_results(finished, clean)


def saved_runs(out: Path) -> set[int]:
    return set(load_results(out).runs["run_id"])


# ------------------------------------------------------------------ processes
def test_kill_main_only_then_resume_at_once(scenario, clean, tmp_path):
    out = tmp_path / "killed"
    process = start(scenario, out)
    wait_for_parts(process, out, 3)
    workers = children(process.pid)
    assert len(workers) == 2
    os.kill(process.pid, signal.SIGKILL)  # the main process alone, as the OOM killer does
    process.wait()
    deadline = time.monotonic() + 5
    while any(alive(w) for w in workers):  # orphaned workers end by themselves
        assert time.monotonic() < deadline, "workers outlived the killed sweep"
        time.sleep(0.05)
    before = saved_runs(out)
    assert 30 <= len(before) < RUNS, "kill the sweep mid-way"
    result = resume(scenario, out)  # at once: no lock is left behind
    assert "already done" in result.stdout
    assert before <= saved_runs(out)
    assert_recovered(out, clean)


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_signal_saves_finished_runs_and_says_how_to_resume(
    scenario, clean, tmp_path, signum, status
):
    out = tmp_path / signal.Signals(signum).name
    process = start(scenario, out)
    wait_for_parts(process, out, 2)
    os.killpg(process.pid, signum)  # as Ctrl-C does: the whole group (workers ignore it)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == status
    line = one_line(stderr)
    assert f"interrupted by {signal.Signals(signum).name}" in line
    command = line.split("to complete it: ", 1)[1]
    assert command.startswith("escsim sweep ") and command.endswith("--resume")
    manifest = json.loads((out / "manifest.json").read_text())
    saved = saved_runs(out)
    assert manifest["status"] == "interrupted"
    assert manifest["counts"]["done"] == len(saved) >= 20
    assert f"{len(saved):,} of {RUNS:,} runs saved" in line
    result = run_cli(*command.split()[1:])
    assert result.returncode == 0, result.stderr
    assert_recovered(out, clean)


def test_killed_worker_is_replaced_and_its_runs_redone(scenario, clean, tmp_path):
    out = tmp_path / "worker"
    process = start(scenario, out)
    wait_for_parts(process, out, 1)
    os.kill(children(process.pid)[0], signal.SIGKILL)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr
    assert_recovered(out, clean)


def test_stopped_worker_times_out_and_its_runs_are_redone(scenario, clean, tmp_path):
    out = tmp_path / "stopped"
    process = start(scenario, out, "--timeout", "1")
    wait_for_parts(process, out, 1)
    stopped = children(process.pid)[0]
    os.kill(stopped, signal.SIGSTOP)
    try:
        _, stderr = process.communicate(timeout=60)
    finally:
        with contextlib.suppress(OSError):
            os.kill(stopped, signal.SIGKILL)
    assert process.returncode == 0, stderr
    assert not alive(stopped)
    assert_recovered(out, clean)


def test_two_fresh_sweeps_into_one_folder(scenario, clean, tmp_path):
    out = tmp_path / "race"
    first, second = start(scenario, out), start(scenario, out)
    results = [(*p.communicate(timeout=120), p.returncode) for p in (first, second)]
    codes = sorted(code for _, _, code in results)
    assert codes == [0, 2], results
    [(_, stderr, _)] = [r for r in results if r[2] == 2]
    line = one_line(stderr)
    assert "the folder exists" in line or "another escsim sweep" in line
    assert_recovered(out, clean)


def test_resume_while_another_sweep_writes_is_refused(scenario, clean, tmp_path):
    out = tmp_path / "busy"
    process = start(scenario, out)
    wait_for_parts(process, out, 1)
    refused = run_cli("sweep", str(scenario), "--out", str(out), "--resume", "--workers", "1")
    assert refused.returncode == 2
    assert "another escsim sweep is writing this folder" in one_line(refused.stderr)
    assert process.wait(timeout=120) == 0
    assert_recovered(out, clean)


# ------------------------------------------------------------------ damaged files
@pytest.fixture
def interrupted(scenario, tmp_path):
    """A sweep stopped (as by a full disk) after five parts, in this process."""
    out = tmp_path / "partial"
    calls = {"n": 0}
    original = PartWriter.commit

    def commit_five(self):
        calls["n"] += 1
        if calls["n"] > 5:
            raise OSError(errno.ENOSPC, "No space left on device", str(self.final["runs"]))
        original(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(PartWriter, "commit", commit_five)
        with pytest.raises(SweepStopped, match="No space left on device"):
            run_sweep(
                [scenario],
                workers=1,
                out=out,
                part_size=10,
                chunk_size=10,
                command=f"escsim sweep {scenario} --out {out} --workers 1",
            )
    return out


def test_disk_full_leaves_a_resumable_folder(scenario, clean, interrupted):
    manifest = json.loads((interrupted / "manifest.json").read_text())
    assert manifest["status"] == "interrupted"
    assert manifest["counts"]["done"] == len(saved_runs(interrupted)) == 50
    assert not list(interrupted.glob("*/.*.tmp"))  # the open part's files are gone
    resume(scenario, interrupted)
    assert_recovered(interrupted, clean)


def test_disk_full_from_the_command_line(scenario, tmp_path, monkeypatch):
    def full(self, tables):
        raise OSError(errno.ENOSPC, "No space left on device", str(self.temporary["runs"]))

    monkeypatch.setattr(PartWriter, "append", full)
    out = tmp_path / "full"
    result = run_cli("sweep", str(scenario), "--out", str(out), "--workers", "1")
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert line.startswith("error: No space left on device writing ")
    assert f"0 of {RUNS} runs saved" in line and line.endswith("--resume")
    assert json.loads((out / "manifest.json").read_text())["status"] == "interrupted"


@pytest.mark.parametrize("table", ["runs", "paths", "events"])
def test_truncated_part_gives_one_error_then_resume_redoes_it(scenario, clean, interrupted, table):
    damaged = interrupted / f"{table}.parquet" / "part-00002.parquet"
    damaged.write_bytes(damaged.read_bytes()[:300])
    reader = {
        "runs": ("summary", str(interrupted)),
        "paths": ("plot", str(interrupted), "--kind", "fan"),
        "events": ("plot", str(interrupted), "--kind", "indicators"),
    }[table]
    result = run_cli(*reader)
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert str(damaged) in line and "damaged part file" in line, line
    with pytest.raises(EscsimError, match="damaged part file"):
        load_results(interrupted)
    with pytest.warns(DamagedPartWarning, match="batch 2 is damaged"):
        run_sweep([scenario], workers=1, out=interrupted, resume=True)
    assert (interrupted / "damaged" / f"{table}-part-00002.parquet").exists()  # kept aside
    assert_recovered(interrupted, clean)
    assert run_cli(*reader).returncode == 0


@pytest.mark.parametrize("damage", ["garbage", "deleted", "deleted with backup"])
def test_damaged_manifest_is_repaired(scenario, clean, interrupted, damage):
    manifest = interrupted / "manifest.json"
    if damage == "garbage":
        manifest.write_text('{"format": "escsim-sw')
    else:
        manifest.unlink()
        if damage == "deleted with backup":
            (interrupted / "manifest.json.bak").unlink()
    summary = run_cli("summary", str(interrupted))
    assert summary.returncode == 2 and "manifest.json" in one_line(summary.stderr)
    repaired = run_cli("repair", str(interrupted))
    assert repaired.returncode == 0, repaired.stderr
    assert f"50 of {RUNS} runs intact" in repaired.stdout
    command = re.search(r"to complete it: escsim (sweep .* --resume)", repaired.stdout)[1]
    assert run_cli(*command.split()).returncode == 0
    assert_recovered(interrupted, clean)


# ------------------------------------------------------------------ unwritable places
@pytest.fixture
def unwritable(tmp_path) -> Path:
    """A place no one can write to, even root: a path under a file."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    return blocker / "out"


def test_unwritable_out_is_one_line(scenario, clean, unwritable, tmp_path):
    folder = str(clean.folder)
    commands = {
        "sweep": ("sweep", str(scenario), "--out", str(unwritable), "--workers", "1"),
        "run": ("run", str(scenario), "--out", str(unwritable)),
        "plot": ("plot", folder, "--kind", "fan", "--out", str(unwritable / "fan")),
        "compare": (
            "compare",
            folder,
            "--by",
            "rules.signalling.misperception",
            "--out",
            str(unwritable / "cmp"),
        ),
    }
    for name, args in commands.items():
        result = run_cli(*args)
        assert result.returncode == 2, (name, result.stderr)
        assert str(unwritable.parent) in one_line(result.stderr), name


def test_run_out_into_a_sweep_folder_is_refused(scenario, clean):
    before = sorted(p.name for p in clean.folder.iterdir())
    result = run_cli("run", str(scenario), "--out", str(clean.folder))
    assert result.returncode == 2
    assert "a sweep's results folder" in one_line(result.stderr)
    assert sorted(p.name for p in clean.folder.iterdir()) == before


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs needs root")
def test_real_full_disk_then_resume_after_space_is_freed(scenario, clean, tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(disk)])
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        out = disk / "sweep"
        result = run_cli(
            "sweep", str(scenario), "--out", str(out), "--workers", "2", "--part-size", "10"
        )
        assert result.returncode == 2
        line = one_line(result.stderr)
        assert "No space left on device" in line and line.endswith("--resume")
        before = saved_runs(out)
        assert before and json.loads((out / "manifest.json").read_text())["status"] in (
            "interrupted",
            "running",
        )
        subprocess.run(["mount", "-o", "remount,size=50m", str(disk)], check=True)
        resume(scenario, out)
        assert before <= saved_runs(out)
        assert_recovered(out, clean)
    finally:
        subprocess.run(["umount", "-l", str(disk)])
