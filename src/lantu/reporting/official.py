"""Accepted data becomes official: where an accepted lead report's figures are written.

Monitoring reads only these rows (observations, task progress and time nodes met, project
stage and investment), so it judges accepted data only. Called by ``services.accept``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone

from lantu.core import audit
from lantu.division.models import Assignment
from lantu.indicators.models import Observation
from lantu.projects.models import InvestmentPlan, Project
from lantu.reporting.models import Cycle, Report
from lantu.tasks.models import Task


def _id(pk: int | None) -> dict[str, Any]:
    return {"pk": pk}


def write_official(report: Report, by: Any) -> None:
    """Write an accepted lead report's data where monitoring reads it, audited."""
    cycle = report.cycle
    if report.kind == "indicator":
        _write_observation(report, cycle, by)
    elif report.kind == "task":
        _write_task(report, cycle, by)
    else:
        _write_project(report, cycle, by)


def _write_observation(report: Report, cycle: Cycle, by: Any) -> None:
    if report.value is None:
        return
    existing = (
        Observation.objects.select_for_update()
        .filter(indicator=report.indicator, year=cycle.year, period=cycle.period)
        .first()
    )
    before = audit.snapshot(existing) if existing else None
    obs = existing or Observation(
        region_id=report.region_id,
        indicator=report.indicator,
        year=cycle.year,
        period=cycle.period,
    )
    obs.period_end = cycle.period_end
    obs.value, obs.note, obs.source = report.value, report.note, report.source
    obs.save()
    audit.record(
        "indicators.observation.changed" if existing else "indicators.observation.created",
        by=by,
        obj=obs,
        before=before,
        after=audit.snapshot(obs),
        data={"report": report.pk},
    )


def _write_task(report: Report, cycle: Cycle, by: Any) -> None:
    task = Task.objects.select_for_update().get(**_id(report.task_id))
    before = audit.snapshot(task)
    if report.progress is not None:
        task.progress = report.progress
        done = report.progress >= 100
        task.completed_on = (task.completed_on or cycle.period_end) if done else None
    task.save()
    audit.record("tasks.task.changed", by=by, obj=task, before=before,
                 after=audit.snapshot(task), data={"report": report.pk})  # fmt: skip
    for node in report.timenodes_met.filter(met_on__isnull=True):
        node_before = audit.snapshot(node)
        node.met_on = timezone.localdate(report.submitted_at or timezone.now())
        node.save()
        audit.record("division.timenode.changed", by=by, obj=node, before=node_before,
                     after=audit.snapshot(node), data={"report": report.pk})  # fmt: skip


STAGE_DATES = {
    "preparation": "actual_prep_start",
    "started": "actual_start",
    "completed": "actual_completion",
    "in_use": "actual_in_use",
}


def _write_project(report: Report, cycle: Cycle, by: Any) -> None:
    project = Project.objects.select_for_update().get(**_id(report.project_id))
    before = audit.snapshot(project)
    if report.stage:
        project.stage = report.stage
        date_field = STAGE_DATES[report.stage]
        if getattr(project, date_field) is None:
            setattr(project, date_field, report.stage_reached_on or cycle.period_end)
        project.save()
        audit.record("projects.project.changed", by=by, obj=project, before=before,
                     after=audit.snapshot(project), data={"report": report.pk})  # fmt: skip
    # The year's completed investment is the sum of this year's accepted lead reports.
    year_total = sum(
        (
            r.invested_period or Decimal(0)
            for r in Report.objects.filter(
                project_id=project.pk,
                cycle__year=cycle.year,
                cycle__plan_id=cycle.plan_id,
                status=Report.Status.ACCEPTED,
            ).exclude(role=Assignment.Role.COOPERATING)
        ),
        Decimal(0),
    )
    plan_row = (
        InvestmentPlan.objects.select_for_update().filter(project=project, year=cycle.year).first()
    )
    row_before = audit.snapshot(plan_row) if plan_row else None
    if plan_row is None:
        plan_row = InvestmentPlan(
            region_id=project.region_id, project=project, year=cycle.year, planned=Decimal(0)
        )
    plan_row.completed = year_total
    plan_row.save()
    audit.record(
        "projects.investmentplan.changed" if row_before else "projects.investmentplan.created",
        by=by,
        obj=plan_row,
        before=row_before,
        after=audit.snapshot(plan_row),
        data={"report": report.pk},
    )
