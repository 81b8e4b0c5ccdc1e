"""Benchmark: importing a 5,000-row division-of-labour (分工方案) workbook.

    uv run python bench/division_import.py [--rows 5000] [--repeat 3]

Builds, in a throwaway SQLite database in a temporary folder, a plan with ``--rows`` items
(10% main indicators, 20% quantified targets, 55% key tasks, 15% major projects) divided among
the demo district's 53 units (a lead, 0-3 cooperating units, 1-2 time nodes each), exports its
division with ``export_division_xlsx``, empties the division, and then measures in the same run,
on the same file:

(a) a bare python-calamine read of every sheet, every row;
(b) the bare read plus a bulk insert of the same number of assignment rows, looked up from the
    file by unit name and 编号 (the practical floor); ``b_with_nodes`` adds the time-node rows;
(c) lantu's ``preview_division_import`` + ``apply_division_import`` of the whole file, which
    writes every assignment and time node and one audit event for each.

Also reported: the export, a second import of the same file (all rows unchanged), and peak
Python memory under tracemalloc for (a) and (c) (calamine's own buffers are native and not
counted; ``max_rss_mb`` is the process's high-water mark). Times are the best of ``--repeat``.
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARES = {"main": 0.10, "text": 0.20, "task": 0.55, "project": 0.15}
NODES = ("2026年底前", "2027年6月底前", "2028年底前", "每季度", "持续推进", "“十五五”期间")


def setup_django(folder: str) -> None:
    """Point lantu at an empty SQLite database in ``folder`` and migrate it."""
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.pop("DATABASE_URL", None)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="lantu.settings", LANTU_DATA_DIR=folder, LANTU_DEBUG="0"
    )
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def build_plan(rows: int, seed: int = 2026) -> tuple[Any, Any]:
    """A plan with ``rows`` items and a full division; returns (version, administrator)."""
    from lantu.core.models import Region
    from lantu.demo.units import create_units
    from lantu.division.models import Assignment, TimeNode
    from lantu.indicators.models import Indicator
    from lantu.organizations.models import Membership, Person
    from lantu.plans.models import Plan, PlanVersion
    from lantu.projects.models import Project
    from lantu.tasks.models import Task

    rng = random.Random(seed)
    region = Region.objects.create(code="990199", name="江州市临江区", level="county")
    units = list(create_units(region).values())
    admin = Person.objects.create_user(username="bench", region=region, full_name="基准")
    Membership.objects.create(
        region=region, person=admin, unit=units[10], role="plan_admin", scope="all"
    )
    plan = Plan.objects.create(
        region=region, name="基准规划", kind="outline", start_year=2026, end_year=2030
    )
    version = PlanVersion.objects.create(region=region, plan=plan, number=1)
    counts = {kind: int(rows * share) for kind, share in SHARES.items()}
    counts["task"] += rows - sum(counts.values())
    common = {"region": region, "version": version}
    items: list[tuple[str, Any]] = []
    for n in range(counts["main"]):
        ind = Indicator(**common, source="main_table", name=f"主要指标{n}", target_text="5左右")
        items.append(("indicator", ind))
    for n in range(counts["text"]):
        ind = Indicator(**common, source="text", name=f"量化目标{n}", target_text="达到90%")
        items.append(("indicator", ind))
    items += [
        ("task", Task(**common, title=f"重点任务{n}", sort_order=n)) for n in range(counts["task"])
    ]
    items += [
        ("project", Project(**common, name=f"重大项目{n}", category="other"))
        for n in range(counts["project"])
    ]
    for model in (Indicator, Task, Project):
        model.objects.bulk_create([obj for _kind, obj in items if isinstance(obj, model)])
    links, nodes = [], []
    for kind, obj in items:
        chosen = rng.sample(units, 1 + rng.randint(0, 3))
        for order, unit in enumerate(chosen):
            role = "lead" if order == 0 else "cooperating"
            links.append(
                Assignment(region=region, unit=unit, role=role, sort_order=order, **{kind: obj})
            )
        for order, text in enumerate(rng.sample(NODES, rng.randint(1, 2))):
            node = TimeNode(region=region, text=text, year=2026, sort_order=order, **{kind: obj})
            node.refresh_reading()
            nodes.append(node)
    Assignment.objects.bulk_create(links, batch_size=1000)
    TimeNode.objects.bulk_create(nodes, batch_size=1000)
    return version, admin


def clear_division(version: Any) -> None:
    from django.db.models import Q

    from lantu.division.models import Assignment, TimeNode

    mine = Q(indicator__version=version) | Q(task__version=version) | Q(project__version=version)
    Assignment.objects.filter(mine).delete()
    TimeNode.objects.filter(mine).delete()


def bare_read(data: bytes) -> list[list[Any]]:
    """(a): every row of every sheet through python-calamine, nothing else."""
    from python_calamine import CalamineWorkbook

    rows: list[list[Any]] = []
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    for name in book.sheet_names:
        rows.extend(book.get_sheet_by_name(name).iter_rows())
    return rows


def floor(data: bytes, version: Any, with_nodes: bool) -> tuple[int, int]:
    """(b): the bare read, then the same assignments (and time nodes) bulk-inserted."""
    from django.db import transaction

    from lantu.division.models import Assignment, TimeNode
    from lantu.organizations.models import Unit

    units = dict(Unit.objects.filter(region_id=version.region_id).values_list("name", "id"))
    field = {"I": "indicator_id", "T": "task_id", "P": "project_id"}
    links, nodes = [], []
    for row in bare_read(data):
        key = row[-1]
        if not isinstance(key, str) or key[:2] not in ("I-", "T-", "P-"):
            continue
        item = {field[key[0]]: int(key[2:])}
        lead, coops, texts = row[-4], row[-3], row[-2]
        names = [lead, *(coops.split("、") if coops else [])]
        for order, name in enumerate(names):
            role = "lead" if order == 0 else "cooperating"
            links.append(
                Assignment(region_id=version.region_id, unit_id=units[name], role=role, **item)
            )
        if with_nodes:
            for text in texts.split("；"):
                nodes.append(TimeNode(region_id=version.region_id, text=text, year=2026, **item))
    with transaction.atomic():
        Assignment.objects.bulk_create(links, batch_size=500)
        TimeNode.objects.bulk_create(nodes, batch_size=500)
    return len(links), len(nodes)


def best(fn: Callable[[], Any], repeat: int, before: Callable[[], None]) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        before()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def peak_mb(fn: Callable[[], Any]) -> float:
    tracemalloc.start()
    try:
        fn()
        return round(tracemalloc.get_traced_memory()[1] / 1024 / 1024, 1)
    finally:
        tracemalloc.stop()


def run(rows: int, repeat: int) -> dict[str, Any]:
    from lantu.core.models import AuditEvent
    from lantu.division.services import apply_division_import
    from lantu.ingest.division_import import preview_division_import
    from lantu.ingest.division_xlsx import export_division_xlsx

    version, admin = build_plan(rows)
    start = time.perf_counter()
    data = export_division_xlsx(version, user=admin)
    export_s = time.perf_counter() - start
    clear = lambda: clear_division(version)  # noqa: E731
    a, _ = best(lambda: bare_read(data), repeat, lambda: None)
    b, (links, _nodes) = best(lambda: floor(data, version, False), repeat, clear)
    b_nodes, (_links, nodes) = best(lambda: floor(data, version, True), repeat, clear)

    def preview_and_apply() -> tuple[float, Any]:
        start = time.perf_counter()
        preview = preview_division_import(data, version=version, user=admin)
        assert preview.ok, [str(p) for p in preview.errors[:5]]
        middle = time.perf_counter()
        result = apply_division_import(preview, version=version, user=admin)
        return middle - start, result

    events = AuditEvent.objects.count()
    c, (preview_s, result) = best(preview_and_apply, repeat, clear)
    written = (AuditEvent.objects.count() - events) // repeat
    assert result.assignments_created == links and result.timenodes_created == nodes
    start = time.perf_counter()
    again = preview_division_import(data, version=version, user=admin)
    reimport_s = time.perf_counter() - start
    assert again.counts["unchanged"] == rows, again.counts
    clear()
    peak_c = peak_mb(preview_and_apply)
    return {
        "rows": rows,
        "file_kb": round(len(data) / 1024),
        "assignments": links,
        "time_nodes": nodes,
        "audit_events": written,
        "export_s": round(export_s, 3),
        "a_bare_read_s": round(a, 4),
        "b_read_plus_bulk_insert_s": round(b, 4),
        "b_with_nodes_s": round(b_nodes, 4),
        "c_preview_plus_apply_s": round(c, 4),
        "c_preview_s": round(preview_s, 4),
        "reimport_unchanged_preview_s": round(reimport_s, 4),
        "c_over_a": round(c / a, 1),
        "c_over_b": round(c / b, 2),
        "c_over_b_with_nodes": round(c / b_nodes, 2),
        "peak_mb": {"a": peak_mb(lambda: bare_read(data)), "c": peak_c},
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lantu-bench-") as folder:
        setup_django(folder)
        report = run(args.rows, args.repeat)
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
