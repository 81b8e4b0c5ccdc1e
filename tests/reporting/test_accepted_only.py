"""Monitoring reads accepted data only, and its pages say so."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from lantu.monitoring import judging
from lantu.reporting import services
from lantu.reporting.models import Report

pytestmark = pytest.mark.django_db


def test_a_figure_in_review_changes_no_status(cast, cycles, client_for):
    task = cast.tasks["school"]
    before = judging.judge_task(task)
    report = Report.objects.get(cycle=cycles["H1"], task=task)
    services.save_draft(report=report, by=cast.li_reporter, data={"done": "完成", "progress": 100})
    services.submit(report=report, by=cast.li_reporter)
    services.approve(report=report, by=cast.zhang_reviewer)
    task.refresh_from_db()
    assert task.progress is None and judging.judge_task(task) == before
    services.accept(report=report, by=cast.wang_admin)
    task.refresh_from_db()
    assert task.progress == Decimal(100) and judging.judge_task(task) != before


@pytest.mark.parametrize("page", ["indicators", "tasks", "projects"])
def test_item_pages_say_statuses_use_accepted_data(cast, client_for, page):
    obj = {"indicators": cast.indicators["school"], "tasks": cast.tasks["school"],
           "projects": cast.project}[page]  # fmt: skip
    client = client_for("wang_admin")
    client.cookies["django_language"] = "en"
    html = client.get(reverse(f"{page}-detail", args=[obj.pk])).content.decode()
    assert "accepted reports only" in html
    kind = page.rstrip("s")
    assert reverse("item-reports", args=[kind, obj.pk]) in html


def test_plan_home_says_statuses_use_accepted_data(cast, client_for):
    client = client_for("wang_admin")
    client.cookies["django_language"] = "en"
    html = client.get(reverse("plan-home", args=[cast.plan.pk])).content.decode()
    assert "accepted reports only" in html
