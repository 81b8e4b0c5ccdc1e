"""Reporting through the API: cycles, reports and every workflow step, with the page's rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lantu.indicators.models import Observation
from lantu.organizations.models import Membership, Person
from lantu.reporting import services
from lantu.reporting.models import Cycle, Report
from tests.api.conftest import Api
from tests.cast import PASSWORD, Cast

pytestmark = pytest.mark.urls("tests.api.urls")
R = "/reporting"


@pytest.fixture
def cycles(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> dict[str, Cycle]:
    """The 2026 cycles on 2026-07-05 (H1 open, due 2026-07-15); the street gets a reviewer."""
    day = dt.date(2026, 7, 5)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: day)
    person = Person.objects.create_user(
        username="ma_street_reviewer", password=PASSWORD, full_name="马审核", region=cast.region
    )
    Membership.objects.create(
        region=cast.region, person=person, unit=cast.units["street"], role="reviewer"
    )
    services.generate_cycles(plan=cast.plan, year=2026, by=cast.wang_admin)
    return {c.period: c for c in Cycle.objects.filter(plan=cast.plan, year=2026)}


def school_indicator(cast: Cast, cycles: dict[str, Cycle]) -> Report:
    return Report.objects.get(cycle=cycles["Y"], indicator=cast.indicators["school"])


def school_task(cast: Cast, cycles: dict[str, Cycle]) -> Report:
    return Report.objects.get(cycle=cycles["H1"], task=cast.tasks["school"])


def test_indicator_from_draft_to_official_figure(
    cast: Cast, cycles: dict[str, Cycle], api_as: Callable[[str], Api]
) -> None:
    admin, reporter, reviewer = (
        api_as("wang_admin"),
        api_as("li_reporter"),
        api_as("zhang_reviewer"),
    )
    year = cycles["Y"]
    response = admin.patch(f"{R}/cycles/{year.pk}", {"opens_on": "2026-07-01"})
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "open" and response.json()["deadline"] == "2027-01-31"

    listed = reporter.get(f"{R}/reports", mine="to_fill", kind="indicator").json()
    assert [r["item_name"] for r in listed["items"]] == ["新增中小学学位"]
    pk = listed["items"][0]["id"]
    detail = reporter.get(f"{R}/reports/{pk}").json()
    assert detail["fields"] == ["value", "source", "note", "explanation"]
    assert detail["missing"] and detail["timeliness"] == "pending"

    response = reporter.patch(
        f"{R}/reports/{pk}",
        {
            "revision": detail["revision"],
            "value": "1200",
            "source": "区教育局统计",
            "explanation": "新校开学",
        },
    )
    assert response.status_code == 200, response.json()
    saved = response.json()
    assert Decimal(saved["value"]) == 1200 and saved["revision"] == detail["revision"] + 1
    assert saved["missing"] == []

    response = reporter.post(f"{R}/reports/{pk}/submit", {"revision": saved["revision"]})
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "submitted" and response.json()["timeliness"] == "on_time"
    assert [r["id"] for r in reviewer.get(f"{R}/reports", mine="to_review").json()["items"]] == [pk]

    assert reviewer.post(f"{R}/reports/{pk}/approve", {}).json()["status"] == "approved"
    assert [r["id"] for r in admin.get(f"{R}/reports", mine="to_accept").json()["items"]] == [pk]
    response = admin.post(f"{R}/reports/{pk}/accept", {})
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    obs = Observation.objects.get(indicator=cast.indicators["school"], year=2026, period="Y")
    assert obs.value == 1200 and obs.source == "区教育局统计"


def test_task_draft_with_time_nodes_then_return_and_unlock(
    cast: Cast, cycles: dict[str, Cycle], api_as: Callable[[str], Api]
) -> None:
    reporter, reviewer, admin = (
        api_as("li_reporter"),
        api_as("zhang_reviewer"),
        api_as("wang_admin"),
    )
    report = school_task(cast, cycles)
    node = cast.tasks["school"].timenodes.get()
    response = reporter.patch(
        f"{R}/reports/{report.pk}",
        {"revision": 0, "done": "开工3所", "progress": 100, "timenodes_met": [node.pk]},
    )
    assert response.json()["timenodes_met"] == [node.pk]
    reporter.post(f"{R}/reports/{report.pk}/submit", {})
    response = reviewer.post(f"{R}/reports/{report.pk}/return", {"reason": "进度偏高"})
    assert (
        response.json()["status"] == "returned" and response.json()["return_reason"] == "进度偏高"
    )
    reporter.post(f"{R}/reports/{report.pk}/submit", {})
    reviewer.post(f"{R}/reports/{report.pk}/approve", {})
    admin.post(f"{R}/reports/{report.pk}/accept", {})
    cast.tasks["school"].refresh_from_db()
    assert cast.tasks["school"].progress == 100
    response = admin.post(f"{R}/reports/{report.pk}/unlock", {"reason": "数据更正"})
    assert response.status_code == 200 and response.json()["status"] == "returned"


def test_exempt_and_reinstate(
    cast: Cast, cycles: dict[str, Cycle], api_as: Callable[[str], Api]
) -> None:
    admin = api_as("wang_admin")
    report = school_task(cast, cycles)
    response = admin.post(f"{R}/reports/{report.pk}/exempt", {"reason": "项目调整"})
    assert response.json()["is_exempt"] and response.json()["timeliness"] == "exempt"
    to_fill = api_as("li_reporter").get(f"{R}/reports", mine="to_fill", cycle=cycles["H1"].pk)
    assert [r["task"] for r in to_fill.json()["items"]] == [cast.tasks["shared"].pk]
    assert admin.post(f"{R}/reports/{report.pk}/reinstate", {}).json()["is_exempt"] is False


def test_stale_revision_answers_409_and_saves_nothing(
    cast: Cast, cycles: dict[str, Cycle], api_as: Callable[[str], Api]
) -> None:
    reporter = api_as("li_reporter")
    report = school_task(cast, cycles)
    assert (
        reporter.patch(f"{R}/reports/{report.pk}", {"revision": 0, "done": "甲"}).status_code == 200
    )
    response = reporter.patch(f"{R}/reports/{report.pk}", {"revision": 0, "done": "乙"})
    assert response.status_code == 409 and response.json()["detail"]
    response = reporter.post(f"{R}/reports/{report.pk}/submit", {"revision": 0})
    assert response.status_code == 409
    report.refresh_from_db()
    assert (report.done, report.status) == ("甲", "draft")


@pytest.mark.parametrize(
    ("username", "method", "step", "status"),
    [
        ("outsider", "get", "", 404),
        ("zhao_street", "get", "", 404),
        ("zhao_street", "patch", "", 404),
        ("chen_leader", "get", "", 200),
        ("chen_leader", "patch", "", 403),
        ("zhang_reviewer", "patch", "", 403),
        ("li_reporter", "post", "/approve", 403),
        ("li_reporter", "post", "/accept", 403),
        ("li_reporter", "post", "/exempt", 403),
        ("zhang_reviewer", "post", "/accept", 403),
        ("chen_leader", "post", "/submit", 403),
    ],
)
def test_roles_and_scopes(
    cast: Cast,
    cycles: dict[str, Cycle],
    api_as: Callable[[str], Api],
    username: str,
    method: str,
    step: str,
    status: int,
) -> None:
    report = school_task(cast, cycles)
    api = api_as(username)
    url = f"{R}/reports/{report.pk}{step}"
    body = {"revision": 0, "done": "开工"} if method == "patch" else {"reason": "原因"}
    response = api.get(url) if method == "get" else getattr(api, method)(url, body)
    assert response.status_code == status, response.content
    report.refresh_from_db()
    assert (report.done, report.status, report.revision) == ("", "draft", 0)


def test_only_the_plan_administrator_manages_cycles(
    cast: Cast, cycles: dict[str, Cycle], api_as: Callable[[str], Api]
) -> None:
    reporter, outsider = api_as("li_reporter"), api_as("outsider")
    h1 = cycles["H1"]
    assert reporter.get(f"{R}/cycles/{h1.pk}").status_code == 200
    assert outsider.get(f"{R}/cycles/{h1.pk}").status_code == 404
    assert outsider.get(f"{R}/cycles").status_code == 403
    assert outsider.get(f"{R}/reports").status_code == 403
    generate = {"plan": cast.plan.pk, "year": 2027}
    assert reporter.post(f"{R}/cycles/generate", generate).status_code == 403
    assert reporter.patch(f"{R}/cycles/{h1.pk}", {"grace_days": 9}).status_code == 403
    item = {"indicator": cast.indicators["school"].pk}
    assert reporter.post(f"{R}/cycles/{h1.pk}/items", item).status_code == 403
    admin = api_as("wang_admin")
    assert admin.post(f"{R}/cycles/{h1.pk}/items", item).json() == {"reports_added": 1}
    created = admin.post(f"{R}/cycles/generate", generate).json()
    assert created["cycles_created"] == 7 and created["reports_created"] > 0
    assert admin.get(f"{R}/cycles", year=2027).json()["count"] == 7


def test_refusals_carry_their_messages(
    cast: Cast, cycles: dict[str, Cycle], api_as: Callable[[str], Api]
) -> None:
    reporter, admin = api_as("li_reporter"), api_as("wang_admin")
    report = school_task(cast, cycles)
    url = f"{R}/reports/{report.pk}"
    response = reporter.patch(url, {"revision": 0, "progress": 150})
    assert response.status_code == 422 and "progress" in str(response.json()["detail"])
    response = reporter.patch(url, {"revision": 0, "value": "3"})  # an indicator's field
    assert response.status_code == 400 and "value" in response.json()["detail"]
    other = cast.tasks["street"].timenodes.get()
    response = reporter.patch(url, {"revision": 0, "timenodes_met": [other.pk]})
    assert response.status_code == 400 and response.json()["detail"]
    response = reporter.post(f"{url}/submit", {})
    assert response.status_code == 400 and response.json()["detail"]  # what is missing
    reporter.patch(url, {"revision": 0, "done": "开工", "progress": 10})
    reporter.post(f"{url}/submit", {})
    response = api_as("zhang_reviewer").post(f"{url}/return", {"reason": " "})
    assert response.status_code == 400 and response.json()["detail"]
    response = admin.post(f"{R}/cycles/generate", {"plan": 99999, "year": 2027})
    assert response.status_code == 422 and "plan" in str(response.json()["detail"])
    response = admin.post(f"{R}/cycles/generate", {"plan": cast.plan.pk, "year": 2035})
    assert response.status_code == 400 and response.json()["detail"]
    h1 = cycles["H1"]
    response = admin.patch(f"{R}/cycles/{h1.pk}", {"deadline": "2026-01-01"})
    assert response.status_code == 400 and response.json()["detail"]
    report.refresh_from_db()
    assert report.status == "submitted" and report.progress == 10


@pytest.mark.parametrize("username", ["wang_admin", "li_reporter"])
def test_lists_cost_the_same_queries_for_one_row_as_for_many(
    cast: Cast,
    cycles: dict[str, Cycle],
    api_as: Callable[[str], Api],
    django_assert_num_queries: Any,
    username: str,
) -> None:
    api = api_as(username)
    for path in ("/cycles", "/reports"):
        with CaptureQueriesContext(connection) as one:
            response = api.get(f"{R}{path}", limit=1)
        assert len(response.json()["items"]) == 1
        assert len(one) <= 8
        with django_assert_num_queries(len(one)):
            response = api.get(f"{R}{path}", limit=200)
        assert len(response.json()["items"]) > 2, path


def test_report_list_filters(
    cast: Cast, cycles: dict[str, Cycle], api_as: Callable[[str], Api]
) -> None:
    admin = api_as("wang_admin")
    h1 = cycles["H1"]
    by_cycle = admin.get(f"{R}/reports", cycle=h1.pk).json()
    assert by_cycle["count"] == 4 and {r["kind"] for r in by_cycle["items"]} == {"task"}
    street = admin.get(f"{R}/reports", cycle=h1.pk, unit=cast.units["street"].pk).json()
    assert street["count"] == 2
    assert admin.get(f"{R}/reports", kind="project").json()["count"] == 4
    assert admin.get(f"{R}/reports", status="accepted").json()["count"] == 0
    assert admin.get(f"{R}/reports", status="bogus").status_code == 422
    mine = api_as("zhao_street").get(f"{R}/reports", mine="to_fill", cycle=h1.pk).json()
    assert mine["count"] == 2
