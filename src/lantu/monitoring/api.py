"""API for warnings (预警) and rectifications (整改), as in the warning pages.

Under /api/v1/monitoring/. Reads go through ``restrict``: a warning or rectification out of the
caller's sight answers 404; one seen but not open to the caller's roles for a change answers
403. Every write calls one monitoring service, which checks who may take the step (403 with the
service's message when it refuses); any other refusal of the domain (a missing reason, a warning
already closed, a rectification already decided) answers 400 with the message.

A unit answers a warning with ``POST /warnings/{id}/rectifications``; the plan administrator
accepts it (``POST /rectifications/{id}/accept``) or returns it with a reason, closes a warning
with a reason, and recomputes a plan's warnings (``POST /warnings/refresh``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Prefetch, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError, ValidationError

from lantu.api.auth import current_user
from lantu.api.crud import Page
from lantu.api.schemas import Error, OneOf
from lantu.core.permissions import allowed, restrict
from lantu.monitoring import selectors, services
from lantu.monitoring.models import Rectification, Warning
from lantu.plans.models import Plan

router = Router(tags=["monitoring"])
T = TypeVar("T")
M = TypeVar("M", bound=Model)
Errors = {400: Error, 403: Error, 404: Error}


# ---------------------------------------------------------------- schemas


class RectificationOut(Schema):
    id: int
    unit: int = Field(validation_alias="unit_id")
    unit_name: str = Field(validation_alias="unit.name")
    cause: str
    measures: str
    expected_on: dt.date
    status: str = Field(description="submitted, accepted or returned")
    submitted_by: int = Field(validation_alias="submitted_by_id")
    submitted_at: dt.datetime
    decided_by: int | None = Field(validation_alias="decided_by_id")
    decided_at: dt.datetime | None
    return_reason: str


class WarningOut(Schema):
    id: int
    plan: int = Field(validation_alias="plan_id")
    unit: int | None = Field(validation_alias="unit_id", description="set for one unit's cause")
    unit_name: str | None
    cause: str = Field(description=", ".join(Warning.Cause.values))
    cause_label: str
    cause_key: str
    kind: str = Field(description="indicator, task or project")
    indicator: int | None = Field(validation_alias="indicator_id")
    task: int | None = Field(validation_alias="task_id")
    project: int | None = Field(validation_alias="project_id")
    item_name: str
    detail: str
    raised_at: dt.datetime
    state: str = Field(description="open, rectifying, rectified or closed")
    state_label: str
    escalated_at: dt.datetime | None
    closed_at: dt.datetime | None
    closed_how: str = Field(description="recovered, superseded or by_admin once closed")
    close_reason: str

    @staticmethod
    def resolve_unit_name(obj: Warning) -> str | None:
        return obj.unit.name if obj.unit is not None else None

    @staticmethod
    def resolve_item_name(obj: Warning) -> str:
        return str(obj.item)

    @staticmethod
    def resolve_cause_label(obj: Warning) -> str:
        return str(obj.get_cause_display())

    @staticmethod
    def resolve_state_label(obj: Warning) -> str:
        return str(obj.get_state_display())


class WarningDetail(WarningOut):
    rectifications: list[RectificationOut] = Field(description="the newest first")


class WarningPage(Schema):
    count: int
    items: list[WarningOut]


class WarningFilters(Schema):
    state: Literal["open", "rectifying", "rectified", "closed", "escalated", "all"] | None = Field(
        None,
        description="the open ones when left out; escalated: open ones gone up to a leader; "
        "all for every state",
    )
    cause: Annotated[str | None, OneOf(Warning.Cause)] = None
    unit: int | None = Field(None, description="warnings the unit answers for")
    plan: int | None = None


class RectificationIn(Schema):
    cause: str = Field(max_length=2000)
    measures: str = Field(max_length=4000)
    expected_on: dt.date


class RefreshIn(Schema):
    plan: int


class RefreshedOut(Schema):
    raised: list[int] = Field(description="ids of the warnings raised")
    closed: list[int] = Field(description="ids of the warnings closed (their cause is gone)")


class ReasonIn(Schema):
    reason: str = Field(max_length=2000)


# ---------------------------------------------------------------- helpers


def _call(service: Callable[..., T], **kwargs: Any) -> T:
    """Run a service; its refusal of the person becomes 403 (domain refusals are 400)."""
    try:
        return service(**kwargs)
    except PermissionDenied as exc:
        raise HttpError(403, str(exc) or _("You may not do this.")) from exc


def _require(user: Any, action: str, model: type[Warning] | type[Rectification]) -> None:
    if not allowed(user, action, model):
        raise HttpError(403, _("Your roles do not allow this."))


def _warnings() -> QuerySet[Warning]:
    return Warning.objects.select_related(*selectors.LIST_SELECT).order_by("-raised_at", "-id")


def _found(qs: QuerySet[M], user: Any, pk: int, action: str, message: str) -> M:
    """One row through ``restrict``: 404 out of sight, 403 seen but not ``action``-able."""
    found = restrict(qs, user, action).filter(pk=pk).first()
    if found is not None:
        return found
    if (
        action != "view"
        and restrict(qs.model._default_manager.filter(pk=pk), user, "view").exists()
    ):
        raise HttpError(403, message)
    raise Http404


def _warning(user: Any, pk: int, action: str = "change") -> Warning:
    return _found(_warnings(), user, pk, action, _("You may not act on this warning."))


def _detail(user: Any, pk: int) -> Warning:
    rectifications = Rectification.objects.select_related("unit").order_by("-submitted_at", "-id")
    qs = _warnings().prefetch_related(Prefetch("rectifications", queryset=rectifications))
    return _found(qs, user, pk, "view", "")


def _rectification(user: Any, pk: int) -> Rectification:
    qs = Rectification.objects.select_related("warning")
    return _found(qs, user, pk, "change", _("You may not decide on this rectification."))


# ---------------------------------------------------------------- warnings


@router.get("/warnings", response={200: WarningPage, 403: Error})
def list_warnings(request: HttpRequest, filters: Query[WarningFilters], page: Query[Page]) -> Any:
    """Warnings in the caller's scope, the newest first; the open ones unless ``state`` says."""
    user = current_user(request)
    _require(user, "view", Warning)
    qs = selectors.warnings(
        user,
        state=filters.state or "",
        cause=filters.cause or "",
        unit_id=filters.unit,
        plan_id=filters.plan,
    )
    return {"count": qs.count(), "items": list(qs[page.offset : page.offset + page.limit])}


@router.get("/warnings/{int:pk}", response={200: WarningDetail, 404: Error})
def get_warning(request: HttpRequest, pk: int) -> Warning:
    """One warning with its rectifications, the newest first."""
    return _detail(current_user(request), pk)


@router.post("/warnings/refresh", response={200: RefreshedOut, **Errors})
def refresh(request: HttpRequest, payload: RefreshIn) -> Any:
    """Recompute a plan's warnings now (the plan administrator's; it also runs nightly)."""
    user = current_user(request)
    _require(user, "add", Warning)
    plan = restrict(Plan.objects.all(), user, "view").filter(pk=payload.plan).first()
    if plan is None:
        message = _("No plan with id %(id)s that you can see.") % {"id": payload.plan}
        raise ValidationError(
            [{"type": "not_found", "loc": ["body", "payload", "plan"], "msg": message}]
        )
    result = _call(services.refresh, plan=plan, by=user)
    return {"raised": [w.pk for w in result.raised], "closed": [w.pk for w in result.closed]}


@router.post("/warnings/{int:pk}/close", response={200: WarningDetail, **Errors})
def close(request: HttpRequest, pk: int, payload: ReasonIn) -> Warning:
    """The administrator closes a warning with a reason."""
    user = current_user(request)
    _call(services.close, warning=_warning(user, pk), by=user, reason=payload.reason)
    return _detail(user, pk)


@router.post("/warnings/{int:pk}/rectifications", response={200: WarningDetail, **Errors})
def rectify(request: HttpRequest, pk: int, payload: RectificationIn) -> Warning:
    """A responsible unit's reporter or reviewer answers: cause, measures, expected date."""
    user = current_user(request)
    warning = _warning(user, pk)
    _call(services.submit_rectification, warning=warning, by=user, **payload.model_dump())
    return _detail(user, pk)


# ---------------------------------------------------------------- rectifications


@router.post("/rectifications/{int:pk}/accept", response={200: WarningDetail, **Errors})
def accept(request: HttpRequest, pk: int) -> Warning:
    """The administrator accepts a rectification; the warning is rectified."""
    user = current_user(request)
    rect = _rectification(user, pk)
    _call(services.accept_rectification, rectification=rect, by=user)
    return _detail(user, rect.warning_id)


@router.post("/rectifications/{int:pk}/return", response={200: WarningDetail, **Errors})
def return_rectification(request: HttpRequest, pk: int, payload: ReasonIn) -> Warning:
    """The administrator sends a rectification back with a reason; the warning reopens."""
    user = current_user(request)
    rect = _rectification(user, pk)
    _call(services.return_rectification, rectification=rect, by=user, reason=payload.reason)
    return _detail(user, rect.warning_id)
