"""API for reporting: cycles and reports, every step of the workflow, as in the pages.

Under /api/v1/reporting/. Reads go through ``restrict``: a cycle or report out of the caller's
sight answers 404. Every write calls one reporting service, which checks the person's role for
the unit (403 with the service's message when it refuses). A report saved by somebody else
since the caller loaded it answers 409 with who and when; any other refusal of the domain
(a missing reason, a figure out of range, a report in the wrong state) answers 400 with the
message.

Writing a report: ``PATCH /reports/{id}`` with the ``revision`` read from ``GET`` and the fields
of the report's kind (``fields`` in the output names them); then ``POST /reports/{id}/submit``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, Literal, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError, ValidationError

from lantu.api.auth import current_user
from lantu.api.crud import Page
from lantu.api.schemas import Error, Measure, Money, OneOf, Year
from lantu.core.permissions import allowed, get_for, grants, restrict
from lantu.core.templatetags.lantu import period_label
from lantu.division.api import ItemLinkIn
from lantu.division.models import ITEM_FIELDS
from lantu.plans.models import Plan
from lantu.reporting import checks, services
from lantu.reporting.models import Cycle, Report
from lantu.reporting.services import StaleReport

router = Router(tags=["reporting"])
T = TypeVar("T")
Status = Report.Status
Errors = {400: Error, 403: Error, 404: Error, 409: Error}

# ---------------------------------------------------------------- schemas


class CycleOut(Schema):
    id: int
    plan: int = Field(validation_alias="plan_id")
    year: int
    period: str = Field(description="Y, H1/H2, Q1..Q4 or M01..M12")
    period_label: str
    frequency: str
    opens_on: dt.date
    deadline: dt.date
    grace_days: int
    grace_ends: dt.date
    note: str
    state: str = Field(description="scheduled, open, grace or closed, today")

    @staticmethod
    def resolve_period_label(obj: Cycle) -> str:
        return period_label(obj.year, obj.period)

    @staticmethod
    def resolve_state(obj: Cycle) -> str:
        return obj.state(timezone.localdate())


class CyclePage(Schema):
    count: int
    items: list[CycleOut]


class CycleFilters(Schema):
    plan: int | None = None
    year: Year | None = None


class GenerateIn(Schema):
    plan: int
    year: Year


class GeneratedOut(Schema):
    cycles_created: int
    reports_created: int


class CyclePatch(Schema):
    opens_on: dt.date | None = None
    deadline: dt.date | None = None
    grace_days: int | None = Field(None, ge=0, le=365)
    note: str | None = Field(None, max_length=300)


class AddedOut(Schema):
    reports_added: int


class ReportOut(Schema):
    id: int
    cycle: int = Field(validation_alias="cycle_id")
    unit: int = Field(validation_alias="unit_id")
    unit_name: str = Field(validation_alias="unit.name")
    role: str
    kind: str = Field(description="indicator, task or project")
    indicator: int | None = Field(validation_alias="indicator_id")
    task: int | None = Field(validation_alias="task_id")
    project: int | None = Field(validation_alias="project_id")
    item_name: str
    status: str
    is_exempt: bool
    exempt_reason: str
    revision: int = Field(description="send it back with PATCH; a newer one means 409")
    timeliness: str = Field(description="exempt, on_time, late, missing or pending")
    fields: list[str] = Field(description="the fields this kind of report fills")
    value: Decimal | None
    source: str
    note: str
    explanation: str
    done: str
    progress: Decimal | None
    timenodes_met: list[int]
    problems: str
    next_steps: str
    invested_period: Decimal | None
    invested_total: Decimal | None
    stage: str
    stage_reached_on: dt.date | None
    help_needed: str
    saved_at: dt.datetime | None
    first_submitted_at: dt.datetime | None
    submitted_at: dt.datetime | None
    approved_at: dt.datetime | None
    accepted_at: dt.datetime | None
    returned_at: dt.datetime | None
    return_reason: str
    unlock_reason: str

    @staticmethod
    def resolve_item_name(obj: Report) -> str:
        return str(obj.item)

    @staticmethod
    def resolve_timeliness(obj: Report) -> str:
        return obj.timeliness(timezone.localdate())

    @staticmethod
    def resolve_fields(obj: Report) -> list[str]:
        return list(services.FIELDS[obj.kind])

    @staticmethod
    def resolve_timenodes_met(obj: Report) -> list[int]:
        return [node.pk for node in obj.timenodes_met.all()]


class ReportDetail(ReportOut):
    missing: list[str] = Field(description="what must still be filled before submitting")
    explanation_reasons: list[str] = Field(description="why the figure must be explained")

    @staticmethod
    def resolve_missing(obj: Report) -> list[str]:
        return checks.missing(obj)

    @staticmethod
    def resolve_explanation_reasons(obj: Report) -> list[str]:
        return checks.explanation_reasons(obj)


class ReportPage(Schema):
    count: int
    items: list[ReportOut]


class ReportFilters(Schema):
    cycle: int | None = None
    unit: int | None = None
    status: Annotated[str | None, OneOf(Status)] = None
    kind: Literal["indicator", "task", "project"] | None = None
    mine: Literal["to_fill", "to_review", "to_accept"] | None = Field(
        None, description="what waits for the caller: to fill, to review, to accept"
    )


Percent = Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)]


class ReportPatch(Schema):
    """The fields to save as the draft; only those of the report's kind are accepted."""

    revision: int = Field(ge=0, description="the revision the caller last read")
    value: Measure | None = None
    source: str | None = Field(None, max_length=200)
    note: str | None = None
    explanation: str | None = None
    done: str | None = None
    progress: Percent | None = None
    timenodes_met: list[int] | None = Field(None, description="ids of the task's time nodes met")
    problems: str | None = None
    next_steps: str | None = None
    invested_period: Money | None = None
    invested_total: Money | None = None
    stage: Annotated[str | None, OneOf(Report.Stage, blank=True)] = None
    stage_reached_on: dt.date | None = None
    help_needed: str | None = None


TEXT_FIELDS = ("source", "note", "explanation", "done", "problems", "next_steps", "help_needed")


class RevisionIn(Schema):
    revision: int | None = Field(None, ge=0, description="refuse (409) if the report moved on")


class ReasonIn(Schema):
    reason: str = Field(max_length=2000)


# ---------------------------------------------------------------- helpers


def _call(service: Callable[..., T], **kwargs: Any) -> T:
    """Run a service; its refusals become 409 (stale) or 403 (not the person's step)."""
    try:
        return service(**kwargs)
    except StaleReport as exc:
        raise HttpError(409, str(exc)) from exc
    except PermissionDenied as exc:
        raise HttpError(403, str(exc) or _("You may not do this.")) from exc


def _not_found(field: str, message: str) -> ValidationError:
    return ValidationError(
        [{"type": "not_found", "loc": ["body", "payload", field], "msg": message}]
    )


def _require(user: Any, action: str, model: type[Cycle] | type[Report]) -> None:
    if not allowed(user, action, model):
        raise HttpError(403, _("Your roles do not allow this."))


def _reports() -> QuerySet[Report]:
    return (
        Report.objects.select_related("cycle", "unit", "indicator", "task", "project")
        .prefetch_related("timenodes_met")
        .order_by("cycle_id", "unit_id", "id")
    )


def _report(user: Any, pk: int, action: str = "change") -> Report:
    """A report through ``restrict``: 404 out of sight, 403 seen but not ``action``-able."""
    found = restrict(_reports(), user, action).filter(pk=pk).first()
    if found is not None:
        return found
    if action != "view" and restrict(Report.objects.filter(pk=pk), user, "view").exists():
        raise HttpError(403, _("You may not change this report."))
    raise Http404


def _mine(qs: QuerySet[Report], user: Any, which: str) -> QuerySet[Report]:
    role, statuses = {
        "to_fill": ("reporter", (Status.DRAFT, Status.RETURNED)),
        "to_review": ("reviewer", (Status.SUBMITTED,)),
        "to_accept": ("plan_admin", (Status.APPROVED,)),
    }[which]
    qs = qs.filter(status__in=statuses, is_exempt=False)
    if which == "to_accept":
        qs = qs.exclude(role="cooperating")  # partners' parts are accepted with the lead's
    held = [g for g in grants(user) if g.role == role]
    if not held:
        return qs.none()
    if any(g.scope == "all" for g in held):
        return qs
    return qs.filter(unit_id__in=set().union(*(g.unit_ids for g in held)))


# ---------------------------------------------------------------- cycles


@router.get("/cycles", response={200: CyclePage, 403: Error})
def list_cycles(request: HttpRequest, filters: Query[CycleFilters], page: Query[Page]) -> Any:
    user = current_user(request)
    _require(user, "view", Cycle)
    qs = restrict(Cycle.objects.order_by("-deadline", "id"), user, "view")
    if filters.plan is not None:
        qs = qs.filter(plan_id=filters.plan)
    if filters.year is not None:
        qs = qs.filter(year=filters.year)
    return {"count": qs.count(), "items": list(qs[page.offset : page.offset + page.limit])}


@router.get("/cycles/{int:pk}", response={200: CycleOut, 404: Error})
def get_cycle(request: HttpRequest, pk: int) -> Cycle:
    return get_for(Cycle.objects.all(), current_user(request), "view", pk=pk)


@router.post("/cycles/generate", response={200: GeneratedOut, **Errors})
def generate_cycles(request: HttpRequest, payload: GenerateIn) -> Any:
    """Create the year's cycles from the items' frequencies (safe to run again)."""
    user = current_user(request)
    _require(user, "add", Cycle)
    plan = restrict(Plan.objects.all(), user, "view").filter(pk=payload.plan).first()
    if plan is None:
        raise _not_found(
            "plan", _("No plan with id %(id)s that you can see.") % {"id": payload.plan}
        )
    result = _call(services.generate_cycles, plan=plan, year=payload.year, by=user)
    return {"cycles_created": result.cycles_created, "reports_created": result.reports_created}


@router.patch("/cycles/{int:pk}", response={200: CycleOut, **Errors})
def update_cycle(request: HttpRequest, pk: int, payload: CyclePatch) -> Cycle:
    """Move a cycle's opening date, deadline or grace days, or change its note."""
    user = current_user(request)
    cycle = get_for(Cycle.objects.all(), user, "view", pk=pk)
    _require(user, "change", Cycle)
    data = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    return _call(
        services.update_cycle,
        cycle=cycle,
        by=user,
        opens_on=data.get("opens_on", cycle.opens_on),
        deadline=data.get("deadline", cycle.deadline),
        grace_days=data.get("grace_days", cycle.grace_days),
        note=data.get("note", cycle.note),
    )


@router.post("/cycles/{int:pk}/items", response={200: AddedOut, **Errors})
def add_item(request: HttpRequest, pk: int, payload: ItemLinkIn) -> Any:
    """Add an indicator, task or project to the cycle outside its frequency."""
    user = current_user(request)
    cycle = get_for(Cycle.objects.all(), user, "view", pk=pk)
    _require(user, "add", Cycle)
    kind = next(name for name in ITEM_FIELDS if getattr(payload, name) is not None)
    model = services.ITEM_MODELS[kind]
    item_id = getattr(payload, kind)
    visible = restrict(model.objects.select_related("version"), user, "view")
    found = visible.filter(pk=item_id).first()
    if found is None:
        message = _("No %(kind)s with id %(id)s that you can see.")
        raise _not_found(kind, message % {"kind": kind, "id": item_id})
    return {"reports_added": _call(services.add_to_cycle, cycle=cycle, item=found, by=user)}


# ---------------------------------------------------------------- reports


@router.get("/reports", response={200: ReportPage, 403: Error})
def list_reports(request: HttpRequest, filters: Query[ReportFilters], page: Query[Page]) -> Any:
    user = current_user(request)
    _require(user, "view", Report)
    qs = restrict(_reports(), user, "view")
    for name in ("cycle", "unit"):
        if getattr(filters, name) is not None:
            qs = qs.filter(**{f"{name}_id": getattr(filters, name)})
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.kind:
        qs = qs.filter(**{f"{filters.kind}__isnull": False})
    if filters.mine:
        qs = _mine(qs, user, filters.mine)
    return {"count": qs.count(), "items": list(qs[page.offset : page.offset + page.limit])}


@router.get("/reports/{int:pk}", response={200: ReportDetail, 404: Error})
def get_report(request: HttpRequest, pk: int) -> Report:
    return _report(current_user(request), pk, "view")


@router.patch("/reports/{int:pk}", response={200: ReportDetail, **Errors})
def save_draft(request: HttpRequest, pk: int, payload: ReportPatch) -> Report:
    """Save the draft: the fields sent, at the revision read (409 if it moved on)."""
    user = current_user(request)
    report = _report(user, pk)
    data = payload.model_dump(exclude_unset=True)
    revision = data.pop("revision")
    for name in TEXT_FIELDS:
        if name in data and data[name] is None:
            data[name] = ""
    _call(services.save_draft, report=report, by=user, data=data, revision=revision)
    return _report(user, pk, "view")


def _step(request: HttpRequest, pk: int, service: Callable[..., Report], **kwargs: Any) -> Report:
    user = current_user(request)
    _call(service, report=_report(user, pk), by=user, **kwargs)
    return _report(user, pk, "view")


@router.post("/reports/{int:pk}/submit", response={200: ReportDetail, **Errors})
def submit(request: HttpRequest, pk: int, payload: RevisionIn | None = None) -> Report:
    """Send the report to the unit's reviewer (400 lists what is missing)."""
    revision = payload.revision if payload is not None else None
    return _step(request, pk, services.submit, revision=revision)


@router.post("/reports/{int:pk}/approve", response={200: ReportDetail, **Errors})
def approve(request: HttpRequest, pk: int) -> Report:
    return _step(request, pk, services.approve)


@router.post("/reports/{int:pk}/return", response={200: ReportDetail, **Errors})
def return_report(request: HttpRequest, pk: int, payload: ReasonIn) -> Report:
    return _step(request, pk, services.return_report, reason=payload.reason)


@router.post("/reports/{int:pk}/accept", response={200: ReportDetail, **Errors})
def accept(request: HttpRequest, pk: int) -> Report:
    """Accept an approved report: its data becomes official and the report is locked."""
    return _step(request, pk, services.accept)


@router.post("/reports/{int:pk}/unlock", response={200: ReportDetail, **Errors})
def unlock(request: HttpRequest, pk: int, payload: ReasonIn) -> Report:
    return _step(request, pk, services.unlock, reason=payload.reason)


@router.post("/reports/{int:pk}/exempt", response={200: ReportDetail, **Errors})
def exempt(request: HttpRequest, pk: int, payload: ReasonIn) -> Report:
    return _step(request, pk, services.exempt, reason=payload.reason)


@router.post("/reports/{int:pk}/reinstate", response={200: ReportDetail, **Errors})
def reinstate(request: HttpRequest, pk: int) -> Report:
    return _step(request, pk, services.reinstate)
