"""Each warning rule, recomputation without repeats, and closing (recovered, superseded, by the
administrator)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from lantu.core.models import AuditEvent
from lantu.core.services import DomainError
from lantu.division.models import TimeNode
from lantu.indicators.models import Observation
from lantu.monitoring import services
from lantu.monitoring.models import Warning
from lantu.monitoring.warnings import causes
from lantu.projects.models import InvestmentPlan
from lantu.reporting import services as reporting
from lantu.reporting.models import Report
from tests.cast import Cast

DAY = dt.date(2026, 7, 25)


def set_gdp(cast: Cast, value: str) -> None:
    Observation.objects.filter(indicator=cast.indicators["gdp"]).update(value=Decimal(value))


def refresh(cast: Cast, day: dt.date = DAY) -> services.Refreshed:
    return services.refresh(plan=cast.plan, today=day)


def open_keys(cast: Cast) -> set[str]:
    return set(
        Warning.objects.filter(plan=cast.plan, closed_at__isnull=True).values_list(
            "cause_key", flat=True
        )
    )


def test_a_plan_on_track_raises_nothing(cast: Cast) -> None:
    assert refresh(cast).raised == []
    assert not Warning.objects.exists()


def test_a_yellow_light_raises_a_warning_on_the_indicator(cast: Cast) -> None:
    set_gdp(cast, "4.2")
    result = refresh(cast)
    gdp = cast.indicators["gdp"]
    assert [w.cause_key for w in result.raised] == [f"light_yellow:indicator:{gdp.pk}"]
    warning = result.raised[0]
    assert warning.indicator == gdp and warning.cause == "light_yellow"
    assert warning.state == "open" and warning.detail.startswith("滞后于进度")
    assert AuditEvent.objects.filter(action="monitoring.warning.raised").count() == 1


def test_recomputing_leaves_open_warnings_alone(cast: Cast) -> None:
    set_gdp(cast, "4.2")
    first = refresh(cast).raised[0]
    again = refresh(cast, DAY + dt.timedelta(days=1))
    assert again.raised == [] and again.closed == []
    assert list(Warning.objects.values_list("pk", flat=True)) == [first.pk]


def test_yellow_turning_red_supersedes_the_yellow_warning(cast: Cast) -> None:
    set_gdp(cast, "4.2")
    yellow = refresh(cast).raised[0]
    set_gdp(cast, "3.0")
    result = refresh(cast)
    yellow.refresh_from_db()
    assert yellow.state == "closed" and yellow.closed_how == "superseded"
    assert [w.cause for w in result.raised] == ["light_red"]
    gdp = cast.indicators["gdp"]
    assert Warning.objects.filter(indicator=gdp, closed_at__isnull=True).count() == 1


def test_a_recovered_item_closes_its_warning(cast: Cast) -> None:
    set_gdp(cast, "3.0")
    red = refresh(cast).raised[0]
    set_gdp(cast, "5.1")
    result = refresh(cast)
    red.refresh_from_db()
    assert result.closed == [red]
    assert red.state == "closed" and red.closed_how == "recovered" and red.closed_at
    assert AuditEvent.objects.filter(action="monitoring.warning.closed").count() == 1


def test_a_cause_coming_back_after_recovery_is_a_new_warning(cast: Cast) -> None:
    set_gdp(cast, "3.0")
    first = refresh(cast).raised[0]
    set_gdp(cast, "5.1")
    refresh(cast)
    set_gdp(cast, "3.0")
    second = refresh(cast).raised[0]
    assert second.pk != first.pk and second.cause_key == first.cause_key


def test_a_time_node_past_due_and_not_met(cast: Cast) -> None:
    task = cast.tasks["school"]
    node = TimeNode.objects.create(region=cast.region, task=task, text="2026年6月底前")
    assert f"node_overdue:timenode:{node.pk}" in {w.cause_key for w in refresh(cast).raised}
    warning = Warning.objects.get(cause_key=f"node_overdue:timenode:{node.pk}")
    assert warning.task == task and "2026年6月30日" in warning.detail
    # Before its date: nothing; met: the warning closes.
    assert f"node_overdue:timenode:{node.pk}" not in causes(cast.plan, node.due)
    TimeNode.objects.filter(pk=node.pk).update(met_on=dt.date(2026, 7, 20))
    refresh(cast)
    warning.refresh_from_db()
    assert warning.closed_how == "recovered"


def test_a_completed_task_has_no_overdue_node(cast: Cast) -> None:
    task = cast.tasks["school"]
    TimeNode.objects.create(region=cast.region, task=task, text="2026年6月底前")
    task.completed_on = dt.date(2026, 7, 1)
    task.save()
    assert not Warning.objects.filter(task=task).exists() and not refresh(cast).raised


def test_a_project_lagging_and_a_stage_missed(cast: Cast) -> None:
    project = cast.project
    InvestmentPlan.objects.create(
        region=cast.region, project=project, year=2026, planned=Decimal("10000"),
        completed=Decimal("1000"),
    )  # fmt: skip
    project.planned_start = dt.date(2026, 6, 1)
    project.save()
    keys = {w.cause_key for w in refresh(cast).raised}
    assert keys == {
        f"investment_lag:project:{project.pk}",
        f"stage_late:project:{project.pk}:planned_start",
    }
    # Invested on plan and started: both close.
    InvestmentPlan.objects.filter(project=project).update(completed=Decimal("6000"))
    project.actual_start = dt.date(2026, 7, 10)
    project.save()
    assert len(refresh(cast).closed) == 2
    assert open_keys(cast) == set()


def test_a_report_missing_past_its_grace_days(cast: Cast, cycles: dict) -> None:
    h1 = cycles["H1"]  # due 2026-07-15, five days' grace
    reports = Report.objects.filter(cycle=h1)
    keys = {f"report_missing:report:{r.pk}" for r in reports}
    refresh(cast, h1.grace_ends)
    assert not keys & open_keys(cast)  # still in grace
    refresh(cast, h1.grace_ends + dt.timedelta(days=1))
    assert keys <= open_keys(cast)
    missing = Warning.objects.filter(cause_key__in=keys)
    assert all(w.unit_id for w in missing)
    one = missing.get(task=cast.tasks["shared"], unit=cast.units["education"])  # cooperating
    # An exempt report is not missing: its warning closes.
    report = reports.get(task=cast.tasks["shared"], unit=cast.units["education"])
    reporting.exempt(report=report, by=cast.wang_admin, reason="项目调整")
    refresh(cast, h1.grace_ends + dt.timedelta(days=2))
    one.refresh_from_db()
    assert one.closed_how == "recovered"


def test_the_administrator_closes_with_a_reason_and_it_stays_closed(cast: Cast) -> None:
    set_gdp(cast, "3.0")
    warning = refresh(cast).raised[0]
    with pytest.raises(DomainError):
        services.close(warning=warning, by=cast.wang_admin, reason=" ")
    with pytest.raises(PermissionDenied):
        services.close(warning=warning, by=cast.li_reporter, reason="无需整改")
    services.close(warning=warning, by=cast.wang_admin, reason="统计口径调整")
    warning.refresh_from_db()
    assert warning.state == "closed" and warning.closed_how == "by_admin"
    assert warning.close_reason == "统计口径调整" and warning.closed_by == cast.wang_admin
    with pytest.raises(DomainError):
        services.close(warning=warning, by=cast.wang_admin, reason="again")
    # The same cause does not come back while it lasts ...
    assert refresh(cast).raised == []
    # ... but once the item recovered, its return is a new warning.
    set_gdp(cast, "5.1")
    refresh(cast)
    set_gdp(cast, "3.0")
    assert [w.cause for w in refresh(cast).raised] == ["light_red"]


def test_one_open_warning_per_cause_is_enforced_by_the_database(cast: Cast) -> None:
    from django.db import IntegrityError, transaction

    set_gdp(cast, "3.0")
    warning = refresh(cast).raised[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        Warning.objects.create(
            region=cast.region, plan=cast.plan, indicator=warning.indicator, cause="light_red",
            cause_key=warning.cause_key, raised_at=warning.raised_at,
        )  # fmt: skip
