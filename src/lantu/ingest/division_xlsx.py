"""The 分工方案 as a workbook: written, and read back row by row.

Layout of an exported sheet: a title row, the header row (frozen, filtered, repeated when
printed), one row per item; the tables and their notation come from ``division_docx``. The last
column, 编号 (``I-45``, ``T-123``, ``P-7``), is the row's identity for the round trip; a
hand-made row may leave it empty and is then matched by content. Unit columns carry drop-down
lists fed by a hidden 单位列表 sheet; they accept typed text too (A、B, or 单位(责任)).

A text cell beginning with = + - @ or a tab or carriage return is written with a leading single
quote so that Excel shows it as text and never runs it; reading strips it back.

Reading back: a sheet is recognised by its header row, found within its first 20 rows, in any
column order, extra columns ignored, whatever the sheet is called: it needs 牵头单位 (or
责任单位, for a hand-made sheet that keeps sole responsible units apart) and 内容 or 编号.
Its kind comes from its headings (属性/基期值 → main indicators, 原文 → text targets,
总投资/建设内容 → projects, else key tasks), failing that from its name. Cells are read through
``safety.scan_xlsx`` and python-calamine: values only, formulas never evaluated; a formula cell
gives its formula text, literally, with a warning.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from lantu.ingest.division_docx import DivisionTable, division_tables
from lantu.ingest.safety import SheetScan, column_letters, scan_xlsx
from lantu.ingest.units_match import normalise

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
UNITS_SHEET = "单位列表"
HEAD_STYLE, BODY_STYLE, KEY_STYLE = "分工表表头", "分工表正文", "分工表编号"


def escape_formula(text: str) -> str:
    """Text that Excel will never take as a formula: a leading ' before = + - @ tab CR."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unescape_formula(text: str) -> str:
    """The text ``escape_formula`` was given."""
    return text[1:] if text.startswith("'") and text[1:2] in FORMULA_STARTS and text[1:] else text


# ---------------------------------------------------------------- export


def export_division_xlsx(version: Any, *, user: Any) -> bytes:
    """The division of ``version`` as an .xlsx workbook (only the rows ``user`` may view).

    One sheet each for 主要指标, 量化目标, 重点任务 and 重大项目, with a hidden 单位列表 sheet
    feeding drop-down lists of unit names on the unit columns.
    """
    from openpyxl import Workbook

    tables = division_tables(version, user=user)
    book = Workbook()
    _add_styles(book)
    units = _unit_names(version)
    first = True
    for table in tables:
        sheet = book.active if first else book.create_sheet()
        first = False
        _write_table(sheet, table, version, len(units))
    listing = book.create_sheet(UNITS_SHEET)
    listing.append(["单位名称"])
    for name in units:
        listing.append([escape_formula(name)])
    listing.column_dimensions["A"].width = 36
    listing.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _unit_names(version: Any) -> list[str]:
    from lantu.organizations.models import Unit

    return list(
        Unit.objects.filter(region_id=version.region_id, is_archived=False)
        .order_by("sort_order", "id")
        .values_list("name", flat=True)
    )


def _add_styles(book: Any) -> None:
    """Named styles for header, body and key cells: one per cell is set by name, which is
    ten times faster than setting font, border and alignment on every cell."""
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

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
            KEY_STYLE, font=Font(name="宋体", size=9, color="808080"), alignment=top, border=border
        ),
    ):
        book.add_named_style(style)


def _write_table(sheet: Any, table: DivisionTable, version: Any, unit_count: int) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    spec = table.spec
    columns = spec.columns
    last = column_letters(len(columns))
    sheet.title = spec.title
    plan = version.plan
    sheet.append([f"{plan.short_name or plan.name}{spec.title}分工表"])
    sheet.merge_cells(f"A1:{last}1")
    sheet["A1"].font = Font(name="黑体", size=16, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 32
    sheet.append([c.heading for c in columns])
    for cell in sheet[2]:
        cell.style = HEAD_STYLE
    for row in table.rows:
        sheet.append([_cell_value(row.get(c.key)) for c in columns])
    styles = [KEY_STYLE if c.key == "key" else BODY_STYLE for c in columns]
    for cells in sheet.iter_rows(min_row=3, max_row=len(table.rows) + 2):
        for cell, style in zip(cells, styles, strict=True):
            cell.style = style
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[column_letters(index)].width = column.width
        if column.note:
            sheet.cell(row=2, column=index).comment = Comment(column.note, "lantu")
    sheet.freeze_panes = "A3"
    sheet.auto_filter.ref = f"A2:{last}{len(table.rows) + 2}"
    sheet.print_title_rows = "2:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    end = len(table.rows) + 502  # room for rows added by hand
    for key in ("lead", "coop"):
        index = next(i for i, c in enumerate(columns, start=1) if c.key == key)
        letter = column_letters(index)
        rule = DataValidation(
            type="list",
            formula1=f"'{UNITS_SHEET}'!$A$2:$A${unit_count + 1}",
            allow_blank=True,
            showErrorMessage=False,  # several units (A、B) and 单位(责任) are typed, not picked
            promptTitle="单位",
            prompt="从列表选择单位;多个单位用“、”分隔",
            showInputMessage=True,
        )
        rule.add(f"{letter}3:{letter}{end}")
        sheet.add_data_validation(rule)


def _cell_value(value: Any) -> Any:
    if isinstance(value, str):
        return escape_formula(value)
    return value


# ---------------------------------------------------------------- reading back

HEADINGS: dict[str, tuple[str, ...]] = {
    "key": ("编号", "系统编号", "标识", "id"),
    "seq": ("序号",),
    "content": (
        "内容",
        "名称",
        "事项",
        "指标",
        "指标名称",
        "主要指标",
        "量化目标",
        "任务",
        "重点任务",
        "任务名称",
        "工作任务",
        "项目",
        "项目名称",
        "重大项目",
    ),
    "lead": ("牵头单位", "牵头部门", "牵头", "牵头责任单位", "牵头单位部门"),
    "responsible": ("责任单位", "责任部门", "责任主体"),
    "coop": ("配合单位", "配合部门", "配合", "协同单位", "协办单位", "参与单位", "配合单位部门"),
    "nodes": ("时间节点", "完成时限", "完成时间", "时间要求", "时限", "进度安排"),
}
KIND_HEADINGS = (
    (
        "project",
        ("总投资万元", "总投资", "建设内容", "计划开工", "计划竣工", "项目名称", "重大项目"),
    ),
    ("main", ("属性", "指标属性", "基期值", "目标值", "年均累计", "主要指标", "指标名称")),
    ("text", ("原文", "量化目标")),
)
NAME_HINTS = (("量化", "text"), ("指标", "main"), ("项目", "project"), ("任务", "task"))
SOURCES = {"main": "main_table", "text": "text"}
HEADER_SEARCH_ROWS = 20
COLUMN_WORDS = {"key": "编号", "content": "内容", "lead": "牵头单位", "coop": "配合单位"}


def heading_key(text: str) -> str:
    """A heading as compared: no spaces, punctuation or brackets, half-width."""
    return normalise(text).replace("(", "").replace(")", "")


@dataclass(frozen=True)
class Problem:
    """Something wrong (``error``: blocks applying) or doubtful (``warning``) in the file."""

    sheet: str
    row: int | None
    column: str | None
    message: str
    level: str = "error"

    def __str__(self) -> str:
        where = f"工作表“{self.sheet}”" if self.sheet else ""
        if self.row:
            where += f" 第{self.row}行"
        if self.column:
            where += f" {self.column}"
        return f"{where}:{self.message}" if where else self.message


@dataclass
class SheetRow:
    """One data row of a recognised sheet, read lazily column by column."""

    sheet: str
    number: int
    item: str  # indicator, task, project
    source: str  # for indicators: main_table or text, as the sheet says
    values: list[Any]
    columns: dict[str, int]  # column key -> index into values
    headings: dict[str, str]  # column key -> "牵头单位(J列)"
    first_column: int
    formulas: dict[tuple[int, int], str]
    problems: list[Problem]
    _texts: dict[str, str] = field(default_factory=dict)

    def has(self, key: str) -> bool:
        return key in self.columns

    def text(self, key: str) -> str:
        """The cell's text; a formula cell gives its formula, literally, with a warning."""
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = self._read(key)
        return text

    def _read(self, key: str) -> str:
        index = self.columns.get(key)
        if index is None:
            return ""
        formula = (
            self.formulas.get((self.number, self.first_column + index)) if self.formulas else None
        )
        if formula is not None:
            self.warn(key, f"单元格是公式“{formula}”,按文字处理,不计算")
            return formula
        raw = values_at(self.values, index)
        if isinstance(raw, str) and raw.lstrip().startswith(("=", "+", "@")):
            self.warn(key, f"“{raw.strip()[:30]}”像公式,按文字处理")
        return cell_text(raw)

    def has_division(self) -> bool:
        return any(self.text(k) for k in ("lead", "responsible", "coop", "nodes"))

    def error(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.sheet, self.number, self._where(key), message))

    def warn(self, key: str, message: str) -> None:
        where = self._where(key)
        problem = Problem(self.sheet, self.number, where, message, "warning")
        if problem not in self.problems[-3:]:
            self.problems.append(problem)

    def _where(self, key: str) -> str:
        return self.headings.get(key) or COLUMN_WORDS.get(key, key)


def read_division_rows(data: bytes, problems: list[Problem]) -> Iterator[SheetRow]:
    """The data rows of every recognisable division sheet, streamed; sheet-level problems
    (no header found, no sheet at all) are appended to ``problems``."""
    recognised = 0
    for sheet in read_workbook(data):
        header = None
        for number, values in sheet.rows:
            if header is None:
                if number <= HEADER_SEARCH_ROWS:
                    header = _recognise(sheet, values)
                if header is None and number >= HEADER_SEARCH_ROWS:
                    break
                continue
            if not any(v not in ("", None) for v in values):
                continue
            kind, columns, headings = header
            yield SheetRow(
                sheet.name,
                number,
                _ITEMS[kind],
                SOURCES.get(kind, ""),
                values,
                columns,
                headings,
                sheet.first_column,
                sheet.formulas,
                problems,
            )
        if header is not None:
            recognised += 1
        elif sheet.name != UNITS_SHEET:
            problems.append(
                Problem(
                    sheet.name,
                    None,
                    None,
                    "没有找到表头(需有“内容”或“编号”及“牵头单位”),已跳过",
                    "warning",
                )
            )
    if not recognised:
        problems.append(
            Problem(
                "", None, None, "文件中没有可识别的分工表:表头需有“内容”或“编号”,以及“牵头单位”"
            )
        )


_ITEMS = {"main": "indicator", "text": "indicator", "task": "task", "project": "project"}
_ALIASES = {heading_key(alias): key for key, aliases in HEADINGS.items() for alias in aliases}


def _recognise(
    sheet: RawSheet, values: list[Any]
) -> tuple[str, dict[str, int], dict[str, str]] | None:
    keys = [heading_key(cell_text(v)) for v in values]
    columns: dict[str, int] = {}
    headings: dict[str, str] = {}
    for index, key in enumerate(keys):
        column = _ALIASES.get(key)
        if column and column not in columns:
            columns[column] = index
            letter = column_letters(sheet.first_column + index)
            headings[column] = f"{cell_text(values[index])}({letter}列)"
    if not ({"lead", "responsible"} & set(columns) and {"content", "key"} & set(columns)):
        return None
    present = set(keys)
    kind = next((k for k, words in KIND_HEADINGS if present & set(words)), None)
    if kind is None:
        kind = next((k for hint, k in NAME_HINTS if hint in sheet.name), "task")
    return kind, columns, headings


@dataclass
class RawSheet:
    """One worksheet as read: its name, the scan's formula cells and a stream of rows.

    ``rows`` yields ``(row number, values)``, the row number 1-based as Excel shows it and the
    values starting at column ``first_column`` (1-based).
    """

    name: str
    first_column: int
    rows: Iterator[tuple[int, list[Any]]]
    formulas: dict[tuple[int, int], str]


def read_workbook(data: bytes) -> Iterator[RawSheet]:
    """Check and scan the workbook (``safety.scan_xlsx``), then stream its sheets' rows.

    Values are calamine's cached values: a formula is never evaluated here. Only one sheet's
    grid is held at a time.
    """
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    scans: dict[str, SheetScan] = {scan.name: scan for scan in scan_xlsx(data)}
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    try:
        for meta in book.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet or meta.name not in scans:
                continue
            sheet = book.get_sheet_by_name(meta.name)
            first_column = sheet.start[1] + 1 if sheet.start else 1
            yield RawSheet(
                meta.name, first_column, _numbered(sheet.iter_rows()), scans[meta.name].formulas
            )
            del sheet
    finally:
        book.close()


def _numbered(rows: Iterator[list[Any]]) -> Iterator[tuple[int, list[Any]]]:
    # python-calamine pads the rows above the first used one, so rows count from 1.
    yield from enumerate(rows, start=1)


def cell_text(value: Any) -> str:
    """A cell's value as the text it shows: 5 not 5.0, dates as 2027年12月31日."""
    if value is None:
        return ""
    if isinstance(value, str):
        return unescape_formula(value.strip())
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.15g}"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return f"{value.year}年{value.month}月{value.day}日"
        return value.strftime("%Y年%m月%d日 %H:%M")
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value).strip()


def values_at(values: Sequence[Any], index: int | None) -> Any:
    """The value at ``index`` of a row, or None where the row is short or the column absent."""
    if index is None or index >= len(values):
        return None
    return values[index]
