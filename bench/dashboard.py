"""Benchmark: the plan overview and a unit's view, served from a plan 100 times the demo's size.

    uv run python bench/dashboard.py [--scale 100] [--repeat 30]
    uv run python bench/dashboard.py --database-url postgres://postgres@127.0.0.1:5432/lantu_bench

Builds a throwaway database (SQLite in a temporary folder, or the PostgreSQL database named by
``--database-url``, which must contain ``bench`` in its name: it is created and dropped here),
seeds the demo district and copies its 15th Outline's indicators, key tasks and major projects
``--scale`` times (``bench/dashboard_data.py``), and judges every item once, storing its
standing, as the nightly job does (timed). Then, in this process, through Django's test
client logged in as the demo's ``admin`` and on the demo's today (2026-11-25), it asks in turn,
``--repeat`` times each after a warm-up (fewer if ``--seconds`` run out: at least once):

- ``overview``: ``/plans/<pk>/overview/``, the plan overview (the stored standings counted
  with SQL; the first 100 indicators at risk read and judged);
- ``unit view``: ``/units/<pk>/overview/`` for the unit with the most items;
- ``leader view``: ``/leader/``, every unit side by side;
- ``bare``: the baseline, a view defined here (not in the app) behind the same middleware
  and login that reads the same database: the version's indicator count and the first page
  (50) of indicator names.

The three are interleaved, so the machine's other work weighs on all alike. It prints
p50/p95/max per page, the ratios to the bare view, the query count of each page, whether the
aim (overview p95 within ``--aim`` ms) is met, and the top functions of a cProfile of one
overview request; ``--json PATH`` also writes them. Exits 1 if a page does not answer 200 with
the plan's content; missing the aim is reported, not a failure.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import math
import pstats
import shutil
import sys
import tempfile
import time
import types
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dashboard_data as data
import reporting_data
from lantu.demo.day import DEMO_DAY

TODAY = DEMO_DAY
STARTED = time.monotonic()
PAGES = ("bare", "overview", "unit view", "leader view")


def say(text: str) -> None:
    """Progress, on stderr (stdout carries the results)."""
    print(f"[{time.monotonic() - STARTED:6.1f} s] {text}", file=sys.stderr, flush=True)


def bench_urls(version_id: int) -> types.ModuleType:
    """The app's URLConf plus the bare view at ``/bench/bare/``."""
    from django.contrib.auth.decorators import login_required
    from django.http import HttpRequest, HttpResponse
    from django.urls import include, path

    from lantu.indicators.models import Indicator

    @login_required
    def bare(request: HttpRequest) -> HttpResponse:
        rows = Indicator.objects.filter(version_id=version_id, is_archived=False)
        total = rows.count()
        names = rows.order_by("sort_order", "id").values_list("name", flat=True)[:50]
        return HttpResponse(f"{total}\n" + "\n".join(names), content_type="text/plain")

    module = types.ModuleType("bench_dashboard_urls")
    module.urlpatterns = [  # type: ignore[attr-defined]
        path("bench/bare/", bare),
        path("", include("lantu.urls")),
    ]
    return module


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def figures(times: list[float]) -> dict[str, Any]:
    return {
        "requests": len(times),
        "p50_ms": round(percentile(times, 0.5) * 1000, 1),
        "p95_ms": round(percentile(times, 0.95) * 1000, 1),
        "max_ms": round(max(times) * 1000, 1),
    }


def profile(client: Any, url: str, top: int) -> dict[str, list[dict[str, Any]]]:
    """One request profiled: the ``top`` functions by own time, and the project's own
    functions (``lantu/``) by cumulative time, which says which step the time goes to."""
    profiler = cProfile.Profile()
    profiler.enable()
    client.get(url)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=io.StringIO())
    rows = []
    for (file, line, name), (_cc, calls, own, cumulative, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        where = file.split("/site-packages/")[-1].split("/src/")[-1]
        rows.append(
            {
                "function": f"{where}:{line}({name})",
                "calls": calls,
                "own_ms": round(own * 1000, 1),
                "cumulative_ms": round(cumulative * 1000, 1),
            }
        )
    own = sorted(rows, key=lambda r: -r["own_ms"])[:top]
    ours = [r for r in rows if r["function"].startswith("lantu/")]
    return {
        "by_own_time": own,
        "lantu_by_cumulative": sorted(ours, key=lambda r: -r["cumulative_ms"])[:top],
    }


def measure(args: argparse.Namespace) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from lantu.demo.seed import seed_demo
    from lantu.monitoring import standings
    from lantu.organizations.models import Person

    say("seeding the demo district")
    seed_demo()
    say(f"copying the 15th Outline's items ×{args.scale}")
    rows = data.multiply(args.scale)
    say("rows in the version: " + ", ".join(f"{k} {v}" for k, v in rows.items()))
    plan = data.outline()
    version = plan.current_version
    unit = data.busy_unit(version)
    say("judging every item and storing the standings (the nightly job's work)")
    start = time.perf_counter()
    judged = standings.refresh(version, TODAY)
    judging_s = time.perf_counter() - start
    urls = {
        "bare": "/bench/bare/",
        "overview": f"/plans/{plan.pk}/overview/",
        "unit view": f"/units/{unit.pk}/overview/?plan={plan.pk}",
        "leader view": f"/leader/?plan={plan.pk}",
    }
    expect = {
        "bare": str(rows["indicators"]),
        "overview": plan.name,
        "unit view": unit.name,
        "leader view": unit.name,
    }
    settings = override_settings(
        ROOT_URLCONF=bench_urls(version.pk),
        ALLOWED_HOSTS=["testserver"],
        DEBUG=False,
        LANTU_TODAY=TODAY,
    )
    failures: list[str] = []
    times: dict[str, list[float]] = {page: [] for page in PAGES}
    queries: dict[str, int] = {}
    sizes: dict[str, int] = {}
    with settings:
        client = Client()
        client.force_login(Person.objects.get(username="admin"))
        say(f"warm-up, then {args.repeat} rounds of {', '.join(PAGES)}")
        for page, url in urls.items():
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            queries[page] = len(captured)
            sizes[page] = len(response.content)
            body = response.content.decode()
            if response.status_code != 200 or expect[page] not in body:
                failures.append(f"{page}: status {response.status_code}, {expect[page]!r} absent")
        until = time.monotonic() + args.seconds
        for n in range(args.repeat):
            if n and time.monotonic() > until:
                say(f"out of time after {n} rounds (--seconds {args.seconds})")
                break
            for page, url in urls.items():
                start = time.perf_counter()
                response = client.get(url)
                times[page].append(time.perf_counter() - start)
                if response.status_code != 200:
                    failures.append(f"{page}: status {response.status_code}")
        say("profiling one overview request")
        top = profile(client, urls["overview"], args.top)
    pages = {page: figures(times[page]) | {"queries": queries[page]} for page in PAGES}
    for page in PAGES:
        pages[page]["kB"] = round(sizes[page] / 1024, 1)
    bare = pages["bare"]["p95_ms"] or 1.0
    overview_p95 = pages["overview"]["p95_ms"]
    return {
        "scale": args.scale,
        "database": "postgresql" if args.database_url else "sqlite",
        "rows": rows,
        "unit": unit.name,
        "unit_items": unit.items,
        "as_of": TODAY.isoformat(),
        "judged": {"items": judged, "seconds": round(judging_s, 2)},
        "pages": pages,
        "ratios": {
            "p95 overview / p95 bare": round(overview_p95 / bare, 1),
            "p95 unit view / p95 bare": round(pages["unit view"]["p95_ms"] / bare, 1),
            "p95 leader view / p95 bare": round(pages["leader view"]["p95_ms"] / bare, 1),
        },
        "aim_ms": args.aim,
        "aim_met": overview_p95 <= args.aim,
        "profile": top,
        "failures": failures,
    }


def table(result: dict[str, Any]) -> str:
    lines = [
        f"dashboards at ×{result['scale']} the demo ({result['database']}): "
        + ", ".join(f"{k} {v}" for k, v in result["rows"].items()),
        f"unit view for {result['unit']} ({result['unit_items']} assignments); "
        f"judged as of {result['as_of']}",
        f"judging every item and storing its standing (nightly): {result['judged']['items']} "
        f"items in {result['judged']['seconds']} s",
        "",
        f"{'page':<10} {'requests':>8} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9} "
        f"{'queries':>8} {'kB':>8}",
    ]
    for page, f in result["pages"].items():
        lines.append(
            f"{page:<10} {f['requests']:>8} {f['p50_ms']:>9} {f['p95_ms']:>9} {f['max_ms']:>9} "
            f"{f['queries']:>8} {f['kB']:>8}"
        )
    lines.append("")
    lines += [f"{k}: {v}" for k, v in result["ratios"].items()]
    met = "met" if result["aim_met"] else "NOT met"
    lines.append(f"aim: overview p95 within {result['aim_ms']} ms: {met}")
    for key, title in (
        ("by_own_time", "top functions by own time"),
        ("lantu_by_cumulative", "the project's functions by cumulative time"),
    ):
        lines += ["", f"one overview request profiled, {title} (ms own, cumulative, calls):"]
        lines += [
            f"  {r['own_ms']:>8} {r['cumulative_ms']:>9} {r['calls']:>8}  {r['function']}"
            for r in result["profile"][key]
        ]
    if result["failures"]:
        lines += ["", "FAILURES:", *(f"  {f}" for f in result["failures"])]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=100, help="times the demo's 15th Outline")
    parser.add_argument("--repeat", type=int, default=30, help="measured requests per page")
    parser.add_argument(
        "--seconds", type=float, default=900, help="no new round after this long measuring"
    )
    parser.add_argument("--aim", type=float, default=150, help="overview p95 aim, ms")
    parser.add_argument("--top", type=int, default=15, help="functions shown from the profile")
    parser.add_argument("--database-url", default="", help="postgres://.../<name with bench>")
    parser.add_argument("--json", default="", help="also write the results here ('-': stdout)")
    args = parser.parse_args(argv)
    if args.scale < 1 or args.repeat < 1:
        parser.error("--scale and --repeat must be at least 1")
    folder = Path(tempfile.mkdtemp(prefix="lantu-dashboard-"))
    env = {
        "DJANGO_SETTINGS_MODULE": "lantu.settings",
        "LANTU_MODE": "development",
        "LANTU_DEBUG": "0",
        "LANTU_DATA_DIR": str(folder),
        "LANTU_TASKS": "immediate",
        "LANTU_LOG_LEVEL": "WARNING",
        "LANTU_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
        reporting_data.create_postgres(args.database_url)
    try:
        say("migrating a throwaway database")
        data.setup_django(env)
        result = measure(args)
    finally:
        from django.db import connections

        connections.close_all()
        if args.database_url:
            reporting_data.drop_postgres(args.database_url)
        shutil.rmtree(folder, ignore_errors=True)
    print(table(result))
    if args.json:
        text = json.dumps(result, ensure_ascii=False, indent=2)
        sys.stdout.write(text + "\n") if args.json == "-" else Path(args.json).write_text(text)
    return 1 if result["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
