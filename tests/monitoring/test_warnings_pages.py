"""The warning pages: who sees which warnings, the filters, a fixed number of queries, and the
rectification and the administrator's decisions through the forms."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lantu.monitoring.models import Rectification, Warning
from tests.cast import Cast


def make(cast: Cast, n: int, *, item: str = "task", key: str = "x") -> list[Warning]:
    target = {"task": cast.tasks["school"], "indicator": cast.indicators["gdp"],
              "project": cast.project}[item]  # fmt: skip
    common = {"region": cast.region, "plan": cast.plan, "cause": "node_overdue", item: target}
    return [
        Warning.objects.create(
            cause_key=f"{key}:{item}:{i}", detail=f"节点{i}逾期", raised_at=timezone.now(), **common
        )
        for i in range(n)
    ]


def rows(response: Any) -> set[int]:
    return {w.pk for w in response.context["page"]}


@pytest.mark.parametrize(
    ("username", "sees"),
    [
        ("wang_admin", {"task", "indicator", "project"}),
        ("li_reporter", {"task"}),  # education leads the task
        ("zhao_street", {"project"}),  # the street leads the project
        ("chen_leader", {"task", "indicator", "project"}),
        ("liu_congress", {"task", "indicator", "project"}),
        ("zhou_inspector", {"task", "indicator", "project"}),
        ("sun_sysadmin", set()),
        ("outsider", set()),
    ],
)
def test_each_role_sees_the_warnings_in_its_scope(
    cast: Cast, client_for: Any, username: str, sees: set[str]
) -> None:
    made = {kind: make(cast, 1, item=kind)[0].pk for kind in ("task", "indicator", "project")}
    response = client_for(username).get(reverse("warning-list"))
    assert response.status_code == 200
    assert rows(response) == {made[k] for k in sees}
    for kind, pk in made.items():
        detail = client_for(username).get(reverse("warning-detail", args=[pk]))
        assert detail.status_code == (200 if kind in sees else 404)


def test_the_filters(cast: Cast, client_for: Any) -> None:
    task_w, ind_w = make(cast, 1)[0], make(cast, 1, item="indicator")[0]
    Warning.objects.filter(pk=ind_w.pk).update(cause="light_red")
    closed = make(cast, 1, key="old")[0]
    Warning.objects.filter(pk=closed.pk).update(state="closed", closed_at=timezone.now())
    client = client_for("wang_admin")
    url = reverse("warning-list")
    assert rows(client.get(url)) == {task_w.pk, ind_w.pk}  # open ones by default
    assert rows(client.get(url, {"state": "all"})) == {task_w.pk, ind_w.pk, closed.pk}
    assert rows(client.get(url, {"state": "closed"})) == {closed.pk}
    assert rows(client.get(url, {"cause": "light_red"})) == {ind_w.pk}
    assert rows(client.get(url, {"unit": cast.units["education"].pk})) == {task_w.pk}
    assert rows(client.get(url, {"unit": cast.units["drc"].pk})) == {ind_w.pk}


def test_the_list_has_a_fixed_number_of_queries(cast: Cast, client_for: Any) -> None:
    client = client_for("li_reporter")
    url = reverse("warning-list")
    make(cast, 1)
    client.get(url)  # warm the session and content types
    with CaptureQueriesContext(connection) as one:
        assert len(rows(client.get(url))) == 1
    make(cast, 20, key="more")
    with CaptureQueriesContext(connection) as many:
        assert len(rows(client.get(url))) == 21
    assert len(many) == len(one)


def test_the_detail_page_has_a_fixed_number_of_queries(cast: Cast, client_for: Any) -> None:
    warning = make(cast, 1)[0]
    client = client_for("wang_admin")
    url = reverse("warning-detail", args=[warning.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as none:
        client.get(url)
    for _ in range(3):
        rect = Rectification.objects.create(
            region=cast.region, warning=warning, unit=cast.units["education"], cause="c",
            measures="m", expected_on=dt.date(2026, 9, 1), submitted_by=cast.li_reporter,
            submitted_at=timezone.now(), status="returned", decided_by=cast.wang_admin,
        )  # fmt: skip
    with CaptureQueriesContext(connection) as three:
        response = client.get(url)
    assert rect.pk and len(three) == len(none)
    assert len(response.context["rectifications"]) == 3


def test_a_unit_answers_and_the_administrator_decides_through_the_pages(
    cast: Cast, client_for: Any, today: dt.date
) -> None:
    warning = make(cast, 1)[0]
    url = reverse("warning-detail", args=[warning.pk])
    reporter = client_for("li_reporter")
    page = reporter.get(url)
    assert page.context["may_answer"] and not page.context["may_decide"]
    response = reporter.post(
        reverse("warning-rectify", args=[warning.pk]),
        {"cause": "用地未落实", "measures": "协调规划部门", "expected_on": "2026-10-31"},
    )
    assert response.status_code == 302 and response.url == url
    rect = Rectification.objects.get(warning=warning)
    assert rect.submitted_by == cast.li_reporter and rect.expected_on == dt.date(2026, 10, 31)
    # The reporter cannot accept; the administrator returns, the unit answers, it is accepted.
    reporter.post(reverse("rectification-accept", args=[rect.pk]))
    rect.refresh_from_db()
    assert rect.status == "submitted"
    admin = client_for("wang_admin")
    page = admin.get(url)
    assert page.context["may_decide"] and page.context["pending"] == rect
    assert "用地未落实" in page.content.decode()
    admin.post(reverse("rectification-return", args=[rect.pk]), {"reason": "请细化措施"})
    rect.refresh_from_db()
    assert rect.status == "returned" and rect.return_reason == "请细化措施"
    reporter.post(
        reverse("warning-rectify", args=[warning.pk]),
        {"cause": "用地未落实", "measures": "每周调度", "expected_on": "2026-10-31"},
    )
    second = Rectification.objects.get(warning=warning, status="submitted")
    admin.post(reverse("rectification-accept", args=[second.pk]))
    warning.refresh_from_db()
    assert warning.state == "rectified"
    page = admin.get(url)
    assert [words for _e, words in page.context["history"]] == [
        "提交整改",
        "退回整改",
        "提交整改",
        "认可整改",
    ]
    assert "· monitoring." not in page.content.decode()  # no dotted action names shown


def test_refusals_show_a_message_and_change_nothing(
    cast: Cast, client_for: Any, today: dt.date
) -> None:
    warning = make(cast, 1)[0]
    url = reverse("warning-detail", args=[warning.pk])
    # The street cannot see the education bureau's warning at all.
    street = client_for("zhao_street")
    assert street.post(reverse("warning-close", args=[warning.pk])).status_code == 404
    reporter = client_for("li_reporter")
    response = reporter.post(
        reverse("warning-rectify", args=[warning.pk]), {"cause": "x"}, follow=True
    )
    assert list(response.context["messages"]) and not Rectification.objects.exists()
    response = reporter.post(
        reverse("warning-close", args=[warning.pk]), {"reason": "无"}, follow=True
    )
    assert list(response.context["messages"])
    admin = client_for("wang_admin")
    response = admin.post(reverse("warning-close", args=[warning.pk]), {}, follow=True)
    assert list(response.context["messages"])
    warning.refresh_from_db()
    assert warning.is_open
    # The leader reads but may not answer.
    leader = client_for("chen_leader")
    assert leader.get(url).status_code == 200
    response = leader.post(
        reverse("warning-rectify", args=[warning.pk]),
        {"cause": "c", "measures": "m", "expected_on": "2026-10-31"},
    )
    assert response.status_code == 404 and not Rectification.objects.exists()
    admin.post(reverse("warning-close", args=[warning.pk]), {"reason": "重复预警"})
    warning.refresh_from_db()
    assert warning.closed_how == "by_admin" and warning.close_reason == "重复预警"


def test_pages_need_a_login(client: Any, cast: Cast) -> None:
    response = client.get(reverse("warning-list"))
    assert response.status_code == 302 and "login" in response.url
