"""Indicator tables written as text lines: tab-, space- or pipe-separated rows become a table.

A run of lines whose cells are set apart by tabs, two or more spaces (full-width ones too) or
``|`` pipes (a Markdown table) is one table. A short line between two such rows (a category
row such as ``一、经济发展``) belongs to the table. Single spaces separate cells only after a
header line whose words are mostly column names (序号 指标 单位 属性 …).
"""

from __future__ import annotations

import re

from lantu.ingest.outline.blocks import Block, Paragraph, Table

__all__ = ["HEADER_WORDS", "group_text_tables", "split_row"]

HEADER_WORDS = re.compile(
    r"^(?:序号|编号|类别|类型|领域|分类|指标|指标名称|主要指标|具体指标|单位|计量单位|属性|指标属性|性质"
    r"|基期值?|基数|现状值?|目标值?|规划目标|年均(?:增长)?|累计|年均[/／]?[\[［]?累计[\]］]?"
    r"|年均增长[\[［(（]?累计[\]］)）]?|\d{4}年(?:目标|基期|现状)?|[#№]|indicator|unit|attribute"
    r"|baseline|target|category)",
    re.IGNORECASE,
)
_MULTI = re.compile(r"\t+|[ \u3000]{2,}|\u3000")
_PIPE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}.*$")


def split_row(text: str, single_space: bool = False) -> list[str] | None:
    """The cells of a row written as text, or ``None`` when ``text`` is not a row."""
    stripped = text.strip()
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
        return [cell.strip() for cell in stripped[1:-1].split("|")]
    if "\t" in stripped:  # tabs keep empty cells: a tab per column
        tabbed = [c.strip() for c in text.strip("\r\n").split("\t")]
        if len([c for c in tabbed if c]) >= 2 and len(tabbed) >= 3:
            return tabbed
    cells = [c.strip() for c in _MULTI.split(stripped) if c.strip()]
    if len(cells) < 3 and single_space:
        cells = stripped.split()
    return cells if len(cells) >= 3 else None


def _is_header(cells: list[str]) -> bool:
    hits = sum(1 for cell in cells if HEADER_WORDS.match(cell.strip()))
    return hits >= 3 or (hits >= 2 and len(cells) <= 4)


def group_text_tables(blocks: list[Block]) -> list[tuple[int, Block]]:
    """The blocks with runs of row-like lines made into tables; each keeps its first index."""
    out: list[tuple[int, Block]] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if not isinstance(block, Paragraph):
            out.append((i, block))
            i += 1
            continue
        first = split_row(block.text)
        single = False
        if first is None:
            spaced = block.text.split()
            hits = sum(1 for cell in spaced if HEADER_WORDS.match(cell))
            if len(spaced) >= 4 and hits >= 0.6 * len(spaced):
                first, single = spaced, True
        if first is None or (not _is_header(first) and not _next_is_row(blocks, i + 1, single)):
            out.append((i, block))
            i += 1
            continue
        rows = [first]
        j = i + 1
        while j < len(blocks):
            nxt = blocks[j]
            if not isinstance(nxt, Paragraph):
                break
            if _PIPE_SEPARATOR.match(nxt.text.strip()) and "|" in nxt.text:
                j += 1
                continue
            cells = split_row(nxt.text, single)
            if cells is not None:
                rows.append(cells)
                j += 1
                continue
            if (
                len(nxt.text) <= 24
                and j + 1 < len(blocks)
                and isinstance(blocks[j + 1], Paragraph)
                and split_row(blocks[j + 1].text, single) is not None
            ):
                rows.append([nxt.text.strip()])
                j += 1
                continue
            break
        if len(rows) < 2:
            out.append((i, block))
            i += 1
            continue
        width = max(len(r) for r in rows)
        out.append(
            (i, Table(rows=tuple(tuple(r + [""] * (width - len(r))) for r in rows), from_text=True))
        )
        i = j
    return out


def _next_is_row(blocks: list[Block], j: int, single: bool) -> bool:
    return (
        j < len(blocks)
        and isinstance(blocks[j], Paragraph)
        and split_row(blocks[j].text, single) is not None
    )
