"""Outline import pages: upload, review every finding, apply."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantu.core.permissions import allowed, get_for, restrict
from lantu.core.services import DomainError
from lantu.indicators.models import read_target
from lantu.indicators.readings import describe
from lantu.ingest import services
from lantu.ingest.forms import LABELS, FindingForm, UploadForm
from lantu.ingest.models import Finding, OutlineImport
from lantu.plans.models import Plan

PAGE = 100


def _import(request: HttpRequest, pk: int, action: str = "view") -> OutlineImport:
    return get_for(
        OutlineImport.objects.select_related("version__plan", "created_by"),
        request.user,
        action,
        pk=pk,
    )


@login_required
def import_list(request: HttpRequest) -> HttpResponse:
    if not allowed(request.user, "view", OutlineImport):
        raise PermissionDenied
    imports = restrict(
        OutlineImport.objects.select_related("version__plan", "created_by"), request.user, "view"
    )
    page = Paginator(imports, 50).get_page(request.GET.get("page"))
    return render(request, "ingest/import_list.html", {"page": page})


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    if not allowed(request.user, "add", OutlineImport):
        raise PermissionDenied
    plans = restrict(Plan.objects.all(), request.user, "change")
    plan = plans.filter(pk=request.GET.get("plan") or request.POST.get("plan") or 0).first()
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if plan is None:
            form.add_error(None, _("Choose the plan the Outline belongs to."))
        else:
            upload = form.cleaned_data["file"]
            try:
                outline_import = services.start_import(
                    by=request.user,
                    plan_id=plan.pk,
                    data=upload.read(services.MAX_UPLOAD + 1),
                    file_name=upload.name,
                )
            except DomainError as exc:
                form.add_error("file", str(exc))
            else:
                return redirect("import-review", pk=outline_import.pk)
    return render(request, "ingest/upload.html", {"form": form, "plan": plan, "plans": plans})


def _row_context(finding: Finding) -> dict[str, Any]:
    phrase = None
    if finding.kind == Finding.Kind.INDICATOR:
        phrase = finding.data.get("target") or finding.data.get("annual_or_cumulative")
    elif finding.kind == Finding.Kind.TEXT_TARGET:
        phrase = finding.data.get("expression")
    return {
        "finding": finding,
        "reading": describe(read_target(str(phrase))) if phrase else None,
        "fields": [(LABELS.get(k, k), v) for k, v in finding.data.items()],
        "changes": [
            (LABELS.get(k, k), (finding.before or {}).get(k), v)
            for k, v in finding.data.items()
            if finding.before and services.differs(k, finding.before.get(k), v)
        ],
    }


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    outline_import = _import(request, pk)
    kind = request.GET.get("kind") or Finding.Kind.SECTION
    if kind not in Finding.Kind.values:
        kind = Finding.Kind.SECTION
    findings = outline_import.findings.filter(kind=kind).order_by("position")
    decision = request.GET.get("decision", "")
    if decision in Finding.Decision.values:
        findings = findings.filter(decision=decision)
    page = Paginator(findings, PAGE).get_page(request.GET.get("page"))
    counts = {
        row["kind"]: row
        for row in outline_import.findings.values("kind").annotate(
            total=Count("pk"),
            pending=Count("pk", filter=Q(decision=Finding.Decision.PENDING)),
            accepted=Count("pk", filter=Q(decision=Finding.Decision.ACCEPTED)),
        )
    }
    tabs = [(value, label, counts.get(value, {})) for value, label in Finding.Kind.choices]
    kind_labels = dict(Finding.Kind.choices)
    missing = [
        (kind_labels.get(k, k), names)
        for k, names in (outline_import.summary.get("missing") or {}).items()
        if names
    ]
    return render(
        request,
        "ingest/review.html",
        {
            "outline_import": outline_import,
            "kind": kind,
            "decision": decision,
            "tabs": tabs,
            "missing": missing,
            "page": page,
            "rows": [_row_context(f) for f in page],
            "pending": sum(c.get("pending", 0) for c in counts.values()),
            "editable": outline_import.status == OutlineImport.Status.REVIEWING,
        },
    )


@require_POST
@login_required
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept or reject one finding, the chosen ones, or all of a kind."""
    outline_import = _import(request, pk, "change")
    decision = request.POST.get("decision", "")
    findings = outline_import.findings.select_related("outline_import")
    if request.POST.get("all_of_kind"):
        findings = findings.filter(kind=request.POST["all_of_kind"])
    else:
        ids = [int(i) for i in request.POST.getlist("finding") if i.isdigit()]
        findings = findings.filter(pk__in=ids)
    try:
        count = services.decide(findings=list(findings), decision=decision, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        if request.htmx and len(request.POST.getlist("finding")) == 1:  # type: ignore[attr-defined]
            finding = findings.get()
            return render(
                request, "ingest/_finding_row.html", {**_row_context(finding), "editable": True}
            )
        messages.success(request, _("%(count)d findings updated.") % {"count": count})
    kind = request.POST.get("kind") or request.POST.get("all_of_kind") or ""
    return redirect(f"{_review_url(pk)}?kind={kind}")


@login_required
def edit(request: HttpRequest, pk: int, finding_id: int) -> HttpResponse:
    outline_import = _import(request, pk, "change")
    finding = get_for(
        Finding.objects.filter(outline_import=outline_import).select_related("outline_import"),
        request.user,
        "change",
        pk=finding_id,
    )
    form = FindingForm(request.POST or None, finding=finding)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_finding(finding=finding, data=form.cleaned(), by=request.user)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Corrected and accepted."))
            url = f"{_review_url(pk)}?kind={finding.kind}&page={finding_page(finding)}"
            return redirect(url)
    return render(
        request,
        "ingest/edit_finding.html",
        {"form": form, "finding": finding, "outline_import": outline_import},
    )


def _review_url(pk: int) -> str:
    return reverse("import-review", args=[pk])


def finding_page(finding: Finding) -> int:
    before = Finding.objects.filter(
        outline_import_id=finding.outline_import_id,
        kind=finding.kind,
        position__lt=finding.position,
    ).count()
    return before // PAGE + 1


@require_POST
@login_required
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    outline_import = _import(request, pk, "change")
    try:
        counts = services.apply_import(outline_import=outline_import, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("import-review", pk=pk)
    messages.success(
        request,
        _("Applied: %(created)d created, %(changed)d changed, %(unchanged)d unchanged.") % counts,
    )
    return redirect("plan-home", pk=outline_import.version.plan_id)


@require_POST
@login_required
def discard(request: HttpRequest, pk: int) -> HttpResponse:
    outline_import = _import(request, pk, "change")
    try:
        services.discard_import(outline_import=outline_import, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("import-list")
