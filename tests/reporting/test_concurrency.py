"""Two people acting on one report at the same moment: one result, one clear refusal.

Real threads on real connections: on PostgreSQL the row lock (SELECT ... FOR UPDATE) orders
them; on SQLite the write lock taken at BEGIN IMMEDIATE does.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import close_old_connections, connection

from lantu.core.audit import verify
from lantu.core.models import AuditEvent
from lantu.core.services import DomainError
from lantu.reporting import services
from lantu.reporting.models import Report

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(*calls: Callable[[], Any]) -> list[Any]:
    """Run the calls in threads released together; each call's result or exception."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[i] = call()
        except (DomainError, PermissionDenied) as exc:
            results[i] = exc
        except Exception as exc:
            results[i] = exc
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


@pytest.fixture
def submitted(cast, cycles) -> Report:
    report = Report.objects.get(cycle=cycles["H1"], task=cast.tasks["school"])
    services.save_draft(report=report, by=cast.li_reporter, data={"done": "x", "progress": 20})
    return services.submit(report=report, by=cast.li_reporter)


def _approvals(report: Report) -> int:
    return AuditEvent.objects.filter(
        action="reporting.report.approved", object_id=str(report.pk)
    ).count()


def test_concurrent_double_approval_gives_one_result(cast, submitted):
    reviewer = cast.zhang_reviewer
    results = at_once(
        lambda: services.approve(report=submitted, by=reviewer),
        lambda: services.approve(report=submitted, by=reviewer),
    )
    done = [r for r in results if isinstance(r, Report)]
    refused = [r for r in results if isinstance(r, services.StaleReport)]
    assert (len(done), len(refused)) == (1, 1), results
    assert "待受理" in str(refused[0])  # says what the report is now
    submitted.refresh_from_db()
    assert submitted.status == "approved" and submitted.revision == 3
    assert _approvals(submitted) == 1
    assert verify() == []


def test_approve_and_return_at_once_never_both_apply(cast, submitted):
    reviewer = cast.zhang_reviewer
    results = at_once(
        lambda: services.approve(report=submitted, by=reviewer),
        lambda: services.return_report(report=submitted, by=reviewer, reason="重填"),
    )
    assert sum(isinstance(r, Report) for r in results) == 1, results
    assert sum(isinstance(r, services.StaleReport) for r in results) == 1, results
    submitted.refresh_from_db()
    assert submitted.status in {"approved", "returned"}
    assert submitted.revision == 3
    assert verify() == []
