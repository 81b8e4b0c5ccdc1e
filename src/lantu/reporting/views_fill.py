"""The reporter's pages: the to-do list, a report's page with its workflow buttons, drafts
saved as the reporter types, evidence files, an item's reports and the person's notifications.

Views are thin: they fetch through ``get_for``/``restrict``, validate with a form and call one
service; the services check every permission again. A refused step shows the service's message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantu.core import clock
from lantu.core.downloads import attachment
from lantu.core.permissions import get_for
from lantu.core.services import DomainError
from lantu.reporting import checks, selectors, services
from lantu.reporting import evidence as evidence_service
from lantu.reporting.forms import EvidenceForm, ReasonForm, ReportForm
from lantu.reporting.models import Evidence, Notification, Report


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


@login_required
def todo(request: HttpRequest) -> HttpResponse:
    """待办: what the person must act on now."""
    today = clock.today()
    return render(
        request,
        "reporting/todo.html",
        {"todo": selectors.todo(request.user, today), "today": today},
    )


# --- the report's page -------------------------------------------------------------------


def _page(
    request: HttpRequest,
    report: Report,
    *,
    form: ReportForm | None = None,
    conflict: str = "",
    status: int = 200,
) -> HttpResponse:
    today = clock.today()
    can = selectors.actions(request.user, report, today)
    if can.edit and form is None:
        form = ReportForm(initial=ReportForm.initial_for(report), report=report)
    checking = report.status in {Report.Status.DRAFT, Report.Status.RETURNED}
    reasons = checks.explanation_reasons(report) if checking else []
    context = {
        "report": report,
        "role_label": selectors.ROLE_LABELS.get(report.role, report.role),
        "timeliness_kind": report.timeliness(today),
        "cycle_state": report.cycle.state(today),
        "can": can,
        # After a conflict the form stays, with what was typed, even if it can no longer be
        # saved: nothing typed is lost.
        "form": form if can.edit or conflict else None,
        "conflict": conflict,
        "missing": checks.missing(report, reasons) if checking else [],
        "reasons": reasons,
        "partners": selectors.partners(report, today),
        "evidence": selectors.evidence_of(report),
        "evidence_form": EvidenceForm() if can.edit else None,
        "evidence_limit": settings.LANTU_EVIDENCE_MAX_MB,
        "reason_form": ReasonForm(),
        "history": selectors.history(report),
        **selectors.item_context(report),
    }
    return render(request, "reporting/report_detail.html", context, status=status)


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, selectors.report_for(request.user, pk))


@login_required
@require_POST
def report_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the draft: as the reporter types (htmx), or with the Save button."""
    report = selectors.report_for(request.user, pk)
    form = ReportForm(request.POST, report=report)
    htmx = _is_htmx(request)
    if not form.is_valid():
        if htmx:
            return render(request, "reporting/_saved.html", {"report": report, "form": form})
        return _page(request, report, form=form)
    try:
        saved = services.save_draft(
            report=report,
            by=request.user,
            data=form.draft_data(),
            revision=form.cleaned_data["revision"],
        )
    except services.StaleReport as exc:
        if htmx:
            context = {"report": report, "conflict": str(exc)}
            return render(request, "reporting/_saved.html", context)
        return _page(request, report, form=form, conflict=str(exc), status=409)
    except DomainError as exc:
        if htmx:
            return render(request, "reporting/_saved.html", {"report": report, "error": str(exc)})
        messages.error(request, str(exc))
        return _page(request, report, form=form)
    if htmx:
        reasons = checks.explanation_reasons(saved)
        context = {
            "report": saved,
            "saved": True,
            "missing": checks.missing(saved, reasons),
            "reasons": reasons,
        }
        return render(request, "reporting/_saved.html", context)
    messages.success(request, _("The draft is saved."))
    return redirect("report-detail", pk=pk)


def _step(
    request: HttpRequest,
    pk: int,
    run: Callable[[Report, str], Any],
    done: str,
    *,
    needs_reason: bool = False,
) -> HttpResponse:
    """One workflow step: fetch in scope (404), run one service, say what happened. A
    service's PermissionDenied becomes 403; its refusal (DomainError) a message."""
    report = selectors.report_for(request.user, pk)
    reason = ""
    if needs_reason:
        form = ReasonForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the reason."))
            return redirect("report-detail", pk=pk)
        reason = form.cleaned_data["reason"]
    try:
        run(report, reason)
    except DomainError as exc:  # StaleReport included
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return _back(request, pk)


def _back(request: HttpRequest, pk: int) -> HttpResponse:
    """To the page the step was taken from (the review queue), else the report."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("report-detail", pk=pk)


def _revision(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("revision", ""))
    except ValueError:
        return None


@login_required
@require_POST
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit what is on the screen: the form's fields are saved first (at the revision the
    page holds, so somebody else's newer save is never overwritten), then submitted."""
    revision = _revision(request)
    report = selectors.report_for(request.user, pk)
    form = ReportForm(request.POST, report=report)
    if any(name in request.POST for name in services.FIELDS[report.kind]):
        if not form.is_valid():
            return _page(request, report, form=form)
        try:
            report = services.save_draft(
                report=report, by=request.user, data=form.draft_data(), revision=revision
            )
        except DomainError as exc:  # StaleReport included
            return _page(request, report, form=form, conflict=str(exc), status=409)
        revision = report.revision
    return _step(
        request,
        pk,
        lambda r, _reason: services.submit(report=r, by=request.user, revision=revision),
        _("The report is submitted for review."),
    )


@login_required
@require_POST
def report_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        lambda r, _reason: services.approve(report=r, by=request.user),
        _("The report is approved."),
    )


@login_required
@require_POST
def report_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        lambda r, reason: services.return_report(report=r, by=request.user, reason=reason),
        _("The report is returned."),
        needs_reason=True,
    )


@login_required
@require_POST
def report_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        lambda r, _reason: services.accept(report=r, by=request.user),
        _("The report is accepted and locked."),
    )


@login_required
@require_POST
def report_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        lambda r, reason: services.unlock(report=r, by=request.user, reason=reason),
        _("The report is unlocked and back with its reporter."),
        needs_reason=True,
    )


# --- evidence ----------------------------------------------------------------------------


@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_for(request.user, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to upload."))
        return redirect("report-detail", pk=pk)
    upload = form.cleaned_data["file"]
    # Read one byte past the limit: enough to refuse, never the whole of a huge file.
    data = upload.read(evidence_service.max_bytes() + 1)
    try:
        evidence_service.attach_evidence(
            report=report, name=upload.name or "", data=data, by=request.user
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The file is attached."))
    return redirect("report-detail", pk=pk)


def _evidence(request: HttpRequest, pk: int, action: str) -> Evidence:
    return get_for(Evidence.objects.select_related("report"), request.user, action, pk=pk)


@login_required
def evidence_download(request: HttpRequest, pk: int) -> HttpResponse:
    """A file, only to people who may see its report, always as a download."""
    item = _evidence(request, pk, "view")
    content_type = evidence_service.CONTENT_TYPES.get(item.kind)
    if content_type is None:
        raise Http404
    with item.file.open("rb") as stream:
        data = stream.read()
    response = attachment(data, content_type, item.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def evidence_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = _evidence(request, pk, "change")
    try:
        evidence_service.archive_evidence(evidence=item, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The file is removed from the report."))
    return redirect("report-detail", pk=item.report_id)


# --- an item's reports, notifications ----------------------------------------------------


@login_required
def item_reports(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Every report on one indicator, task or project, across cycles and units."""
    model = services.ITEM_MODELS.get(kind)
    if model is None:
        raise Http404
    item = get_for(model.objects.select_related("version__plan"), request.user, "view", pk=pk)
    page = Paginator(selectors.item_reports(request.user, kind, item), 100).get_page(
        request.GET.get("page")
    )
    today = clock.today()
    page.object_list = selectors.label_rows(list(page.object_list), today)
    return render(
        request, "reporting/item_reports.html", {"item": item, "kind": kind, "page": page}
    )


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    mine = Notification.objects.filter(recipient_id=request.user.pk).order_by("-created_at", "-id")
    page = Paginator(mine, settings.LANTU_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reporting/notifications.html", {"page": page})


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    """Mark the person's notifications read: all, or one (``?pk=``)."""
    unread = Notification.objects.filter(recipient_id=request.user.pk, read_at__isnull=True)
    one = request.GET.get("pk") or request.POST.get("pk")
    if one:
        if not one.isdigit():
            raise Http404
        unread = unread.filter(pk=int(one))
    unread.update(read_at=timezone.now())
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts=None):  # a path on this site
        return redirect(target)
    return redirect("notifications")


urlpatterns = [
    path("todo/", todo, name="todo"),
    path("reports/<int:pk>/", report_detail, name="report-detail"),
    path("reports/<int:pk>/draft/", report_draft, name="report-draft"),
    path("reports/<int:pk>/submit/", report_submit, name="report-submit"),
    path("reports/<int:pk>/approve/", report_approve, name="report-approve"),
    path("reports/<int:pk>/return/", report_return, name="report-return"),
    path("reports/<int:pk>/accept/", report_accept, name="report-accept"),
    path("reports/<int:pk>/unlock/", report_unlock, name="report-unlock"),
    path("reports/<int:pk>/evidence/", evidence_upload, name="evidence-upload"),
    path("reports/item/<str:kind>/<int:pk>/", item_reports, name="item-reports"),
    path("evidence/<int:pk>/", evidence_download, name="evidence-download"),
    path("evidence/<int:pk>/remove/", evidence_remove, name="evidence-remove"),
    path("notifications/", notifications, name="notifications"),
    path("notifications/read/", notifications_read, name="notifications-read"),
]
