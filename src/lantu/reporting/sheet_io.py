"""A unit's reports for one cycle as a workbook (填报表): written pre-filled, read back by cell.

Layout: one sheet per kind present (指标, 任务, 项目); a title row, the header row (frozen with
the item's name beside it), one row per report. Column A, 报告编号, holds the report's id, hidden
and locked: it is how a row finds its report again, whatever the person does to the order of
the rows. The context columns (item, role, target, last accepted figure, time nodes, this
year's planned investment, status) are locked; the columns the unit fills are unlocked and
shaded, on rows still open for filling only. The sheet is protected without a password: the
lock guides the person, the server checks every cell anyway.

Conventions in the cells:

- 已完成的时间节点: the texts of the task's time nodes that were met, separated by "；" (the
  texts are listed in 时间节点 beside it);
- 形象进度: one of 前期, 开工, 竣工, 投用, picked from a drop-down list;
- 进度(%): a number from 0 to 100 ("30" or "30%"); money in 万元;
- text beginning with = + - @ is written with a leading ' so that Excel never runs it.

Reading back goes through ``safety.scan_xlsx`` and python-calamine (values only, formulas never
evaluated: a formula cell gives the result Excel saved, or an error when there is none). A sheet
is recognised by its 报告编号 heading within its first rows, columns by their headings in any
order; a fillable column that is absent leaves that field alone. Nothing here touches the
database: ``lantu.reporting.sheets`` compares what is read with the reports.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from lantu.ingest.division_xlsx import cell_text, escape_formula, heading_key, read_workbook
from lantu.ingest.safety import column_letters

KIND_SHEETS = {"indicator": "指标", "task": "任务", "project": "项目"}
STATUS_WORDS = {
    "draft": "填报中",
    "submitted": "待审核",
    "approved": "待受理",
    "accepted": "已受理",
    "returned": "已退回",
}
ROLE_WORDS = {"lead": "牵头", "cooperating": "配合", "responsible": "责任"}
STAGE_WORDS = {"preparation": "前期", "started": "开工", "completed": "竣工", "in_use": "投用"}
NODE_SEPARATOR = "；"
NODE_SPLIT = re.compile(r"[;；\n\r]+")
HEADER_ROW = 2
HEADER_SEARCH_ROWS = 10
HEAD_STYLE, BODY_STYLE, FILL_STYLE = "填报表表头", "填报表正文", "填报表填写"


@dataclass(frozen=True)
class Column:
    """One column of a sheet: a report field the unit fills (``fill``) or context."""

    key: str
    heading: str
    width: float
    fill: bool = False
    kind: str = "text"  # text, number, percent, money, date, stage, nodes
    digits: tuple[int, int] = (0, 0)  # a number's (max_digits, decimal_places), as the model's
    max_length: int = 0


def _context(key: str, heading: str, width: float) -> Column:
    return Column(key, heading, width)


ID = Column("id", "报告编号", 10)
COLUMNS: dict[str, tuple[Column, ...]] = {
    "indicator": (
        ID,
        _context("item", "指标名称", 30),
        _context("role", "角色", 7),
        _context("measure", "计量单位", 9),
        _context("target", "目标", 18),
        _context("last", "上期受理值", 18),
        _context("status", "状态", 9),
        Column("value", "数值", 14, True, "number", (20, 4)),
        Column("source", "数据来源", 18, True, max_length=200),
        Column("note", "备注", 24, True),
        Column("explanation", "情况说明", 30, True),
    ),
    "task": (
        ID,
        _context("item", "任务名称", 34),
        _context("role", "角色", 7),
        _context("nodes", "时间节点", 20),
        _context("status", "状态", 9),
        Column("done", "完成情况", 40, True),
        Column("progress", "进度(%)", 10, True, "percent", (5, 2)),
        Column("timenodes_met", "已完成的时间节点", 20, True, "nodes"),
        Column("problems", "存在问题", 26, True),
        Column("next_steps", "下步计划", 26, True),
    ),
    "project": (
        ID,
        _context("item", "项目名称", 28),
        _context("role", "角色", 7),
        _context("total", "总投资(万元)", 13),
        _context("planned", "本年计划投资(万元)", 14),
        _context("status", "状态", 9),
        Column("invested_period", "本期完成投资(万元)", 14, True, "money", (16, 2)),
        Column("invested_total", "累计完成投资(万元)", 14, True, "money", (16, 2)),
        Column("stage", "形象进度", 10, True, "stage"),
        Column("stage_reached_on", "达到日期", 12, True, "date"),
        Column("problems", "存在问题", 26, True),
        Column("help_needed", "需协调解决的问题", 26, True),
    ),
}


def heading_of(kind: str, key: str) -> str:
    return next(c.heading for c in COLUMNS[kind] if c.key == key)


# ---------------------------------------------------------------- writing


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


# ---------------------------------------------------------------- reading back


@dataclass(frozen=True)
class CellProblem:
    """Something wrong in the file (``error``: nothing can be applied) or doubtful."""

    sheet: str
    row: int | None
    column: str  # "H (数值)", or "" for the whole row or sheet
    message: str
    level: str = "error"

    def __str__(self) -> str:
        if self.row and self.column:
            where = _("Sheet “%(sheet)s”, row %(row)s, column %(column)s") % {
                "sheet": self.sheet,
                "row": self.row,
                "column": self.column,
            }
        elif self.row:
            where = _("Sheet “%(sheet)s”, row %(row)s") % {"sheet": self.sheet, "row": self.row}
        elif self.sheet:
            where = _("Sheet “%(sheet)s”") % {"sheet": self.sheet}
        else:
            return self.message
        return f"{where}: {self.message}"


@dataclass
class SheetRow:
    """One data row as read: the report id, and each fill column's value as typed."""

    sheet: str
    number: int  # as Excel numbers it
    kind: str  # the sheet's kind
    report_id: int | None
    values: dict[str, Any] = field(default_factory=dict)  # field -> parsed value
    where: dict[str, str] = field(default_factory=dict)  # field -> "H (数值)"
    id_where: str = ""


@dataclass
class SheetRead:
    rows: list[SheetRow] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)


_ALL_FILL = {heading_key(c.heading): c for cols in COLUMNS.values() for c in cols if c.fill}
_SHEET_KINDS = {name: kind for kind, name in KIND_SHEETS.items()}


def read_sheets(data: bytes) -> SheetRead:
    """Every data row of every recognised sheet; problems name sheet, row and column.

    Raises ``FileRejected`` (a DomainError) for a file that is not a safe .xlsx workbook.
    """
    result = SheetRead()
    recognised = 0
    for sheet in read_workbook(data):
        header: tuple[str, int, dict[int, Column]] | None = None
        for number, values in sheet.rows:
            if header is None:
                if number <= HEADER_SEARCH_ROWS:
                    header = _recognise(sheet.name, values)
                if header is None and number >= HEADER_SEARCH_ROWS:
                    break
                continue
            if not any(v not in ("", None) for v in values):
                continue
            row = _read_row(sheet, number, values, header, result.problems)
            if row is not None:
                result.rows.append(row)
        if header is not None:
            recognised += 1
    if not recognised:
        result.problems.append(
            CellProblem(
                "", None, "", _("No sheet of the workbook has the 报告编号 column of a 填报表.")
            )
        )
    return result


def _recognise(name: str, values: list[Any]) -> tuple[str, int, dict[int, Column]] | None:
    keys = [heading_key(cell_text(v)) for v in values]
    id_key = heading_key(ID.heading)
    if id_key not in keys:
        return None
    columns = {i: _ALL_FILL[k] for i, k in enumerate(keys) if k in _ALL_FILL}
    kind = _SHEET_KINDS.get(name.strip())
    if kind is None:
        fills = {c.key for c in columns.values()}
        kind = max(KIND_SHEETS, key=lambda k: len(fills & {c.key for c in COLUMNS[k] if c.fill}))
    # A heading shared by two kinds (存在问题) means the field of this sheet's kind.
    own = {heading_key(c.heading): c for c in COLUMNS[kind] if c.fill}
    columns = {i: own.get(keys[i], c) for i, c in columns.items()}
    return kind, keys.index(id_key), columns


def _read_row(
    sheet: Any,
    number: int,
    values: list[Any],
    header: tuple[str, int, dict[int, Column]],
    problems: list[CellProblem],
) -> SheetRow | None:
    kind, id_index, columns = header

    def where(index: int, heading: str) -> str:
        return f"{column_letters(sheet.first_column + index)} ({heading})"

    def fail(at: str, message: str) -> None:
        problems.append(CellProblem(sheet.name, number, at, message))

    row = SheetRow(sheet.name, number, kind, None, id_where=where(id_index, ID.heading))
    raw_id = values[id_index] if id_index < len(values) else None
    for index, column in columns.items():
        raw = values[index] if index < len(values) else None
        row.where[column.key] = where(index, column.heading)
        formula = sheet.formulas.get((number, sheet.first_column + index))
        if formula is not None and raw in ("", None):
            message = _("The formula %(formula)s has no saved result; type the value itself.")
            fail(row.where[column.key], message % {"formula": formula})
            continue
        try:
            row.values[column.key] = parse_cell(column, raw)
        except ValueError as exc:
            fail(row.where[column.key], str(exc))
    if raw_id in ("", None):
        if any(v not in (None, "", []) for v in row.values.values()):
            message = _("The row has no report id: rows cannot be added in the sheet; "
                        "download the workbook again to get every report.")  # fmt: skip
            fail(row.id_where, message)
        return None
    try:
        row.report_id = _parse_id(raw_id)
    except ValueError:
        fail(row.id_where, _("“%(value)s” is not a report id.") % {"value": cell_text(raw_id)})
        return None
    return row


def _parse_id(raw: Any) -> int:
    if isinstance(raw, bool):
        raise ValueError
    if isinstance(raw, float):
        if not raw.is_integer():
            raise ValueError
        return int(raw)
    if isinstance(raw, int):
        return raw
    return int(str(raw).strip())


def parse_cell(column: Column, raw: Any) -> Any:
    """The cell's value as the report field takes it; ValueError with a message when wrong."""
    if column.kind == "text":
        text = cell_text(raw)
        if column.max_length and len(text) > column.max_length:
            raise ValueError(
                _("At most %(count)d characters (this cell has %(found)d).")
                % {"count": column.max_length, "found": len(text)}
            )
        return text
    if column.kind in {"number", "percent", "money"}:
        value = parse_decimal(raw, column.digits, percent=column.kind == "percent")
        if value is not None and column.kind == "percent" and not 0 <= value <= 100:
            raise ValueError(_("Progress is a percentage between 0 and 100."))
        if value is not None and column.kind == "money" and value < 0:
            raise ValueError(_("Investment cannot be negative."))
        return value
    if column.kind == "date":
        return parse_date(raw)
    if column.kind == "stage":
        return parse_stage(raw)
    if column.kind == "nodes":
        return node_texts(cell_text(raw))
    raise AssertionError(column.kind)


def parse_decimal(raw: Any, digits: tuple[int, int], *, percent: bool = False) -> Decimal | None:
    """A number from a numeric cell or from text (1,234.5; ３０％), rounded to the field's
    decimal places; None for an empty cell."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, (bool, dt.date)):
        raise ValueError(_("“%(value)s” is not a number.") % {"value": cell_text(raw)})
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise ValueError(_("“%(value)s” is not a number.") % {"value": raw})
        value = Decimal(repr(raw))
    elif isinstance(raw, int):
        value = Decimal(raw)
    else:
        text = unicodedata.normalize("NFKC", str(raw)).strip().replace(",", "").replace(" ", "")
        if percent:
            text = text.removesuffix("%")
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = Decimal("NaN")
        if not value.is_finite():
            raise ValueError(_("“%(value)s” is not a number.") % {"value": str(raw).strip()})
    max_digits, places = digits
    value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if abs(value) >= Decimal(10) ** (max_digits - places):
        raise ValueError(_("The number %(value)s is too large.") % {"value": value})
    return value


DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def parse_date(raw: Any) -> dt.date | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = unicodedata.normalize("NFKC", cell_text(raw))
    match = DATE_TEXT.match(text)
    if match:
        try:
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    raise ValueError(_("“%(value)s” is not a date (write it as 2026-07-01).") % {"value": text})


_STAGES = {heading_key(word): code for code, word in STAGE_WORDS.items()} | {
    code: code for code in STAGE_WORDS
}


def parse_stage(raw: Any) -> str:
    text = cell_text(raw)
    if not text:
        return ""
    code = _STAGES.get(heading_key(text))
    if code is None:
        raise ValueError(
            _("“%(value)s” is not a stage; choose one of %(stages)s.")
            % {"value": text, "stages": "、".join(STAGE_WORDS.values())}
        )
    return code


def node_texts(text: str) -> list[str]:
    """The texts of a 已完成的时间节点 cell, in order, without repeats."""
    seen: list[str] = []
    for part in NODE_SPLIT.split(text):
        part = part.strip()
        if part and part not in seen:
            seen.append(part)
    return seen


def join_nodes(texts: Iterable[str]) -> str:
    return NODE_SEPARATOR.join(texts)


def iter_fill_columns(kind: str) -> Iterator[Column]:
    return (c for c in COLUMNS[kind] if c.fill)
