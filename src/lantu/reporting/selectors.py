"""Reads for the reporter's pages: a person's to-do list, a report's page, an item's history.

Every list is read with a fixed number of queries whatever its length; rows are fetched only
through ``restrict`` and grouped by the roles the person holds for each unit (the same test
``acts_for`` makes, written as a filter).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, prefetch_related_objects

from lantu.core import audit
from lantu.core.models import AuditEvent
from lantu.core.permissions import acts_for, get_for, grants, restrict
from lantu.division.models import Assignment, TimeNode
from lantu.monitoring import judging
from lantu.reporting import services
from lantu.reporting.models import Evidence, Notification, Report

Status = Report.Status
ROLE_LABELS = dict(Assignment.Role.choices)
REPORT_SELECT = ("cycle__plan", "unit", "indicator", "task", "project")
PEOPLE = ("submitted_by", "approved_by", "accepted_by", "returned_by")
NODES = Prefetch("timenodes_met", queryset=TimeNode.objects.order_by("due", "sort_order", "id"))
GROUP_LIMIT = 200
LATEST_NOTIFICATIONS = 5


def units_q(user: Any, role: str, field: str = "unit_id") -> Q | None:
    """Rows whose ``field`` is a unit the user holds ``role`` for (``acts_for`` as a filter);
    None when the user holds the role nowhere."""
    held = [g for g in grants(user) if g.role == role]
    if not held:
        return None
    if any(g.scope == "all" for g in held):
        return Q()
    ids: set[int] = set()
    for g in held:
        ids |= g.unit_ids
    return Q(**{f"{field}__in": ids})


def same_item(prefix: str = "") -> Q:
    """The item of the outer report (exactly one of the three is set)."""
    return (
        Q(indicator_id=OuterRef(f"{prefix}indicator_id"))
        | Q(task_id=OuterRef(f"{prefix}task_id"))
        | Q(project_id=OuterRef(f"{prefix}project_id"))
    )


def label_rows(reports: list[Report], today: dt.date) -> list[Report]:
    """Give each report what the lists show: role in words, days left, timeliness."""
    for r in reports:
        r.role_label = ROLE_LABELS.get(r.role, r.role)  # type: ignore[attr-defined]
        r.days_left = (r.cycle.deadline - today).days  # type: ignore[attr-defined]
        r.days_overdue = max(0, -r.days_left)  # type: ignore[attr-defined]
        r.cycle_state = r.cycle.state(today)  # type: ignore[attr-defined]
        r.timeliness_kind = r.timeliness(today)  # type: ignore[attr-defined]
    return reports


@dataclass
class Todo:
    """What one person must act on now, by what they do."""

    to_fill: list[Report] = field(default_factory=list)
    to_review: list[Report] = field(default_factory=list)
    to_accept: list[Report] = field(default_factory=list)
    parts: list[Report] = field(default_factory=list)
    notifications: list[Notification] = field(default_factory=list)
    unread: int = 0
    limit: int = GROUP_LIMIT

    @property
    def empty(self) -> bool:
        return not (self.to_fill or self.to_review or self.to_accept or self.parts)


def todo(user: Any, today: dt.date) -> Todo:
    """The person's to-do list (待办): reports to fill, review, accept, partners' parts."""
    visible = restrict(Report.objects.select_related(*REPORT_SELECT), user, "view").filter(
        is_exempt=False
    )
    result = Todo()

    def group(role: str, query: Q, *order: str) -> list[Report]:
        mine = units_q(user, role)
        if mine is None:
            return []
        rows = visible.filter(mine, query).order_by(*order, "id")[:GROUP_LIMIT]
        return label_rows(list(rows), today)

    result.to_fill = group(
        "reporter",
        Q(status__in=[Status.DRAFT, Status.RETURNED], cycle__opens_on__lte=today),
        "cycle__deadline",
        "-status",  # returned before draft on the same deadline
    )
    result.to_review = group("reviewer", Q(status=Status.SUBMITTED), "submitted_at")
    result.to_accept = group(
        "plan_admin",
        Q(status=Status.APPROVED) & ~Q(role=Assignment.Role.COOPERATING),
        "approved_at",
    )
    leads = units_q(user, "reporter")
    if leads is not None:
        led = (
            Report.objects.filter(leads, same_item(), cycle_id=OuterRef("cycle_id"))
            .exclude(role=Assignment.Role.COOPERATING)
            .values("pk")
        )
        rows = visible.filter(
            Exists(led), status=Status.APPROVED, role=Assignment.Role.COOPERATING
        ).order_by("approved_at", "id")[:GROUP_LIMIT]
        result.parts = label_rows(list(rows), today)
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    result.notifications = list(unread.order_by("-created_at", "-id")[:LATEST_NOTIFICATIONS])
    result.unread = unread.count()
    return result


# --- one report --------------------------------------------------------------------------


def report_for(user: Any, pk: int) -> Report:
    """A report the user may see, with what its page shows (404 otherwise)."""
    return get_for(
        Report.objects.select_related(*REPORT_SELECT, *PEOPLE).prefetch_related(NODES),
        user,
        "view",
        pk=pk,
    )


@dataclass(frozen=True)
class Actions:
    """The workflow steps the person may take on the report now."""

    edit: bool = False
    submit: bool = False
    approve: bool = False
    return_: bool = False
    accept: bool = False
    unlock: bool = False

    @property
    def any(self) -> bool:
        return self.edit or self.approve or self.return_ or self.accept or self.unlock


def actions(user: Any, report: Report, today: dt.date) -> Actions:
    """What the buttons offer; the services check all of it again."""
    if report.is_exempt:
        return Actions()
    admin = acts_for(user, "plan_admin", report.unit_id)
    reviewer = acts_for(user, "reviewer", report.unit_id)
    fill = (
        acts_for(user, "reporter", report.unit_id)
        and report.is_editable
        and report.cycle.opens_on <= today
    )
    submitted = report.status == Status.SUBMITTED
    approved = report.status == Status.APPROVED
    take_in = approved and admin
    if approved and not admin and not report.is_lead:
        lead = services.lead_report(report)
        take_in = lead is not None and (
            acts_for(user, "reporter", lead.unit_id) or acts_for(user, "reviewer", lead.unit_id)
        )
    return Actions(
        edit=fill,
        submit=fill,
        approve=submitted and reviewer,
        return_=(submitted and reviewer) or take_in,
        accept=approved and admin and report.is_lead,
        unlock=report.status == Status.ACCEPTED and admin,
    )


def history(report: Report) -> list[tuple[AuditEvent, str]]:
    """The report's audit events, oldest first, each with its action in words (one query)."""
    events = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Report), object_id=str(report.pk)
    ).order_by("at", "id")
    return [(e, audit.describe(e.action)) for e in events]


def evidence_of(report: Report) -> list[Evidence]:
    return list(report.evidence.filter(is_archived=False).select_related("uploaded_by"))


def partners(report: Report, today: dt.date) -> list[Report]:
    """The cooperating units' parts beside a lead report (empty for a part itself)."""
    if not report.is_lead:
        return []
    parts = services.partner_reports(report)
    prefetch_related_objects(parts, NODES)
    return label_rows(parts, today)


def item_context(report: Report) -> dict[str, Any]:
    """The item beside the form: its judgement, last accepted figures, time nodes or
    investment plan for the cycle's year."""
    item = report.item
    context: dict[str, Any] = {"item": item, "judgement": None}
    if report.kind == "indicator":
        prefetch_related_objects([item], "version__plan", "reference", *judging.INDICATOR_PREFETCH)
        context["observations"] = list(item.observations.all())[-4:][::-1]
        context["judgement"] = judging.judge_indicator(item)
    elif report.kind == "task":
        prefetch_related_objects([item], "version__plan", *judging.TASK_PREFETCH)
        context["timenodes"] = list(item.timenodes.all())
        context["judgement"] = judging.judge_task(item)
    else:
        prefetch_related_objects([item], *judging.PROJECT_PREFETCH)
        year = report.cycle.year
        context["investment"] = next(
            (p for p in item.investment_plans.all() if p.year == year), None
        )
        context["judgement"] = judging.judge_project(item)
    return context


# --- an item's reports across cycles -----------------------------------------------------


def item_reports(user: Any, kind: str, item: Any) -> QuerySet[Report]:
    """Every report on the item that the user may see, newest cycle first."""
    return (
        restrict(Report.objects.filter(**{kind: item}), user, "view")
        .select_related("cycle", "unit", *PEOPLE)
        .prefetch_related(NODES)
        .order_by("-cycle__deadline", "-cycle__opens_on", "-role", "unit__name", "id")
    )
