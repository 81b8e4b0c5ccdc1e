"""Writes for reporting: the report's workflow, step by step.

draft → submitted (unit reporter) → approved (unit reviewer) → accepted (plan administrator),
with a return (and a reason) possible at either step, after which the reporter resubmits.
A cooperating unit's part goes to the lead unit once its own reviewer approves it; the lead unit
may return it, and it is accepted with the lead's report. Accepting a lead report writes the
official data (observation, task progress, project investment) and locks the report; unlocking
needs a plan administrator and a reason.

Every step locks the report row, checks the state it expects and the person's role for the
unit, and writes one audit event: two people acting on one report at once get one result and
a clear message, never a lost update.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lantu.core import audit
from lantu.core.models import AuditEvent
from lantu.core.permissions import acts_for, allowed
from lantu.core.services import DomainError
from lantu.division.models import Assignment, TimeNode
from lantu.indicators.models import Indicator, Observation
from lantu.plans.models import Plan
from lantu.projects.models import InvestmentPlan, Project
from lantu.reporting import checks, jobs, periods
from lantu.reporting.models import Cycle, Report
from lantu.tasks.models import Task

Status = Report.Status

FIELDS = {
    "indicator": ("value", "source", "note", "explanation"),
    "task": ("done", "progress", "timenodes_met", "problems", "next_steps"),
    "project": (
        "invested_period",
        "invested_total",
        "stage",
        "stage_reached_on",
        "problems",
        "help_needed",
    ),
}
ITEM_MODELS: dict[str, Any] = {"indicator": Indicator, "task": Task, "project": Project}


class StaleReport(DomainError):
    """The report changed since the person loaded it; their action was not applied."""


# --- cycles ------------------------------------------------------------------------------


@dataclass
class Generated:
    cycles_created: int = 0
    reports_created: int = 0


def _require_admin(by: Any) -> None:
    if not allowed(by, "add", Cycle):
        raise PermissionDenied(_("Only the plan administrator manages reporting cycles."))


def _items(plan: Plan) -> dict[str, list[Any]]:
    """The plan's reportable items in force, by kind."""
    version = plan.current_version_id
    return {
        kind: list(model.objects.filter(version_id=version, is_archived=False))
        for kind, model in ITEM_MODELS.items()
    }


@transaction.atomic
def generate_cycles(*, plan: Plan, year: int, by: Any) -> Generated:
    """Create the year's cycles from each item's frequency, and a report for every unit
    assigned to an item due in each. Safe to run again: what exists is kept, what is new
    (an item, an assignment) is added."""
    _require_admin(by)
    if not plan.start_year <= year <= plan.end_year:
        raise DomainError(
            _("%(year)s is outside the plan's period %(period)s.")
            % {"year": year, "period": plan.period_label}
        )
    result = Generated()
    items = _items(plan)
    due: dict[str, list[tuple[str, Any]]] = {}
    for kind, rows in items.items():
        for item in rows:
            for period in periods.FREQUENCY_PERIODS[item.frequency]:
                due.setdefault(period, []).append((kind, item))
    for period in sorted(due, key=periods.sort_key):
        cycle = Cycle.objects.filter(plan=plan, year=year, period=period).first()
        if cycle is None:
            opens_on, deadline = periods.default_dates(year, period)
            cycle = Cycle.objects.create(
                region_id=plan.region_id,
                plan=plan,
                year=year,
                period=period,
                opens_on=opens_on,
                deadline=deadline,
            )
            audit.record("reporting.cycle.created", by=by, obj=cycle, after=audit.snapshot(cycle))
            result.cycles_created += 1
        result.reports_created += _fill_cycle(cycle, due[period], by)
    return result


def _fill_cycle(cycle: Cycle, due: list[tuple[str, Any]], by: Any) -> int:
    """Add the reports a cycle lacks for ``due`` items; the number added."""
    by_kind: dict[str, list[int]] = {}
    for kind, item in due:
        by_kind.setdefault(kind, []).append(item.pk)
    assignments = []
    for kind, ids in by_kind.items():
        assignments += list(Assignment.objects.filter(**{f"{kind}_id__in": ids}))
    have = {
        (r.unit_id, r.indicator_id, r.task_id, r.project_id)
        for r in Report.objects.filter(cycle=cycle)
    }
    new = [
        Report(
            region_id=cycle.region_id,
            cycle=cycle,
            unit_id=a.unit_id,
            role=a.role,
            indicator_id=a.indicator_id,
            task_id=a.task_id,
            project_id=a.project_id,
        )
        for a in assignments
        if (a.unit_id, a.indicator_id, a.task_id, a.project_id) not in have
    ]
    Report.objects.bulk_create(new, batch_size=500)
    if new:
        audit.record("reporting.cycle.filled", by=by, obj=cycle, data={"reports_added": len(new)})
    return len(new)


@transaction.atomic
def update_cycle(
    *,
    cycle: Cycle,
    by: Any,
    opens_on: dt.date,
    deadline: dt.date,
    grace_days: int,
    note: str = "",
) -> Cycle:
    """Move a cycle's opening date, deadline or grace period."""
    _require_admin(by)
    if deadline < opens_on:
        raise DomainError(_("The deadline cannot be before the opening date."))
    locked = Cycle.objects.select_for_update().get(pk=cycle.pk)
    before = audit.snapshot(locked)
    locked.opens_on, locked.deadline = opens_on, deadline
    locked.grace_days, locked.note = grace_days, note
    locked.save()
    audit.record(
        "reporting.cycle.changed", by=by, obj=locked, before=before, after=audit.snapshot(locked)
    )
    return locked


@transaction.atomic
def add_to_cycle(*, cycle: Cycle, item: Any, by: Any) -> int:
    """Add an item to a cycle outside its frequency: a report for every unit assigned to it."""
    _require_admin(by)
    kind = type(item)._meta.model_name
    if kind not in ITEM_MODELS or item.version.plan_id != cycle.plan_id:
        raise DomainError(_("Only the plan's own indicators, tasks and projects can be added."))
    added = _fill_cycle(cycle, [(kind, item)], by)
    if not added:
        raise DomainError(_("This item is already in the cycle, or no unit is assigned to it."))
    return added


@transaction.atomic
def exempt(*, report: Report, by: Any, reason: str) -> Report:
    """Take a report out of the cycle (免报), with a reason; undo with ``reinstate``."""
    _require_admin(by)
    if not reason.strip():
        raise DomainError(_("Give the reason for the exemption."))
    locked = _lock(report, expect=(Status.DRAFT, Status.RETURNED))
    return _step(locked, by, "exempted", is_exempt=True, exempt_reason=reason.strip())


@transaction.atomic
def reinstate(*, report: Report, by: Any) -> Report:
    _require_admin(by)
    locked = _lock(report)
    if not locked.is_exempt:
        raise DomainError(_("This report is not exempt."))
    return _step(locked, by, "reinstated", is_exempt=False, exempt_reason="")


# --- the report's workflow ---------------------------------------------------------------


def _lock(
    report: Report, *, expect: Iterable[str] | None = None, revision: int | None = None
) -> Report:
    """The report, locked for this transaction, in one of the ``expect``-ed states."""
    locked = Report.objects.select_for_update().select_related("cycle", "unit").get(pk=report.pk)
    if revision is not None and locked.revision != revision:
        raise StaleReport(
            _("This report was changed by %(who)s at %(when)s; reload it to see the change.")
            % _last_change(locked)
        )
    if expect is not None and locked.status not in set(expect):
        raise StaleReport(_now_is(locked))
    if locked.is_exempt and expect is not None:
        raise DomainError(_("This report is exempt from the cycle."))
    return locked


def _now_is(report: Report) -> str:
    return _("This report is now “%(status)s” (%(who)s, %(when)s); the action was not applied.") % {
        "status": report.get_status_display(),
        **_last_change(report),
    }


def _last_change(report: Report) -> dict[str, str]:
    event = (
        AuditEvent.objects.filter(content_type__model="report", object_id=str(report.pk))
        .order_by("-id")
        .first()
    )
    when = timezone.localtime(event.at) if event else timezone.localtime()
    return {"who": event.actor_name if event else "?", "when": f"{when:%H:%M:%S}"}


def _step(report: Report, by: Any, verb: str, **changes: Any) -> Report:
    before = audit.snapshot(report)
    for name, value in changes.items():
        setattr(report, name, value)
    report.revision += 1
    report.save()
    after = audit.snapshot(report)
    audit.record(f"reporting.report.{verb}", by=by, obj=report, before=before, after=after)
    return report


def _require(by: Any, role: str, report: Report, message: str) -> None:
    if not acts_for(by, role, report.unit_id):
        raise PermissionDenied(message)


def _check_values(report: Report) -> None:
    if report.progress is not None and not Decimal(0) <= report.progress <= Decimal(100):
        raise DomainError(_("Progress is a percentage between 0 and 100."))
    for name in ("invested_period", "invested_total"):
        value = getattr(report, name)
        if value is not None and value < 0:
            raise DomainError(_("Investment cannot be negative."))
    if (
        report.invested_period is not None
        and report.invested_total is not None
        and report.invested_total < report.invested_period
    ):
        raise DomainError(_("The total investment cannot be less than this period's."))


@transaction.atomic
def save_draft(
    *, report: Report, by: Any, data: dict[str, Any], revision: int | None = None
) -> Report:
    """Save what the reporter has filled so far (as they type). ``data`` holds the fields of
    the report's kind; ``revision`` is the one the form was loaded at."""
    _require(by, "reporter", report, _("Only the unit's reporters fill its reports."))
    locked = _lock(report, expect=(Status.DRAFT, Status.RETURNED), revision=revision)
    if locked.cycle.opens_on > timezone.localdate():
        raise DomainError(_("This cycle opens on %(date)s.") % {"date": locked.cycle.opens_on})
    allowed_fields = set(FIELDS[locked.kind])
    unknown = set(data) - allowed_fields
    if unknown:
        raise DomainError(_("Unknown fields: %(names)s") % {"names": ", ".join(sorted(unknown))})
    before = audit.snapshot(locked)
    nodes = data.pop("timenodes_met", None)
    for name, value in data.items():
        setattr(locked, name, value)
    _check_values(locked)
    if nodes is not None:
        wanted = {n.pk if isinstance(n, TimeNode) else int(n) for n in nodes}
        own = set(
            TimeNode.objects.filter(task=locked.task, pk__in=wanted).values_list("pk", flat=True)
        )
        if own != wanted:
            raise DomainError(_("A time node chosen does not belong to this task."))
        locked.timenodes_met.set(sorted(own))
    locked.saved_at = timezone.now()
    locked.revision += 1
    locked.save()
    after = audit.snapshot(locked)
    if audit.changes(before, after) != [("revision", before["revision"], after["revision"])]:
        audit.record("reporting.report.saved", by=by, obj=locked, before=before, after=after)
    return locked


@transaction.atomic
def submit(*, report: Report, by: Any, revision: int | None = None) -> Report:
    """Send a filled report to the unit's reviewer."""
    _require(by, "reporter", report, _("Only the unit's reporters submit its reports."))
    locked = _lock(report, expect=(Status.DRAFT, Status.RETURNED), revision=revision)
    if locked.cycle.opens_on > timezone.localdate():
        raise DomainError(_("This cycle opens on %(date)s.") % {"date": locked.cycle.opens_on})
    gaps = checks.missing(locked)
    if gaps:
        raise DomainError(" ".join(gaps))
    now = timezone.now()
    _step(
        locked,
        by,
        "submitted",
        status=Status.SUBMITTED,
        submitted_at=now,
        submitted_by=by,
        first_submitted_at=locked.first_submitted_at or now,
    )
    jobs.after_commit("submitted", locked.pk)
    return locked


@transaction.atomic
def approve(*, report: Report, by: Any) -> Report:
    """The unit reviewer approves: to the plan administrator (or, for a cooperating unit's
    part, to the lead unit)."""
    _require(by, "reviewer", report, _("Only the unit's reviewers approve its reports."))
    locked = _lock(report, expect=(Status.SUBMITTED,))
    _step(
        locked, by, "approved", status=Status.APPROVED, approved_at=timezone.now(), approved_by=by
    )
    jobs.after_commit("approved", locked.pk)
    return locked


@transaction.atomic
def return_report(*, report: Report, by: Any, reason: str) -> Report:
    """Send a report back with a reason: by the unit reviewer (submitted), by the plan
    administrator (approved), or, for a cooperating unit's approved part, by the lead unit."""
    if not reason.strip():
        raise DomainError(_("Give the reason for returning the report."))
    locked = _lock(report, expect=(Status.SUBMITTED, Status.APPROVED))
    if locked.status == Status.SUBMITTED:
        _require(by, "reviewer", locked, _("Only the unit's reviewers return a submitted report."))
    elif not _may_take_in(by, locked):
        if acts_for(by, "reviewer", locked.unit_id):  # approved meanwhile, by someone else
            raise StaleReport(_now_is(locked))
        raise PermissionDenied(_("Only the plan administrator returns an approved report."))
    _step(
        locked,
        by,
        "returned",
        status=Status.RETURNED,
        returned_at=timezone.now(),
        returned_by=by,
        return_reason=reason.strip(),
    )
    jobs.after_commit("returned", locked.pk)
    return locked


def _may_take_in(by: Any, report: Report) -> bool:
    """The plan administrator takes in approved reports; a lead unit, its partners' parts."""
    if acts_for(by, "plan_admin", report.unit_id):
        return True
    if report.is_lead:
        return False
    lead = lead_report(report)
    return lead is not None and (
        acts_for(by, "reporter", lead.unit_id) or acts_for(by, "reviewer", lead.unit_id)
    )


def lead_report(report: Report) -> Report | None:
    """The lead (or responsible) unit's report on the same item in the same cycle."""
    return (
        Report.objects.filter(
            cycle_id=report.cycle_id,
            **report.item_lookup,
        )
        .exclude(role=Assignment.Role.COOPERATING)
        .first()
    )


def partner_reports(report: Report) -> list[Report]:
    """The cooperating units' parts of the same item in the same cycle."""
    return list(
        Report.objects.filter(
            cycle_id=report.cycle_id,
            **report.item_lookup,
            role=Assignment.Role.COOPERATING,
        ).select_related("unit")
    )


@transaction.atomic
def accept(*, report: Report, by: Any) -> Report:
    """The plan administrator accepts an approved report: its data becomes official and the
    report is locked. Accepting a lead report accepts its partners' approved parts with it."""
    if not acts_for(by, "plan_admin", report.unit_id):
        raise PermissionDenied(_("Only the plan administrator accepts reports."))
    locked = _lock(report, expect=(Status.APPROVED,))
    now = timezone.now()
    _step(locked, by, "accepted", status=Status.ACCEPTED, accepted_at=now, accepted_by=by)
    if locked.is_lead:
        _write_official(locked, by)
        for part in partner_reports(locked):
            if part.status == Status.APPROVED:
                part = _lock(part, expect=(Status.APPROVED,))
                _step(part, by, "accepted", status=Status.ACCEPTED, accepted_at=now, accepted_by=by)
    jobs.after_commit("accepted", locked.pk)
    return locked


@transaction.atomic
def unlock(*, report: Report, by: Any, reason: str) -> Report:
    """Open an accepted report again (back to its reporter), with a reason. The official data
    it wrote stays until the report is accepted again."""
    if not acts_for(by, "plan_admin", report.unit_id):
        raise PermissionDenied(_("Only the plan administrator unlocks accepted reports."))
    if not reason.strip():
        raise DomainError(_("Give the reason for unlocking the report."))
    locked = _lock(report, expect=(Status.ACCEPTED,))
    _step(locked, by, "unlocked", status=Status.RETURNED, unlock_reason=reason.strip(),
          return_reason=reason.strip(), returned_at=timezone.now(), returned_by=by)  # fmt: skip
    jobs.after_commit("unlocked", locked.pk)
    return locked


# --- accepted data becomes official ------------------------------------------------------


def _id(pk: int | None) -> dict[str, Any]:
    return {"pk": pk}


def _write_official(report: Report, by: Any) -> None:
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
                status=Status.ACCEPTED,
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
