"""分工方案 in and out through pages: export .xlsx/.docx, upload a sheet, preview, apply.

The uploaded file is kept, by its SHA-256, under the data folder (outside the web root) between
the preview and the apply, so the administrator applies exactly what was previewed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantu.core.crud import style_widgets
from lantu.core.downloads import DOCX, XLSX, attachment
from lantu.core.permissions import allowed, get_for
from lantu.core.services import DomainError
from lantu.division.models import Assignment
from lantu.plans.models import Plan

MAX_SHEET = 20 * 1024 * 1024


class SheetForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("分工方案 workbook (.xlsx)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)


def _plan(request: HttpRequest, pk: int) -> Plan:
    plan = get_for(Plan.objects.select_related("current_version"), request.user, "view", pk=pk)
    if plan.current_version is None:
        raise Http404
    return plan


@login_required
def export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    from lantu.ingest.division_xlsx import export_division_xlsx

    plan = _plan(request, pk)
    data = export_division_xlsx(plan.current_version, user=request.user)
    return attachment(data, XLSX, f"{plan}分工方案.xlsx")


@login_required
def export_docx(request: HttpRequest, pk: int) -> HttpResponse:
    from lantu.ingest.division_docx import export_division_docx

    plan = _plan(request, pk)
    data = export_division_docx(plan.current_version, user=request.user)
    return attachment(data, DOCX, f"{plan}分工方案.docx")


def _stash(data: bytes) -> str:
    digest = hashlib.sha256(data).hexdigest()
    folder = Path(settings.MEDIA_ROOT) / "division-imports"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{digest}.xlsx").write_bytes(data)
    return digest


def _unstash(digest: str) -> bytes:
    if len(digest) != 64 or not all(c in "0123456789abcdef" for c in digest):
        raise Http404
    path = Path(settings.MEDIA_ROOT) / "division-imports" / f"{digest}.xlsx"
    if not path.exists():
        raise Http404
    return path.read_bytes()


@login_required
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a 分工方案 workbook and see what it would change; nothing is saved yet."""
    from lantu.ingest.division_import import preview_division_import

    plan = _plan(request, pk)
    if not allowed(request.user, "change", Assignment):
        raise PermissionDenied
    form = SheetForm(request.POST or None, request.FILES or None)
    preview = digest = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read(MAX_SHEET + 1)
        try:
            if len(data) > MAX_SHEET:
                raise DomainError(_("The file is larger than 20 MB."))
            preview = preview_division_import(data, version=plan.current_version, user=request.user)
        except DomainError as exc:
            form.add_error("file", str(exc))
        else:
            digest = _stash(data) if preview.ok else None
    return render(
        request,
        "division/import.html",
        {"plan": plan, "form": form, "preview": preview, "digest": digest},
    )


@login_required
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    from lantu.division.services import apply_division_import

    if request.method != "POST":
        return redirect("division-import", pk=pk)
    plan = _plan(request, pk)
    data = _unstash(request.POST.get("digest", ""))
    try:
        # ``expect``: refuse if the division changed since the person saw the preview.
        result = apply_division_import(
            data,
            version=plan.current_version,
            user=request.user,
            expect=request.POST.get("fingerprint") or None,
        )
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("division-import", pk=pk)
    messages.success(
        request,
        _("分工方案 applied: %(created)d rows added, %(changed)d changed, %(same)d unchanged.")
        % {
            "created": result.rows_created,
            "changed": result.rows_changed,
            "same": result.rows_unchanged,
        },
    )
    return redirect("plan-home", pk=pk)
