"""API for reporting: cycles and reports, every step of the workflow, as in the pages.

Under /api/v1/reporting/. Reads go through ``restrict``: a cycle or report out of the caller's
sight answers 404. Every write calls one reporting service, which checks the person's role for
the unit (403 with the service's message when it refuses). A report saved by somebody else
since the caller loaded it answers 409 with who and when; any other refusal of the domain
(a missing reason, a figure out of range, a report in the wrong state) answers 400 with the
message. The schemas are in ``api_schemas``.

Writing a report: ``PATCH /reports/{id}`` with the ``revision`` read from ``GET`` and the fields
of the report's kind (``fields`` in the output names them); then ``POST /reports/{id}/submit``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError, ValidationError

from lantu.api.auth import current_user
from lantu.api.crud import Page
from lantu.api.schemas import Error
from lantu.core.permissions import allowed, get_for, grants, restrict
from lantu.division.api import ItemLinkIn
from lantu.division.models import ITEM_FIELDS
from lantu.plans.models import Plan
from lantu.reporting import services
from lantu.reporting.api_schemas import (
    TEXT_FIELDS,
    AddedOut,
    CycleFilters,
    CycleOut,
    CyclePage,
    CyclePatch,
    GeneratedOut,
    GenerateIn,
    ReasonIn,
    ReportDetail,
    ReportFilters,
    ReportPage,
    ReportPatch,
    RevisionIn,
)
from lantu.reporting.models import Cycle, Report
from lantu.reporting.services import StaleReport

router = Router(tags=["reporting"])
T = TypeVar("T")
Status = Report.Status
Errors = {400: Error, 403: Error, 404: Error, 409: Error}

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
    return _reread(report)


def _step(request: HttpRequest, pk: int, service: Callable[..., Report], **kwargs: Any) -> Report:
    user = current_user(request)
    report = _report(user, pk)
    _call(service, report=report, by=user, **kwargs)
    return _reread(report)


def _reread(report: Report) -> Report:
    """The report as the step left it. It was fetched through ``restrict`` before the step,
    and what a person may see of a report does not follow its status, so a plain read of
    the same row is enough (a second ``restrict`` was a third of a step's time)."""
    return _reports().get(pk=report.pk)


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
