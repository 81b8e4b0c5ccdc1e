"""The whole reporting path through the services: an indicator, a task with a cooperating unit
and a project, with return and resubmit, unlock, exemption and the checks before submitting."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from lantu.core.models import AuditEvent
from lantu.core.services import DomainError
from lantu.indicators.models import Observation
from lantu.projects.models import InvestmentPlan
from lantu.reporting import services
from lantu.reporting.models import Report
from lantu.reporting.services import StaleReport

pytestmark = pytest.mark.django_db


def steps(report: Report) -> list[str]:
    events = AuditEvent.objects.filter(
        content_type__model="report", object_id=str(report.pk)
    ).order_by("id")
    return [e.action.rsplit(".", 1)[-1] for e in events]


def test_cycles_follow_each_items_frequency(cast, cycles):
    # Indicators are yearly, tasks half-yearly and the project quarterly by default.
    assert set(cycles) == {"Y", "H1", "H2", "Q1", "Q2", "Q3", "Q4"}
    assert {r.project_id for r in cycles["Q2"].reports.all()} == {cast.project.pk}
    assert cycles["Y"].reports.filter(indicator__isnull=False).count() == 2
    shared = cycles["H1"].reports.filter(task=cast.tasks["shared"])
    assert sorted(shared.values_list("role", flat=True)) == ["cooperating", "lead"]
    h1 = cycles["H1"]
    assert (h1.opens_on, h1.deadline, h1.grace_days) == (
        dt.date(2026, 6, 20),
        dt.date(2026, 7, 15),
        5,
    )


def test_generating_again_adds_only_what_is_new(cast, cycles):
    again = services.generate_cycles(plan=cast.plan, year=2026, by=cast.wang_admin)
    assert (again.cycles_created, again.reports_created) == (0, 0)


def test_only_the_plan_administrator_generates_cycles(cast, today):
    with pytest.raises(PermissionDenied):
        services.generate_cycles(plan=cast.plan, year=2026, by=cast.li_reporter)
    with pytest.raises(DomainError):
        services.generate_cycles(plan=cast.plan, year=2031, by=cast.wang_admin)


def test_indicator_path_with_return_and_resubmit(cast, cycles):
    indicator = cast.indicators["school"]
    report = Report.objects.get(cycle=cycles["Y"], indicator=indicator)
    # The yearly cycle opens on 2026-12-01; before that nothing can be filled.
    with pytest.raises(DomainError):
        services.save_draft(report=report, by=cast.li_reporter, data={"value": Decimal(1)})
    services.update_cycle(
        cycle=cycles["Y"],
        by=cast.wang_admin,
        opens_on=dt.date(2026, 7, 1),
        deadline=dt.date(2027, 1, 31),
        grace_days=5,
    )
    report = services.save_draft(
        report=report,
        by=cast.li_reporter,
        data={"value": Decimal("1200"), "source": "区统计局"},
        revision=0,
    )
    assert report.revision == 1 and report.status == "draft"
    services.submit(report=report, by=cast.li_reporter)
    # The reviewer returns it; the reporter corrects and submits again.
    services.return_report(report=report, by=cast.zhang_reviewer, reason="数据口径不对")
    report.refresh_from_db()
    assert report.status == "returned" and report.return_reason == "数据口径不对"
    services.save_draft(report=report, by=cast.li_reporter, data={"value": Decimal("1300")})
    services.submit(report=report, by=cast.li_reporter)
    services.approve(report=report, by=cast.zhang_reviewer)
    # The administrator returns it too, at the second step.
    services.return_report(report=report, by=cast.wang_admin, reason="请补充来源说明")
    services.save_draft(report=report, by=cast.li_reporter, data={"note": "按新口径"})
    services.submit(report=report, by=cast.li_reporter)
    services.approve(report=report, by=cast.zhang_reviewer)
    assert not Observation.objects.filter(indicator=indicator).exists()  # not accepted yet
    services.accept(report=report, by=cast.wang_admin)
    obs = Observation.objects.get(indicator=indicator, year=2026, period="Y")
    assert obs.value == Decimal("1300") and obs.source == "区统计局" and obs.note == "按新口径"
    report.refresh_from_db()
    assert report.is_locked
    assert report.first_submitted_at < report.submitted_at
    assert steps(report) == [
        "saved", "submitted", "returned", "saved", "submitted", "approved", "returned",
        "saved", "submitted", "approved", "accepted",
    ]  # fmt: skip


def test_accepted_report_is_locked_until_unlocked_with_a_reason(cast, cycles):
    report = Report.objects.get(cycle=cycles["H1"], task=cast.tasks["school"])
    services.save_draft(
        report=report, by=cast.li_reporter, data={"done": "开工3所", "progress": 30}
    )
    services.submit(report=report, by=cast.li_reporter)
    services.approve(report=report, by=cast.zhang_reviewer)
    services.accept(report=report, by=cast.wang_admin)
    with pytest.raises(StaleReport):
        services.save_draft(report=report, by=cast.li_reporter, data={"progress": 40})
    with pytest.raises(DomainError):
        services.unlock(report=report, by=cast.wang_admin, reason=" ")
    with pytest.raises(PermissionDenied):
        services.unlock(report=report, by=cast.zhang_reviewer, reason="改错了")
    services.unlock(report=report, by=cast.wang_admin, reason="进度填错,应为35%")
    report.refresh_from_db()
    assert report.status == "returned" and report.unlock_reason == "进度填错,应为35%"
    services.save_draft(report=report, by=cast.li_reporter, data={"progress": 35})
    services.submit(report=report, by=cast.li_reporter)
    services.approve(report=report, by=cast.zhang_reviewer)
    services.accept(report=report, by=cast.wang_admin)
    cast.tasks["school"].refresh_from_db()
    assert cast.tasks["school"].progress == Decimal("35")
    assert "unlocked" in steps(report)


def test_task_with_a_cooperating_unit(cast, cycles, street_reviewer):
    task = cast.tasks["shared"]  # the street leads, education cooperates
    node = task.timenodes.get()
    part = Report.objects.get(cycle=cycles["H1"], task=task, role="cooperating")
    lead = Report.objects.get(cycle=cycles["H1"], task=task, role="lead")
    assert services.lead_report(part) == lead
    assert services.partner_reports(lead) == [part]
    # The cooperating unit reports its part; its own reviewer approves it to the lead unit.
    services.save_draft(report=part, by=cast.li_reporter, data={"done": "完成师资交流12人"})
    services.submit(report=part, by=cast.li_reporter)
    services.approve(report=part, by=cast.zhang_reviewer)
    # The lead unit may send the part back, then takes it in.
    services.return_report(report=part, by=cast.zhao_street, reason="请写明学校名单")
    services.save_draft(report=part, by=cast.li_reporter, data={"done": "东湖一小、二小交流12人"})
    services.submit(report=part, by=cast.li_reporter)
    services.approve(report=part, by=cast.zhang_reviewer)
    # The lead consolidates and its report goes up; accepting it accepts the part with it.
    services.save_draft(
        report=lead,
        by=cast.zhao_street,
        data={"done": "均衡方案已印发", "progress": 100, "timenodes_met": [node.pk]},
    )
    services.submit(report=lead, by=cast.zhao_street)
    services.approve(report=lead, by=street_reviewer)
    services.accept(report=lead, by=cast.wang_admin)
    part.refresh_from_db()
    task.refresh_from_db()
    node.refresh_from_db()
    assert part.status == "accepted"
    assert task.progress == 100 and task.completed_on == dt.date(2026, 6, 30)
    lead.refresh_from_db()
    assert node.met_on == timezone.localdate(lead.submitted_at)  # as reported


def test_a_cooperating_unit_cannot_write_the_official_figure(cast, cycles):
    part = Report.objects.get(cycle=cycles["H1"], task=cast.tasks["shared"], role="cooperating")
    with pytest.raises(PermissionDenied):
        services.save_draft(report=part, by=cast.zhao_street, data={"done": "x"})
    services.save_draft(report=part, by=cast.li_reporter, data={"done": "配合完成"})
    services.submit(report=part, by=cast.li_reporter)
    services.approve(report=part, by=cast.zhang_reviewer)
    with pytest.raises(PermissionDenied):
        services.accept(report=part, by=cast.li_reporter)
    # Accepted on its own (the lead's report went up without it), a part changes no figure.
    services.accept(report=part, by=cast.wang_admin)
    cast.tasks["shared"].refresh_from_db()
    assert cast.tasks["shared"].progress is None


def test_project_path_writes_the_years_investment(cast, cycles, street_reviewer):
    for period, amount, stage in (("Q1", "800", "preparation"), ("Q2", "1200", "started")):
        report = Report.objects.get(cycle=cycles[period], project=cast.project)
        services.save_draft(
            report=report,
            by=cast.zhao_street,
            data={
                "invested_period": Decimal(amount),
                "invested_total": Decimal("5000") + Decimal(amount),
                "stage": stage,
                "help_needed": "需协调用地指标",
            },
        )
        services.submit(report=report, by=cast.zhao_street)
        services.approve(report=report, by=street_reviewer)
        services.accept(report=report, by=cast.wang_admin)
    row = InvestmentPlan.objects.get(project=cast.project, year=2026)
    assert row.completed == Decimal("2000")
    cast.project.refresh_from_db()
    assert cast.project.stage == "started" and cast.project.actual_start == dt.date(2026, 6, 30)


def test_submit_refuses_an_incomplete_report(cast, cycles, street_reviewer):
    report = Report.objects.get(cycle=cycles["Q2"], project=cast.project)
    with pytest.raises(DomainError):
        services.submit(report=report, by=cast.zhao_street)
    with pytest.raises(DomainError):
        services.save_draft(
            report=report,
            by=cast.zhao_street,
            data={"invested_period": Decimal("10"), "invested_total": Decimal("5")},
        )
    with pytest.raises(DomainError):
        services.save_draft(report=report, by=cast.zhao_street, data={"value": Decimal(1)})
    report.refresh_from_db()
    assert report.status == "draft" and report.invested_period is None


def test_only_the_units_people_take_its_steps(cast, cycles):
    report = Report.objects.get(cycle=cycles["H1"], task=cast.tasks["school"])
    with pytest.raises(PermissionDenied):
        services.save_draft(report=report, by=cast.zhao_street, data={"done": "x"})
    services.save_draft(report=report, by=cast.li_reporter, data={"done": "x", "progress": 10})
    with pytest.raises(PermissionDenied):
        services.submit(report=report, by=cast.zhang_reviewer)
    services.submit(report=report, by=cast.li_reporter)
    for person in (cast.li_reporter, cast.chen_leader, cast.outsider):
        with pytest.raises(PermissionDenied):
            services.approve(report=report, by=person)
    services.approve(report=report, by=cast.zhang_reviewer)
    with pytest.raises(PermissionDenied):
        services.accept(report=report, by=cast.zhang_reviewer)


def test_a_stale_form_does_not_overwrite_a_newer_save(cast, cycles):
    report = Report.objects.get(cycle=cycles["H1"], task=cast.tasks["school"])
    services.save_draft(report=report, by=cast.li_reporter, data={"done": "第一稿"}, revision=0)
    with pytest.raises(StaleReport):
        services.save_draft(report=report, by=cast.li_reporter, data={"done": "旧"}, revision=0)
    report.refresh_from_db()
    assert report.done == "第一稿"


def test_a_second_approval_of_the_same_report_is_refused(cast, cycles):
    report = Report.objects.get(cycle=cycles["H1"], task=cast.tasks["school"])
    services.save_draft(report=report, by=cast.li_reporter, data={"done": "x", "progress": 10})
    services.submit(report=report, by=cast.li_reporter)
    seen_by_both = Report.objects.get(pk=report.pk)  # two reviewers opened the same page
    services.approve(report=seen_by_both, by=cast.zhang_reviewer)
    with pytest.raises(StaleReport):
        services.approve(report=seen_by_both, by=cast.zhang_reviewer)
    assert steps(report).count("approved") == 1


def test_exempt_needs_a_reason_and_leaves_the_cycle(cast, cycles):
    report = Report.objects.get(cycle=cycles["H1"], task=cast.tasks["street"])
    with pytest.raises(DomainError):
        services.exempt(report=report, by=cast.wang_admin, reason="")
    with pytest.raises(PermissionDenied):
        services.exempt(report=report, by=cast.zhao_street, reason="不需要")
    services.exempt(report=report, by=cast.wang_admin, reason="已并入老旧小区专项统计")
    report.refresh_from_db()
    assert report.is_exempt and report.timeliness(dt.date(2026, 8, 1)) == "exempt"
    with pytest.raises(DomainError):
        services.save_draft(report=report, by=cast.zhao_street, data={"done": "x"})
    services.reinstate(report=report, by=cast.wang_admin)
    report.refresh_from_db()
    assert not report.is_exempt


def test_adding_an_item_to_a_cycle(cast, cycles):
    q2 = cycles["Q2"]
    added = services.add_to_cycle(cycle=q2, item=cast.tasks["school"], by=cast.wang_admin)
    assert added == 1
    assert q2.reports.filter(task=cast.tasks["school"]).exists()
    with pytest.raises(DomainError):
        services.add_to_cycle(cycle=q2, item=cast.tasks["school"], by=cast.wang_admin)


def test_a_figure_behind_schedule_must_be_explained(cast, cycles):
    services.update_cycle(
        cycle=cycles["Y"],
        by=cast.wang_admin,
        opens_on=dt.date(2026, 7, 1),
        deadline=dt.date(2027, 1, 31),
        grace_days=5,
    )
    # GDP growth "5左右" a year; 2026 H1 was 5.1. A year of 2.0 is behind, and a jump.
    report = Report.objects.get(cycle=cycles["Y"], indicator=cast.indicators["gdp"])
    drc_reporter = cast.wang_admin  # the DRC's figures are filled by its own reporter
    assert drc_reporter
    from lantu.reporting import checks

    report.value = Decimal("2.0")
    reasons = checks.explanation_reasons(report)
    assert len(reasons) == 2
    assert checks.missing(report)  # the explanation is missing
    report.explanation = "受外需下降影响"
    assert not checks.missing(report)
    report.value = Decimal("5.2")
    assert checks.explanation_reasons(report) == []


def test_timeliness(cast, cycles):
    report = Report.objects.get(cycle=cycles["H1"], task=cast.tasks["school"])
    assert report.timeliness(dt.date(2026, 7, 15)) == "pending"
    assert report.timeliness(dt.date(2026, 7, 16)) == "missing"
    services.save_draft(report=report, by=cast.li_reporter, data={"done": "x", "progress": 10})
    services.submit(report=report, by=cast.li_reporter)
    noon = dt.time(12, tzinfo=dt.UTC)
    Report.objects.filter(pk=report.pk).update(
        first_submitted_at=dt.datetime.combine(dt.date(2026, 7, 15), noon)
    )
    report.refresh_from_db()
    assert report.timeliness(dt.date(2026, 9, 1)) == "on_time"
    # Submitted at 17:00 UTC on the 15th is 01:00 on the 16th in Beijing: late.
    report.first_submitted_at = dt.datetime.combine(
        dt.date(2026, 7, 15), dt.time(17, tzinfo=dt.UTC)
    )
    assert report.timeliness(dt.date(2026, 9, 1)) == "late"
