"""Telling headings from body text, and giving each heading its number, title and rank.

Headings are numbered in a handful of ways, ranked from the top of the tree down:

====  ==========================  =======================================
rank  written as                  ``number`` kept as
====  ==========================  =======================================
1     第一篇 …                     ``第一篇``
2     第一章 …                     ``第一章``
3     第一节 …                     ``第一节``
4     一、…                        ``一`` (the 、 or . after it is dropped)
5     （一）… / (一)…              ``（一）`` as written, brackets kept
6     1. … / 1、… / 1．…           ``1`` (the separator is dropped)
7     （1）… / (1)…                ``（1）`` as written, brackets kept
8     ① …                         ``①``
====  ==========================  =======================================

Decision: a heading's ``level`` is its depth in this document's tree, found with a stack of
ranks: a heading closes every open heading of the same or a lower rank and opens under the
rest. So 篇/章/节 give 1/2/3, a document with only 一、/（一）/1. gives 1/2/3, and one with
章 and 一、 gives 1/2. A heading without a number (a Word heading style, or a bold short line)
takes the rank of numbered headings of the same style level when the document has them.

A numbered paragraph is a heading only when it reads like one: a short title with no sentence
punctuation, or a Word heading style. ``（一）推进……。正文……`` (a run-in lead phrase and body)
and ``1.……`` inside running text are body paragraphs, not headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lantu.ingest.outline.blocks import Paragraph

__all__ = ["HeadingInfo", "is_toc_entry", "read_heading", "strip_page_number"]

_CN = "一二三四五六七八九十百零〇两"
_PATTERNS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"^(第[{_CN}\d]{{1,4}}篇)[\s\u3000:：、.．]*(.*)$")),
    (2, re.compile(rf"^(第[{_CN}\d]{{1,4}}章)[\s\u3000:：、.．]*(.*)$")),
    (3, re.compile(rf"^(第[{_CN}\d]{{1,4}}节)[\s\u3000:：、.．]*(.*)$")),
    (4, re.compile(rf"^([{_CN}]{{1,4}})[、.．]\s*(.+)$")),
    (5, re.compile(rf"^([(（][{_CN}]{{1,4}}[)）])\s*(.+)$")),
    (6, re.compile(r"^(\d{1,2})(?:[、．]|\.(?!\d))\s*(.+)$")),
    (7, re.compile(r"^([(（]\d{1,2}[)）])\s*(.+)$")),
    (8, re.compile(r"^([①-⑳])\s*(.+)$")),
]
_SENTENCE_PUNCT = re.compile(r"[。;；!！?？]")
_TOC_LEADER = re.compile(r"(?:[.…·‥_\-—\s\t]{2,}|\t)\s*\d{1,4}$")
_TRAILING_PAGE = re.compile(r"(?<=[\u4e00-\u9fff”》）)])\s*\d{1,4}$")
# Short unnumbered lines that name a part of the document, not a section of the plan.
NON_SECTION_TITLES = re.compile(
    r"^(?:目\s*录|前\s*言|序\s*言|引\s*言|结\s*束\s*语|结\s*语|附\s*[件录表])$"
)
CAPTION = re.compile(
    r"^(?:专栏\s*[\d一二三四五六七八九十]*|表\s*[\d一二三四五六七八九十]+|附表|图\s*\d+|注\s*[:：\d]|备注)"
)


@dataclass(frozen=True)
class HeadingInfo:
    """A paragraph read as a heading."""

    rank: int  # 1..8 as in the module docstring; 10+ for unnumbered styled headings
    number: str
    title: str
    style_level: int | None


def _title_ok(title: str, rank: int, paragraph: Paragraph) -> bool:
    styled = paragraph.heading_level is not None
    limit = 60 if styled else (50 if rank <= 3 else 32)
    if not title or len(title) > limit:
        return rank <= 3 and not title  # 第一章 alone; its title may follow
    if styled and not _SENTENCE_PUNCT.search(title[:-1]):
        return True
    if _SENTENCE_PUNCT.search(title):
        return False
    if title[-1] in "，,、:：":
        return False
    if rank >= 6 and len(title) > 24 and not (paragraph.bold or styled):
        return False
    return not re.match(r"^[\d.]+", title)  # 1.5万个 … is a number, not a title


def read_heading(paragraph: Paragraph) -> HeadingInfo | None:
    """The heading ``paragraph`` is, or ``None`` for body text."""
    text = paragraph.text.strip()
    if paragraph.numbering and not text.startswith(paragraph.numbering):
        text = f"{paragraph.numbering} {text}"
    if paragraph.style == "TOC" or CAPTION.match(text):
        return None
    for rank, pattern in _PATTERNS:
        match = pattern.match(text)
        if match is None:
            continue
        number, title = match.group(1), match.group(2).strip()
        if rank in (4, 6):
            number = number.rstrip("、.．")
        if _title_ok(title, rank, paragraph):
            return HeadingInfo(rank, number, title, paragraph.heading_level)
        return None
    level = paragraph.heading_level
    if level is not None and len(text) <= 60 and not _SENTENCE_PUNCT.search(text[:-1]):
        return HeadingInfo(10 + level, "", text.rstrip("。"), level)
    if (
        paragraph.bold
        and len(text) <= (30 if paragraph.centered or paragraph.large else 20)
        and not re.search(r"[。;；!！?？，,、:：]", text)
        and not re.search(r"\d", text)
    ):
        return HeadingInfo(19, "", text, None)
    return None


def is_toc_entry(text: str) -> bool:
    """A table-of-contents line: a heading followed by dot leaders or a tab and a page number."""
    return bool(_TOC_LEADER.search(text.strip()))


def strip_page_number(text: str) -> str:
    """A table-of-contents line without its leaders and page number."""
    text = _TOC_LEADER.sub("", text.strip())
    return _TRAILING_PAGE.sub("", text).strip()
