"""Filling a cycle offline (填报表), the work behind the pages in ``sheets``: build the unit's
pre-filled workbook, preview a filled one against the reports, apply the preview.

``workbook_for`` gathers the unit's reports into rows for ``sheet_write``. ``preview_sheet``
reads a filled file (``sheet_read``) and says, row by row, what would change and every error
with its sheet, row and column; nothing is saved. ``apply_sheet`` saves the previewed drafts
(and, if asked, submits them) through the reporting services in one transaction: all or
nothing. The file is kept by its SHA-256 between preview and apply (``stash``/``unstash``), read
again on apply and compared with the preview's fingerprint, which holds every changed report's
revision: a report saved by somebody else in between refuses the whole apply.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _

from lantu.core.permissions import acts_for, restrict
from lantu.core.services import DomainError
from lantu.core.templatetags.lantu import period_label
from lantu.division.models import TimeNode
from lantu.indicators.models import Observation
from lantu.organizations.models import Unit
from lantu.projects.models import InvestmentPlan
from lantu.reporting import services
from lantu.reporting.models import Cycle, Report
from lantu.reporting.sheet_columns import (
    KIND_SHEETS,
    ROLE_WORDS,
    STAGE_WORDS,
    STATUS_WORDS,
    heading_of,
    iter_fill_columns,
    join_nodes,
)
from lantu.reporting.sheet_read import CellProblem, SheetRow, read_sheets
from lantu.reporting.sheet_write import write_workbook

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
                "role": ROLE_WORDS.get(report.role, report.role),
                "status": "免报" if report.is_exempt else STATUS_WORDS[report.status],
                "editable": fills and report.is_editable,
            }
            row.update(_context(report, cycle, last, planned))
            for column in iter_fill_columns(report.kind):
                row[column.key] = _shown(report, column.key)
            rows.setdefault(report.kind, []).append(row)
        title = f"{unit.name}{period_label(cycle.year, cycle.period)}填报表"
    return write_workbook(title, rows)


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
        return {"nodes": join_nodes(n.text for n in item.timenodes.all())}
    return {"total": item.total_investment, "planned": planned.get(report.project_id or 0)}


def _shown(report: Report, name: str) -> Any:
    """A field's current value as the sheet writes it."""
    if name == "timenodes_met":
        return join_nodes(n.text for n in report.timenodes_met.all())
    value = getattr(report, name)
    if name == "stage":
        return STAGE_WORDS.get(value, value)
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
    problems: list[CellProblem] = field(default_factory=list)

    @property
    def errors(self) -> list[CellProblem]:
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
    read = read_sheets(data)
    preview.problems = read.problems
    reports = {r.pk: r for r in _reports(cycle, unit, user, "change")}
    seen: dict[int, int] = {}
    for row in read.rows:
        report = reports.get(row.report_id or 0)
        problem = _refuse_row(row, report, seen, unit)
        if problem:
            preview.problems.append(CellProblem(row.sheet, row.number, row.id_where, problem))
            continue
        assert report is not None
        change = _compare(row, report, preview.problems)
        if change is None:
            preview.unchanged += 1
        else:
            preview.rows.append(change)
    return preview


def _refuse_row(row: SheetRow, report: Report | None, seen: dict[int, int], unit: Unit) -> str:
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
            "sheet": KIND_SHEETS[report.kind],
        }
    return ""


def _compare(row: SheetRow, report: Report, problems: list[CellProblem]) -> RowChange | None:
    data: dict[str, Any] = {}
    changes: list[tuple[str, str, str]] = []
    before_problems = len(problems)
    for name, new in row.values.items():
        heading = heading_of(report.kind, name)
        if name == "timenodes_met":
            nodes = {n.text.strip(): n.pk for n in report.item.timenodes.all()}
            unknown = [text for text in new if text not in nodes]
            if unknown:
                message = _("“%(text)s” is not a time node of this task.") % {"text": unknown[0]}
                problems.append(CellProblem(row.sheet, row.number, row.where[name], message))
                continue
            old_ids = sorted(n.pk for n in report.timenodes_met.all())
            new_ids = sorted({nodes[text] for text in new})
            if old_ids != new_ids:
                data[name] = new_ids
                changes.append((heading, _shown(report, name), join_nodes(new)))
            continue
        old = getattr(report, name)
        if isinstance(old, str):
            old = old.replace("\r\n", "\n").strip()
        if old == new or (old is None and new == ""):
            continue
        data[name] = new
        shown = {"stage": STAGE_WORDS}.get(name, {})
        changes.append((heading, shown.get(old, _plain(old)), shown.get(new, _plain(new))))
    period = data.get("invested_period", report.invested_period)
    total = data.get("invested_total", report.invested_total)
    if period is not None and total is not None and total < period and data:
        where = row.where.get("invested_total") or row.where.get("invested_period", "")
        message = _("The total investment cannot be less than this period's.")
        problems.append(CellProblem(row.sheet, row.number, where, message))
    if not changes:
        return None
    if not report.is_editable and len(problems) == before_problems:
        state = _("exempt") if report.is_exempt else report.get_status_display()
        message = _("Report %(id)s is “%(status)s”: it cannot be changed.") % {
            "id": report.pk,
            "status": state,
        }
        problems.append(CellProblem(row.sheet, row.number, row.id_where, message))
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


# ---------------------------------------------------------------- the file until apply


def stash(data: bytes) -> str:
    """Keep an uploaded file for its apply; its SHA-256 names it."""
    digest = hashlib.sha256(data).hexdigest()
    folder = Path(settings.MEDIA_ROOT) / STASH
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{digest}.xlsx").write_bytes(data)
    return digest


def unstash(digest: str) -> bytes:
    """The file kept under ``digest``; 404 for a malformed or unknown digest."""
    if len(digest) != 64 or not all(c in "0123456789abcdef" for c in digest):
        raise Http404
    stored = Path(settings.MEDIA_ROOT) / STASH / f"{digest}.xlsx"
    if not stored.exists():
        raise Http404
    return stored.read_bytes()
