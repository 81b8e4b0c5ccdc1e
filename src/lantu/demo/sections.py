"""Section trees (篇/章/节) as plain data, and the numbering the Outline prints.

A tree is a list of parts (篇); each part is ``(title, chapters)``; each chapter is
``(title, [section titles])``. Data modules write it as an indented outline (``outline``).
Chapters are numbered through the whole document (第一章 ... 第二十五章) and sections within
their chapter (第一节, 第二节), as Chinese outlines do. Sections are keyed
``"<chapter>.<section>"`` (``"4.1"``), chapters ``"<chapter>"`` and parts ``"p<part>"``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lantu.core.models import Region
    from lantu.plans.models import PlanVersion, Section

Chapter = tuple[str, list[str]]
Part = tuple[str, list[Chapter]]

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1..99 written as in headings: 一, 十, 十二, 二十, 二十五."""
    if not 0 < n < 100:
        raise ValueError(f"heading numbers run from 1 to 99, not {n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return f"{head}十{_DIGITS[ones] if ones else ''}"


def outline(text: str) -> list[Part]:
    """Read an outline indented by two spaces per level: parts, chapters, sections."""
    parts: list[Part] = []
    for line in text.splitlines():
        title = line.strip()
        if not title:
            continue
        depth = (len(line) - len(line.lstrip(" "))) // 2
        if depth == 0:
            parts.append((title, []))
        elif depth == 1:
            parts[-1][1].append((title, []))
        else:
            parts[-1][1][-1][1].append(title)
    return parts


def create_sections(
    *, region: Region, version: PlanVersion, tree: list[Part]
) -> dict[str, Section]:
    """Create the tree level by level (bulk inserts need the parents' ids first)."""
    from lantu.demo.rows import insert_all
    from lantu.plans.models import Section

    order = 0

    def make(key: str, level: int, number: str, title: str) -> tuple[str, Section]:
        nonlocal order
        order += 1
        return key, Section(
            region=region,
            version=version,
            level=level,
            number=number,
            title=title,
            sort_order=order,
        )

    # Numbering and document order are fixed first; parents are linked level by level.
    rows: list[tuple[str, Section, str | None]] = []
    chapter_no = 0
    for part_no, (part_title, chapters) in enumerate(tree, start=1):
        part_key = f"p{part_no}"
        rows.append((*make(part_key, 1, f"第{chinese_number(part_no)}篇", part_title), None))
        for chapter_title, section_titles in chapters:
            chapter_no += 1
            chapter_key = str(chapter_no)
            number = f"第{chinese_number(chapter_no)}章"
            rows.append((*make(chapter_key, 2, number, chapter_title), part_key))
            for section_no, title in enumerate(section_titles, start=1):
                key = f"{chapter_no}.{section_no}"
                number = f"第{chinese_number(section_no)}节"
                rows.append((*make(key, 3, number, title), chapter_key))

    sections: dict[str, Section] = {}
    for level in (1, 2, 3):
        batch = [(key, s, parent) for key, s, parent in rows if s.level == level]
        for _key, section, parent in batch:
            section.parent = sections[parent] if parent else None
        insert_all([s for _key, s, _parent in batch])
        sections.update({key: s for key, s, _parent in batch})
    return sections
