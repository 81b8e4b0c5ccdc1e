"""Writes for reporting cycles: a year's cycles from the items' frequencies, moving a cycle's
dates, adding an item to a cycle. (Exempting a report is a workflow step: ``services.exempt``.)"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from lantu.core import audit
from lantu.core.permissions import allowed
from lantu.core.services import DomainError
from lantu.division.models import Assignment
from lantu.indicators.models import Indicator
from lantu.plans.models import Plan
from lantu.projects.models import Project
from lantu.reporting import periods
from lantu.reporting.models import Cycle, Report
from lantu.tasks.models import Task

ITEM_MODELS: dict[str, Any] = {"indicator": Indicator, "task": Task, "project": Project}


@dataclass
class Generated:
    cycles_created: int = 0
    reports_created: int = 0


def require_admin(by: Any) -> None:
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
    require_admin(by)
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
    require_admin(by)
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
    require_admin(by)
    kind = type(item)._meta.model_name
    if kind not in ITEM_MODELS or item.version.plan_id != cycle.plan_id:
        raise DomainError(_("Only the plan's own indicators, tasks and projects can be added."))
    added = _fill_cycle(cycle, [(kind, item)], by)
    if not added:
        raise DomainError(_("This item is already in the cycle, or no unit is assigned to it."))
    return added
