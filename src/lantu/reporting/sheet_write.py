"""Writing a unit's 填报表 (the layout is described in ``sheet_columns``).

The rows come pre-filled; the cells the unit fills are unlocked and shaded on rows still open
for filling, with drop-down lists and number checks where Excel can help. The sheet is
protected without a password: the lock guides the person, the server checks every cell anyway.
Nothing here touches the database: ``sheet_services.workbook_for`` gathers the rows.
"""

from __future__ import annotations

import io
from typing import Any

from lantu.ingest.division_xlsx import escape_formula
from lantu.ingest.safety import column_letters
from lantu.reporting.sheet_columns import COLUMNS, KIND_SHEETS, STAGE_WORDS, Column

HEADER_ROW = 2
HEAD_STYLE, BODY_STYLE, FILL_STYLE = "填报表表头", "填报表正文", "填报表填写"


def write_workbook(title: str, rows: dict[str, list[dict[str, Any]]]) -> bytes:
    """The workbook: ``rows`` by kind, each row a dict of column key -> value, plus
    ``editable`` (whether the report is still open for filling)."""
    from openpyxl import Workbook

    book = Workbook()
    _add_styles(book)
    first = True
    for kind in KIND_SHEETS:
        if not rows.get(kind):
            continue
        sheet = book.active if first else book.create_sheet()
        first = False
        _write_sheet(sheet, kind, title, rows[kind])
    if first:  # nothing to fill: one empty sheet still explains itself
        book.active.title = "说明"
        book.active["A1"] = f"{title}:没有需要填报的事项"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _add_styles(book: Any) -> None:
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    top = Alignment(vertical="top", wrap_text=True)
    for style in (
        NamedStyle(
            HEAD_STYLE,
            font=Font(name="黑体", size=11, bold=True),
            fill=PatternFill("solid", fgColor="E8ECF2"),
            alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
            border=border,
        ),
        NamedStyle(BODY_STYLE, font=Font(name="宋体", size=10.5), alignment=top, border=border),
        NamedStyle(
            FILL_STYLE,
            font=Font(name="宋体", size=10.5),
            fill=PatternFill("solid", fgColor="FFF8DC"),
            alignment=top,
            border=border,
            protection=Protection(locked=False),
        ),
    ):
        book.add_named_style(style)


def _write_sheet(sheet: Any, kind: str, title: str, rows: list[dict[str, Any]]) -> None:
    from openpyxl.styles import Alignment, Font

    columns = COLUMNS[kind]
    last = column_letters(len(columns))
    sheet.title = KIND_SHEETS[kind]
    sheet.append([f"{title}({KIND_SHEETS[kind]})"])
    sheet.merge_cells(f"A1:{last}1")
    sheet["A1"].font = Font(name="黑体", size=14, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 28
    sheet.append([c.heading for c in columns])
    for cell in sheet[HEADER_ROW]:
        cell.style = HEAD_STYLE
    for row in rows:
        sheet.append([_cell_value(row.get(c.key)) for c in columns])
    for number, row in enumerate(rows, start=HEADER_ROW + 1):
        for index, column in enumerate(columns, start=1):
            cell = sheet.cell(row=number, column=index)
            cell.style = FILL_STYLE if column.fill and row.get("editable") else BODY_STYLE
            if column.kind == "date":
                cell.number_format = "yyyy-mm-dd"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[column_letters(index)].width = column.width
    sheet.column_dimensions["A"].hidden = True
    sheet.freeze_panes = "C3"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    _add_validations(sheet, columns, HEADER_ROW + len(rows))
    # Locked cells (the id, the context) cannot be typed over; widths and heights still can.
    protection = sheet.protection
    protection.sheet = True
    protection.formatColumns = protection.formatRows = protection.formatCells = False
    protection.autoFilter = protection.sort = False


def _add_validations(sheet: Any, columns: tuple[Column, ...], last_row: int) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    if last_row <= HEADER_ROW:
        return
    for index, column in enumerate(columns, start=1):
        letter = column_letters(index)
        area = f"{letter}{HEADER_ROW + 1}:{letter}{last_row}"
        if column.kind == "stage":
            rule = DataValidation(
                type="list",
                formula1='"' + ",".join(STAGE_WORDS.values()) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="形象进度",
                error="请从列表中选择:" + "、".join(STAGE_WORDS.values()),
            )
        elif column.kind == "percent":
            rule = DataValidation(
                type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True
            )
            rule.error, rule.errorTitle, rule.showErrorMessage = (
                "进度为0至100之间的数",
                "进度",
                True,
            )
        elif column.kind == "money":
            rule = DataValidation(
                type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True
            )
            rule.error, rule.errorTitle, rule.showErrorMessage = "投资不能为负数", "投资", True
        else:
            continue
        rule.add(area)
        sheet.add_data_validation(rule)


def _cell_value(value: Any) -> Any:
    if isinstance(value, str):
        return escape_formula(value)
    return value
