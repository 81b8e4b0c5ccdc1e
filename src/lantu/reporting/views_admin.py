"""The plan administrator's and the reviewers' pages of reporting: the year's cycles and their
calendar, one cycle's reports, the review queue, reporting rates and overdue reports.

Thin views: they read through ``restrict``/``get_for`` and ``rates``, and each POST calls one
service (the bulk review calls one per report, each its own transaction). What the pages share
(the plan-and-year choice, the tabs, who sees what, the refusals) is in ``admin_pages``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from lantu.core import clock
from lantu.core.permissions import acts_for, allowed, get_for, grants, restrict, roles
from lantu.organizations.models import Person
from lantu.reporting import rates, services
from lantu.reporting.admin_forms import (
    AddItemForm,
    BulkForm,
    CycleForm,
    ExemptForm,
    GenerateForm,
    ReportFilter,
)
from lantu.reporting.admin_pages import (
    ITEM_SELECT,
    OVERDUE_ROLES,
    PAGE,
    REFUSED,
    back,
    cycles_in,
    is_cycle_admin,
    labelled,
    may_review,
    own_units,
    plan_year,
    querystring,
    refusal,
    render_page,
    seen_reports,
)
from lantu.reporting.models import Cycle, Report

# --- cycles ------------------------------------------------------------------------------


@login_required
def cycle_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not allowed(user, "view", Cycle):
        raise PermissionDenied
    form, plan, year = plan_year(request)
    today = clock.today()
    cycles = rates.in_order(cycles_in(user, plan, year=year))
    counts = rates.cycle_counts(seen_reports(user).filter(cycle__in=[c.pk for c in cycles]), today)
    rows = [(c, counts.get(c.pk, rates.Counts()), rates.STATES[c.state(today)]) for c in cycles]
    generate = None
    if is_cycle_admin(user):
        generate = GenerateForm(initial={"plan": plan, "year": year}, user=user)
    context = {"form": form, "plan": plan, "year": year, "rows": rows, "generate": generate}
    return render_page(request, "reporting/cycle_list.html", context)


@login_required
@require_POST
def cycle_generate(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not is_cycle_admin(user):
        raise PermissionDenied
    form = GenerateForm(request.POST, user=user)
    if not form.is_valid():
        messages.error(request, _("Choose a plan you manage and a year."))
        return redirect("cycle-list")
    plan, year = form.cleaned_data["plan"], form.cleaned_data["year"]
    try:
        result = services.generate_cycles(plan=plan, year=year, by=user)
    except REFUSED as exc:
        messages.error(request, refusal(exc))
    else:
        messages.success(
            request,
            _("%(year)s: %(cycles)s new cycles and %(reports)s new reports.")
            % {"year": year, "cycles": result.cycles_created, "reports": result.reports_created},
        )
    return redirect(f"{reverse('cycle-list')}?plan={plan.pk}&year={year}")


def _cycle(request: HttpRequest, pk: int, action: str = "view") -> Cycle:
    return get_for(Cycle.objects.select_related("plan"), request.user, action, pk=pk)


@login_required
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    cycle = _cycle(request, pk)
    today = clock.today()
    reports = seen_reports(user).filter(cycle=cycle)
    counts = rates.cycle_counts(reports, today).get(cycle.pk, rates.Counts())
    rows = rates.with_timeliness(reports, today).select_related(*ITEM_SELECT)
    filterset = ReportFilter(
        request.GET,
        queryset=rows.order_by("unit__sort_order", "unit_id", "id"),
        request=request,
        today=today,
    )
    page = Paginator(filterset.qs, PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    labelled(page.object_list)
    is_admin = is_cycle_admin(user)
    context = {
        "cycle": cycle,
        "state": rates.STATES[cycle.state(today)],
        "counts": counts,
        "filterset": filterset,
        "page": page,
        "querystring": querystring(request),
        "is_admin": is_admin,
        "add_form": AddItemForm(cycle=cycle, user=user) if is_admin else None,
    }
    return render_page(request, "reporting/cycle_detail.html", context)


@login_required
def cycle_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    if not allowed(user, "change", Cycle):
        raise PermissionDenied
    cycle = _cycle(request, pk, "change")
    form = CycleForm(request.POST or None, initial=CycleForm.initial_for(cycle))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_cycle(cycle=cycle, by=user, **form.cleaned_data)
        except REFUSED as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, _("The cycle's dates are saved."))
            return redirect("cycle-detail", pk=cycle.pk)
    return render_page(request, "reporting/cycle_form.html", {"cycle": cycle, "form": form})


@login_required
@require_POST
def cycle_add_item(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    if not is_cycle_admin(user):
        raise PermissionDenied
    cycle = _cycle(request, pk, "change")
    form = AddItemForm(request.POST, cycle=cycle, user=user)
    if not form.is_valid():
        messages.error(request, _("Choose an item of the plan that the cycle does not hold."))
        return redirect("cycle-detail", pk=cycle.pk)
    kind, item_pk = form.chosen()
    model = services.ITEM_MODELS[kind]
    item = get_for(model.objects.select_related("version"), user, "view", pk=item_pk)
    try:
        added = services.add_to_cycle(cycle=cycle, item=item, by=user)
    except REFUSED as exc:
        messages.error(request, refusal(exc))
    else:
        messages.success(
            request,
            ngettext("%(n)s report added.", "%(n)s reports added.", added) % {"n": added},
        )
    return redirect("cycle-detail", pk=cycle.pk)


def _admin_report(request: HttpRequest, pk: int) -> Report:
    if not is_cycle_admin(request.user):
        raise PermissionDenied
    return get_for(Report.objects.select_related("cycle"), request.user, "change", pk=pk)


@login_required
@require_POST
def report_exempt(request: HttpRequest, pk: int) -> HttpResponse:
    report = _admin_report(request, pk)
    form = ExemptForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.exempt(report=report, by=request.user, reason=reason)
    except REFUSED as exc:
        messages.error(request, refusal(exc))
    else:
        messages.success(request, _("%(report)s is exempt from the cycle.") % {"report": report})
    return back(request, reverse("cycle-detail", args=[report.cycle_id]))


@login_required
@require_POST
def report_reinstate(request: HttpRequest, pk: int) -> HttpResponse:
    report = _admin_report(request, pk)
    try:
        services.reinstate(report=report, by=request.user)
    except REFUSED as exc:
        messages.error(request, refusal(exc))
    else:
        messages.success(request, _("%(report)s is due again.") % {"report": report})
    return back(request, reverse("cycle-detail", args=[report.cycle_id]))


@login_required
def cycle_calendar(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not allowed(user, "view", Cycle):
        raise PermissionDenied
    form, plan, year = plan_year(request)
    in_year = Q(deadline__year=year) | Q(opens_on__year=year)
    cycles = list(restrict(Cycle.objects.filter(in_year, plan=plan), user, "view")) if plan else []
    own = {g.unit_id for g in grants(user) if g.role in {"reporter", "reviewer"}}
    months = rates.calendar(cycles, seen_reports(user), year, own or None)
    context = {"form": form, "plan": plan, "year": year, "months": months}
    return render_page(request, "reporting/calendar.html", context)


# --- review ------------------------------------------------------------------------------


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    user = request.user
    waiting = may_review(user)
    reports = (
        seen_reports(user)
        .filter(waiting, is_exempt=False)
        .select_related("cycle__plan", *ITEM_SELECT)
        .order_by("cycle__deadline", "submitted_at", "id")
    )
    page = Paginator(reports, PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    rates.attach_jump_flags(page.object_list)
    labelled(page.object_list)
    for report in page.object_list:
        report.can_approve = report.status == Report.Status.SUBMITTED and (
            user.is_superuser or acts_for(user, "reviewer", report.unit_id)
        )
        report.can_accept = report.status == Report.Status.APPROVED and (
            user.is_superuser or acts_for(user, "plan_admin", report.unit_id)
        )
    mine = roles(user)
    context = {
        "page": page,
        "may_approve": user.is_superuser or "reviewer" in mine,
        "may_accept": user.is_superuser or "plan_admin" in mine,
    }
    return render_page(request, "reporting/review_queue.html", context)


@login_required
@require_POST
def review_bulk(request: HttpRequest) -> HttpResponse:
    user = request.user
    may_review(user)
    form = BulkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the reports and what to do with them."))
        return redirect("review-queue")
    action, ids = form.cleaned_data["action"], form.cleaned_data["ids"]
    step = services.approve if action == "approve" else services.accept
    found = {r.pk: r for r in seen_reports(user).filter(pk__in=ids).select_related("cycle", "unit")}
    done, failures = 0, []
    for pk in ids:
        report = found.get(pk)
        if report is None:
            failures.append(_("Report %(pk)s: not found.") % {"pk": pk})
            continue
        try:
            step(report=report, by=user)  # its own transaction: a refusal leaves no half step
        except REFUSED as exc:
            failures.append(f"{report.unit} · {report.item}: {refusal(exc)}")
        else:
            done += 1
    if done:
        text = (
            ngettext("%(n)s report approved.", "%(n)s reports approved.", done)
            if action == "approve"
            else ngettext("%(n)s report accepted.", "%(n)s reports accepted.", done)
        )
        messages.success(request, text % {"n": done})
    for failure in failures:
        messages.error(request, failure)
    return redirect("review-queue")


# --- rates and overdue -------------------------------------------------------------------


@login_required
def reporting_rates(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not allowed(user, "view", Report):
        raise PermissionDenied
    form, plan, year = plan_year(request)
    reports = seen_reports(user)
    own = own_units(user)
    if own is not None:
        reports = reports.filter(unit_id__in=own)
    table = rates.rate_table(reports, cycles_in(user, plan, year=year), clock.today())
    context = {"form": form, "plan": plan, "year": year, "table": table}
    return render_page(request, "reporting/rates.html", context)


@login_required
def overdue(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not (user.is_superuser or roles(user) & OVERDUE_ROLES):
        raise PermissionDenied
    form, plan, year = plan_year(request)
    today = clock.today()
    reports = seen_reports(user).filter(cycle__plan=plan) if plan else Report.objects.none()
    people = restrict(Person.objects.all(), user, "view")
    page, groups = rates.overdue_page(reports, people, today, request.GET.get("page"), PAGE)
    context = {
        "form": form,
        "plan": plan,
        "year": year,
        "page": page,
        "groups": groups,
        "querystring": querystring(request),
        "may_see_people": allowed(user, "view", Person),
    }
    return render_page(request, "reporting/overdue.html", context)


urlpatterns = [
    path("cycles/", cycle_list, name="cycle-list"),
    path("cycles/generate/", cycle_generate, name="cycle-generate"),
    path("cycles/calendar/", cycle_calendar, name="cycle-calendar"),
    path("cycles/rates/", reporting_rates, name="reporting-rates"),
    path("cycles/overdue/", overdue, name="overdue"),
    path("cycles/<int:pk>/", cycle_detail, name="cycle-detail"),
    path("cycles/<int:pk>/edit/", cycle_edit, name="cycle-edit"),
    path("cycles/<int:pk>/add/", cycle_add_item, name="cycle-add-item"),
    path("reports/<int:pk>/exempt/", report_exempt, name="report-exempt"),
    path("reports/<int:pk>/reinstate/", report_reinstate, name="report-reinstate"),
    path("reviews/", review_queue, name="review-queue"),
    path("reviews/bulk/", review_bulk, name="review-bulk"),
]
