"""Reading a Word (.docx) Outline: paragraphs with their layout cues, and tables on their grid.

The body is walked in order (content controls included), so paragraphs and tables keep their
document order. Automatic numbering (a heading style whose 第一章 is printed by Word, not typed)
is worked out from the numbering definitions, so the finder sees the number a reader sees.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph

from lantu.ingest.outline.blocks import Block, Paragraph, Table
from lantu.ingest.outline.errors import OutlineFileError
from lantu.ingest.outline.text import join_lines

__all__ = ["read_docx"]

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_TOC_STYLE = re.compile(r"^(?:toc|目录)\s*\d", re.IGNORECASE)
_CN_DIGITS = "〇一二三四五六七八九"


def read_docx(data: bytes) -> list[Block]:
    """The blocks of a .docx held in ``data``."""
    try:
        document = Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds for a broken package
        raise OutlineFileError(f"a damaged Word document ({type(error).__name__})") from None
    numbering = _Numbering(document)
    blocks: list[Block] = []
    for element in _body_elements(document.element.body):
        if element.tag == qn("w:p"):
            paragraph = _paragraph(DocxParagraph(element, document), numbering)
            if paragraph is not None:
                blocks.append(paragraph)
        elif element.tag == qn("w:tbl"):
            table = _table(element)
            if table is not None:
                blocks.append(table)
    return blocks


def _body_elements(parent: Any) -> Iterator[Any]:
    for child in parent.iterchildren():
        if child.tag in (qn("w:p"), qn("w:tbl")):
            yield child
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _body_elements(content)


# --- paragraphs ------------------------------------------------------------------------------


def _style_chain(style: Any) -> Iterator[Any]:
    seen = 0
    while style is not None and seen < 10:
        yield style
        style = style.base_style
        seen += 1


def _outline_level(paragraph: DocxParagraph, style_name: str) -> int | None:
    match = _HEADING_STYLE.match(style_name)
    if match:
        return int(match.group(1))
    p_pr = paragraph._p.pPr
    candidates = [p_pr] if p_pr is not None else []
    for style in _style_chain(paragraph.style):
        candidates.append(style.element.pPr)
    for p in candidates:
        if p is None:
            continue
        level = p.find(qn("w:outlineLvl"))
        if level is not None:
            value = level.get(qn("w:val"))
            if value is not None and value.isdigit() and int(value) < 9:
                return int(value) + 1
    return None


def _style_bold(paragraph: DocxParagraph) -> bool:
    for style in _style_chain(paragraph.style):
        if style.font.bold is not None:
            return bool(style.font.bold)
    return False


def _run_bold(run: Any, default: bool) -> bool:
    if run.bold is not None:
        return bool(run.bold)
    if run.style is not None:
        for style in _style_chain(run.style):
            if style.font.bold is not None:
                return bool(style.font.bold)
    return default


def _centered(paragraph: DocxParagraph) -> bool:
    alignment = paragraph.alignment
    if alignment is None:
        for style in _style_chain(paragraph.style):
            alignment = style.paragraph_format.alignment
            if alignment is not None:
                break
    return alignment == WD_ALIGN_PARAGRAPH.CENTER


def _paragraph(paragraph: DocxParagraph, numbering: _Numbering) -> Paragraph | None:
    text = paragraph.text.replace("\u200b", "").strip(" \t\u3000\r\n")
    try:
        style_name = paragraph.style.name if paragraph.style is not None else ""
    except Exception:  # a style id with no definition
        style_name = ""
    label = numbering.label(paragraph)
    if not text:
        return None
    if _TOC_STYLE.match(style_name or ""):
        style_name = "TOC"
    default_bold = _style_bold(paragraph)
    runs = [(run.text, _run_bold(run, default_bold)) for run in paragraph.runs if run.text.strip()]
    bold = bool(runs) and all(b for _t, b in runs)
    lead = ""
    if runs and not bold:
        for run_text, run_bold in runs:
            if not run_bold:
                break
            lead += run_text
    return Paragraph(
        text=text,
        style=style_name or "",
        heading_level=_outline_level(paragraph, style_name or ""),
        bold=bold,
        bold_lead=lead.strip(),
        centered=_centered(paragraph),
        numbering=label,
    )


# --- automatic numbering ---------------------------------------------------------------------


def chinese_count(n: int) -> str:
    """1..999 as Chinese counting numerals: 一, 十, 十二, 二十五, 一百零三."""
    if n <= 0 or n >= 1000:
        return str(n)
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += _CN_DIGITS[hundreds] + "百"
        if rest and tens == 0:
            out += "零"
    if tens:
        out += ("" if tens == 1 and not hundreds else _CN_DIGITS[tens]) + "十"
    if ones:
        out += _CN_DIGITS[ones]
    return out


def _format(n: int, fmt: str) -> str:
    if fmt in ("decimal", "decimalZero", "decimalFullWidth", "decimalHalfWidth"):
        return str(n) if fmt != "decimalZero" or n >= 10 else f"0{n}"
    if fmt.startswith("chinese") or fmt.startswith("ideograph") or fmt.startswith("japanese"):
        return chinese_count(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 0 < n <= 20 else str(n)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "none":
        return ""
    return str(n)


class _Numbering:
    """Word's list numbering worked out in document order (numId, level) -> printed label."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except Exception:  # no numbering part
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.findall(qn("w:abstractNum")):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in node.findall(qn("w:lvl")):
                ilvl = int(lvl.get(qn("w:ilvl"), "0"))
                fmt = _val(lvl, "w:numFmt") or "decimal"
                text = _val(lvl, "w:lvlText") or ""
                start = _val(lvl, "w:start")
                levels[ilvl] = (fmt, text, int(start) if start and start.isdigit() else 1)
            abstract[node.get(qn("w:abstractNumId"), "")] = levels
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is None:
                continue
            for ilvl, spec in abstract.get(ref.get(qn("w:val"), ""), {}).items():
                self.levels[(num.get(qn("w:numId"), ""), ilvl)] = spec

    def _num_pr(self, paragraph: DocxParagraph) -> tuple[str, int] | None:
        holders = [paragraph._p.pPr] + [s.element.pPr for s in _style_chain(paragraph.style)]
        for p_pr in holders:
            if p_pr is None:
                continue
            num_pr = p_pr.find(qn("w:numPr"))
            if num_pr is None:
                continue
            num_id = _val(num_pr, "w:numId")
            ilvl = _val(num_pr, "w:ilvl")
            if num_id is None or num_id == "0":
                return None
            return num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0
        return None

    def label(self, paragraph: DocxParagraph) -> str:
        try:
            found = self._num_pr(paragraph)
        except Exception:  # a style chain python-docx cannot follow
            return ""
        if found is None or found not in self.levels:
            return ""
        num_id, ilvl = found
        counters = self.counters.setdefault(num_id, [0] * 9)
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        fmt, text, _start = self.levels[found]

        def level_value(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            spec = self.levels.get((num_id, level), ("decimal", "", 1))
            value = counters[level] + spec[2] - 1 if 0 <= level < 9 else 0
            return _format(max(value, 1), spec[0] if level != ilvl else fmt)

        return re.sub(r"%(\d)", level_value, text).strip()


def _val(node: Any, tag: str) -> str | None:
    child = node.find(qn(tag))
    return None if child is None else child.get(qn("w:val"))


# --- tables ----------------------------------------------------------------------------------


def _cell_text(tc: Any) -> str:
    lines = []
    for p in tc.iter(qn("w:p")):
        lines.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
    return join_lines(lines)


def _table(tbl: Any) -> Table | None:
    rows: list[list[str]] = []
    merged: set[tuple[int, int]] = set()
    for tr in tbl.findall(qn("w:tr")):
        row: list[str] = []
        r = len(rows)
        for tc in tr.findall(qn("w:tc")):
            tc_pr = tc.find(qn("w:tcPr"))
            span = 1
            continues = False
            if tc_pr is not None:
                grid_span = _val(tc_pr, "w:gridSpan")
                if grid_span and grid_span.isdigit():
                    span = max(1, int(grid_span))
                v_merge = tc_pr.find(qn("w:vMerge"))
                if v_merge is not None and v_merge.get(qn("w:val")) in (None, "continue"):
                    continues = True
            c = len(row)
            if continues and r > 0 and c < len(rows[-1]):
                text = rows[-1][c]
                merged.add((r, c))
            else:
                text = _cell_text(tc)
            row.append(text)
            row.extend([""] * (span - 1))
        rows.append(row)
    if not rows or not any(any(cell.strip() for cell in row) for row in rows):
        return None
    width = max(len(row) for row in rows)
    grid = tuple(tuple(row + [""] * (width - len(row))) for row in rows)
    return Table(rows=grid, merged_down=frozenset(merged))
