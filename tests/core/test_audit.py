from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lantu.core import audit
from lantu.core.models import AuditEvent
from lantu.core.services import create_object, update_object
from lantu.tasks.models import Task
from tests.cast import Cast


def test_every_change_is_recorded_with_before_and_after(cast: Cast) -> None:
    task = create_object(
        model=Task,
        data={"version": cast.version, "title": "甲"},
        by=cast.wang_admin,
        region=cast.region,
    )
    update_object(instance=task, data={"title": "乙"}, by=cast.wang_admin)
    created, changed = AuditEvent.objects.filter(action__startswith="tasks.").order_by("id")
    assert created.action == "tasks.task.created" and created.after["title"] == "甲"
    assert changed.before["title"] == "甲" and changed.after["title"] == "乙"
    assert changed.actor_name == "王规划"
    assert changed.prev_hash == created.hash


def test_saving_without_a_change_records_nothing(cast: Cast) -> None:
    update_object(instance=cast.tasks["school"], data={}, by=cast.wang_admin)
    assert not AuditEvent.objects.filter(action__startswith="tasks.").exists()


def test_audit_events_cannot_be_changed_or_deleted(cast: Cast) -> None:
    event = audit.record("tasks.task.changed", by=cast.wang_admin, obj=cast.tasks["school"])
    event.action = "tasks.task.created"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(action="x")


def test_verify_finds_an_event_edited_behind_the_applications_back(cast: Cast) -> None:
    for title in ("甲", "乙", "丙"):
        update_object(instance=cast.tasks["school"], data={"title": title}, by=cast.wang_admin)
    assert audit.verify() == []
    call_command("audit", "verify")
    middle = AuditEvent.objects.filter(action__startswith="tasks.").order_by("id")[1]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_auditevent SET actor_name = %s WHERE id = %s", ["别人", middle.pk]
        )
    assert audit.verify() == [middle.pk]
    with pytest.raises(CommandError):
        call_command("audit", "verify")


def test_only_the_audit_administrator_reads_the_whole_trail(cast: Cast, client_for: Any) -> None:
    update_object(instance=cast.tasks["school"], data={"title": "甲"}, by=cast.wang_admin)
    for username in ("wang_admin", "sun_sysadmin", "qian_security", "li_reporter"):
        assert client_for(username).get(reverse("audit-log")).status_code == 403
    client = client_for("wu_auditor")
    page = client.get(reverse("audit-log"), {"q": "甲"}).content.decode()
    assert "王规划" in page and "甲" in page
    assert client.get(reverse("audit-log"), {"verify": "1"}).context["broken"] == []
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("audit-log"))
    for title in ("乙", "丙", "丁"):
        update_object(instance=cast.tasks["school"], data={"title": title}, by=cast.wang_admin)
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("audit-log"))
    assert len(small) == len(large)


def test_many_events_at_once_join_the_same_chain(cast: Cast) -> None:
    audit.record("tasks.task.changed", by=cast.wang_admin, obj=cast.tasks["school"])
    items = [
        ("tasks.task.changed", task, {"title": "旧"}, {"title": task.title}, {"batch": 1})
        for task in cast.tasks.values()
    ]
    last_id = audit.record_many(items, by=cast.wang_admin)
    assert last_id == AuditEvent.objects.order_by("-id").first().pk
    assert audit.verify() == []
    assert AuditEvent.objects.filter(data={"batch": 1}).count() == 3
    audit.record("tasks.task.changed", by=cast.wang_admin, obj=cast.tasks["school"])
    assert audit.verify() == []
