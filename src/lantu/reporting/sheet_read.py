"""Reading a filled 填报表 back (the layout is described in ``sheet_columns``).

Reading goes through ``safety.scan_xlsx`` and python-calamine (values only, formulas never
evaluated: a formula cell gives the result Excel saved, or an error when there is none). A sheet
is recognised by its 报告编号 heading within its first rows, columns by their headings in any
order; a fillable column that is absent leaves that field alone. Nothing here touches the
database: ``sheet_services`` compares what is read with the reports.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from lantu.ingest.division_xlsx import cell_text, heading_key, read_workbook
from lantu.ingest.safety import column_letters
from lantu.reporting.sheet_columns import COLUMNS, ID, KIND_SHEETS, STAGE_WORDS, Column

NODE_SPLIT = re.compile(r"[;；\n\r]+")
HEADER_SEARCH_ROWS = 10


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
