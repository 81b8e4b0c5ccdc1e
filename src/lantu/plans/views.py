"""Pages for plans and sections, and the plan's home page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from lantu.core.crud import Column, Related, Resource, col, register
from lantu.core.downloads import DOCX, attachment
from lantu.core.permissions import get_for, restrict, roles
from lantu.plans import forms, selectors
from lantu.plans.models import Plan, Section

plans = register(
    Resource(
        model=Plan,
        slug="plans",
        columns=[
            col("name", Plan, link=True),
            col("kind", Plan),
            Column(_("period"), lambda p: p.period_label, sort="start_year"),
            col("status", Plan),
            col("document_number", Plan),
        ],
        form=forms.PlanForm,
        filters=forms.PlanFilter,
        search=["name", "short_name", "document_number"],
        default_ordering=["-start_year", "id"],
        related=[
            Related(
                _("versions"),
                lambda p, user: restrict(p.versions.all(), user, "view"),
                [
                    Column(_("version"), lambda v: v.number),
                    Column(_("label"), lambda v: v.label),
                    Column(_("status"), lambda v: v.get_status_display()),
                    Column(_("approval date"), lambda v: v.approved_on),
                ],
            )
        ],
    )
)

sections = register(
    Resource(
        model=Section,
        slug="sections",
        columns=[
            col("number", Section, link=True),
            col("title", Section, link=True),
            col("level", Section),
            Column(_("plan version"), lambda s: s.version, sort="version"),
        ],
        form=forms.SectionForm,
        filters=forms.SectionFilter,
        search=["number", "title", "body"],
        select_related=["version__plan"],
        default_ordering=["version", "sort_order", "id"],
    )
)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The start page: for the DRC and the leaders, the outline in force at one look (its
    overview); for everyone else, the outline's home page."""
    plan = selectors.current_outline(request.user)
    if plan is None:
        return render(request, "plans/no_plan.html")
    if roles(request.user) & OVERVIEW_FIRST:
        return redirect("overview", pk=plan.pk)
    return redirect("plan-home", pk=plan.pk)


OVERVIEW_FIRST = {"plan_admin", "leader"}  # those whose work starts from where the plan stands


@login_required
def plan_home(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_for(Plan.objects.select_related("current_version"), request.user, "view", pk=pk)
    context = {"plan": plan, **selectors.plan_home(plan, request.user)}
    return render(request, "plans/home.html", context)


@login_required
def outline_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan's text as a Word document (sections, main-indicator table, targets, tasks)."""
    from lantu.ingest.outline_export import export_outline_docx

    plan = get_for(Plan.objects.select_related("current_version"), request.user, "view", pk=pk)
    if plan.current_version is None:
        raise Http404
    return attachment(export_outline_docx(plan.current_version), DOCX, f"{plan.name}.docx")
