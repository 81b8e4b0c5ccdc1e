"""The dashboards as Excel workbooks, with the same figures and lists as the pages."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from lantu.monitoring import overview as ov
from lantu.monitoring import portfolio as pf
from lantu.reporting.templatetags.reporting import cn_date

BOLD = Font(bold=True)
KINDS = {"indicator": _l("Indicators"), "task": _l("Key tasks"), "project": _l("Major projects")}


def _sheet(book: Workbook, title: str, first: bool = False) -> Worksheet:
    # Excel sheet names: at most 31 characters, none of []:*?/\
    clean = "".join(c for c in title if c not in "[]:*?/\\")[:31]
    if first:
        sheet = book.active
        assert sheet is not None
        sheet.title = clean
        return sheet
    return book.create_sheet(clean)


def _rows(sheet: Worksheet, header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> None:
    sheet.append([str(h) for h in header])
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    for row in rows:
        sheet.append([_cell(v) for v in row])
    sheet.append([])


def _verdict(mid: dict[str, Any]) -> str:
    """The mid-year check's verdict as the page words it."""
    if mid["ratio"] is None:
        return _("no dated tasks to check")
    if not mid["due"]:
        return _("before mid-year")
    return pgettext("check", "met") if mid["met"] else pgettext("check", "not met")


def _shown(value: Any) -> Any:
    """A figure as the page shows it: a dash where there is none (before the plan began)."""
    return "—" if value is None else value


def _cell(value: Any) -> Any:
    """Numbers stay numbers (Decimal as Excel's number, shown with its decimals); the rest is
    text."""
    if isinstance(value, Decimal):
        return float(value)
    return value if isinstance(value, int | float) or value is None else str(value)


def _save(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def item_rows(items: Iterable[Any]) -> list[list[Any]]:
    """Name, status, light, lead units and the rule, as in the item lists on the pages."""
    rows = []
    for x in items:
        j = x.judgement  # a stored standing (None for an item not judged yet)
        light = str(ov.LIGHT_NAMES[ov.light_of(x)]) if j is not None else ""
        status, rule = (str(j.status), j.explanation) if j is not None else ("", "")
        rows.append([x.label, status, light, pf.lead_units(x), rule])
    return rows


def _header() -> list[str]:
    return [_("item"), _("status"), _("light"), _("lead unit"), _("rule")]


def overview_xlsx(ctx: dict[str, Any]) -> bytes:
    """The overview: each chart's table, the indicators at risk, the mid-year check, the
    comparison with last year, investment, and the list being shown (``?show=``)."""
    book = Workbook()
    sheet = _sheet(book, _("Overview"), first=True)
    sheet.append([ctx["plan"].name, cn_date(ctx["as_of"])])
    sheet.append([_("Figures and statuses use accepted reports only.")])
    sheet.append([])
    for chart in ctx["charts"]:
        sheet.append([chart.title])
        sheet[sheet.max_row][0].font = BOLD
        _rows(
            sheet,
            ["", *(s["name"] for s in chart.series)],
            ([cat, *(c["value"] for c in cells)] for cat, _url, cells in chart.rows()),
        )
    inv = ctx["projects"]
    _rows(
        sheet,
        [_("Investment this year"), _("planned"), _("time-proportional"), _("completed"), "%"],
        [["", inv["planned"], inv["schedule"], inv["completed"], inv["ratio"]]],
    )
    mid = ctx["midyear"]
    _rows(
        sheet,
        [
            _("Mid-year check"),
            _("year gone (%)"),
            _("keeping pace"),
            _("behind"),
            _("not counted"),
            _("met"),
        ],
        [
            [
                "",
                mid["share"],
                mid["pace"].count,
                mid["slow"].count,
                mid["undated"].count,
                _verdict(mid),
            ]
        ],
    )
    cmp = ctx["compare"]
    _rows(
        sheet,
        [_("Indicators by light"), cn_date(cmp["date"]), cn_date(ctx["as_of"])],
        ([label, _shown(then["value"]), now["value"]] for label, then, now in cmp["rows"]),
    )
    _rows(
        sheet,
        [_("Compared with the same point last year"), cn_date(cmp["date"]), cn_date(ctx["as_of"])],
        [
            [_("key tasks completed"), _shown(cmp["done_then"]), cmp["done_now"]],
            [
                _("time nodes of unfinished key tasks overdue"),
                _shown(cmp["nodes_then"]),
                cmp["nodes_now"],
            ],
            [_("projects with stage dates missed"), _shown(cmp["late_then"]), cmp["late_now"]],
        ],
    )
    _rows(_sheet(book, _("Indicators at risk")), _header(), item_rows(ctx["at_risk"].items))
    if ctx.get("shown") is not None:
        shown = ctx["shown"]
        _rows(_sheet(book, shown.title), _header(), item_rows(shown.items))
    return _save(book)


def unit_xlsx(ctx: dict[str, Any]) -> bytes:
    """A unit's items, one sheet per kind, with its role on each."""
    book = Workbook()
    first = True
    for section in ctx["sections"]:
        sheet = _sheet(book, str(KINDS[section.kind]), first=first)
        first = False
        items = section.items
        rows = [[*r, x.role_here] for r, x in zip(item_rows(items), items, strict=True)]
        _rows(sheet, [*_header(), _("role")], rows)
    return _save(book)


def leader_xlsx(ctx: dict[str, Any]) -> bytes:
    """The units side by side: items by light and those behind."""
    book = Workbook()
    sheet = _sheet(book, _("Units"), first=True)
    header = [
        _("unit"),
        _("items"),
        *(str(label) for _k, label in ctx["lights"]),
        _("behind"),
        _("open warnings"),
        _("escalated"),
    ]
    _rows(
        sheet,
        header,
        (
            [
                r["unit"].name,
                r["total"],
                *(n for _k, n in r["lights"]),
                r["behind"],
                r["warnings"],
                r["escalated"],
            ]
            for r in ctx["rows"]
        ),
    )
    return _save(book)
