"""The walk over the document: what each block is, and which heading it sits under.

Every block gets a role (title, table of contents, heading, caption, body, table) and the
heading path above it, with two flags the later steps need: ``review`` (a chapter that looks
back on the previous plan or at the situation: its figures are achievements, not targets, and
its paragraphs are not tasks) and ``framing`` (guiding thought, principles, goals: targets yes,
tasks no).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lantu.ingest.outline.blocks import Block, Paragraph, Table
from lantu.ingest.outline.headings import (
    CAPTION,
    NON_SECTION_TITLES,
    HeadingInfo,
    is_toc_entry,
    read_heading,
    strip_page_number,
)
from lantu.ingest.outline.model import Section

__all__ = ["Placed", "Structure", "walk"]

REVIEW = re.compile(
    r"回顾|发展基础|发展环境|现实基础|发展现状|基础条件|面临的?形势|面临的?(?:机遇|挑战)|形势(?:与|和)?(?:挑战|机遇)"
    r"|机遇(?:与|和)挑战|发展成就|取得的?(?:重大|显著|历史性)?成就|主要成就|实施情况|完成情况|历史方位"
    r"|发展成效|工作成效|如期建成|胜利完成|圆满完成|决胜全面建成|时代背景|规划背景"
)
FRAMING = re.compile(
    r"指导思想|基本原则|发展目标|主要目标|远景目标|总体要求|战略定位|发展定位|总体思路|发展思路|战略目标"
    r"|目标定位|总体目标|奋斗目标|战略导向|发展理念|功能定位"
)
_VISION_PART = re.compile(r"开启|新征程|远景|目标|蓝图")
_FRONT = re.compile(r"^[(（].*(?:会议|通过|批准|审议).*[)）]$|^\d{4}年\d{1,2}月(?:\d{1,2}日)?$")


@dataclass(frozen=True)
class Placed:
    """One block with its role and the headings above it."""

    index: int
    block: Block
    role: str  # title, front, toc, heading, caption, body, table
    section: Section | None  # the nearest heading above (or this heading itself)
    review: bool
    framing: bool
    after_first_heading: bool


@dataclass
class Structure:
    """The placed blocks and the sections, in document order."""

    placed: list[Placed] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


@dataclass
class _Open:
    rank: int
    section: Section
    review: bool
    framing: bool


def _key(text: str) -> str:
    return re.sub(r"[\s\u3000]", "", strip_page_number(text))


def walk(items: list[tuple[int, Block]]) -> Structure:
    """Place every block; ``items`` are (original index, block) in document order."""
    result = Structure()
    stack: list[_Open] = []
    style_ranks: dict[int, int] = {}
    in_toc = False
    toc_keys: set[str] = set()
    consumed: set[int] = set()
    seen_heading = False

    def place(index: int, block: Block, role: str) -> None:
        top = stack[-1] if stack else None
        result.placed.append(
            Placed(
                index=index,
                block=block,
                role=role,
                section=top.section if top else None,
                review=any(o.review for o in stack),
                framing=any(o.framing for o in stack),
                after_first_heading=seen_heading,
            )
        )

    for position, (index, block) in enumerate(items):
        if position in consumed:
            continue
        if isinstance(block, Table):
            place(index, block, "table")
            continue
        text = block.text.strip()
        compact = re.sub(r"[\s\u3000]", "", text)
        if compact in ("目录", "目次"):
            in_toc, toc_keys = True, set()
            place(index, block, "toc")
            continue
        heading = read_heading(block)
        if in_toc:
            key = _key(text)
            entry = heading is not None or (is_toc_entry(text) and len(text) <= 60)
            if entry and key not in toc_keys:
                toc_keys.add(key)
                place(index, block, "toc")
                continue
            in_toc = False  # the first heading met again, or body text: the TOC is over
        if block.style == "TOC" or (is_toc_entry(text) and heading is None and len(text) <= 60):
            place(index, block, "toc")
            continue
        if heading is not None and is_toc_entry(text) and not _has_body_after(items, position):
            place(index, block, "toc")
            continue
        if heading is None and NON_SECTION_TITLES.match(compact):
            place(index, block, "caption")
            continue
        if heading is None or (not seen_heading and heading.rank >= 10 and _is_title(block)):
            role = "body"
            if not seen_heading and (_is_title(block) or _FRONT.match(text)):
                role = "title" if _is_title(block) else "front"
            elif CAPTION.match(text):
                role = "caption"
            place(index, block, role)
            continue
        if not heading.title:
            heading = _title_from_next(heading, items, position, consumed)
        rank = _rank(heading, style_ranks)
        while stack and stack[-1].rank >= rank:
            stack.pop()
        section = Section(
            level=len(stack) + 1,
            number=heading.number,
            title=heading.title,
            block=index,
            source=text,
        )
        review = bool(REVIEW.search(heading.title)) and not (
            rank == 1 and _VISION_PART.search(heading.title)
        )
        stack.append(_Open(rank, section, review, bool(FRAMING.search(heading.title))))
        seen_heading = True
        result.sections.append(section)
        place(index, block, "heading")
    return result


def _rank(heading: HeadingInfo, style_ranks: dict[int, int]) -> int:
    if heading.rank < 10:
        if heading.style_level is not None:
            style_ranks.setdefault(heading.style_level, heading.rank)
        return heading.rank
    if heading.style_level is not None and heading.style_level in style_ranks:
        return style_ranks[heading.style_level]
    return heading.rank


def _is_title(block: Paragraph) -> bool:
    text = block.text
    return bool(
        (
            re.search(r"规划|纲要|计划", text)
            and len(text) <= 80
            and "。" not in text
            and (block.centered or block.bold or block.large or block.style.lower() == "title")
        )
        or (
            re.search(r"国民经济和社会发展第.{1,4}个五年规划", text)
            and len(text) <= 80
            and "。" not in text
        )
    )


def _has_body_after(items: list[tuple[int, Block]], position: int) -> bool:
    for _index, block in items[position + 1 : position + 4]:
        if isinstance(block, Paragraph) and len(block.text) > 60:
            return True
    return False


def _title_from_next(
    heading: HeadingInfo, items: list[tuple[int, Block]], position: int, consumed: set[int]
) -> HeadingInfo:
    """第一章 on a line of its own: its title is the next short line."""
    if position + 1 < len(items):
        _index, nxt = items[position + 1]
        short = isinstance(nxt, Paragraph) and len(nxt.text) <= 50 and "。" not in nxt.text
        if short and isinstance(nxt, Paragraph) and read_heading(nxt) is None:
            consumed.add(position + 1)
            return HeadingInfo(heading.rank, heading.number, nxt.text.strip(), None)
    return heading
