"""The main-indicator table (主要指标表): which table it is, and its rows as written.

A table is a main-indicator table when its header names an indicator column and a target or
annual/cumulative column, and an attribute, unit or category column (or its rows say 预期性 /
约束性). Tables in a review chapter, or whose caption names the previous plan's results, are not.
Headers may take two rows (``“十四五”目标`` over ``2025年`` and ``年均[累计]``); the final
year's column is the target, the year before the plan (or a 基期 column) the baseline.

Decisions: a category row (one text across the row, such as ``一、经济发展``) sets the category
of the rows under it, without its ordinal; a category column's empty cells carry the one above;
a unit written in brackets after the name (``地区生产总值（亿元）``) is the unit when the table
has no unit column; footnote markers (``注1``, ``[1]``, ``①``, ``*``) at the end of a name are
dropped; notes under the table (``注:``) are not rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lantu.ingest.outline.blocks import Table
from lantu.ingest.outline.model import Indicator
from lantu.ingest.outline.text import value_or_none

__all__ = ["ColumnMap", "indicator_rows", "read_columns"]

_ATTRIBUTE_VALUE = re.compile(r"预期性|约束性|预期|约束")
_NOTE = re.compile(r"^(?:注|备注|说明|资料来源|数据来源|note)", re.IGNORECASE)
_ORDINAL = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．])\s*"
)
_FOOTNOTE = re.compile(
    r"\s*(?:[(（\[［]?注\s*\d+[)）\]］]?|[\[［](?:note|注)\s*\d+[\]］]|(?<=[)）%\d])注|[\[［]\d+[\]］]|[①-⑳]|\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)$"
)
_UNIT_IN_NAME = re.compile(
    r"^(?P<name>.+?)\s*[(（](?P<unit>%|‰|[^()（）]{0,8}?(?:元|人|个|家|件|岁|米|吨|公顷|亩|张|所|座|户"
    r"|次|小时|天|年|辆|项|条|套|台|位|名|瓦|度|克|煤|百分点)(?:/[^()（）]{1,6})?)[)）]$"
)
_YEAR = re.compile(r"(\d{4})\s*年")


@dataclass(frozen=True)
class ColumnMap:
    """Which grid column holds what; ``header_rows`` rows of the table are its header."""

    header_rows: int
    name: tuple[int, ...]
    number: int | None = None
    category: int | None = None
    unit: int | None = None
    baseline: int | None = None
    target: int | None = None
    annual: int | None = None
    attribute: int | None = None


def _is_header_row(row: tuple[str, ...]) -> bool:
    cells = [c.strip() for c in row if c.strip()]
    if any(_ATTRIBUTE_VALUE.fullmatch(c) for c in cells):
        return False
    hits = sum(1 for c in cells if _label_kind(c) is not None or _YEAR.search(c))
    return hits >= 2


def _label_kind(label: str) -> str | None:
    text = re.sub(r"\s", "", label)
    if not text:
        return None
    if re.fullmatch(r"序号|编号|#|№|no\.?", text, re.IGNORECASE):
        return "number"
    if re.search(r"年均|累计|annual|cumulative", text, re.IGNORECASE):
        return "annual"
    if re.search(r"属性|性质|attribute", text, re.IGNORECASE):
        return "attribute"
    if re.fullmatch(r"(?:计量)?单位|unit", text, re.IGNORECASE):
        return "unit"
    if re.fullmatch(r"类别|类型|领域|分类|维度|category", text, re.IGNORECASE):
        return "category"
    if re.search(r"基期|基数|现状|基准|baseline|完成|实际", text, re.IGNORECASE):
        return "baseline"
    if re.search(r"目标|预期值|规划值|target", text, re.IGNORECASE):
        return "target"
    if re.search(r"指标|indicator|名称", text, re.IGNORECASE):
        return "name"
    return None


def read_columns(table: Table, period: tuple[int, int] | None) -> ColumnMap | None:
    """The column map of a main-indicator table, or ``None`` when ``table`` is not one."""
    rows = table.rows
    start = 0
    while start < min(2, len(rows)) and len({c.strip() for c in rows[start] if c.strip()}) == 1:
        start += 1  # a title row spanning the table
    count = 0
    while start + count < min(len(rows), start + 3) and _is_header_row(rows[start + count]):
        count += 1
    if count == 0:
        return None
    width = len(rows[0])
    labels = []
    for c in range(width):
        parts: list[str] = []
        for r in range(start, start + count):
            cell = rows[r][c].strip()
            if cell and cell not in parts:
                parts.append(cell)
        labels.append(" ".join(parts))
    kinds: dict[str, list[int]] = {}
    years: dict[int, int] = {}
    for c, label in enumerate(labels):
        kind = _label_kind(label.split(" ")[-1]) or _label_kind(label)
        year = _YEAR.search(label)
        if kind in (None, "target", "baseline") and year is not None:
            years[c] = int(year.group(1))
            if kind is None:
                continue
        if kind is not None:
            kinds.setdefault(kind, []).append(c)
    if "name" not in kinds:
        return None
    name_cols = [kinds["name"][0]]
    while name_cols[-1] + 1 < width and not labels[name_cols[-1] + 1]:
        name_cols.append(name_cols[-1] + 1)  # 指标 spanning two columns
    target, baseline = _year_columns(kinds, years, period)
    annual = kinds.get("annual", [None])[0]
    attribute = kinds.get("attribute", [None])[0]
    has_attribute_values = any(
        _ATTRIBUTE_VALUE.fullmatch(c.strip()) for row in rows[start + count :] for c in row
    )
    if target is None and annual is None:
        return None
    if attribute is None and not has_attribute_values and not ("unit" in kinds or years):
        return None
    return ColumnMap(
        header_rows=start + count,
        name=tuple(name_cols),
        number=kinds.get("number", [None])[0],
        category=kinds.get("category", [None])[0],
        unit=kinds.get("unit", [None])[0],
        baseline=baseline,
        target=target,
        annual=annual,
        attribute=attribute,
    )


def _year_columns(
    kinds: dict[str, list[int]], years: dict[int, int], period: tuple[int, int] | None
) -> tuple[int | None, int | None]:
    targets = [c for c in kinds.get("target", []) if c not in years]
    baselines = [c for c in kinds.get("baseline", []) if c not in years]
    target = targets[0] if targets else None
    baseline = baselines[0] if baselines else None
    if years:
        ordered = sorted(years.items(), key=lambda item: (item[1], item[0]))
        end = period[1] if period else None
        final = [c for c, y in ordered if y == end] or [ordered[-1][0]]
        if target is None:
            target = final[-1]
        if baseline is None:
            earlier = [c for c, y in ordered if y < years.get(target, 10_000) and c != target]
            start_year = period[0] - 1 if period else None
            chosen = [c for c in earlier if years[c] == start_year] or earlier[-1:]
            baseline = chosen[0] if chosen else None
    return target, baseline


def _cell(row: tuple[str, ...], column: int | None) -> str | None:
    if column is None or column >= len(row):
        return None
    return value_or_none(row[column])


def _align(row: tuple[str, ...], columns: ColumnMap, width: int) -> tuple[str, ...]:
    """A text row whose empty cells were left out, put back on the header's grid.

    A row of a text table is short when its category was written only once above it (the
    category cell is left out) or when empty cells were skipped before the attribute.
    """
    cells = list(row)
    while cells and not cells[-1].strip():
        cells.pop()
    missing = width - len(cells)
    if missing <= 0 or len(cells) <= 1:
        return row
    if columns.category is not None:
        cells.insert(columns.category, "")
        missing -= 1
    if missing > 0 and columns.attribute == width - 1 and _ATTRIBUTE_VALUE.search(cells[-1]):
        cells[-1:-1] = [""] * missing
    return tuple(cells + [""] * max(0, width - len(cells)))


def clean_name(name: str) -> str:
    """An indicator name without a trailing footnote marker."""
    return _FOOTNOTE.sub("", name).strip()


def indicator_rows(
    table: Table, columns: ColumnMap, index: int, category: str | None = None
) -> tuple[list[Indicator], str | None]:
    """The rows of ``table`` (block ``index``) read with ``columns``; returns the last category
    so that a table continued on the next page carries it on."""
    found: list[Indicator] = []
    width = len(table.rows[0])
    for raw in table.rows[columns.header_rows :]:
        row = _align(raw, columns, width) if table.from_text else raw
        texts = [c.strip() for c in row if c.strip()]
        if not texts:
            continue
        if _NOTE.match(texts[0]):
            break
        if len(set(texts)) == 1 and (len(texts) < len(row) or len(row) == 1):
            only = texts[0]
            if not re.fullmatch(r"[\d.]+", only):
                category = _ORDINAL.sub("", only).strip() or only
                continue
        names = [row[c].strip() for c in columns.name if c < len(row) and row[c].strip()]
        name = names[-1] if names else ""
        if not name or name in ("合计", "小计"):
            continue
        unit = _cell(row, columns.unit)
        if columns.unit is None:
            match = _UNIT_IN_NAME.match(clean_name(name))
            if match is not None:
                name, unit = match.group("name"), match.group("unit")
        if columns.category is not None:
            category = value_or_none(row[columns.category]) or category
        found.append(
            Indicator(
                category=category,
                name=clean_name(name),
                unit=unit,
                baseline=_cell(row, columns.baseline),
                target=_cell(row, columns.target),
                annual_or_cumulative=_cell(row, columns.annual),
                attribute=_cell(row, columns.attribute),
                block=index,
                source="\t".join(raw),
                number=_cell(row, columns.number),
            )
        )
    return found, category
