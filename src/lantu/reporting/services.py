"""Writes for reporting: the report's workflow, step by step (cycles: ``cycles.py``, the
official data written on acceptance: ``official.py``; both are reached from here).

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

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lantu.core import audit, clock
from lantu.core.models import AuditEvent
from lantu.core.permissions import acts_for
from lantu.core.services import DomainError
from lantu.division.models import Assignment, TimeNode
from lantu.monitoring import jobs as monitoring_jobs
from lantu.reporting import checks, jobs, official

# The cycle writes live in cycles.py; callers reach every write of reporting from here.
from lantu.reporting.cycles import ITEM_MODELS as ITEM_MODELS
from lantu.reporting.cycles import Generated as Generated
from lantu.reporting.cycles import add_to_cycle as add_to_cycle
from lantu.reporting.cycles import generate_cycles as generate_cycles
from lantu.reporting.cycles import require_admin
from lantu.reporting.cycles import update_cycle as update_cycle
from lantu.reporting.models import Report

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


class StaleReport(DomainError):
    """The report changed since the person loaded it; their action was not applied."""


@transaction.atomic
def exempt(*, report: Report, by: Any, reason: str) -> Report:
    """Take a report out of the cycle (免报), with a reason; undo with ``reinstate``."""
    require_admin(by)
    if not reason.strip():
        raise DomainError(_("Give the reason for the exemption."))
    locked = _lock(report, expect=(Status.DRAFT, Status.RETURNED))
    return _step(locked, by, "exempted", is_exempt=True, exempt_reason=reason.strip())


@transaction.atomic
def reinstate(*, report: Report, by: Any) -> Report:
    require_admin(by)
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
    if locked.cycle.opens_on > clock.today():
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
    if locked.cycle.opens_on > clock.today():
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
        official.write_official(locked, by)
        for part in partner_reports(locked):
            if part.status == Status.APPROVED:
                part = _lock(part, expect=(Status.APPROVED,))
                _step(part, by, "accepted", status=Status.ACCEPTED, accepted_at=now, accepted_by=by)
    jobs.after_commit("accepted", locked.pk)
    monitoring_jobs.refresh_after_commit(locked.cycle.plan_id)
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
