"""The reporter's pages: to-do, the report page and its workflow, drafts saved as one types,
an item's reports, notifications."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from lantu.division.models import Assignment, TimeNode
from lantu.reporting import checks, services
from lantu.reporting.models import Cycle, Notification, Report
from lantu.tasks.models import Task
from tests.cast import Cast

HX = {"HTTP_HX_REQUEST": "true"}


def report_on(cycle: Cycle, unit: Any, **item: Any) -> Report:
    return Report.objects.get(cycle=cycle, unit=unit, **item)


@pytest.fixture
def h1(cycles: dict[str, Cycle]) -> Cycle:
    return cycles["H1"]


@pytest.fixture
def school(cast: Cast, h1: Cycle) -> Report:
    """The education bureau's H1 report on the task it leads."""
    return report_on(h1, cast.units["education"], task=cast.tasks["school"])


def english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def draft(client: Client, report: Report, **data: Any) -> Any:
    report.refresh_from_db()
    payload = {"revision": report.revision, **data}
    return client.post(reverse("report-draft", args=[report.pk]), payload, **HX)


# --- to-do -------------------------------------------------------------------------------


def test_todo_lists_the_units_open_reports_by_deadline(cast, h1, client_for):
    page = client_for("li_reporter").get(reverse("todo"))
    assert page.status_code == 200
    html = page.content.decode()
    assert cast.tasks["school"].title in html
    assert cast.tasks["shared"].title in html  # the cooperating part
    assert "2026年7月15日" in html
    assert cast.tasks["street"].title not in html  # another unit's
    assert cast.indicators["school"].name not in html  # the year's cycle opens in December


def test_todo_marks_overdue_reports(cast, cycles, client_for):
    # The project reports quarterly: Q1 was due on 2026-04-10 and was never submitted.
    html = client_for("zhao_street").get(reverse("todo")).content.decode()
    assert cast.project.name in html
    assert "table-danger" in html
    assert "2026年4月10日" in html


def test_todo_follows_each_persons_role(cast, h1, school, street_reviewer, client_for):
    services.save_draft(
        report=school, by=cast.li_reporter, data={"done": "开工3所", "progress": 30}
    )
    services.submit(report=school, by=cast.li_reporter)
    review = client_for("zhang_reviewer").get(reverse("todo")).content.decode()
    assert 'id="todo-to-review"' in review and cast.tasks["school"].title in review
    assert (
        'id="todo-to-accept"' not in client_for("li_reporter").get(reverse("todo")).content.decode()
    )

    services.approve(report=school, by=cast.zhang_reviewer)
    accept = client_for("wang_admin").get(reverse("todo")).content.decode()
    assert 'id="todo-to-accept"' in accept and cast.tasks["school"].title in accept

    part = report_on(h1, cast.units["education"], task=cast.tasks["shared"])
    services.save_draft(report=part, by=cast.li_reporter, data={"done": "配合完成师资调配"})
    services.submit(report=part, by=cast.li_reporter)
    services.approve(report=part, by=cast.zhang_reviewer)
    street = client_for("zhao_street").get(reverse("todo")).content.decode()
    assert 'id="todo-parts"' in street and cast.tasks["shared"].title in street
    # The part is the lead's to take in, not the administrator's to accept on its own.
    admin_todo = client_for("wang_admin").get(reverse("todo")).content.decode()
    assert admin_todo.count(cast.tasks["shared"].title) == 0


def test_todo_shows_the_return_reason(cast, school, client_for):
    services.save_draft(
        report=school, by=cast.li_reporter, data={"done": "开工3所", "progress": 30}
    )
    services.submit(report=school, by=cast.li_reporter)
    services.return_report(report=school, by=cast.zhang_reviewer, reason="进度口径不一致")
    html = client_for("li_reporter").get(reverse("todo")).content.decode()
    assert "进度口径不一致" in html


def test_todo_shows_only_the_persons_unread_notifications(cast, client_for):
    for who, title in ((cast.li_reporter, "给李的消息"), (cast.zhao_street, "给赵的消息")):
        Notification.objects.create(
            region=cast.region, recipient=who, kind="due_soon", key=title, title=title
        )
    html = client_for("li_reporter").get(reverse("todo")).content.decode()
    assert "给李的消息" in html and "给赵的消息" not in html


# --- the report page ---------------------------------------------------------------------


def test_reporter_sees_the_form_with_the_items_context(cast, school, client_for):
    html = client_for("li_reporter").get(reverse("report-detail", args=[school.pk])).content
    html = html.decode()
    assert 'id="report-form"' in html
    assert 'hx-trigger="input changed delay:800ms"' in html
    assert f'value="{school.revision}"' in html and 'id="report-revision"' in html
    assert "2027年底前" in html  # the task's time node, offered as a checkbox
    assert 'id="report-checks"' in html


def test_draft_saves_as_the_reporter_types(cast, school, client_for):
    client = client_for("li_reporter")
    node = TimeNode.objects.get(task=cast.tasks["school"])
    response = draft(client, school, done="开工3所", progress="30", timenodes_met=[node.pk])
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="saved-at"' in html
    school.refresh_from_db()
    assert school.done == "开工3所" and school.progress == Decimal("30")
    assert list(school.timenodes_met.all()) == [node]
    # The next save carries the new revision: the hidden input is swapped out of band.
    assert f'name="revision" id="report-revision" value="{school.revision}"' in html
    assert 'hx-swap-oob="true"' in html
    # And it works: a second save with that revision is accepted.
    assert 'id="saved-at"' in draft(client, school, done="开工4所").content.decode()
    school.refresh_from_db()
    assert school.done == "开工4所"


def test_a_stale_revision_is_refused_and_changes_nothing(cast, school, client_for):
    client = client_for("li_reporter")
    loaded_at = school.revision
    services.save_draft(report=school, by=cast.li_reporter, data={"done": "别人先存的"})
    response = client.post(
        reverse("report-draft", args=[school.pk]),
        {"revision": loaded_at, "done": "我写的"},
        **HX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="save-conflict"' in html
    assert "hx-swap-oob" not in html  # the revision stays: every later save conflicts too
    school.refresh_from_db()
    assert school.done == "别人先存的"


def test_without_javascript_a_stale_save_shows_the_form_with_what_was_typed(
    cast, school, client_for
):
    client = client_for("li_reporter")
    loaded_at = school.revision
    services.save_draft(report=school, by=cast.li_reporter, data={"done": "别人先存的"})
    response = client.post(
        reverse("report-draft", args=[school.pk]), {"revision": loaded_at, "done": "我写的"}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert 'id="conflict"' in html and "我写的" in html


def test_without_javascript_the_save_button_redirects_back(cast, school, client_for):
    client = client_for("li_reporter")
    response = client.post(
        reverse("report-draft", args=[school.pk]),
        {"revision": school.revision, "done": "开工3所", "progress": "30"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("report-detail", args=[school.pk])
    school.refresh_from_db()
    assert school.done == "开工3所"


@pytest.mark.parametrize("progress", ["150", "-1", "三成"])
def test_malformed_figures_are_not_saved(cast, school, client_for, progress):
    response = draft(client_for("li_reporter"), school, done="开工3所", progress=progress)
    assert 'id="save-error"' in response.content.decode()
    school.refresh_from_db()
    assert school.done == "" and school.progress is None


def test_negative_investment_is_refused(cast, cycles, client_for):
    report = report_on(cycles["Q2"], cast.units["street"], project=cast.project)
    response = draft(client_for("zhao_street"), report, invested_period="-5")
    assert 'id="save-error"' in response.content.decode()
    report.refresh_from_db()
    assert report.invested_period is None


def test_the_draft_answer_says_why_an_explanation_is_needed(cast, h1, client_for):
    indicator = cast.indicators["school"]
    services.add_to_cycle(cycle=h1, item=indicator, by=cast.wang_admin)
    report = report_on(h1, cast.units["education"], indicator=indicator)
    client = english(client_for("li_reporter"))
    html = draft(client, report, value="10").content.decode()
    report.refresh_from_db()
    with translation.override("en"):
        reasons = checks.explanation_reasons(report)
        gaps = checks.missing(report)
    assert reasons, "a tenth of a year's share of 5,000 places is behind schedule"
    assert 'id="report-checks" hx-swap-oob="true"' in html
    for text in reasons + gaps:
        assert text in html


def test_the_whole_walk_through_the_pages(cast, school, client_for):
    li, zhang, wang = (client_for(n) for n in ("li_reporter", "zhang_reviewer", "wang_admin"))
    draft(li, school, done="开工3所", progress="30")
    school.refresh_from_db()
    response = li.post(reverse("report-submit", args=[school.pk]), {"revision": school.revision})
    assert response.status_code == 302
    school.refresh_from_db()
    assert school.status == "submitted"

    page = zhang.get(reverse("report-detail", args=[school.pk])).content.decode()
    assert 'id="report-actions"' in page and reverse("report-approve", args=[school.pk]) in page
    assert 'id="report-form"' not in page
    zhang.post(reverse("report-approve", args=[school.pk]))
    school.refresh_from_db()
    assert school.status == "approved"

    page = wang.get(reverse("report-detail", args=[school.pk])).content.decode()
    assert reverse("report-accept", args=[school.pk]) in page
    wang.post(reverse("report-accept", args=[school.pk]))
    school.refresh_from_db()
    assert school.status == "accepted"
    cast.tasks["school"].refresh_from_db()
    assert cast.tasks["school"].progress == Decimal("30")

    page = wang.get(reverse("report-detail", args=[school.pk])).content.decode()
    assert reverse("report-unlock", args=[school.pk]) in page
    assert wang.post(reverse("report-unlock", args=[school.pk]), {"reason": ""}).status_code == 302
    school.refresh_from_db()
    assert school.status == "accepted"  # no reason, no unlock
    wang.post(reverse("report-unlock", args=[school.pk]), {"reason": "统计口径调整,请重报"})
    school.refresh_from_db()
    assert school.status == "returned"
    page = li.get(reverse("report-detail", args=[school.pk])).content.decode()
    assert "统计口径调整,请重报" in page and 'id="report-form"' in page
    history = page[page.index('id="report-history"') :]
    for name in ("李填报", "张审核", "王规划"):
        assert name in history


def test_submitting_an_unfinished_report_is_refused_with_a_message(cast, school, client_for):
    client = client_for("li_reporter")
    response = client.post(
        reverse("report-submit", args=[school.pk]), {"revision": school.revision}, follow=True
    )
    assert response.status_code == 200
    assert list(response.context["messages"])
    school.refresh_from_db()
    assert school.status == "draft"


def test_submitting_over_a_newer_save_is_refused(cast, school, client_for):
    loaded_at = school.revision
    services.save_draft(
        report=school, by=cast.li_reporter, data={"done": "开工3所", "progress": 30}
    )
    client_for("li_reporter").post(
        reverse("report-submit", args=[school.pk]), {"revision": loaded_at}
    )
    school.refresh_from_db()
    assert school.status == "draft"


def test_reviewer_returns_with_a_reason_only(cast, school, client_for):
    services.save_draft(
        report=school, by=cast.li_reporter, data={"done": "开工3所", "progress": 30}
    )
    services.submit(report=school, by=cast.li_reporter)
    client = client_for("zhang_reviewer")
    client.post(reverse("report-return", args=[school.pk]), {"reason": "  "})
    school.refresh_from_db()
    assert school.status == "submitted"
    client.post(reverse("report-return", args=[school.pk]), {"reason": "请补充佐证材料"})
    school.refresh_from_db()
    assert school.status == "returned" and school.return_reason == "请补充佐证材料"
    page = client_for("li_reporter").get(reverse("report-detail", args=[school.pk]))
    assert 'id="return-reason"' in page.content.decode()


def test_the_lead_sees_its_partners_part_beside_its_form(cast, h1, client_for):
    part = report_on(h1, cast.units["education"], task=cast.tasks["shared"])
    services.save_draft(report=part, by=cast.li_reporter, data={"done": "配合完成师资调配"})
    lead = report_on(h1, cast.units["street"], task=cast.tasks["shared"])
    html = client_for("zhao_street").get(reverse("report-detail", args=[lead.pk])).content
    html = html.decode()
    assert 'id="report-form"' in html and 'id="partners"' in html
    assert "区教育局" in html and "配合完成师资调配" in html
    # The cooperating unit's own page has no partners panel.
    own = client_for("li_reporter").get(reverse("report-detail", args=[part.pk])).content
    assert b'id="partners"' not in own


def test_the_lead_unit_may_return_an_approved_part(cast, h1, client_for):
    part = report_on(h1, cast.units["education"], task=cast.tasks["shared"])
    services.save_draft(report=part, by=cast.li_reporter, data={"done": "配合完成师资调配"})
    services.submit(report=part, by=cast.li_reporter)
    services.approve(report=part, by=cast.zhang_reviewer)
    client = client_for("zhao_street")
    page = client.get(reverse("report-detail", args=[part.pk])).content.decode()
    assert reverse("report-return", args=[part.pk]) in page
    assert reverse("report-accept", args=[part.pk]) not in page
    client.post(reverse("report-return", args=[part.pk]), {"reason": "请写明调配人数"})
    part.refresh_from_db()
    assert part.status == "returned"


# --- who may do what ---------------------------------------------------------------------


def test_people_outside_the_reports_scope_get_404(cast, school, client, client_for):
    url = reverse("report-detail", args=[school.pk])
    assert client.get(url).status_code == 302  # not signed in
    assert client_for("outsider").get(url).status_code == 404
    assert client_for("zhao_street").get(url).status_code == 404  # another unit's report
    draft_url = reverse("report-draft", args=[school.pk])
    response = client_for("zhao_street").post(draft_url, {"revision": 0, "done": "x"}, **HX)
    assert response.status_code == 404
    school.refresh_from_db()
    assert school.done == ""


def test_steps_outside_ones_role_are_forbidden(cast, school, client_for):
    services.save_draft(
        report=school, by=cast.li_reporter, data={"done": "开工3所", "progress": 30}
    )
    zhang = client_for("zhang_reviewer")
    response = zhang.post(reverse("report-draft", args=[school.pk]), {"revision": 1, "done": "改"})
    assert response.status_code == 403
    response = zhang.post(reverse("report-submit", args=[school.pk]), {"revision": 1})
    assert response.status_code == 403
    services.submit(report=school, by=cast.li_reporter)
    assert (
        client_for("li_reporter").post(reverse("report-approve", args=[school.pk])).status_code
        == 403
    )
    assert (
        client_for("wang_admin").post(reverse("report-approve", args=[school.pk])).status_code
        == 403
    )
    school.refresh_from_db()
    assert school.status == "submitted" and school.done == "开工3所"


@pytest.mark.parametrize("username", ["liu_congress", "chen_leader", "zhou_inspector"])
def test_observers_read_reports_without_any_button(cast, school, client_for, username):
    services.save_draft(
        report=school, by=cast.li_reporter, data={"done": "开工3所", "progress": 30}
    )
    services.submit(report=school, by=cast.li_reporter)
    client = client_for(username)
    page = client.get(reverse("report-detail", args=[school.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "开工3所" in html
    assert 'id="report-form"' not in html and 'id="report-actions"' not in html
    assert client.post(reverse("report-approve", args=[school.pk])).status_code == 403
    school.refresh_from_db()
    assert school.status == "submitted"


def test_the_form_waits_for_the_cycle_to_open(cast, cycles, client_for):
    report = report_on(cycles["Y"], cast.units["education"], indicator=cast.indicators["school"])
    html = client_for("li_reporter").get(reverse("report-detail", args=[report.pk])).content
    assert b'id="report-form"' not in html


# --- an item's reports -------------------------------------------------------------------


def test_item_reports_shows_every_units_report_and_who_did_what(cast, h1, client_for):
    part = report_on(h1, cast.units["education"], task=cast.tasks["shared"])
    services.save_draft(report=part, by=cast.li_reporter, data={"done": "配合完成师资调配"})
    services.submit(report=part, by=cast.li_reporter)
    services.return_report(report=part, by=cast.zhang_reviewer, reason="补充数据")
    url = reverse("item-reports", args=["task", cast.tasks["shared"].pk])
    html = client_for("zhao_street").get(url).content.decode()
    assert "区教育局" in html and "东湖街道" in html
    assert "补充数据" in html and "李填报" in html and "张审核" in html
    assert html.count(reverse("report-detail", args=[part.pk])) == 1
    assert client_for("outsider").get(url).status_code == 404
    assert (
        client_for("li_reporter")
        .get(reverse("item-reports", args=["task", cast.tasks["street"].pk]))
        .status_code
        == 404
    )
    assert (
        client_for("li_reporter")
        .get(reverse("item-reports", args=["widget", cast.tasks["shared"].pk]))
        .status_code
        == 404
    )


# --- notifications -----------------------------------------------------------------------


def test_notifications_are_the_persons_own_and_can_be_marked_read(cast, client_for):
    mine = [
        Notification.objects.create(
            region=cast.region,
            recipient=cast.li_reporter,
            kind="due_soon",
            key=f"k{i}",
            title=f"李的消息{i}",
        )
        for i in range(2)
    ]
    other = Notification.objects.create(
        region=cast.region, recipient=cast.zhao_street, kind="due_soon", key="z", title="赵的消息"
    )
    client = client_for("li_reporter")
    html = client.get(reverse("notifications")).content.decode()
    assert "李的消息0" in html and "李的消息1" in html and "赵的消息" not in html

    response = client.post(
        reverse("notifications-read") + f"?pk={mine[0].pk}", {"next": "/notifications/?page=1"}
    )
    assert response["Location"] == "/notifications/?page=1"
    client.post(reverse("notifications-read") + f"?pk={other.pk}")  # not hers: nothing happens
    mine[0].refresh_from_db(), mine[1].refresh_from_db(), other.refresh_from_db()
    assert mine[0].read_at is not None and mine[1].read_at is None and other.read_at is None

    response = client.post(reverse("notifications-read"), {"next": "//evil.example/"})
    assert response["Location"] == reverse("notifications")
    assert not Notification.objects.filter(recipient=cast.li_reporter, read_at__isnull=True)
    other.refresh_from_db()
    assert other.read_at is None


def test_workflow_steps_notify_through_the_pages(
    cast, school, client_for, django_capture_on_commit_callbacks
):
    services.save_draft(
        report=school, by=cast.li_reporter, data={"done": "开工3所", "progress": 30}
    )
    school.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        client_for("li_reporter").post(
            reverse("report-submit", args=[school.pk]), {"revision": school.revision}
        )
    html = client_for("zhang_reviewer").get(reverse("todo")).content.decode()
    assert reverse("report-detail", args=[school.pk]) in html
    assert Notification.objects.filter(recipient=cast.zhang_reviewer).count() == 1


# --- query counts ------------------------------------------------------------------------


def more_tasks(cast: Cast, cycle: Cycle, n: int, start: int = 0) -> list[Task]:
    """n more tasks led by the street with the education bureau cooperating, in the cycle."""
    tasks = []
    for i in range(start, start + n):
        task = Task.objects.create(region=cast.region, version=cast.version, title=f"加测任务{i}")
        for unit, role in (("street", "lead"), ("education", "cooperating")):
            Assignment.objects.create(
                region=cast.region, task=task, unit=cast.units[unit], role=role
            )
        TimeNode.objects.create(
            region=cast.region, task=task, text="2027年底前", due=dt.date(2027, 12, 31)
        )
        services.add_to_cycle(cycle=cycle, item=task, by=cast.wang_admin)
        tasks.append(task)
    return tasks


def advance(cast: Cast, tasks: list[Task], street_reviewer: Any) -> None:
    """Every other task: the education part and the street's lead report approved; the rest
    stay drafts, so that every group of the to-do list grows."""
    for task in tasks[::2]:
        units = [cast.units["education"], cast.units["street"]]
        for report in Report.objects.filter(
            task=task, unit__in=units, cycle__year=2026, cycle__period="H1"
        ):
            reporter, reviewer = (
                (cast.li_reporter, cast.zhang_reviewer)
                if report.role == "cooperating"
                else (cast.zhao_street, street_reviewer)
            )
            services.save_draft(report=report, by=reporter, data={"done": "做了", "progress": 10})
            services.submit(report=report, by=reporter)
            services.approve(report=report, by=reviewer)


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("username", ["li_reporter", "zhao_street", "wang_admin"])
def test_todo_has_a_fixed_query_count(cast, h1, street_reviewer, client_for, username):
    client = client_for(username)
    advance(cast, more_tasks(cast, h1, 1), street_reviewer)
    one = queries(client, reverse("todo"))
    advance(cast, more_tasks(cast, h1, 6, start=1), street_reviewer)
    assert queries(client, reverse("todo")) == one
    assert one <= 12


def test_item_reports_has_a_fixed_query_count(cast, h1, street_reviewer, client_for):
    client = client_for("wang_admin")
    (many,) = more_tasks(cast, h1, 1)
    for unit in ("drc", "town"):
        Assignment.objects.create(
            region=cast.region, task=many, unit=cast.units[unit], role="cooperating"
        )
    services.generate_cycles(plan=cast.plan, year=2026, by=cast.wang_admin)
    services.generate_cycles(plan=cast.plan, year=2027, by=cast.wang_admin)
    advance(cast, [many], street_reviewer)
    (one,) = more_tasks(cast, h1, 1, start=1)
    Report.objects.filter(task=one, role="cooperating").delete()
    assert Report.objects.filter(task=one).count() == 1
    assert Report.objects.filter(task=many).count() == 16
    url = "item-reports"
    assert queries(client, reverse(url, args=["task", one.pk])) == queries(
        client, reverse(url, args=["task", many.pk])
    )


def test_notifications_have_a_fixed_query_count(cast, client_for):
    client = client_for("li_reporter")

    def add(start: int, n: int) -> None:
        for i in range(start, start + n):
            Notification.objects.create(
                region=cast.region,
                recipient=cast.li_reporter,
                kind="due_soon",
                key=f"n{i}",
                title=f"消息{i}",
                url="/todo/",
            )

    add(0, 1)
    one = queries(client, reverse("notifications"))
    add(1, 40)
    assert queries(client, reverse("notifications")) == one


def test_submit_saves_what_is_on_the_screen_first(cast, school, client_for):
    # The reporter types and presses Submit before the autosave has run.
    response = client_for("li_reporter").post(
        reverse("report-submit", args=[school.pk]),
        {"revision": school.revision, "done": "开工4所", "progress": "40"},
    )
    assert response.status_code == 302
    school.refresh_from_db()
    assert (school.status, school.done, school.progress) == ("submitted", "开工4所", 40)


def test_submit_with_a_stale_screen_keeps_the_newer_save(cast, school, client_for):
    loaded_at = school.revision
    other = {"done": "别人先保存", "progress": 30}  # another reporter of the unit saved
    services.save_draft(report=school, by=cast.li_reporter, data=other)
    response = client_for("li_reporter").post(
        reverse("report-submit", args=[school.pk]),
        {"revision": loaded_at, "done": "旧屏幕", "progress": "10"},
    )
    assert response.status_code == 409
    assert "旧屏幕" in response.content.decode()  # what was typed is still in the form
    school.refresh_from_db()
    assert (school.status, school.done) == ("draft", "别人先保存")
