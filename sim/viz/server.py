"""Start the dashboard: ``solara run`` on ``sim/viz/app.py`` in a child process, wait until it
answers, print its address and keep it running until Ctrl-C. Solara-free (it only starts it)."""

from __future__ import annotations

import contextlib
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from sim.errors import EscsimError

APP = Path(__file__).with_name("app.py")
#: Packages the dashboard needs that the base install does not bring.
NEEDED = ("solara", "solara_assets", "ipyvuetify")
START_TIMEOUT = 90.0
CULL_TIMEOUT = "5m"


def check_installed() -> None:
    missing = [name for name in NEEDED if importlib.util.find_spec(name) is None]
    if missing:
        raise EscsimError(
            f"the dashboard needs {', '.join(missing)}; install them with: pip install -e '.[viz]'"
        )


def check_port(host: str, port: int) -> None:
    if not 1 <= port <= 65535:
        raise EscsimError(f"--port: found {port}; allowed: 1 to 65535")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            raise EscsimError(
                f"--port: port {port} on {host} is in use; choose another with --port"
            ) from None


def _answers(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((host, port)) == 0


def command(host: str, port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "solara",
        "run",
        str(APP),
        "--host",
        host,
        "--port",
        str(port),
        "--production",
        "--no-open",
    ]


def environment(file: Path | None) -> dict[str, str]:
    env = {
        **os.environ,
        "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False",
        "PYTHONWARNINGS": "ignore",
    }
    # A tab that vanished without closing (a laptop put to sleep) is freed after this long,
    # not after Solara's default of a day.
    env.setdefault("SOLARA_KERNEL_CULL_TIMEOUT", CULL_TIMEOUT)
    env.pop("ESCSIM_VIZ_FILE", None)
    if file is not None:
        env["ESCSIM_VIZ_FILE"] = str(file.resolve())
    return env


def _alive(process: subprocess.Popen) -> bool:
    time.sleep(0.3)  # the port may answer for another server that won a race for it
    return process.poll() is None


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def serve(file: Path | None, port: int, host: str = "127.0.0.1", echo=print) -> int:
    """Run the dashboard until Ctrl-C or until the server stops; return its exit status."""
    check_installed()
    check_port(host, port)
    signal.signal(signal.SIGTERM, _interrupt)  # stop the server on SIGTERM as on Ctrl-C
    process = subprocess.Popen(
        command(host, port), env=environment(file), stdout=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not (_answers(host, port) and _alive(process)):
            if process.poll() is not None:
                raise EscsimError(
                    f"the dashboard server stopped while starting (exit status "
                    f"{process.returncode}); see the messages above"
                )
            if time.monotonic() > deadline:
                raise EscsimError(f"the dashboard did not answer within {START_TIMEOUT:g} s")
            time.sleep(0.2)
        echo(f"escsim dashboard: http://{host}:{port}/  (Ctrl-C to stop)")
        return process.wait()
    finally:
        if process.poll() is None:
            process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=10)
            if process.poll() is None:
                process.kill()
                process.wait()
