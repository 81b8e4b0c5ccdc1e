"""Filling a cycle offline (填报表): download the unit's workbook, upload it, preview, apply.

``cycle-sheet`` hands a unit its reports for the cycle as a pre-filled workbook.
``cycle-sheet-upload`` reads a filled one back and shows, row by row, what would change and
every error with its sheet, row and column; nothing is saved. ``cycle-sheet-apply`` saves the
previewed drafts (and, if asked, submits them) in one transaction: all or nothing. Thin views:
the work is in ``sheet_services``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantu.core.crud import style_widgets
from lantu.core.downloads import XLSX, attachment
from lantu.core.permissions import acts_for, get_for, grants, restrict
from lantu.core.services import DomainError
from lantu.core.templatetags.lantu import period_label
from lantu.organizations.models import Unit
from lantu.reporting.models import Cycle, Report
from lantu.reporting.sheet_services import apply_sheet, preview_sheet, stash, unstash, workbook_for

MAX_SHEET = 20 * 1024 * 1024


class UploadForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=gettext_lazy("Unit"))
    file = forms.FileField(label=gettext_lazy("Filled workbook (.xlsx)"))

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = units
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Unit.objects.filter(pk__in=[u.pk for u in units])
        if len(units) == 1:  # the person's one unit: nothing to choose
            field.required = False
            field.widget = forms.HiddenInput()
        style_widgets(self)

    def clean_unit(self) -> Unit:
        unit: Unit | None = self.cleaned_data.get("unit")
        if unit is None and len(self.units) == 1:
            return self.units[0]
        if unit is None:
            raise forms.ValidationError(_("Choose the unit."))
        return unit


def _cycle(request: HttpRequest, pk: int) -> Cycle:
    return get_for(Cycle.objects.select_related("plan"), request.user, "view", pk=pk)


def _seen_units(user: Any, cycle: Cycle) -> list[Unit]:
    """Units with reports in the cycle that the person may see."""
    seen = restrict(Report.objects.filter(cycle=cycle), user, "view").values("unit_id")
    return list(Unit.objects.filter(pk__in=seen).order_by("sort_order", "id"))


def _fill_units(user: Any, cycle: Cycle) -> list[Unit]:
    return [u for u in _seen_units(user, cycle) if acts_for(user, "reporter", u.pk)]


def _pick(units: list[Unit], raw: str | None, user: Any) -> Unit | None:
    """The unit asked for (404 when it is not among ``units``), else the person's own."""
    if raw:
        unit = next((u for u in units if str(u.pk) == raw), None)
        if unit is None:
            raise Http404
        return unit
    own = {g.unit_id for g in grants(user)}
    mine = [u for u in units if u.pk in own]
    return (mine or units)[0] if len(mine) == 1 or len(units) == 1 else None


@login_required
def download(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk)
    unit = _pick(_seen_units(request.user, cycle), request.GET.get("unit"), request.user)
    if unit is None:
        return redirect("cycle-sheet-upload", pk=pk)
    data = workbook_for(cycle, unit, request.user)
    with translation.override("zh-hans"):
        name = f"{unit.name}{period_label(cycle.year, cycle.period)}填报表.xlsx"
    return attachment(data, XLSX, name)


@login_required
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Download the unit's workbook; upload it filled and see what it would change."""
    cycle = _cycle(request, pk)
    seen = _seen_units(request.user, cycle)
    units = [u for u in seen if acts_for(request.user, "reporter", u.pk)]
    if request.method == "POST" and not units:
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["unit"]
        data = form.cleaned_data["file"].read(MAX_SHEET + 1)
        try:
            if len(data) > MAX_SHEET:
                raise DomainError(_("The file is larger than 20 MB."))
            preview = preview_sheet(data, cycle=cycle, unit=unit, user=request.user)
        except (DomainError, PermissionDenied) as exc:
            form.add_error("file", str(exc) or _("You may not fill these reports."))
        else:
            digest = stash(data) if preview.ok else None
            context = {"cycle": cycle, "unit": unit, "preview": preview, "digest": digest}
            return render(request, "reporting/sheet_preview.html", context)
    default = _pick(seen, None, request.user) if seen else None
    context = {"cycle": cycle, "form": form, "seen": seen, "units": units, "default": default}
    return render(request, "reporting/sheet_upload.html", context)


@login_required
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return redirect("cycle-sheet-upload", pk=pk)
    cycle = _cycle(request, pk)
    unit = _pick(_fill_units(request.user, cycle), request.POST.get("unit") or "-", request.user)
    assert unit is not None
    data = unstash(request.POST.get("digest", ""))
    try:
        result = apply_sheet(
            data,
            cycle=cycle,
            unit=unit,
            user=request.user,
            expect=request.POST.get("fingerprint", ""),
            submit=request.POST.get("submit") == "on",
        )
    except (DomainError, PermissionDenied) as exc:
        messages.error(request, str(exc) or _("You may not fill these reports."))
        return redirect("cycle-sheet-upload", pk=pk)
    messages.success(
        request,
        _("%(saved)d reports saved, %(submitted)d submitted.")
        % {"saved": result.saved, "submitted": result.submitted},
    )
    return redirect("cycle-sheet-upload", pk=pk)


urlpatterns = [
    path("cycles/<int:pk>/sheet.xlsx", download, name="cycle-sheet"),
    path("cycles/<int:pk>/sheet/", upload, name="cycle-sheet-upload"),
    path("cycles/<int:pk>/sheet/apply/", apply, name="cycle-sheet-apply"),
]
