"""Warnings and rectifications through the API, with the pages' rules: who sees which warning,
the filters, a fixed number of queries, and every decision (404 out of sight, 403 not the
caller's step, 400 refused by the domain, 422 invalid)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lantu.division.models import TimeNode
from lantu.indicators.models import Observation
from lantu.monitoring import services
from lantu.monitoring.models import Rectification, Warning
from tests.api.conftest import API, Api
from tests.cast import Cast

pytestmark = pytest.mark.urls("tests.api.urls")
M = "/monitoring"
ANSWER = {"cause": "拆迁滞后", "measures": "加快征收,每周调度", "expected_on": "2026-09-30"}


@pytest.fixture
def warnings(cast: Cast, today: dt.date) -> dict[str, Warning]:
    """An overdue time node of the shared task (the street leads, education cooperates) and a
    red light on the DRC's GDP indicator, raised by the recomputation."""
    TimeNode.objects.create(region=cast.region, task=cast.tasks["shared"], text="2026年6月底前")
    Observation.objects.filter(indicator=cast.indicators["gdp"]).update(value=Decimal("3.0"))
    raised = services.refresh(plan=cast.plan, today=today, by=cast.wang_admin).raised
    return {w.kind: w for w in raised}


def ids(response: Any) -> set[int]:
    assert response.status_code == 200, response.json()
    return {row["id"] for row in response.json()["items"]}


@pytest.mark.parametrize(
    ("username", "sees"),
    [
        ("wang_admin", {"task", "indicator"}),
        ("li_reporter", {"task"}),  # education cooperates on the shared task
        ("zhao_street", {"task"}),  # the street leads it
        ("chen_leader", {"task", "indicator"}),
        ("liu_congress", {"task", "indicator"}),
        ("zhou_inspector", {"task", "indicator"}),
    ],
)
def test_each_role_sees_the_warnings_in_its_scope(
    warnings: dict[str, Warning], api_as: Callable[[str], Api], username: str, sees: set[str]
) -> None:
    api = api_as(username)
    assert ids(api.get(f"{M}/warnings")) == {warnings[k].pk for k in sees}
    for kind, warning in warnings.items():
        status = api.get(f"{M}/warnings/{warning.pk}").status_code
        assert status == (200 if kind in sees else 404)


@pytest.mark.parametrize("username", ["sun_sysadmin", "qian_security", "wu_auditor", "outsider"])
def test_roles_without_warnings_are_refused_the_list(
    warnings: dict[str, Warning], api_as: Callable[[str], Api], username: str
) -> None:
    api = api_as(username)
    assert api.get(f"{M}/warnings").status_code == 403
    assert api.get(f"{M}/warnings/{warnings['task'].pk}").status_code == 404


def test_anonymous_callers_are_turned_away(client: Any, warnings: dict[str, Warning]) -> None:
    assert client.get(f"{API}{M}/warnings").status_code == 401
    response = client.post(f"{API}{M}/warnings/refresh", {"plan": 1}, "application/json")
    assert response.status_code == 401


def test_the_output_and_the_filters(
    cast: Cast, warnings: dict[str, Warning], api_as: Callable[[str], Api]
) -> None:
    admin = api_as("wang_admin")
    task, indicator = warnings["task"], warnings["indicator"]
    row = next(r for r in admin.get(f"{M}/warnings").json()["items"] if r["id"] == task.pk)
    assert row["kind"] == "task" and row["task"] == cast.tasks["shared"].pk
    assert row["item_name"] == str(cast.tasks["shared"]) and row["cause"] == "node_overdue"
    assert row["state"] == "open" and row["plan"] == cast.plan.pk and row["closed_at"] is None
    assert ids(admin.get(f"{M}/warnings", cause="node_overdue")) == {task.pk}
    assert ids(admin.get(f"{M}/warnings", cause=indicator.cause)) == {indicator.pk}
    assert ids(admin.get(f"{M}/warnings", unit=cast.units["education"].pk)) == {task.pk}
    assert ids(admin.get(f"{M}/warnings", unit=cast.units["drc"].pk)) == {indicator.pk}
    assert ids(admin.get(f"{M}/warnings", plan=cast.plan.pk)) == {task.pk, indicator.pk}
    assert ids(admin.get(f"{M}/warnings", plan=cast.plan.pk + 999)) == set()
    services.close(warning=indicator, by=cast.wang_admin, reason="统计口径调整")
    assert ids(admin.get(f"{M}/warnings")) == {task.pk}  # the open ones by default
    assert ids(admin.get(f"{M}/warnings", state="closed")) == {indicator.pk}
    assert ids(admin.get(f"{M}/warnings", state="all")) == {task.pk, indicator.pk}
    assert ids(admin.get(f"{M}/warnings", state="open")) == {task.pk}
    assert admin.get(f"{M}/warnings", state="gone").status_code == 422
    assert admin.get(f"{M}/warnings", cause="bad").status_code == 422
    page = admin.get(f"{M}/warnings", state="all", limit=1, offset=1).json()
    assert page["count"] == 2  # raised together: the later id first
    assert [r["id"] for r in page["items"]] == [min(task.pk, indicator.pk)]


def test_the_list_has_a_fixed_number_of_queries(
    cast: Cast, warnings: dict[str, Warning], api_as: Callable[[str], Api]
) -> None:
    api = api_as("li_reporter")
    api.get(f"{M}/warnings")  # warm the session
    with CaptureQueriesContext(connection) as one:
        assert len(ids(api.get(f"{M}/warnings"))) == 1
    for n in range(15):
        Warning.objects.create(
            region=cast.region, plan=cast.plan, cause="node_overdue", cause_key=f"more:{n}",
            detail="节点逾期", raised_at=timezone.now(), task=cast.tasks["school"],
            unit=cast.units["education"] if n % 2 else None,
        )  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        assert len(ids(api.get(f"{M}/warnings"))) == 16
    assert len(many) == len(one)


def test_a_unit_answers_and_the_administrator_decides(
    cast: Cast, warnings: dict[str, Warning], api_as: Callable[[str], Api]
) -> None:
    task = warnings["task"]
    reporter, admin = api_as("li_reporter"), api_as("wang_admin")
    url = f"{M}/warnings/{task.pk}/rectifications"
    assert reporter.post(url, {**ANSWER, "expected_on": "soon"}).status_code == 422
    assert reporter.post(url, {"cause": "拆迁滞后"}).status_code == 422
    assert reporter.post(url, {**ANSWER, "measures": "  "}).status_code == 400
    assert reporter.post(url, {**ANSWER, "expected_on": "2026-07-01"}).status_code == 400
    assert api_as("chen_leader").post(url, ANSWER).status_code == 403  # sees it, may not answer
    assert api_as("wang_admin").post(url, ANSWER).status_code == 403  # not a responsible unit
    response = reporter.post(url, ANSWER)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["state"] == "rectifying" and len(body["rectifications"]) == 1
    rect = body["rectifications"][0]
    assert rect["unit"] == cast.units["education"].pk and rect["status"] == "submitted"
    assert rect["expected_on"] == "2026-09-30" and rect["measures"] == ANSWER["measures"]
    assert api_as("zhao_street").post(url, ANSWER).status_code == 400  # one at a time

    accept = f"{M}/rectifications/{rect['id']}/accept"
    assert reporter.post(accept, {}).status_code == 403  # a unit does not decide
    assert api_as("chen_leader").post(accept, {}).status_code == 403
    assert api_as("outsider").post(accept, {}).status_code == 404
    response = admin.post(accept, {})
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "rectified"
    assert response.json()["rectifications"][0]["status"] == "accepted"
    assert admin.post(accept, {}).status_code == 400  # already decided
    response = admin.post(f"{M}/rectifications/{rect['id']}/return", {"reason": "措施不具体"})
    assert response.status_code == 400
    assert Rectification.objects.get(pk=rect["id"]).decided_by == cast.wang_admin


def test_a_returned_rectification_reopens_the_warning(
    cast: Cast, warnings: dict[str, Warning], api_as: Callable[[str], Api]
) -> None:
    task = warnings["task"]
    street, admin = api_as("zhao_street"), api_as("wang_admin")
    rect = street.post(f"{M}/warnings/{task.pk}/rectifications", ANSWER).json()["rectifications"]
    url = f"{M}/rectifications/{rect[0]['id']}/return"
    assert admin.post(url, {}).status_code == 422
    assert admin.post(url, {"reason": " "}).status_code == 400
    assert street.post(url, {"reason": "自己退回"}).status_code == 403
    response = admin.post(url, {"reason": "措施不具体"})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["state"] == "open"
    assert body["rectifications"][0]["return_reason"] == "措施不具体"
    second = street.post(f"{M}/warnings/{task.pk}/rectifications", ANSWER)
    assert second.status_code == 200 and len(second.json()["rectifications"]) == 2
    assert second.json()["rectifications"][0]["status"] == "submitted"  # the newest first


def test_the_administrator_closes_a_warning_with_a_reason(
    cast: Cast, warnings: dict[str, Warning], api_as: Callable[[str], Api]
) -> None:
    task, indicator = warnings["task"], warnings["indicator"]
    admin = api_as("wang_admin")
    url = f"{M}/warnings/{task.pk}/close"
    assert api_as("li_reporter").post(url, {"reason": "不必整改"}).status_code == 403
    assert api_as("liu_congress").post(url, {"reason": "不必整改"}).status_code == 403
    assert api_as("outsider").post(url, {"reason": "不必整改"}).status_code == 404
    assert api_as("li_reporter").post(f"{M}/warnings/{indicator.pk}/close", {}).status_code == 422
    assert admin.post(url, {"reason": ""}).status_code == 400
    response = admin.post(url, {"reason": "节点已调整"})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["state"] == "closed" and body["closed_how"] == "by_admin"
    assert body["close_reason"] == "节点已调整"
    assert admin.post(url, {"reason": "再关一次"}).status_code == 400
    answer = api_as("li_reporter").post(f"{M}/warnings/{task.pk}/rectifications", ANSWER)
    assert answer.status_code == 400  # a closed warning needs no rectification


def test_the_administrator_recomputes_a_plans_warnings(
    cast: Cast, today: dt.date, api_as: Callable[[str], Api]
) -> None:
    TimeNode.objects.create(region=cast.region, task=cast.tasks["shared"], text="2026年6月底前")
    url = f"{M}/warnings/refresh"
    for username in ("li_reporter", "chen_leader", "sun_sysadmin"):
        assert api_as(username).post(url, {"plan": cast.plan.pk}).status_code == 403
    admin = api_as("wang_admin")
    assert admin.post(url, {"plan": cast.plan.pk + 999}).status_code == 422
    response = admin.post(url, {"plan": cast.plan.pk})
    assert response.status_code == 200, response.json()
    raised = response.json()["raised"]
    assert response.json()["closed"] == []
    assert set(raised) == set(Warning.objects.values_list("pk", flat=True)) and raised
    again = admin.post(url, {"plan": cast.plan.pk}).json()
    assert again == {"raised": [], "closed": []}  # no warning twice for the same cause
    TimeNode.objects.filter(task=cast.tasks["shared"]).update(met_on=dt.date(2026, 7, 3))
    assert admin.post(url, {"plan": cast.plan.pk}).json()["closed"] == raised
