"""The 填报表's columns and the words in its cells, shared by the writer and the reader.

Layout: one sheet per kind present (指标, 任务, 项目); a title row, the header row (frozen with
the item's name beside it), one row per report. Column A, 报告编号, holds the report's id, hidden
and locked: it is how a row finds its report again, whatever the person does to the order of
the rows. The context columns (item, role, target, last accepted figure, time nodes, this
year's planned investment, status) are locked; the columns the unit fills are unlocked and
shaded, on rows still open for filling only.

Conventions in the cells:

- 已完成的时间节点: the texts of the task's time nodes that were met, separated by "；" (the
  texts are listed in 时间节点 beside it);
- 形象进度: one of 前期, 开工, 竣工, 投用, picked from a drop-down list;
- 进度(%): a number from 0 to 100 ("30" or "30%"); money in 万元;
- text beginning with = + - @ is written with a leading ' so that Excel never runs it.

``sheet_write`` writes the workbook, ``sheet_read`` reads a filled one back.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

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


def join_nodes(texts: Iterable[str]) -> str:
    return NODE_SEPARATOR.join(texts)


def iter_fill_columns(kind: str) -> Iterator[Column]:
    return (c for c in COLUMNS[kind] if c.fill)
