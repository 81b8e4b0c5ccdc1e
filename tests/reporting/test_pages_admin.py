"""The administrator's and reviewers' pages: who may open them, what each POST changes, and
what the review queue, the calendar and the overdue list show to whom."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lantu.division.models import Assignment
from lantu.organizations.models import Membership, Person
from lantu.organizations.services import save_unit
from lantu.projects.models import Project
from lantu.reporting import services
from lantu.reporting.models import Cycle, Notification, Report
from lantu.tasks.models import Task
from tests.cast import Cast

Status = Report.Status
PAGES = ["cycle-list", "cycle-calendar", "reporting-rates", "overdue", "review-queue"]


def _messages(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def _report(cycle: Cycle, **item: Any) -> Report:
    return Report.objects.get(cycle=cycle, **item)


def _submit(report: Report, by: Any) -> Report:
    data = {"done": "已完成阶段工作"}
    if report.is_lead:
        data["progress"] = Decimal("40")
    services.save_draft(report=report, by=by, data=data)
    return services.submit(report=report, by=by)


# --- who may open what -------------------------------------------------------------------

OPENS = {
    "wang_admin": set(PAGES),
    "li_reporter": {"cycle-list", "cycle-calendar", "reporting-rates"},
    "zhang_reviewer": {"cycle-list", "cycle-calendar", "reporting-rates", "review-queue"},
    "zhao_street": {"cycle-list", "cycle-calendar", "reporting-rates"},
    "chen_leader": {"cycle-list", "cycle-calendar", "reporting-rates", "overdue"},
    "liu_congress": {"cycle-list", "cycle-calendar", "reporting-rates"},
    "zhou_inspector": {"cycle-list", "cycle-calendar", "reporting-rates", "overdue"},
    "sun_sysadmin": set(),
    "qian_security": set(),
    "wu_auditor": set(),
    "outsider": set(),
}


@pytest.mark.parametrize("username", list(OPENS))
def test_pages_follow_the_roles(cast, cycles, client_for, username):
    client = client_for(username)
    got = {p for p in PAGES if client.get(reverse(p)).status_code == 200}
    refused = {p: client.get(reverse(p)).status_code for p in set(PAGES) - got}
    assert got == OPENS[username]
    assert set(refused.values()) <= {403}
    detail = client.get(reverse("cycle-detail", args=[cycles["H1"].pk])).status_code
    assert detail == (200 if "cycle-list" in OPENS[username] else 404)


def test_anonymous_is_sent_to_sign_in(cast, cycles):
    client = Client()
    for page in PAGES:
        response = client.get(reverse(page))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.post(reverse("cycle-generate"), {"plan": cast.plan.pk, "year": 2027})
    assert response.status_code == 302
    assert not Cycle.objects.filter(year=2027).exists()


def test_reporter_cannot_generate_edit_add_or_exempt(cast, cycles, client_for):
    client = client_for("li_reporter")
    h1 = cycles["H1"]
    own = _report(h1, task=cast.tasks["school"])
    page = client.get(reverse("cycle-list"))
    assert page.context["generate"] is None
    assert b"cycle-generate" not in page.content and reverse("cycle-generate") not in str(
        page.content
    )

    posts = [
        (reverse("cycle-generate"), {"plan": cast.plan.pk, "year": 2027}),
        (
            reverse("cycle-edit", args=[h1.pk]),
            {"opens_on": "2026-06-01", "deadline": "2026-08-01", "grace_days": 3},
        ),
        (
            reverse("cycle-add-item", args=[h1.pk]),
            {"item": f"indicator:{cast.indicators['school'].pk}"},
        ),
        (reverse("report-exempt", args=[own.pk]), {"reason": "不想报"}),
        (reverse("report-reinstate", args=[own.pk]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code in {403, 404}, url
    assert client.get(reverse("cycle-edit", args=[h1.pk])).status_code == 403
    assert not Cycle.objects.filter(year=2027).exists()
    h1.refresh_from_db()
    assert h1.deadline == dt.date(2026, 7, 15)
    assert not Report.objects.filter(cycle=h1, indicator__isnull=False).exists()
    own.refresh_from_db()
    assert not own.is_exempt


# --- cycles ------------------------------------------------------------------------------


def test_admin_generates_a_year_from_the_page(cast, cycles, client_for):
    client = client_for("wang_admin")
    response = client.post(
        reverse("cycle-generate"), {"plan": cast.plan.pk, "year": 2027}, follow=True
    )
    assert response.status_code == 200
    assert Cycle.objects.filter(plan=cast.plan, year=2027).count() == 7
    assert Report.objects.filter(cycle__year=2027).count() == 14
    assert any("7" in m and "14" in m for m in _messages(response))
    # The page now lists the new year's cycles.
    assert len(response.context["rows"]) == 7 and response.context["year"] == 2027

    again = client.post(
        reverse("cycle-generate"), {"plan": cast.plan.pk, "year": 2027}, follow=True
    )
    assert any("0" in m for m in _messages(again))
    assert Cycle.objects.filter(year=2027).count() == 7

    outside = client.post(
        reverse("cycle-generate"), {"plan": cast.plan.pk, "year": 2031}, follow=True
    )
    assert [m.level_tag for m in outside.context["messages"]] == ["error"]
    assert not Cycle.objects.filter(year=2031).exists()


def test_cycle_list_counts_reports_by_status_and_timeliness(cast, cycles, client_for):
    h1 = cycles["H1"]
    _submit(_report(h1, task=cast.tasks["school"]), cast.li_reporter)
    response = client_for("wang_admin").get(reverse("cycle-list"), {"year": 2026})
    rows = {c.period: (counts, state) for c, counts, state in response.context["rows"]}
    assert [c.period for c, _n, _s in response.context["rows"]] == [
        "Q1",
        "Q2",
        "H1",
        "Q3",
        "Q4",
        "H2",
        "Y",
    ]
    counts, _state = rows["H1"]
    assert counts.total == 4 and counts.by_status["submitted"] == 1
    assert counts.by_status["draft"] == 3 and counts.submitted_percent == 25
    assert counts.by_timeliness["pending"] == 3
    assert rows["Q1"][0].by_timeliness["missing"] == 1
    assert str(rows["Q1"][1][0]) != str(rows["H1"][1][0])  # closed vs open, as words
    assert "2026年7月15日" in response.content.decode()


def test_reporter_counts_only_reports_in_scope(cast, cycles, client_for):
    response = client_for("li_reporter").get(reverse("cycle-list"), {"year": 2026})
    rows = {c.period: counts for c, counts, _state in response.context["rows"]}
    assert rows["H1"].total == 2  # the education bureau's task and its part of the shared one
    assert "Q1" in rows and rows["Q1"].total == 0


def test_adjusting_a_cycle(cast, cycles, client_for):
    client = client_for("wang_admin")
    h1 = cycles["H1"]
    url = reverse("cycle-edit", args=[h1.pk])
    assert client.get(url).status_code == 200
    refused = client.post(
        url, {"opens_on": "2026-07-20", "deadline": "2026-07-10", "grace_days": 5, "note": ""}
    )
    assert refused.status_code == 200 and refused.context["form"].non_field_errors()
    h1.refresh_from_db()
    assert (h1.opens_on, h1.deadline) == (dt.date(2026, 6, 20), dt.date(2026, 7, 15))
    saved = client.post(
        url,
        {
            "opens_on": "2026-06-25",
            "deadline": "2026-07-20",
            "grace_days": 3,
            "note": "因系统升级顺延",
        },
    )
    assert saved.status_code == 302 and saved["Location"] == reverse("cycle-detail", args=[h1.pk])
    h1.refresh_from_db()
    assert (h1.deadline, h1.grace_days, h1.note) == (dt.date(2026, 7, 20), 3, "因系统升级顺延")


def test_adding_an_item_to_a_cycle(cast, cycles, client_for):
    client = client_for("wang_admin")
    h1 = cycles["H1"]
    gdp = cast.indicators["gdp"]
    detail = client.get(reverse("cycle-detail", args=[h1.pk]))
    offered = dict(detail.context["add_form"].fields["item"].choices)
    offered_values = {v for group in offered.values() for v, _label in group}
    assert f"indicator:{gdp.pk}" in offered_values
    assert f"task:{cast.tasks['school'].pk}" not in offered_values  # already in the cycle
    url = reverse("cycle-add-item", args=[h1.pk])
    response = client.post(url, {"item": f"indicator:{gdp.pk}"}, follow=True)
    assert _report(h1, indicator=gdp).unit == cast.units["drc"]
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    again = client.post(url, {"item": f"indicator:{gdp.pk}"}, follow=True)
    assert [m.level_tag for m in again.context["messages"]] == ["error"]
    assert Report.objects.filter(cycle=h1, indicator=gdp).count() == 1


def test_exempting_needs_a_reason_and_can_be_undone(cast, cycles, client_for):
    client = client_for("wang_admin")
    h1 = cycles["H1"]
    report = _report(h1, task=cast.tasks["street"])
    url = reverse("report-exempt", args=[report.pk])
    no_reason = client.post(url, {"reason": "  "}, follow=True)
    assert [m.level_tag for m in no_reason.context["messages"]] == ["error"]
    report.refresh_from_db()
    assert not report.is_exempt
    back = reverse("cycle-detail", args=[h1.pk]) + "?unit=" + str(cast.units["street"].pk)
    done = client.post(url, {"reason": "改造方案调整", "next": back})
    assert done.status_code == 302 and done["Location"] == back
    report.refresh_from_db()
    assert report.is_exempt and report.exempt_reason == "改造方案调整"
    outside = client.post(url, {"reason": "x", "next": "https://example.com/"})
    assert outside["Location"] == reverse("cycle-detail", args=[h1.pk])
    client.post(reverse("report-reinstate", args=[report.pk]))
    report.refresh_from_db()
    assert not report.is_exempt and report.exempt_reason == ""


def test_cycle_detail_lists_reports_in_scope_with_filters(cast, cycles, client_for):
    h1 = cycles["H1"]
    _submit(_report(h1, task=cast.tasks["school"]), cast.li_reporter)

    def rows(username: str, **query: Any) -> set[tuple[str, str]]:
        response = client_for(username).get(reverse("cycle-detail", args=[h1.pk]), query)
        assert response.status_code == 200
        return {(r.unit.name, r.item.title[:4]) for r in response.context["page"]}

    assert rows("li_reporter") == {("区教育局", "新建改扩"), ("区教育局", "推进东湖")}
    # The street leads the shared task: it reads the education bureau's part.
    assert rows("zhao_street") == {
        ("东湖街道", "推进东湖"),
        ("东湖街道", "完成东湖"),
        ("区教育局", "推进东湖"),
    }
    assert len(rows("wang_admin")) == 4
    assert rows("wang_admin", status="submitted") == {("区教育局", "新建改扩")}
    assert rows("wang_admin", unit=cast.units["street"].pk, role="responsible") == {
        ("东湖街道", "完成东湖")
    }
    assert len(rows("wang_admin", kind="task")) == 4
    assert rows("wang_admin", kind="project") == set()
    assert len(rows("wang_admin", timeliness="pending")) == 3
    # Only the administrator gets the forms that change the cycle.
    admin = client_for("wang_admin").get(reverse("cycle-detail", args=[h1.pk])).content.decode()
    reporter = client_for("li_reporter").get(reverse("cycle-detail", args=[h1.pk])).content
    assert reverse("cycle-edit", args=[h1.pk]) in admin
    assert reverse("cycle-edit", args=[h1.pk]).encode() not in reporter
    assert b"/exempt/" not in reporter


# --- review ------------------------------------------------------------------------------


def test_review_queue_shows_each_reviewer_their_units(cast, cycles, client_for, street_reviewer):
    h1 = cycles["H1"]
    school = _submit(_report(h1, task=cast.tasks["school"]), cast.li_reporter)
    street = _submit(_report(h1, task=cast.tasks["street"]), cast.zhao_street)
    part = _submit(
        _report(h1, task=cast.tasks["shared"], unit=cast.units["education"]), cast.li_reporter
    )

    def queue(username: str) -> set[int]:
        response = client_for(username).get(reverse("review-queue"))
        assert response.status_code == 200
        return {r.pk for r in response.context["page"]}

    assert queue("zhang_reviewer") == {school.pk, part.pk}
    assert queue("ma_street_reviewer") == {street.pk}
    assert queue("wang_admin") == set()  # nothing approved yet

    services.approve(report=school, by=cast.zhang_reviewer)
    services.approve(report=part, by=cast.zhang_reviewer)
    assert queue("zhang_reviewer") == set()
    # The administrator takes in lead reports; a cooperating part goes to the lead unit.
    assert queue("wang_admin") == {school.pk}
    response = client_for("wang_admin").get(reverse("review-queue"))
    html = response.content.decode()
    assert reverse("report-accept", args=[school.pk]) in html
    assert reverse("report-detail", args=[school.pk]) in html
    assert "40%" in html  # the key figure


def test_review_queue_flags_a_jump_without_explanation(cast, cycles, client_for):
    y = cycles["Y"]
    report = _report(y, indicator=cast.indicators["gdp"])
    Report.objects.filter(pk=report.pk).update(value=Decimal("9.9"), status=Status.APPROVED)
    response = client_for("wang_admin").get(reverse("review-queue"))
    (row,) = response.context["page"]
    assert row.jump == 94  # 5.1 (2026 H1) -> 9.9


def test_bulk_approve_goes_on_past_a_stale_report(cast, cycles, client_for):
    h1 = cycles["H1"]
    school = _submit(_report(h1, task=cast.tasks["school"]), cast.li_reporter)
    part = _submit(
        _report(h1, task=cast.tasks["shared"], unit=cast.units["education"]), cast.li_reporter
    )
    street = _submit(_report(h1, task=cast.tasks["street"]), cast.zhao_street)
    client = client_for("zhang_reviewer")
    client.get(reverse("review-queue"))  # the page is loaded, then somebody else acts
    services.return_report(report=part, by=cast.zhang_reviewer, reason="数据口径不一致")
    response = client.post(
        reverse("review-bulk"),
        {"action": "approve", "ids": [part.pk, school.pk, street.pk]},
        follow=True,
    )
    levels = [m.level_tag for m in response.context["messages"]]
    assert levels.count("success") == 1 and levels.count("error") == 2
    assert any("1" in str(m) for m in response.context["messages"] if m.level_tag == "success")
    statuses = dict(
        Report.objects.filter(pk__in=[school.pk, part.pk, street.pk]).values_list("pk", "status")
    )
    assert statuses == {
        school.pk: Status.APPROVED,
        part.pk: Status.RETURNED,
        street.pk: Status.SUBMITTED,
    }


def test_bulk_accept_by_the_administrator(cast, cycles, client_for):
    h1 = cycles["H1"]
    school = _submit(_report(h1, task=cast.tasks["school"]), cast.li_reporter)
    services.approve(report=school, by=cast.zhang_reviewer)
    client = client_for("wang_admin")
    response = client.post(
        reverse("review-bulk"), {"action": "accept", "ids": [school.pk]}, follow=True
    )
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    school.refresh_from_db()
    assert school.status == Status.ACCEPTED
    cast.tasks["school"].refresh_from_db()
    assert cast.tasks["school"].progress == Decimal("40")
    # The reviewer may not accept: refused per report, nothing changes.
    other = _submit(
        _report(h1, task=cast.tasks["shared"], unit=cast.units["education"]), cast.li_reporter
    )
    services.approve(report=other, by=cast.zhang_reviewer)
    refused = client_for("zhang_reviewer").post(
        reverse("review-bulk"), {"action": "accept", "ids": [other.pk]}, follow=True
    )
    assert [m.level_tag for m in refused.context["messages"]] == ["error"]
    other.refresh_from_db()
    assert other.status == Status.APPROVED


def test_bulk_review_refused_to_those_who_neither_review_nor_accept(cast, cycles, client_for):
    h1 = cycles["H1"]
    school = _submit(_report(h1, task=cast.tasks["school"]), cast.li_reporter)
    for username in ("li_reporter", "chen_leader", "outsider"):
        response = client_for(username).post(
            reverse("review-bulk"), {"action": "approve", "ids": [school.pk]}
        )
        assert response.status_code == 403
    school.refresh_from_db()
    assert school.status == Status.SUBMITTED


# --- calendar and overdue ----------------------------------------------------------------


def test_calendar_shows_what_is_due_each_month(cast, cycles, client_for):
    response = client_for("li_reporter").get(reverse("cycle-calendar"), {"year": 2026})
    months = response.context["months"]
    assert len(months) == 12
    july = {(e.cycle.period, e.event): e for e in months[6].entries}
    assert set(july) == {("H1", "due"), ("Q2", "due")}
    h1 = july[("H1", "due")]
    # The reporter reads the education bureau's reports: 2 of them, both its own.
    assert (h1.reports, h1.items, h1.mine) == (2, 2, 2)
    assert {(e.cycle.period, e.event) for e in months[3].entries} == {("Q1", "due")}
    assert ("Y", "opens") in {(e.cycle.period, e.event) for e in months[11].entries}
    admin = client_for("wang_admin").get(reverse("cycle-calendar"), {"year": 2026})
    admin_h1 = {(e.cycle.period, e.event): e for e in admin.context["months"][6].entries}
    assert (admin_h1[("H1", "due")].reports, admin_h1[("H1", "due")].mine) == (4, None)
    # 2027's calendar holds the 2026 cycles due in January.
    next_year = client_for("wang_admin").get(reverse("cycle-calendar"), {"year": 2027})
    january = {(e.cycle.period, e.event) for e in next_year.context["months"][0].entries}
    assert january == {("H2", "due"), ("Q4", "due"), ("Y", "due")}


def test_overdue_lists_units_with_contacts_and_reminders(cast, cycles, client_for):
    cast.zhao_street.phone = "13800000001"
    cast.zhao_street.save()
    q1 = cycles["Q1"]
    Notification.objects.create(
        region=cast.region,
        recipient=cast.zhao_street,
        kind="overdue",
        key=f"overdue:{q1.pk}:{cast.units['street'].pk}",
        title="逾期",
    )
    response = client_for("wang_admin").get(reverse("overdue"))
    (street,) = response.context["groups"]
    assert street.unit == cast.units["street"]
    (report,) = street.reports
    assert report.project_id == cast.project.pk
    assert report.days_overdue == 86  # 10 April to 5 July
    assert report.reminded_at is not None
    assert street.contacts == [cast.zhao_street]
    html = response.content.decode()
    assert "13800000001" in html and "赵街道" in html
    # Exempt reports are not chased.
    services.exempt(report=report, by=cast.wang_admin, reason="项目暂缓")
    assert client_for("wang_admin").get(reverse("overdue")).context["groups"] == []


def test_overdue_contacts_only_for_those_who_may_see_people(cast, cycles, client_for):
    cast.zhao_street.phone = "13800000001"
    cast.zhao_street.save()
    response = client_for("zhou_inspector").get(reverse("overdue"))
    (street,) = response.context["groups"]
    assert street.contacts == []
    assert "13800000001" not in response.content.decode()


# --- fixed query counts ------------------------------------------------------------------


def grow(cast: Cast, n: int, start: int = 0) -> None:
    """n more units, each with a reporter, a task (the education bureau cooperating) and a
    project, their reports generated and moved along the workflow in bulk."""
    region, version = cast.region, cast.version
    for i in range(start, start + n):
        data = {"name": f"测试单位{i}", "kind": "department", "parent": cast.units["government"]}
        unit = save_unit(by=None, data=data, region=region)
        person = Person.objects.create(
            username=f"p{i}", region=region, full_name=f"填报{i}", phone=f"1390000{i:04d}"
        )
        Membership.objects.create(
            region=region, person=person, unit=unit, role="reporter", scope="own"
        )
        task = Task.objects.create(region=region, version=version, title=f"任务{i}")
        Assignment.objects.create(region=region, task=task, unit=unit, role="lead")
        Assignment.objects.create(
            region=region, task=task, unit=cast.units["education"], role="cooperating"
        )
        project = Project.objects.create(
            region=region, version=version, name=f"项目{i}", category="social", owner_unit=unit
        )
        Assignment.objects.create(region=region, project=project, unit=unit, role="lead")
    services.generate_cycles(plan=cast.plan, year=2026, by=cast.wang_admin)
    h1 = Cycle.objects.get(plan=cast.plan, year=2026, period="H1")
    q1 = Cycle.objects.get(plan=cast.plan, year=2026, period="Q1")
    fresh = Report.objects.filter(unit__name__startswith="测试单位", cycle=h1)
    on_time = dt.datetime(2026, 7, 1, 10, tzinfo=dt.UTC)
    fresh.filter(role="lead").update(
        status=Status.APPROVED,
        first_submitted_at=on_time,
        submitted_at=on_time,
        approved_at=on_time,
    )
    Report.objects.filter(cycle=h1, role="cooperating").update(
        status=Status.SUBMITTED, first_submitted_at=on_time, submitted_at=on_time
    )
    for unit_id in fresh.values_list("unit_id", flat=True).distinct()[:5]:
        person = Person.objects.filter(memberships__unit_id=unit_id).first()
        Notification.objects.get_or_create(
            region=region,
            recipient=person,
            key=f"overdue:{q1.pk}:{unit_id}",
            defaults={"kind": "overdue", "title": "逾期"},
        )


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("username", ["wang_admin", "zhang_reviewer"])
def test_pages_have_a_fixed_query_count(cast, cycles, client_for, username):
    client = client_for(username)
    h1, q1 = cycles["H1"].pk, cycles["Q1"].pk
    urls = [
        reverse("cycle-list"),
        reverse("cycle-detail", args=[h1]),
        reverse("cycle-detail", args=[q1]),
        reverse("cycle-calendar"),
        reverse("reporting-rates"),
        reverse("review-queue"),
    ]
    if username == "wang_admin":
        urls.append(reverse("overdue"))
    grow(cast, 1)
    small = {u: _count(client, u) for u in urls}
    grow(cast, 15, start=1)
    assert Report.objects.filter(cycle_id=h1, status=Status.APPROVED).count() == 16
    large = {u: _count(client, u) for u in urls}
    assert large == small
    assert max(small.values()) <= 16, small
