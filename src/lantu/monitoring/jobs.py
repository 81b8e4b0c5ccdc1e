"""Background jobs of monitoring (django-tasks): they take ids, and are enqueued on commit."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django_tasks import task

from lantu.core import clock
from lantu.monitoring import services, standings
from lantu.plans.models import Plan


@task()
def refresh_warnings(plan_id: int, on: str | None = None) -> int:
    """Recompute one plan's warnings and stored judgements (after an accepted report, and
    nightly); the number of warnings raised or closed."""
    plan = Plan.objects.select_related("current_version").filter(pk=plan_id).first()
    if plan is None:
        return 0
    day = dt.date.fromisoformat(on) if on else None
    result = services.refresh(plan=plan, today=day)
    _judge(plan, day)
    return len(result.raised) + len(result.closed)


def _judge(plan: Plan, day: dt.date | None) -> None:
    """Store the judgements of the plan's version in force (see ``standings``)."""
    if plan.current_version is not None:
        standings.refresh(plan.current_version, day or clock.today())


def refresh_after_commit(plan_id: int) -> None:
    """Enqueue ``refresh_warnings`` once the current transaction has committed."""
    transaction.on_commit(lambda: refresh_warnings.enqueue(plan_id))


def nightly(today: dt.date, plan_id: int | None = None) -> tuple[int, int, int]:
    """Recompute every plan in force (or one of them) and escalate what is overdue: (raised, closed,
    escalated)."""
    # A finished plan goes to its summary evaluation: it raises no more warnings.
    plans = Plan.objects.select_related("current_version").filter(
        current_version__isnull=False, status=Plan.Status.IN_FORCE
    )
    if plan_id is not None:
        plans = plans.filter(pk=plan_id)
    raised = closed = escalated = 0
    for plan in plans:
        result = services.refresh(plan=plan, today=today)
        _judge(plan, today)
        raised += len(result.raised)
        closed += len(result.closed)
        escalated += services.escalate(today=today, plan=plan)
    return raised, closed, escalated


@task()
def nightly_warnings(on: str, plan_id: int | None = None) -> list[int]:
    """The nightly run as a background job."""
    return list(nightly(dt.date.fromisoformat(on), plan_id))
