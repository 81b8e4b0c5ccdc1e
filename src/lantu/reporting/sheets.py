"""Filling a cycle offline (填报表): download the unit's workbook, upload it, preview, apply.

``cycle-sheet`` hands a unit its reports for the cycle as a pre-filled workbook
(``sheet_io``). ``cycle-sheet-upload`` reads a filled one back and shows, row by row, what
would change and every error with its sheet, row and column; nothing is saved. ``cycle-sheet-
apply`` saves the previewed drafts (and, if asked, submits them) through the reporting
services in one transaction: all or nothing. The file is kept by its SHA-256 between preview
and apply, read again on apply and compared with the preview's fingerprint, which holds every
changed report's revision: a report saved by somebody else in between refuses the whole apply.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
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
from lantu.division.models import TimeNode
from lantu.indicators.models import Observation
from lantu.organizations.models import Unit
from lantu.projects.models import InvestmentPlan
from lantu.reporting import services
from lantu.reporting import sheet_io as io
from lantu.reporting.models import Cycle, Report

MAX_SHEET = 20 * 1024 * 1024
STASH = "reporting-sheets"


# ---------------------------------------------------------------- the workbook


def _reports(cycle: Cycle, unit: Unit, user: Any, action: str) -> list[Report]:
    """The unit's reports in the cycle that ``user`` may ``action``, with what a sheet shows."""
    nodes = Prefetch("task__timenodes", queryset=TimeNode.objects.order_by("due", "sort_order"))
    qs = (
        restrict(Report.objects.filter(cycle=cycle, unit=unit), user, action)
        .select_related("indicator", "task", "project")
        .prefetch_related("timenodes_met", nodes)
        .order_by("id")
    )
    return sorted(qs, key=lambda r: (r.item.sort_order, r.item.pk))


def workbook_for(cycle: Cycle, unit: Unit, user: Any) -> bytes:
    """The unit's pre-filled 填报表 for the cycle: the reports ``user`` may see, open for
    filling where the person is one of the unit's reporters."""
    reports = _reports(cycle, unit, user, "view")
    fills = acts_for(user, "reporter", unit.pk)
    indicators = [r.indicator_id for r in reports if r.indicator_id]
    last: dict[int, Observation] = {}
    for obs in Observation.objects.filter(
        indicator_id__in=indicators, period_end__lt=cycle.period_end
    ).order_by("indicator_id", "-period_end"):
        last.setdefault(obs.indicator_id, obs)
    planned = dict(
        InvestmentPlan.objects.filter(
            project_id__in=[r.project_id for r in reports if r.project_id], year=cycle.year
        ).values_list("project_id", "planned")
    )
    rows: dict[str, list[dict[str, Any]]] = {}
    with translation.override("zh-hans"):
        for report in reports:
            row = {
                "id": report.pk,
                "item": str(report.item),
                "role": io.ROLE_WORDS.get(report.role, report.role),
                "status": "免报" if report.is_exempt else io.STATUS_WORDS[report.status],
                "editable": fills and report.is_editable,
            }
            row.update(_context(report, cycle, last, planned))
            for column in io.iter_fill_columns(report.kind):
                row[column.key] = _shown(report, column.key)
            rows.setdefault(report.kind, []).append(row)
        title = f"{unit.name}{period_label(cycle.year, cycle.period)}填报表"
    return io.write_workbook(title, rows)


def _context(
    report: Report, cycle: Cycle, last: dict[int, Observation], planned: dict[int, Decimal]
) -> dict[str, Any]:
    item = report.item
    if report.kind == "indicator":
        obs = last.get(report.indicator_id or 0)
        when = period_label(obs.year, obs.period) if obs else ""
        return {
            "measure": item.unit,
            "target": item.target_phrase,
            "last": f"{_plain(obs.value)}({when})" if obs and obs.value is not None else "",
        }
    if report.kind == "task":
        return {"nodes": io.join_nodes(n.text for n in item.timenodes.all())}
    return {"total": item.total_investment, "planned": planned.get(report.project_id or 0)}


def _shown(report: Report, name: str) -> Any:
    """A field's current value as the sheet writes it."""
    if name == "timenodes_met":
        return io.join_nodes(n.text for n in report.timenodes_met.all())
    value = getattr(report, name)
    if name == "stage":
        return io.STAGE_WORDS.get(value, value)
    return value


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)


# ---------------------------------------------------------------- preview and apply


@dataclass
class RowChange:
    """One row that changes its report: what, from what, to what."""

    sheet: str
    row: int
    report: Report
    revision: int
    data: dict[str, Any]
    changes: list[tuple[str, str, str]]  # (heading, before, after)

    @property
    def label(self) -> str:
        return str(self.report.item)


@dataclass
class SheetPreview:
    """What applying a filled workbook would do; nothing is written."""

    cycle_id: int
    unit_id: int
    digest: str
    rows: list[RowChange] = field(default_factory=list)
    unchanged: int = 0
    problems: list[io.CellProblem] = field(default_factory=list)

    @property
    def errors(self) -> list[io.CellProblem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def fingerprint(self) -> str:
        """The file and every change with the revision it was computed at, as a hash."""
        digest = hashlib.sha256(f"{self.digest}:{self.cycle_id}:{self.unit_id}".encode())
        for r in self.rows:
            digest.update(repr((r.report.pk, r.revision, sorted(r.data.items()))).encode())
        return digest.hexdigest()


def preview_sheet(data: bytes, *, cycle: Cycle, unit: Unit, user: Any) -> SheetPreview:
    """Read a filled workbook against the unit's reports. Raises ``FileRejected`` for a file
    that is not a safe workbook and PermissionDenied for a person who does not fill them."""
    if not acts_for(user, "reporter", unit.pk):
        raise PermissionDenied(_("Only the unit's reporters fill its reports."))
    preview = SheetPreview(cycle.pk, unit.pk, hashlib.sha256(data).hexdigest())
    read = io.read_sheets(data)
    preview.problems = read.problems
    reports = {r.pk: r for r in _reports(cycle, unit, user, "change")}
    seen: dict[int, int] = {}
    for row in read.rows:
        report = reports.get(row.report_id or 0)
        problem = _refuse_row(row, report, seen, unit)
        if problem:
            preview.problems.append(io.CellProblem(row.sheet, row.number, row.id_where, problem))
            continue
        assert report is not None
        change = _compare(row, report, preview.problems)
        if change is None:
            preview.unchanged += 1
        else:
            preview.rows.append(change)
    return preview


def _refuse_row(row: io.SheetRow, report: Report | None, seen: dict[int, int], unit: Unit) -> str:
    if row.report_id in seen:
        return _("Report %(id)s is also on row %(row)s.") % {
            "id": row.report_id,
            "row": seen[row.report_id or 0],
        }
    seen[row.report_id or 0] = row.number
    if report is None:
        return _("Report %(id)s is not one of %(unit)s's reports in this cycle that you fill.") % {
            "id": row.report_id,
            "unit": unit.name,
        }
    if report.kind != row.kind:
        return _("Report %(id)s is on the wrong sheet: it belongs on “%(sheet)s”.") % {
            "id": report.pk,
            "sheet": io.KIND_SHEETS[report.kind],
        }
    return ""


def _compare(row: io.SheetRow, report: Report, problems: list[io.CellProblem]) -> RowChange | None:
    data: dict[str, Any] = {}
    changes: list[tuple[str, str, str]] = []
    before_problems = len(problems)
    for name, new in row.values.items():
        heading = io.heading_of(report.kind, name)
        if name == "timenodes_met":
            nodes = {n.text.strip(): n.pk for n in report.item.timenodes.all()}
            unknown = [text for text in new if text not in nodes]
            if unknown:
                message = _("“%(text)s” is not a time node of this task.") % {"text": unknown[0]}
                problems.append(io.CellProblem(row.sheet, row.number, row.where[name], message))
                continue
            old_ids = sorted(n.pk for n in report.timenodes_met.all())
            new_ids = sorted({nodes[text] for text in new})
            if old_ids != new_ids:
                data[name] = new_ids
                changes.append((heading, _shown(report, name), io.join_nodes(new)))
            continue
        old = getattr(report, name)
        if isinstance(old, str):
            old = old.replace("\r\n", "\n").strip()
        if old == new or (old is None and new == ""):
            continue
        data[name] = new
        shown = {"stage": io.STAGE_WORDS}.get(name, {})
        changes.append((heading, shown.get(old, _plain(old)), shown.get(new, _plain(new))))
    period = data.get("invested_period", report.invested_period)
    total = data.get("invested_total", report.invested_total)
    if period is not None and total is not None and total < period and data:
        where = row.where.get("invested_total") or row.where.get("invested_period", "")
        message = _("The total investment cannot be less than this period's.")
        problems.append(io.CellProblem(row.sheet, row.number, where, message))
    if not changes:
        return None
    if not report.is_editable and len(problems) == before_problems:
        state = _("exempt") if report.is_exempt else report.get_status_display()
        message = _("Report %(id)s is “%(status)s”: it cannot be changed.") % {
            "id": report.pk,
            "status": state,
        }
        problems.append(io.CellProblem(row.sheet, row.number, row.id_where, message))
    return RowChange(row.sheet, row.number, report, report.revision, data, changes)


class SheetApplyFailed(DomainError):
    """A service refused one row; the transaction is rolled back, nothing was saved."""


@dataclass
class Applied:
    saved: int = 0
    submitted: int = 0


def apply_sheet(
    data: bytes, *, cycle: Cycle, unit: Unit, user: Any, expect: str, submit: bool = False
) -> Applied:
    """Save every previewed change as a draft (and submit it when asked), all or nothing.

    ``expect`` is the fingerprint of the preview the person saw: if the file now reads to
    anything else (a report saved in between), nothing is saved.
    """
    preview = preview_sheet(data, cycle=cycle, unit=unit, user=user)
    if preview.fingerprint != expect:
        raise DomainError(
            _(
                "The reports changed since the preview (somebody saved one of them): nothing was "
                "saved. Upload the file again to see what it would change now."
            )
        )
    if not preview.ok:
        raise DomainError(_("The file has errors: nothing was saved."))
    result = Applied()
    with transaction.atomic():
        for row in preview.rows:
            try:
                saved = services.save_draft(
                    report=row.report, by=user, data=dict(row.data), revision=row.revision
                )
                result.saved += 1
                if submit:
                    services.submit(report=saved, by=user, revision=saved.revision)
                    result.submitted += 1
            except (DomainError, PermissionDenied) as exc:
                where = _("Sheet “%(sheet)s”, row %(row)s (%(item)s)") % {
                    "sheet": row.sheet,
                    "row": row.row,
                    "item": row.label,
                }
                raise SheetApplyFailed(
                    _("%(where)s: %(message)s Nothing was saved.")
                    % {"where": where, "message": str(exc)}
                ) from exc
    return result


# ---------------------------------------------------------------- pages


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


def _stash(data: bytes) -> str:
    digest = hashlib.sha256(data).hexdigest()
    folder = Path(settings.MEDIA_ROOT) / STASH
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{digest}.xlsx").write_bytes(data)
    return digest


def _unstash(digest: str) -> bytes:
    if len(digest) != 64 or not all(c in "0123456789abcdef" for c in digest):
        raise Http404
    stored = Path(settings.MEDIA_ROOT) / STASH / f"{digest}.xlsx"
    if not stored.exists():
        raise Http404
    return stored.read_bytes()


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
            digest = _stash(data) if preview.ok else None
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
    data = _unstash(request.POST.get("digest", ""))
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
