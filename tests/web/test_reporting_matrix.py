"""Every reporting page by every member of the cast (written out, not derived: a change to
who may open what must show up here as a failing test somebody agrees with)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lantu.reporting.models import Report
from tests.cast import PASSWORD

PAGES = [
    "todo",
    "notifications",
    "cycle-list",
    "cycle-calendar",
    "cycle-detail",
    "review-queue",
    "reporting-rates",
    "overdue",
    "report-detail",
    "item-reports",
    "cycle-sheet",
    "cycle-sheet-upload",
]

# 302 on the sheet download: people without a unit of their own choose one first.
OFFICIALS = dict.fromkeys(PAGES, 200)
READERS = {**OFFICIALS, "review-queue": 403, "overdue": 403, "cycle-sheet": 302}
NO_PLAN = {
    **dict.fromkeys(PAGES, 404),
    "todo": 200,
    "notifications": 200,
    **dict.fromkeys(
        ["cycle-list", "cycle-calendar", "review-queue", "reporting-rates", "overdue"], 403
    ),
}
EXPECTED = {
    "wang_admin": {**OFFICIALS, "cycle-sheet": 302},
    "li_reporter": {**OFFICIALS, "review-queue": 403, "overdue": 403},
    "zhang_reviewer": {**OFFICIALS, "overdue": 403},
    # The street neither leads nor cooperates on the education bureau's school task.
    "zhao_street": {
        **OFFICIALS,
        "review-queue": 403,
        "overdue": 403,
        "report-detail": 404,
        "item-reports": 404,
    },
    "chen_leader": {**READERS, "overdue": 200},
    "liu_congress": READERS,
    "zhou_inspector": {**READERS, "overdue": 200},
    "sun_sysadmin": NO_PLAN,
    "qian_security": NO_PLAN,
    "wu_auditor": NO_PLAN,
    "outsider": NO_PLAN,
}


@pytest.fixture
def urls(cast, cycles):
    h1 = cycles["H1"]
    report = Report.objects.get(cycle=h1, task=cast.tasks["school"])
    return {
        "todo": reverse("todo"),
        "notifications": reverse("notifications"),
        "cycle-list": reverse("cycle-list"),
        "cycle-calendar": reverse("cycle-calendar"),
        "cycle-detail": reverse("cycle-detail", args=[h1.pk]),
        "review-queue": reverse("review-queue"),
        "reporting-rates": reverse("reporting-rates"),
        "overdue": reverse("overdue"),
        "report-detail": reverse("report-detail", args=[report.pk]),
        "item-reports": reverse("item-reports", args=["task", cast.tasks["school"].pk]),
        "cycle-sheet": reverse("cycle-sheet", args=[h1.pk]),
        "cycle-sheet-upload": reverse("cycle-sheet-upload", args=[h1.pk]),
    }


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_reporting_pages_by_role(username, urls, client):
    assert client.login(username=username, password=PASSWORD)
    got = {page: client.get(url).status_code for page, url in urls.items()}
    assert got == EXPECTED[username]


def test_reporting_pages_need_a_sign_in(urls, client):
    for url in urls.values():
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
