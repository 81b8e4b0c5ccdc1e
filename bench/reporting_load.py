"""Benchmark: 200 reporters submitting and approving at once against a real WSGI server.

    uv run python bench/reporting_load.py [--reporters 200] [--seconds 120]
    uv run python bench/reporting_load.py --database-url postgres://postgres@127.0.0.1:5432/lantu_bench

Builds a throwaway database (SQLite in a temporary folder, or the PostgreSQL database named by
``--database-url``, which must contain ``bench`` in its name: it is created and dropped here),
with one unit per reporter, each with a reporter, a reviewer (API tokens for both) and one
yearly key task whose report sits in a cycle open today. Then it starts gunicorn on a free
localhost port and, in the same run:

1. the baseline: as many clients as reporters ask the trivial ``/healthz`` at once, before
   the load and again after it (the ratios use both bursts together);
2. the load: every reporter opens its report, saves its draft at the revision read and
   submits it through the reporting API (bearer tokens), all released together by a
   barrier; each unit's reviewer approves as soon as the report is submitted,
   and for a share of the units (``--double``) two reviewer clients approve the same report at
   the same instant: exactly one must succeed, the other must get 409;
   meanwhile a few probes keep asking ``/healthz``.

Afterwards it reads the database: every report stored once, submitted and approved exactly
once with what its reporter sent, one audit event per step, the notifications sent, the audit
chain intact; no 5xx, no transport error, no traceback in the server's log. It prints a table
(requests, req/s, p50/p95/max latency per operation, ratios to ``/healthz``), writes JSON with
``--json PATH`` and exits 1 if any check fails. Bounded: ``--seconds`` after the server is up
every request stops; the server and the temporary files are removed whatever happens.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import reporting_data as data
from reporting_figures import figures, table, verdict
from reporting_http import Call, Run, Server, call

ROOT = Path(__file__).resolve().parent.parent
API = "/api/v1/reporting/reports"
STARTED = time.monotonic()


def say(text: str) -> None:
    """Progress, on stderr (stdout carries the results)."""
    print(f"[{time.monotonic() - STARTED:6.1f} s] {text}", file=sys.stderr, flush=True)


class Clock:
    """The run's hard deadline: each request gets at most what is left of it."""

    def __init__(self, seconds: float, request_timeout: float) -> None:
        self.until = time.monotonic() + seconds
        self.request_timeout = request_timeout

    def left(self) -> float:
        return min(self.request_timeout, self.until - time.monotonic())


def baseline(port: int, clients: int, requests: int, clock: Clock) -> tuple[list[Call], float]:
    """``clients`` threads ask /healthz ``requests`` times each, released together."""
    calls: list[Call] = []
    gate = threading.Barrier(clients + 1)

    def client() -> None:
        gate.wait()
        for _n in range(requests):
            if clock.left() <= 0:
                return
            calls.append(call(port, "GET", "/healthz", timeout=clock.left()))

    threads = [threading.Thread(target=client, daemon=True) for _n in range(clients)]
    for thread in threads:
        thread.start()
    gate.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join(max(clock.until - time.monotonic(), 0))
    wall = max((c.ended for c in calls), default=start) - start
    return calls, wall


def warm_up(port: int, clients: int, clock: Clock) -> None:
    """Unmeasured: let every worker and thread load the URLs, the API and its first
    connection, so that neither the baseline nor the load pays for the server's start."""
    baseline(port, clients, 2, clock)
    threads = [
        threading.Thread(
            target=call, args=(port, "GET", f"{API}?limit=1"), kwargs={"timeout": clock.left()}
        )
        for _n in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max(clock.until - time.monotonic(), 0))


def load(port: int, seats: list[data.Seat], double: float, probes: int, clock: Clock) -> Run:
    """Reporters submit, reviewers approve (some twice at once), probes ask /healthz."""
    run = Run()
    twice = set(random.Random(2026).sample(range(len(seats)), round(len(seats) * double)))
    submitted = [threading.Event() for _seat in seats]
    ok = [False] * len(seats)
    stop = threading.Event()
    plans: list[Any] = []

    def reporter(n: int) -> None:
        """Open the report (its revision), save the draft at it, submit what was saved."""
        seat = seats[n]
        fields: dict[str, Any] = {"done": f"完成基准工作{n:04d}", "progress": 50}
        run.sent[seat.report] = fields
        path = f"{API}/{seat.report}"
        steps = (
            ("open", "GET", path, lambda _revision: None),
            ("draft", "PATCH", path, lambda revision: {"revision": revision, **fields}),
            ("submit", "POST", f"{path}/submit", lambda revision: {"revision": revision}),
        )
        revision = None
        try:
            for op, method, url, payload in steps:
                if clock.left() <= 0:
                    return
                result = call(
                    port,
                    method,
                    url,
                    timeout=clock.left(),
                    token=seat.reporter_token,
                    payload=payload(revision),
                )
                run.calls[op].append(result)
                if result.status != 200:
                    return
                revision = json.loads(result.body)["revision"]
            ok[n] = True
        finally:
            submitted[n].set()

    def reviewer(n: int, pair: threading.Barrier | None, answers: list[int]) -> None:
        seat = seats[n]
        if not submitted[n].wait(max(clock.until - time.monotonic(), 0)) or not ok[n]:
            return
        if pair is not None:
            try:
                pair.wait(max(clock.until - time.monotonic(), 0.001))
            except threading.BrokenBarrierError:
                return  # out of time before both were ready: the check counts the pair
        if clock.left() <= 0:
            return
        result = call(
            port,
            "POST",
            f"{API}/{seat.report}/approve",
            timeout=clock.left(),
            token=seat.reviewer_token,
        )
        run.calls["approve (twice at once)" if pair else "approve"].append(result)
        answers.append(result.status)

    def probe() -> None:
        while not stop.is_set() and clock.left() > 0:
            run.calls["healthz (under load)"].append(
                call(port, "GET", "/healthz", timeout=clock.left())
            )
            stop.wait(0.05)

    for n in range(len(seats)):
        plans.append((reporter, (n,)))
        if n in twice:
            answers: list[int] = []
            pair = threading.Barrier(2)
            plans += [(reviewer, (n, pair, answers)), (reviewer, (n, pair, answers))]
            run.pairs.append(answers)
        else:
            plans.append((reviewer, (n, None, [])))
    gate = threading.Barrier(len(plans) + 1)

    def released(target: Any, args: tuple[Any, ...]) -> None:
        gate.wait()
        target(*args)

    workers = [threading.Thread(target=released, args=p, daemon=True) for p in plans]
    probing = [threading.Thread(target=probe, daemon=True) for _n in range(probes)]
    for thread in workers:
        thread.start()
    gate.wait()
    run.started = time.perf_counter()
    for thread in probing:
        thread.start()
    for thread in workers:
        thread.join(max(clock.until - time.monotonic(), 0))
    run.unfinished = sum(thread.is_alive() for thread in workers)
    stop.set()
    for thread in probing:
        thread.join(5)
    return run


def measure(args: argparse.Namespace, folder: Path, env: dict[str, str]) -> dict[str, Any]:
    say("migrating a throwaway database")
    data.setup_django(env)
    seats = data.build(args.reporters)
    say(f"built {len(seats)} units, reports, reporters and reviewers; starting gunicorn")
    server = Server(env, args.workers, args.threads, folder)
    try:
        server.wait_ready()
        clock = Clock(args.seconds, args.request_timeout)
        say(f"serving on port {server.port}; baseline: {args.reporters} clients ask /healthz")
        warm_up(server.port, args.reporters, clock)
        cpu = [server.cpu_seconds()]
        before = baseline(server.port, args.reporters, args.baseline, clock)
        say("load: reporters submit, reviewers approve")
        cpu += [server.cpu_seconds(), _own_cpu()]
        run = load(server.port, seats, args.double, args.probes, clock)
        cpu += [server.cpu_seconds(), _own_cpu()]
        say("baseline again")
        after = baseline(server.port, args.reporters, args.baseline, clock)
        cpu += [server.cpu_seconds()]
    finally:
        say("stopping gunicorn")
        server.stop()
    say("checking the database")
    workflow = [c for op, calls in run.calls.items() if "healthz" not in op for c in calls]
    wall = max((c.ended for c in workflow), default=run.started) - run.started
    # The baseline is both bursts, before and after the load: a shared machine's other work
    # then weighs on it about as much as on the load between them.
    base_calls = before[0] + after[0]
    operations = {
        "healthz (before)": figures(*before),
        "healthz (after)": figures(*after),
        "healthz (baseline)": figures(base_calls, before[1] + after[1]),
    }
    operations |= {op: figures(run.calls[op], wall) for op in sorted(run.calls)}
    operations["all workflow requests"] = figures(workflow, wall)
    stored = data.check(seats, run.sent)
    healthz_cpu = cpu[1] - cpu[0] + cpu[5] - cpu[3]
    base, submit = operations["healthz (baseline)"], operations.get("submit", figures([], 1))
    ratios = {
        "load phase, s": round(wall, 2),
        "reports submitted and approved per s": _ratio(stored["reports_approved_once"], wall),
        "p95 submit / p95 healthz (baseline)": _ratio(submit["p95_ms"], base["p95_ms"]),
        "p95 approve / p95 healthz (baseline)": _ratio(
            operations.get("approve", submit)["p95_ms"], base["p95_ms"]
        ),
        "workflow req/s / healthz req/s": _ratio(
            operations["all workflow requests"]["per_s"], base["per_s"], digits=3
        ),
        "CPU s during the load, server / client": f"{cpu[3] - cpu[1]:.1f} / {cpu[4] - cpu[2]:.1f}",
        "server CPU ms per request, workflow / healthz": (
            f"{_ratio(1000 * (cpu[3] - cpu[1]), len(workflow))} / "
            f"{_ratio(1000 * healthz_cpu, len(base_calls))}"
        ),
    }
    return {
        "reporters": args.reporters,
        "load_average_1min_at_end": round(os.getloadavg()[0], 2),
        "database": "postgresql" if args.database_url else "sqlite",
        "workers": args.workers,
        "threads": args.threads,
        "double_approvals": len(run.pairs),
        "operations": operations,
        "ratios": ratios,
        "stored": stored,
        "failures": verdict(run, stored, server.logged_errors(), args.reporters),
        "server_log_tail": server.tail(20) if server.logged_errors() else "",
    }


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _ratio(a: float, b: float, digits: int = 2) -> float:
    return round(a / b, digits) if b else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reporters", type=int, default=200, help="units, each one report")
    parser.add_argument(
        "--double", type=float, default=0.25, help="share of reports two reviewers approve at once"
    )
    parser.add_argument("--seconds", type=float, default=120, help="hard limit once serving")
    parser.add_argument("--request-timeout", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker")
    parser.add_argument("--baseline", type=int, default=5, help="/healthz requests per client")
    parser.add_argument("--probes", type=int, default=2, help="/healthz clients during the load")
    parser.add_argument("--database-url", default="", help="postgres://.../<name with bench>")
    parser.add_argument("--json", default="", help="also write the results here ('-': stdout)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and log")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="lantu-load-"))
    env = {
        "DJANGO_SETTINGS_MODULE": "lantu.settings",
        "LANTU_MODE": "development",
        "LANTU_DEBUG": "0",
        "LANTU_DATA_DIR": str(folder),
        "LANTU_TASKS": "immediate",
        "LANTU_LOG_LEVEL": "WARNING",
    }
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
        data.create_postgres(args.database_url)
    try:
        result = measure(args, folder, env)
    finally:
        if args.database_url:
            data.drop_postgres(args.database_url)
        if args.keep:
            say(f"kept {folder} (gunicorn.log, SQLite database)")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    print(table(result))
    if args.json:
        text = json.dumps(result, ensure_ascii=False, indent=2)
        sys.stdout.write(text + "\n") if args.json == "-" else Path(args.json).write_text(text)
    return 1 if result["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
