"""Who hears of a warning, the rectification's path, escalation to the leader, the nightly
command and the refresh after an accepted report."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.utils import timezone

from lantu.core.services import DomainError
from lantu.division.models import TimeNode
from lantu.indicators.models import Observation
from lantu.monitoring import services
from lantu.monitoring.models import Rectification, Warning
from lantu.organizations.models import Person
from lantu.reporting import services as reporting
from lantu.reporting.models import Notification, Report
from tests.cast import Cast

DAY = dt.date(2026, 7, 5)  # the ``today`` fixture's day


def recipients(key: str) -> set[str]:
    return set(Notification.objects.filter(key=key).values_list("recipient__username", flat=True))


@pytest.fixture
def node_warning(
    cast: Cast, today: dt.date, street_reviewer: Person, django_capture_on_commit_callbacks: Any
) -> Warning:
    """An overdue time node of the shared task (the street leads, education cooperates)."""
    TimeNode.objects.create(region=cast.region, task=cast.tasks["shared"], text="2026年6月底前")
    with django_capture_on_commit_callbacks(execute=True):
        services.refresh(plan=cast.plan, today=today)
    return Warning.objects.get(cause="node_overdue")


def test_a_new_warning_goes_to_lead_and_cooperating_units_and_the_administrator(
    node_warning: Warning,
) -> None:
    assert recipients(f"warning:{node_warning.pk}") == {
        "zhao_street", "ma_street_reviewer", "li_reporter", "zhang_reviewer", "wang_admin",
    }  # fmt: skip
    note = Notification.objects.filter(key=f"warning:{node_warning.pk}").first()
    assert note is not None and note.url == f"/warnings/{node_warning.pk}/"


def test_an_indicator_warning_goes_only_to_its_unit(
    cast: Cast, today: dt.date, django_capture_on_commit_callbacks: Any
) -> None:
    Observation.objects.filter(indicator=cast.indicators["gdp"]).update(value=Decimal("3.0"))
    with django_capture_on_commit_callbacks(execute=True):
        warning = services.refresh(plan=cast.plan, today=today).raised[0]
    assert recipients(f"warning:{warning.pk}") == {"wang_admin"}  # the DRC has no reporter
    with django_capture_on_commit_callbacks(execute=True):
        services.refresh(plan=cast.plan, today=today)
    assert Notification.objects.filter(key__startswith="warning:").count() == 1


def rectify(warning: Warning, by: Person, **kw: Any) -> Rectification:
    data = {"cause": "拆迁滞后", "measures": "加快征收", "expected_on": dt.date(2026, 9, 30)}
    return services.submit_rectification(warning=warning, by=by, **{**data, **kw})


def test_rectification_submitted_accepted(
    cast: Cast, node_warning: Warning, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        rect = rectify(node_warning, cast.li_reporter)  # the cooperating unit answers
    node_warning.refresh_from_db()
    assert node_warning.state == "rectifying" and rect.unit == cast.units["education"]
    assert recipients(f"rectification:{rect.pk}:submitted") == {"wang_admin"}
    with pytest.raises(DomainError):  # one rectification at a time
        rectify(node_warning, cast.zhao_street)
    with pytest.raises(PermissionDenied):
        services.accept_rectification(rectification=rect, by=cast.zhang_reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_rectification(rectification=rect, by=cast.wang_admin)
    rect.refresh_from_db()
    node_warning.refresh_from_db()
    assert rect.status == "accepted" and rect.decided_by == cast.wang_admin
    assert node_warning.state == "rectified" and node_warning.is_open
    assert recipients(f"rectification:{rect.pk}:accepted") == {"li_reporter", "zhang_reviewer"}
    with pytest.raises(DomainError):
        services.accept_rectification(rectification=rect, by=cast.wang_admin)
    # A rectified warning still closes when the item recovers.
    TimeNode.objects.filter(task=cast.tasks["shared"]).update(met_on=dt.date(2026, 7, 3))
    services.refresh(plan=cast.plan, today=DAY)
    node_warning.refresh_from_db()
    assert node_warning.state == "closed" and node_warning.closed_how == "recovered"


def test_a_returned_rectification_is_answered_again(cast: Cast, node_warning: Warning) -> None:
    rect = rectify(node_warning, cast.zhao_street)
    with pytest.raises(DomainError):
        services.return_rectification(rectification=rect, by=cast.wang_admin, reason="")
    services.return_rectification(rectification=rect, by=cast.wang_admin, reason="措施不具体")
    rect.refresh_from_db()
    node_warning.refresh_from_db()
    assert rect.status == "returned" and rect.return_reason == "措施不具体"
    assert node_warning.state == "open"
    second = rectify(node_warning, cast.zhao_street, measures="每周调度,9月底前完成")
    node_warning.refresh_from_db()
    assert node_warning.state == "rectifying" and second.pk != rect.pk


def test_only_the_responsible_units_answer(cast: Cast, node_warning: Warning) -> None:
    for person in (cast.chen_leader, cast.wang_admin, cast.liu_congress, cast.outsider):
        with pytest.raises(PermissionDenied):
            rectify(node_warning, person)
    with pytest.raises(DomainError):
        rectify(node_warning, cast.zhao_street, measures=" ")
    with pytest.raises(DomainError):
        rectify(node_warning, cast.zhao_street, expected_on=DAY - dt.timedelta(days=1))
    assert not Rectification.objects.exists()


def test_an_education_warning_cannot_be_answered_by_the_street(cast: Cast, today: dt.date) -> None:
    TimeNode.objects.create(region=cast.region, task=cast.tasks["school"], text="2026年6月底前")
    warning = services.refresh(plan=cast.plan, today=today).raised[0]
    with pytest.raises(PermissionDenied):
        rectify(warning, cast.zhao_street)
    assert rectify(warning, cast.zhang_reviewer).unit == cast.units["education"]


def test_a_closed_warning_takes_no_rectification(cast: Cast, node_warning: Warning) -> None:
    services.close(warning=node_warning, by=cast.wang_admin, reason="节点已调整")
    with pytest.raises(DomainError):
        rectify(node_warning, cast.zhao_street)


def test_an_unanswered_warning_escalates_once_to_the_leader(
    cast: Cast, node_warning: Warning, django_capture_on_commit_callbacks: Any
) -> None:
    raised = timezone.localdate(node_warning.raised_at)
    assert services.escalate(today=raised + dt.timedelta(days=15)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.escalate(today=raised + dt.timedelta(days=16)) == 1
    node_warning.refresh_from_db()
    assert node_warning.escalated_at is not None
    assert recipients(f"escalated:{node_warning.pk}") == {"chen_leader"}
    assert services.escalate(today=raised + dt.timedelta(days=30)) == 0


def test_a_rectification_past_its_expected_date_escalates(
    cast: Cast, node_warning: Warning, settings: Any
) -> None:
    rect = rectify(node_warning, cast.zhao_street, expected_on=dt.date(2026, 8, 31))
    assert services.escalate(today=dt.date(2026, 8, 31)) == 0
    assert services.escalate(today=dt.date(2026, 9, 1)) == 1
    node_warning.refresh_from_db()
    assert node_warning.escalated_at is not None and rect.pk


def test_the_rectify_days_come_from_settings(
    cast: Cast, node_warning: Warning, settings: Any
) -> None:
    settings.LANTU_RECTIFY_DAYS = 3
    raised = timezone.localdate(node_warning.raised_at)
    assert services.escalate(today=raised + dt.timedelta(days=4)) == 1


def test_the_nightly_command_recomputes_and_escalates(cast: Cast, today: dt.date) -> None:
    from io import StringIO

    TimeNode.objects.create(region=cast.region, task=cast.tasks["school"], text="2026年6月底前")
    out = StringIO()
    call_command("warnings", "--now", "--date", "2026-07-05", stdout=out)
    assert "1 warnings raised" in out.getvalue()
    later = timezone.localdate(Warning.objects.get().raised_at) + dt.timedelta(days=16)
    call_command("warnings", "--now", f"--date={later}", f"--plan={cast.plan.pk}", stdout=out)
    assert f"{later}: " in out.getvalue() and " 0 escalated" not in out.getvalue().split("\n")[1]
    first = Warning.objects.get(task=cast.tasks["school"], cause="node_overdue")
    assert first.escalated_at is not None
    call_command("warnings", "--date", "2026-08-02", stdout=out)  # queued (run at once in tests)
    assert "queued as job" in out.getvalue()


def test_a_finished_plan_raises_no_more_warnings(cast: Cast, today: dt.date) -> None:
    from io import StringIO

    TimeNode.objects.create(region=cast.region, task=cast.tasks["school"], text="2026年6月底前")
    cast.plan.status = "finished"
    cast.plan.save(update_fields=["status"])
    out = StringIO()
    call_command("warnings", "--now", "--date", "2026-07-05", stdout=out)
    assert "0 warnings raised" in out.getvalue()
    assert not Warning.objects.exists()
    with pytest.raises(CommandError, match="not in force"):
        call_command("warnings", "--now", f"--plan={cast.plan.pk}", stdout=out)


def test_accepting_a_report_recomputes_the_warnings(
    cast: Cast, cycles: dict, django_capture_on_commit_callbacks: Any
) -> None:
    task = cast.tasks["school"]  # the education bureau leads it alone
    node = TimeNode.objects.create(region=cast.region, task=task, text="2026年6月底前")
    warning = services.refresh(plan=cast.plan, today=DAY).raised[0]
    assert warning.cause_key == f"node_overdue:timenode:{node.pk}"
    report = Report.objects.get(cycle=cycles["H1"], task=task)
    reporting.save_draft(report=report, by=cast.li_reporter,
                         data={"done": "6所学校已开工", "progress": 40,
                               "timenodes_met": [node.pk]})  # fmt: skip
    reporting.submit(report=report, by=cast.li_reporter)
    reporting.approve(report=report, by=cast.zhang_reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        reporting.accept(report=report, by=cast.wang_admin)
    warning.refresh_from_db()
    assert warning.state == "closed" and warning.closed_how == "recovered"


def test_many_new_warnings_reach_each_person_as_one_digest(
    cast: Cast, today: dt.date, street_reviewer: Person, django_capture_on_commit_callbacks: Any
) -> None:
    for text in ("2026年3月底前", "2026年4月底前", "2026年5月底前"):
        TimeNode.objects.create(region=cast.region, task=cast.tasks["shared"], text=text)
    with django_capture_on_commit_callbacks(execute=True):
        raised = services.refresh(plan=cast.plan, today=today).raised
    nodes = [w for w in raised if w.cause == "node_overdue"]
    assert len(nodes) == 3
    note = Notification.objects.get(recipient=cast.wang_admin, kind="warning")
    assert note.title == f"{len(raised)} 条新预警" and note.url == "/warnings/"
    assert note.body.count("时间节点逾期") == 3 and len(note.body.splitlines()) == len(raised)
    for person in (cast.zhao_street, cast.li_reporter, street_reviewer):
        mine = Notification.objects.get(recipient=person, kind="warning")
        assert mine.body.count("时间节点逾期") == 3
    sent = Notification.objects.filter(kind="warning").count()
    with django_capture_on_commit_callbacks(execute=True):
        services.notify_raised([w.pk for w in raised])  # again: nothing new
    assert Notification.objects.filter(kind="warning").count() == sent
