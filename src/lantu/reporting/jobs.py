"""Background jobs of reporting (django-tasks): they take ids, and are enqueued on commit."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django_tasks import task

from lantu.reporting import notify


@task()
def report_event(event: str, report_id: int) -> int:
    """Notify whoever acts next on a report that moved (submitted, approved, returned ...)."""
    return notify.report_event(event, report_id)


@task()
def send_reminders(on: str) -> int:
    """The daily reminders for ``on`` (an ISO date): before, on and after each deadline."""
    return notify.reminders(dt.date.fromisoformat(on))


def after_commit(event: str, report_id: int) -> None:
    """Enqueue ``report_event`` once the workflow step's transaction has committed."""
    transaction.on_commit(lambda: report_event.enqueue(event, report_id))
