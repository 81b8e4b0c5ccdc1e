"""The HTTP side of ``bench/reporting_load.py``: gunicorn in its own process group, and one
timed request on a fresh connection."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Call:
    status: int  # 0: no HTTP answer (refused, reset, timed out)
    seconds: float
    ended: float
    body: bytes = b""
    error: str = ""


@dataclass
class Run:
    """Everything the clients saw, by operation."""

    calls: dict[str, list[Call]] = field(default_factory=lambda: defaultdict(list))
    pairs: list[list[int]] = field(default_factory=list)  # the two answers per double
    sent: dict[int, dict[str, Any]] = field(default_factory=dict)
    unfinished: int = 0
    started: float = 0.0


class Server:
    """gunicorn serving ``lantu.wsgi`` on a free localhost port, in its own process group."""

    def __init__(self, env: dict[str, str], workers: int, threads: int, folder: Path) -> None:
        self.port = _free_port()
        self.log = folder / "gunicorn.log"
        options = (
            f"--bind 127.0.0.1:{self.port} --workers {workers} --threads {threads}"
            " --worker-class gthread --timeout 60 --graceful-timeout 3 --backlog 2048"
            " --log-level warning --error-logfile -"
        )
        cmd = [sys.executable, "-m", "gunicorn", "lantu.wsgi:application", *options.split()]
        pythonpath = os.pathsep.join(
            filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])
        )
        self._log_file = self.log.open("ab")
        self.process = subprocess.Popen(
            cmd,
            env={**_without(os.environ, "DATABASE_URL"), **env, "PYTHONPATH": pythonpath},
            cwd=ROOT,
            # gunicorn's own log and Django's (errors, tracebacks) both go to stderr.
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, seconds: float = 60) -> None:
        until = time.monotonic() + seconds
        while time.monotonic() < until:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited with {self.process.returncode}:\n{self.tail()}")
            if call(self.port, "GET", "/healthz", timeout=2).status == 200:
                return
            time.sleep(0.2)
        raise SystemExit(f"gunicorn did not answer /healthz within {seconds} s:\n{self.tail()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._log_file.close()

    def cpu_seconds(self) -> float:
        """CPU time used so far by gunicorn's master and its workers (Linux /proc)."""
        tick = os.sysconf("SC_CLK_TCK")
        total = 0.0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # the process went away meanwhile
            if stat.parent.name == str(self.process.pid) or fields[1] == str(self.process.pid):
                total += (int(fields[11]) + int(fields[12])) / tick
        return total

    def tail(self, lines: int = 40) -> str:
        if not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def logged_errors(self) -> int:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return text.count("Traceback") + text.count("[ERROR]")


def _without(environ: Any, name: str) -> dict[str, str]:
    """The environment less ``name``: a DATABASE_URL of the caller's must not leak in."""
    return {key: value for key, value in environ.items() if key != name}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def call(
    port: int,
    method: str,
    path: str,
    *,
    timeout: float,
    token: str = "",
    payload: dict[str, Any] | None = None,
) -> Call:
    """One request on a fresh connection (as 200 browsers would make), timed to the last byte."""
    headers = {"Connection": "close"}
    body = None
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if payload is not None:
        body = json.dumps(payload).encode()
        headers["Content-Type"] = "application/json"
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=max(timeout, 0.001))
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        content = response.read()
        status, error = response.status, ""
    except (OSError, http.client.HTTPException) as exc:
        content, status, error = b"", 0, f"{type(exc).__name__}: {exc}"
    finally:
        conn.close()
    end = time.perf_counter()
    return Call(status, end - start, end, content, error)
