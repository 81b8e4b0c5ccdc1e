"""The warning list as an Excel workbook: the page's columns, filters and order, every row (not
one page of them), and the texts in full where the page shortens them."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from lantu.monitoring.models import Warning
from lantu.reporting.templatetags.reporting import cn_date

WIDTHS = (14, 16, 40, 60, 18, 14)


def header() -> list[str]:
    """The column titles, the words of the page's table head."""
    return [_("raised"), _("cause"), _("item"), _("detail"), _("state"), _("escalated")]


def row(w: Warning) -> list[str]:
    """One warning as the page shows it: the unit under the item, how it closed under the state."""
    item = str(w.item) + (f"\n{w.unit.name}" if w.unit is not None else "")
    state = str(w.get_state_display()) + (f"\n{w.get_closed_how_display()}" if w.closed_how else "")
    return [
        cn_date(w.raised_at),
        str(w.get_cause_display()),
        item,
        w.detail,
        state,
        cn_date(w.escalated_at),
    ]


def warning_book(warnings: Iterable[Warning]) -> bytes:
    """The workbook: one sheet, the header in bold, one line per warning."""
    book = Workbook()
    sheet: Any = book.active
    sheet.title = _("Warnings")[:31]
    sheet.append(header())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for w in warnings:
        sheet.append(row(w))
    wrap = Alignment(wrap_text=True, vertical="top")
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = wrap
    for letter, width in zip("ABCDEF", WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
