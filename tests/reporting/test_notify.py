"""Notifications and reminders: who hears what, when, and never twice for the same thing."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from lantu.reporting import notify, services
from lantu.reporting.models import Notification, Report

pytestmark = pytest.mark.django_db


def kinds(person, cycle=None) -> list[str]:
    rows = Notification.objects.filter(recipient=person)
    if cycle is not None:
        rows = rows.filter(key__contains=f":{cycle.pk}:")
    return sorted(rows.values_list("kind", flat=True))


def test_each_step_tells_whoever_acts_next(
    cast, cycles, street_reviewer, django_capture_on_commit_callbacks
):
    cast.zhang_reviewer.email = "zhang@example.gov.cn"
    cast.zhang_reviewer.save()
    report = Report.objects.get(cycle=cycles["H1"], task=cast.tasks["school"])
    with django_capture_on_commit_callbacks(execute=True):
        services.save_draft(report=report, by=cast.li_reporter, data={"done": "x", "progress": 5})
        services.submit(report=report, by=cast.li_reporter)
    assert kinds(cast.zhang_reviewer) == ["to_review"]
    assert kinds(street_reviewer) == []  # another unit's reviewer hears nothing
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["zhang@example.gov.cn"]
    assert "/reports/" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        services.return_report(report=report, by=cast.zhang_reviewer, reason="请补充")
    assert kinds(cast.li_reporter) == ["returned"]
    note = Notification.objects.get(recipient=cast.li_reporter)
    assert "请补充" in note.body
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(report=report, by=cast.li_reporter)
        services.approve(report=report, by=cast.zhang_reviewer)
    assert kinds(cast.zhang_reviewer) == ["to_review", "to_review"]  # resubmitted: told again
    assert kinds(cast.wang_admin) == ["to_accept"]
    with django_capture_on_commit_callbacks(execute=True):
        services.accept(report=report, by=cast.wang_admin)
    assert "accepted" in kinds(cast.li_reporter)


def test_a_cooperating_part_goes_to_the_lead_unit(cast, cycles, django_capture_on_commit_callbacks):
    part = Report.objects.get(cycle=cycles["H1"], task=cast.tasks["shared"], role="cooperating")
    with django_capture_on_commit_callbacks(execute=True):
        services.save_draft(report=part, by=cast.li_reporter, data={"done": "配合"})
        services.submit(report=part, by=cast.li_reporter)
        services.approve(report=part, by=cast.zhang_reviewer)
    assert kinds(cast.zhao_street) == ["to_accept"]  # the lead unit's reporter
    assert kinds(cast.wang_admin) == []


def test_reminders_before_on_and_after_the_deadline(cast, cycles, street_reviewer):
    h1 = cycles["H1"]  # due 2026-07-15, five days' grace
    done = Report.objects.get(cycle=h1, task=cast.tasks["school"])
    services.save_draft(report=done, by=cast.li_reporter, data={"done": "x", "progress": 5})
    services.submit(report=done, by=cast.li_reporter)
    services.approve(report=done, by=cast.zhang_reviewer)
    education_part = Report.objects.get(cycle=h1, task=cast.tasks["shared"], role="cooperating")
    services.exempt(report=education_part, by=cast.wang_admin, reason="并入牵头单位统计")

    notify.reminders(dt.date(2026, 7, 11))  # four days ahead: not yet
    assert kinds(cast.zhao_street, h1) == []
    notify.reminders(dt.date(2026, 7, 12))
    # The street has reports to fill: its reporter and reviewer hear; education has none left.
    assert kinds(cast.zhao_street, h1) == ["due_soon"]
    assert kinds(street_reviewer, h1) == ["due_soon"]
    assert kinds(cast.li_reporter, h1) == [] and kinds(cast.zhang_reviewer, h1) == []
    assert notify.reminders(dt.date(2026, 7, 12)) == 0  # the same day again: nothing new
    assert notify.reminders(dt.date(2026, 7, 13)) == 0  # still "due soon": said once
    notify.reminders(dt.date(2026, 7, 15))
    assert kinds(cast.zhao_street, h1) == ["due_soon", "due_today"]
    notify.reminders(dt.date(2026, 7, 17))
    assert kinds(cast.zhao_street, h1) == ["due_soon", "due_today", "overdue"]
    overdue = Notification.objects.get(
        recipient=cast.zhao_street, kind="overdue", key__contains=f":{h1.pk}:"
    )
    assert "2026年7月15日" in overdue.body
    assert notify.reminders(dt.date(2026, 7, 21)) == 0  # past the grace period: silence


def test_a_reviewer_is_reminded_of_reports_waiting_for_review(cast, cycles):
    report = Report.objects.get(cycle=cycles["H1"], task=cast.tasks["school"])
    services.save_draft(report=report, by=cast.li_reporter, data={"done": "x", "progress": 5})
    services.submit(report=report, by=cast.li_reporter)
    services.exempt(
        report=Report.objects.get(cycle=cycles["H1"], task=cast.tasks["shared"], unit=report.unit),
        by=cast.wang_admin,
        reason="免报",
    )
    notify.reminders(dt.date(2026, 7, 15))
    assert kinds(cast.zhang_reviewer, cycles["H1"]) == ["due_today"]
    assert kinds(cast.li_reporter, cycles["H1"]) == []  # nothing left for it to fill


def test_remind_command_runs_the_job(cast, cycles):
    out = StringIO()
    call_command("remind", "--date", "2026-07-16", stdout=out)
    assert "2026-07-16" in out.getvalue()
    assert Notification.objects.filter(kind="overdue", recipient=cast.li_reporter).exists()
    out = StringIO()
    call_command("remind", "--date", "2026-07-16", "--now", stdout=out)
    assert out.getvalue().startswith("0 reminders")
