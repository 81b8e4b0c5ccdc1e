"""Dashboards: the plan overview, a unit's view and a leader's view, each also as .xlsx.

Items are fetched through ``restrict`` (see ``overview.scope``). The overview and the leader's
view count stored judgements, judging first any item changed since (``standings``).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from lantu.core.downloads import XLSX, attachment
from lantu.core.permissions import RULES, allowed, get_for, grants, restrict, roles
from lantu.indicators.models import Indicator
from lantu.monitoring import dashboard_xlsx, selectors
from lantu.monitoring import overview as ov
from lantu.monitoring import portfolio as pf
from lantu.organizations.models import Unit
from lantu.plans.models import Plan, PlanVersion
from lantu.plans.selectors import current_outline


def _version(plan: Plan) -> PlanVersion:
    version = plan.current_version
    if version is None:
        raise Http404
    version.plan = plan  # the same row: spare a query
    return version


def _plan(request: HttpRequest, pk: int | None = None) -> Plan:
    """The plan asked for (``pk`` or ``?plan=``), else the outline in force."""
    pk = pk or _int(request.GET.get("plan"))
    plans = Plan.objects.select_related("current_version")
    if pk:
        return get_for(plans, request.user, "view", pk=pk)
    plan = current_outline(request.user)
    if plan is None:
        raise Http404
    return get_for(plans, request.user, "view", pk=plan.pk)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _wants_xlsx(request: HttpRequest, xlsx: bool) -> bool:
    return xlsx or request.GET.get("format") == "xlsx"


@login_required
def current(request: HttpRequest) -> HttpResponse:
    """The overview of the outline in force."""
    plan = _plan(request)
    _require_items(request.user)
    return redirect("overview", pk=plan.pk)


def _require_items(user: Any) -> None:
    """The overview is about the plan's items: those who may not see them (the system,
    security and audit administrators) have no overview, rather than an empty one."""
    if not allowed(user, "view", Indicator):
        raise PermissionDenied


@login_required
def overview_page(request: HttpRequest, pk: int, xlsx: bool = False) -> HttpResponse:
    plan = _plan(request, pk)  # an unseen plan: 404 first
    _require_items(request.user)
    version = _version(plan)
    scope = ov.scope(version, request.user)
    wants_xlsx = _wants_xlsx(request, xlsx)  # the export lists every item, the page the first
    data = ov.overview(scope, request.GET.get("show", ""), None if wants_xlsx else ov.LISTED)
    context: dict[str, Any] = {"plan": plan, "version": version, "as_of": scope.as_of, **data}
    if wants_xlsx:
        book = dashboard_xlsx.overview_xlsx(context)
        return attachment(book, XLSX, f"{plan.name}·监测总览.xlsx")
    context["charts_json"] = [c.as_json() for c in data["charts"]]
    return render(request, "monitoring/overview.html", context)


def _may_view_items_of(user: Any, unit: Unit) -> bool:
    """Whether some membership lets the person view this unit's items."""
    if getattr(user, "is_superuser", False):
        return True
    return any(
        "view" in RULES.get(g.role, {}).get("indicators.indicator", ())
        and (g.scope == "all" or unit.pk in g.unit_ids)
        for g in grants(user)
    )


@login_required
def unit_view(request: HttpRequest, pk: int, xlsx: bool = False) -> HttpResponse:
    """Everything one unit leads or cooperates on, with statuses."""
    unit = get_for(Unit.objects.filter(is_archived=False), request.user, "view", pk=pk)
    if not _may_view_items_of(request.user, unit):
        raise Http404
    plan = _plan(request)
    version = _version(plan)
    scope = ov.scope(version, request.user, unit_ids={unit.pk})
    wants_xlsx = _wants_xlsx(request, xlsx)  # the export lists every item, the page the first
    only = request.GET.get("only", "")
    only = only if only in pf.ONLY else ""  # an unknown filter shows everything
    context = {
        "unit": unit,
        "plan": plan,
        "as_of": scope.as_of,
        "only": only,
        "sections": pf.sections(scope, unit.pk, None if wants_xlsx else ov.LISTED, only),
        "summary": pf.side_by_side([unit], scope)[0],
        "open_warnings": selectors.warnings(request.user, unit_id=unit.pk, plan_id=plan.pk).count(),
    }
    if wants_xlsx:
        return attachment(dashboard_xlsx.unit_xlsx(context), XLSX, f"{unit.name}·监测.xlsx")
    return render(request, "monitoring/unit_view.html", context)


@login_required
def leader_view(request: HttpRequest, xlsx: bool = False) -> HttpResponse:
    """A leader's portfolio side by side (all units for a leader without one)."""
    if not request.user.is_superuser and not roles(request.user) & {"leader", "plan_admin"}:
        raise PermissionDenied
    plan = _plan(request)
    version = _version(plan)
    units = pf.portfolio(
        request.user, restrict(Unit.objects.filter(is_archived=False), request.user, "view")
    )
    scope = ov.scope(version, request.user)
    rows = pf.side_by_side(units, scope)
    unclosed = selectors.warnings(request.user, plan_id=plan.pk).order_by()
    warned = pf.warnings_by_unit(units, unclosed)
    for row in rows:
        row["warnings"], row["escalated"] = warned[row["unit"].pk]
    context = {
        "plan": plan,
        "as_of": scope.as_of,
        "rows": rows,
        "lights": [(k, ov.LIGHT_NAMES[k]) for k in ov.LIGHTS],
    }
    if _wants_xlsx(request, xlsx):
        return attachment(dashboard_xlsx.leader_xlsx(context), XLSX, "分管单位监测.xlsx")
    return render(request, "monitoring/leader_view.html", context)


urlpatterns = [
    path("overview/", current, name="overview-current"),
    path("plans/<int:pk>/overview/", overview_page, name="overview"),
    path("plans/<int:pk>/overview.xlsx", overview_page, {"xlsx": True}, name="overview-xlsx"),
    path("units/<int:pk>/overview/", unit_view, name="unit-view"),
    path("units/<int:pk>/overview.xlsx", unit_view, {"xlsx": True}, name="unit-view-xlsx"),
    path("leader/", leader_view, name="leader-view"),
    path("leader/overview.xlsx", leader_view, {"xlsx": True}, name="leader-view-xlsx"),
]
