"""``find_outline``: the sections, main indicators, text targets and key tasks of an Outline.

The blocks are first tidied (indicator tables written as text lines become tables), then walked
once to place every block under its headings (``structure``); each kind of finding is then read
from the blocks where it can be: main indicators from tables outside review chapters, text
targets from body paragraphs outside review chapters, tasks from body paragraphs outside the
review and the framing chapters (guiding thought, principles, goals).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from lantu.ingest.outline.blocks import Block, Paragraph, Table
from lantu.ingest.outline.indicators import ColumnMap, indicator_rows, read_columns
from lantu.ingest.outline.model import Findings, Indicator, Task, TextTarget
from lantu.ingest.outline.structure import Placed, walk
from lantu.ingest.outline.targets import find_targets
from lantu.ingest.outline.tasks import find_tasks
from lantu.ingest.outline.textrows import group_text_tables

__all__ = ["find_outline", "plan_period"]

_ORDINALS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}
_PAST_CAPTION = re.compile(r"完成情况|实现情况|实施情况|完成值|回顾")


def plan_period(blocks: Sequence[Block]) -> tuple[int, int] | None:
    """The plan's first and last year, from its title (第十五个五年) or the plan named most."""
    texts = [b.text for b in blocks[:40] if isinstance(b, Paragraph)]
    for text in texts:
        match = re.search(r"第十([一二三四五六七八九])个五年", text)
        if match:
            return _period(10 + _ORDINALS[match.group(1)])
    counts: Counter[int] = Counter()
    for block in blocks:
        if isinstance(block, Paragraph):
            for match in re.finditer(r"十([一二三四五六七八九])五", block.text):
                counts[10 + _ORDINALS[match.group(1)]] += 1
    if counts:
        return _period(counts.most_common(1)[0][0])
    return None


def _period(number: int) -> tuple[int, int]:
    start = 2021 + (number - 14) * 5
    return start, start + 4


def _section_number(placed: Placed) -> str:
    if placed.section is None:
        return ""
    return placed.section.number or placed.section.title


def _caption_before(placed: list[Placed], position: int) -> str:
    for earlier in reversed(placed[max(0, position - 2) : position]):
        if isinstance(earlier.block, Paragraph):
            return earlier.block.text
    return ""


def _indicators(placed: list[Placed], period: tuple[int, int] | None) -> list[Indicator]:
    found: list[Indicator] = []
    previous: tuple[int, ColumnMap, int, str | None] | None = None  # position, map, width, cat
    for position, item in enumerate(placed):
        if not isinstance(item.block, Table) or item.review:
            previous = None if not isinstance(item.block, Table) else previous
            continue
        table = item.block
        caption = _caption_before(placed, position)
        columns = read_columns(table, period)
        category: str | None = None
        continues = previous is not None and previous[0] == position - 1
        if (
            columns is None
            and previous is not None
            and continues
            and (
                len(table.rows[0]) == previous[2]  # the table goes on from the page before
            )
        ):
            columns = replace(previous[1], header_rows=0)
            category = previous[3]
        if columns is None or (_PAST_CAPTION.search(caption) and not continues):
            previous = None
            continue
        if period is not None and re.search(rf"十{_prev(period)}五", caption):
            previous = None
            continue
        rows, category = indicator_rows(table, columns, item.index, category)
        found.extend(rows)
        previous = (position, columns, len(table.rows[0]), category)
    return found


def _prev(period: tuple[int, int]) -> str:
    number = (period[0] - 2021) // 5 + 13
    return "一二三四五六七八九"[number - 11] if 11 <= number <= 19 else "?"


def find_outline(blocks: Sequence[Block]) -> Findings:
    """Everything an Outline's blocks contain: sections, main indicators, targets, tasks."""
    blocks = list(blocks)
    period = plan_period(blocks)
    structure = walk(group_text_tables(blocks))
    targets: list[TextTarget] = []
    tasks: list[Task] = []
    for item in structure.placed:
        if item.role != "body" or not isinstance(item.block, Paragraph) or item.review:
            continue
        number = _section_number(item)
        targets.extend(find_targets(item.block.text, item.index, period, number))
        if item.after_first_heading and not item.framing:
            tasks.extend(find_tasks(item.block, item.index, number))
    return Findings(
        sections=tuple(structure.sections),
        indicators=tuple(_indicators(structure.placed, period)),
        text_targets=tuple(targets),
        tasks=tuple(tasks),
    )
