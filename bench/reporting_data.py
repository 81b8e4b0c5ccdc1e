"""The Django side of ``bench/reporting_load.py``: a throwaway database, its data, the checks.

Everything here runs in the benchmark's own process, against the same database the server
uses: before the load (create and fill it) and after it (read what the server stored).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ("reporting.report.saved", "reporting.report.submitted", "reporting.report.approved")


@dataclass(frozen=True)
class Seat:
    """One unit's report and the two people who act on it, with their API tokens."""

    unit: int
    report: int
    reporter: int
    reviewer: int
    reporter_token: str
    reviewer_token: str


def create_postgres(url: str) -> None:
    """Create the (empty) benchmark database named in ``url``, dropping a leftover one.

    Only a database whose name contains ``bench`` is ever dropped: the benchmark must not be
    pointed at a real installation by a typo.
    """
    import psycopg

    name = _bench_name(url)
    with psycopg.connect(_maintenance_url(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_postgres(url: str) -> None:
    import psycopg

    name = _bench_name(url)
    with psycopg.connect(_maintenance_url(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _bench_name(url: str) -> str:
    name = urlsplit(url).path.lstrip("/")
    if "bench" not in name or not name.replace("_", "").isalnum():
        raise SystemExit(f"refusing to create or drop {name!r}: its name must contain 'bench'")
    return name


def _maintenance_url(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/postgres"))


def setup_django(env: dict[str, str]) -> None:
    """Configure Django in this process with the server's environment, and migrate."""
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.pop("DATABASE_URL", None)
    os.environ.update(env)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def build(reporters: int) -> list[Seat]:
    """A plan with one yearly task per unit, a cycle open today holding one report per unit,
    and per unit a reporter and a reviewer with an API token each."""
    from django.contrib.auth.hashers import make_password
    from django.db import connections, transaction
    from django.utils import timezone

    from lantu.core.models import ApiToken, Region
    from lantu.division.models import Assignment
    from lantu.organizations.models import Membership, Person, Unit
    from lantu.plans.models import Plan, PlanVersion
    from lantu.reporting import services
    from lantu.reporting.models import Cycle, Report
    from lantu.tasks.models import Task

    today = timezone.localdate()
    password = make_password("bench-password-2026")  # hashed once, shared by every account
    with transaction.atomic():
        region = Region.objects.create(code="990299", name="基准区", level="county")
        top = Unit.objects.create(region=region, name="基准区人民政府", kind="government")
        Unit.objects.filter(pk=top.pk).update(path=f"/{top.pk}/")
        units = Unit.objects.bulk_create(
            Unit(
                region=region, name=f"基准单位{n:04d}", kind="department", parent=top, sort_order=n
            )
            for n in range(reporters)
        )
        for unit in units:
            unit.path = f"/{top.pk}/{unit.pk}/"
        Unit.objects.bulk_update(units, ["path"])
        people = Person.objects.bulk_create(
            Person(
                region=region,
                username=f"{role}{n:04d}",
                full_name=f"{word}{n:04d}",
                password=password,
            )
            for n in range(reporters)
            for role, word in (("reporter", "填报"), ("reviewer", "审核"))
        )
        admin = Person.objects.create(
            region=region, username="bench_admin", full_name="基准管理员", password=password
        )
        Membership.objects.create(
            region=region, person=admin, unit=top, role="plan_admin", scope="all"
        )
        Membership.objects.bulk_create(
            Membership(
                region=region,
                person=person,
                unit=units[n // 2],
                role="reporter" if n % 2 == 0 else "reviewer",
                scope="own",
            )
            for n, person in enumerate(people)
        )
        plan = Plan.objects.create(
            region=region,
            name="基准规划",
            kind="outline",
            start_year=today.year,
            end_year=today.year + 4,
            status="in_force",
        )
        version = PlanVersion.objects.create(region=region, plan=plan, number=1, status="approved")
        plan.current_version = version
        plan.save(update_fields=["current_version"])
        tasks = Task.objects.bulk_create(
            Task(
                region=region,
                version=version,
                title=f"基准任务{n:04d}",
                frequency="yearly",
                sort_order=n,
            )
            for n in range(reporters)
        )
        Assignment.objects.bulk_create(
            Assignment(region=region, task=task, unit=unit, role="lead")
            for task, unit in zip(tasks, units, strict=True)
        )
    services.generate_cycles(plan=plan, year=today.year, by=admin)
    cycle = Cycle.objects.get(plan=plan, year=today.year, period="Y")
    services.update_cycle(
        cycle=cycle,
        by=admin,
        opens_on=today - dt.timedelta(days=1),
        deadline=today + dt.timedelta(days=30),
        grace_days=5,
    )
    reports = dict(Report.objects.filter(cycle=cycle).values_list("unit_id", "pk"))
    seats, tokens = [], []
    for n, unit in enumerate(units):
        reporter, reviewer = people[2 * n], people[2 * n + 1]
        secrets = ApiToken.new_token(), ApiToken.new_token()
        for person, secret in zip((reporter, reviewer), secrets, strict=True):
            tokens.append(ApiToken(person=person, name="bench", digest=ApiToken.digest_of(secret)))
        seats.append(Seat(unit.pk, reports[unit.pk], reporter.pk, reviewer.pk, *secrets))
    ApiToken.objects.bulk_create(tokens)
    # SQLite: no connection of ours may hold the file while the server writes.
    connections.close_all()
    return seats


def check(seats: list[Seat], sent: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """What the server stored, read back: every report submitted and approved exactly once,
    with what its reporter sent; the audit chain intact. ``sent`` maps report id to the
    fields its reporter saved."""
    from django.db import connections

    from lantu.core import audit
    from lantu.core.models import AuditEvent
    from lantu.reporting.models import Notification, Report

    ids = [seat.report for seat in seats]
    reports = {r.pk: r for r in Report.objects.filter(pk__in=ids)}
    cycle_ids = {r.cycle_id for r in reports.values()}
    in_cycles = Report.objects.filter(cycle_id__in=cycle_ids).count()
    events = Counter(
        AuditEvent.objects.filter(
            content_type__app_label="reporting",
            content_type__model="report",
            object_id__in=[str(i) for i in ids],
            action__in=EVENTS,
        ).values_list("object_id", "action")
    )
    wrong: Counter[str] = Counter()
    for seat in seats:
        report = reports.get(seat.report)
        if report is None:
            wrong["report missing"] += 1
            continue
        if report.status != Report.Status.APPROVED:
            wrong[f"status {report.status}"] += 1
        if report.first_submitted_at is None or report.submitted_by_id != seat.reporter:
            wrong["not submitted by its reporter"] += 1
        if report.approved_by_id != seat.reviewer:
            wrong["not approved by its reviewer"] += 1
        fields = sent.get(seat.report, {})
        if not fields or any(not _same(getattr(report, k), v) for k, v in fields.items()):
            wrong["stored fields differ from those sent"] += 1
        for action in EVENTS:
            count = events[(str(seat.report), action)]
            if count != 1:
                wrong[f"{action} audited {count} times"] += 1
    notes = Counter(Notification.objects.values_list("kind", flat=True))
    broken = audit.verify()
    total_events = AuditEvent.objects.count()
    connections.close_all()
    return {
        "reports_expected": len(seats),
        "reports_in_cycle": in_cycles,
        "reports_approved_once": len(seats) - _affected(seats, reports, events),
        "problems": dict(wrong),
        "notifications": dict(notes),
        "audit_events": total_events,
        "audit_chain_broken": len(broken),
    }


def _same(stored: Any, sent: Any) -> bool:
    if isinstance(stored, Decimal):
        return stored == Decimal(str(sent))
    return bool(stored == sent)


def _affected(seats: list[Seat], reports: dict[int, Any], events: Counter[Any]) -> int:
    """How many reports are not exactly: approved, submitted once, approved once."""
    bad = 0
    for seat in seats:
        report = reports.get(seat.report)
        once = all(events[(str(seat.report), a)] == 1 for a in EVENTS)
        if report is None or report.status != "approved" or not once:
            bad += 1
    return bad
