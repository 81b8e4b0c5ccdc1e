"""What every page of ``views_admin`` shares: the plan-and-year choice, the tabs a person may
open, what each person sees (reports, cycles, the review queue, their units for the rates), the
redirect back after a POST, and the words of a refusal.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from lantu.core import clock
from lantu.core.permissions import RULES, allowed, grants, restrict, roles
from lantu.core.services import DomainError
from lantu.division.models import Assignment
from lantu.plans.models import Plan
from lantu.reporting import rates
from lantu.reporting.admin_forms import PlanYearForm
from lantu.reporting.models import Cycle, Report

PAGE = 50
# Who chases late reports: the administrators, the leaders and the inspection office.
OVERDUE_ROLES = {"plan_admin", "leader", "inspector"}
REFUSED = (DomainError, PermissionDenied)
ITEM_SELECT = ("unit", "indicator", "task", "project")


def refusal(exc: Exception) -> str:
    """The message to show for a service's refusal."""
    return str(exc) or _("You may not do this.")


def plan_year(request: HttpRequest) -> tuple[PlanYearForm, Plan | None, int]:
    """The plan and year the page was asked for (GET), this year by default."""
    return PlanYearForm.asked(request.GET, user=request.user, year=clock.today().year)


def is_cycle_admin(user: Any) -> bool:
    """Whether the person generates and adjusts cycles."""
    return allowed(user, "add", Cycle)


def cycles_in(user: Any, plan: Plan | None, **filters: Any) -> list[Cycle]:
    """The plan's cycles the person may see; none without a plan."""
    if plan is None:
        return []
    return list(restrict(Cycle.objects.filter(plan=plan, **filters), user, "view"))


def seen_reports(user: Any) -> Any:
    """Every report the person may see."""
    return restrict(Report.objects.all(), user, "view")


def back(request: HttpRequest, fallback: str) -> HttpResponseRedirect:
    """Back to the page the POST names in ``next`` when it is on this site, else ``fallback``."""
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return redirect(target if safe and target else fallback)


def render_page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """Render with the tabs the person may open."""
    user = request.user
    nav = {
        "cycles": allowed(user, "view", Cycle),
        "rates": allowed(user, "view", Report),
        "overdue": user.is_superuser or bool(roles(user) & OVERDUE_ROLES),
        "reviews": review_q(user) is not None,
    }
    return render(request, template, {"nav": nav, **context})


def labelled(reports: Any) -> None:
    """Words for each report's kind and role (the role is copied without its choices)."""
    for report in reports:
        report.kind_label = rates.KINDS[report.kind]
        report.role_label = Assignment.Role(report.role).label if report.role else ""


def querystring(request: HttpRequest) -> str:
    """The page's query without its page number, for the pager's links."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def review_q(user: Any) -> Q | None:
    """What waits for the person: submitted reports of the units they review; approved
    lead reports for a plan administrator. None when they neither review nor accept."""
    waiting = {
        "reviewer": Q(status=Report.Status.SUBMITTED),
        "plan_admin": Q(status=Report.Status.APPROVED) & ~Q(role="cooperating"),
    }
    if user.is_superuser:
        return waiting["reviewer"] | waiting["plan_admin"]
    found: Q | None = None
    for g in grants(user):
        if g.role not in waiting:
            continue
        part = waiting[g.role]
        if g.scope != "all":
            part &= Q(unit_id__in=g.unit_ids)
        found = part if found is None else found | part
    return found


def may_review(user: Any) -> Q:
    """``review_q``, or 403 for a person with nothing to review or accept."""
    q = review_q(user)
    if q is None:
        raise PermissionDenied
    return q


def own_units(user: Any) -> set[int] | None:
    """The units whose rows a scoped reader sees; None for those who see all units."""
    if user.is_superuser:
        return None
    relevant = [
        g for g in grants(user) if "view" in RULES.get(g.role, {}).get("reporting.report", ())
    ]
    if any(g.scope == "all" for g in relevant):
        return None
    return {pk for g in relevant for pk in g.unit_ids}
