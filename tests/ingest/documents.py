"""Outline documents in the layouts real Outlines come in, built from ``outline_text``.

Word with heading styles (and a table of contents), Word with bold paragraphs only, Word with
plain numbered lines (indicator table as tab-separated lines), plain text (UTF-8 or GB18030,
table as space-separated lines), and PDF (reportlab) with a ruled table or a text-line table.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from tests.ingest.outline_text import FRONT, OUTLINE, TITLE

Outline = Sequence[tuple[Any, ...]]

_RANK_STYLE = {1: "Heading 1", 2: "Heading 2", 3: "Heading 3", 4: "Heading 1", 5: "Heading 2"}


def _heading_text(number: object, title: object, separator: str = "\u3000") -> str:
    number = str(number)
    if number[0].isdigit() and len(number) <= 2:
        return f"{number}.{title}"
    if number[0] in "一二三四五六七八九十":
        return f"{number}、{title}"
    if number.startswith("（"):
        return f"{number}{title}"
    return f"{number}{separator}{title}"


def _set_east_asian_font(document: Any) -> None:
    style = document.styles["Normal"]
    style.font.name = "SimSun"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")


def _word_table(document: Any, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    for c, text in enumerate(header):
        table.cell(0, c).text = text
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row):
            if c == 0 and r > 1 and rows[r - 2][0] == text:
                continue  # merged below
            table.cell(r, c).text = text
    # Merge each run of equal categories in the first column (vertical merge).
    start = 1
    for r in range(2, len(rows) + 2):
        if r == len(rows) + 1 or rows[r - 1][0] != rows[start - 1][0]:
            if r - 1 > start:
                table.cell(start, 0).merge(table.cell(r - 1, 0))
            start = r


def _add_toc(document: Any, outline: Outline) -> None:
    heading = document.add_paragraph("目  录")
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    page = 1
    for element in outline:
        if element[0] == "h" and int(element[1]) <= 2:
            page += 2
            document.add_paragraph(f"{_heading_text(element[2], element[3])}……………………{page}")


def docx_outline(
    outline: Outline = OUTLINE,
    *,
    layout: str = "styled",
    toc: bool = False,
    title: str = TITLE,
) -> bytes:
    """A Word Outline. ``layout``: ``styled`` (Heading styles), ``bold`` (bold paragraphs,
    bold lead phrases), ``plain`` (no formatting; the indicator table as tab-separated lines),
    ``numbered`` (Heading styles whose numbers Word prints from its list numbering)."""
    document = Document()
    _set_east_asian_font(document)
    if layout == "numbered":
        _add_chapter_numbering(document)
    head = document.add_paragraph(title)
    if layout != "plain":
        head.alignment = WD_ALIGN_PARAGRAPH.CENTER
        head.runs[0].bold = True
        head.runs[0].font.size = Pt(22)
    front = document.add_paragraph(FRONT)
    front.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if toc:
        _add_toc(document, outline)
    for element in outline:
        kind = element[0]
        if kind == "h":
            rank, number, text = int(element[1]), element[2], element[3]
            if layout == "styled":
                document.add_paragraph(_heading_text(number, text), style=_RANK_STYLE.get(rank))
            elif layout == "numbered":
                if rank == 2:
                    p = document.add_paragraph(str(text), style="Heading 2")
                    _number(p, 1)
                else:
                    document.add_paragraph(_heading_text(number, text), style=_RANK_STYLE[rank])
            elif layout == "bold":
                p = document.add_paragraph()
                run = p.add_run(_heading_text(number, text))
                run.bold = True
                run.font.size = Pt(16 if rank <= 2 else 14)
                if rank <= 2:
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            else:
                document.add_paragraph(_heading_text(number, text, " "))
        elif kind == "p":
            text, lead = str(element[1]), str(element[2])
            p = document.add_paragraph()
            if lead and layout != "plain" and text.startswith(lead):
                p.add_run(lead).bold = True
                p.add_run(text[len(lead) :])
            else:
                p.add_run(text)
        elif kind == "table":
            caption, header, rows = element[1], element[2], element[3]
            cap = document.add_paragraph(str(caption))
            cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if layout == "plain":
                document.add_paragraph("\t".join(header))
                for row in rows:
                    document.add_paragraph("\t".join(row))
            else:
                _word_table(document, header, rows)
        elif kind == "note":
            document.add_paragraph(str(element[1]))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _add_chapter_numbering(document: Any) -> None:
    """A list definition printing 第一章, 第二章 … (Chinese counting) at level 0."""
    numbering = document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "90")
    lvl = OxmlElement("w:lvl")
    lvl.set(qn("w:ilvl"), "0")
    for tag, value in (("w:start", "1"), ("w:numFmt", "chineseCounting"), ("w:lvlText", "第%1章")):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        lvl.append(child)
    abstract.append(lvl)
    numbering.insert(0, abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "90")
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), "90")
    num.append(ref)
    numbering.append(num)


def _number(paragraph: Any, _level: int) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), "0")
    num_id = OxmlElement("w:numId")
    num_id.set(qn("w:val"), "90")
    num_pr.append(ilvl)
    num_pr.append(num_id)
    p_pr.append(num_pr)


def text_lines(
    outline: Outline = OUTLINE, *, title: str = TITLE, table_sep: str = "  "
) -> list[str]:
    """The Outline as lines of plain text, the indicator table as ``table_sep``-separated lines."""
    lines = [title, FRONT]
    for element in outline:
        kind = element[0]
        if kind == "h":
            lines.append(_heading_text(element[2], element[3], " "))
        elif kind == "p":
            lines.append("\u3000\u3000" + str(element[1]))
        elif kind == "table":
            lines.append(str(element[1]))
            lines.append(table_sep.join(element[2]))
            for row in element[3]:
                lines.append(table_sep.join(row))
        elif kind == "note":
            lines.append(str(element[1]))
    return lines


def txt_outline(outline: Outline = OUTLINE, *, encoding: str = "utf-8", **kwargs: str) -> bytes:
    """A plain-text Outline in ``encoding`` (``utf-8`` or ``gb18030``)."""
    return "\r\n".join(text_lines(outline, **kwargs)).encode(encoding)


def pdf_outline(outline: Outline = OUTLINE, *, ruled_table: bool = True) -> bytes:
    """A PDF Outline set in STSong-Light: centred headings, indented paragraphs, and the
    indicator table ruled (merged category cells) or as text lines with wide gaps."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import SimpleDocTemplate, Spacer
    from reportlab.platypus import Table as RLTable

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle(
        "body",
        fontName="STSong-Light",
        fontSize=11,
        leading=18,
        firstLineIndent=22,
        wordWrap="CJK",
    )
    title_style = ParagraphStyle(
        "title", parent=body, fontSize=18, leading=26, alignment=TA_CENTER, firstLineIndent=0
    )
    heading = {
        rank: ParagraphStyle(
            f"h{rank}",
            parent=body,
            fontSize=size,
            leading=size + 8,
            alignment=TA_CENTER,
            firstLineIndent=0,
            spaceBefore=6,
            spaceAfter=6,
        )
        for rank, size in ((1, 16), (2, 15), (3, 13), (4, 15), (5, 13), (6, 12))
    }
    cell = ParagraphStyle("cell", parent=body, fontSize=8, leading=10, firstLineIndent=0)
    story: list[object] = [RLParagraph(TITLE, title_style), RLParagraph(FRONT, heading[3])]
    for element in outline:
        kind = element[0]
        if kind == "h":
            story.append(
                RLParagraph(_heading_text(element[2], element[3]), heading[int(element[1])])
            )
        elif kind == "p":
            story.append(RLParagraph(str(element[1]), body))
        elif kind == "table":
            story.append(RLParagraph(str(element[1]), heading[3]))
            header, rows = element[2], element[3]
            if ruled_table:
                data = [[RLParagraph(c, cell) for c in header]]
                spans = []
                start = 1
                for row in rows:
                    data.append([RLParagraph(c, cell) if c else "" for c in row])
                for r in range(2, len(rows) + 2):
                    if r == len(rows) + 1 or rows[r - 1][0] != rows[start - 1][0]:
                        if r - 1 > start:
                            spans.append(("SPAN", (0, start), (0, r - 1)))
                            for k in range(start + 1, r):
                                data[k][0] = ""
                        start = r
                widths = [40, 24, 150, 44, 40, 50, 66, 40]
                table = RLTable(data, colWidths=widths)
                table.setStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), *spans])
                story.append(table)
            else:
                for row in [header, *rows]:
                    story.append(RLParagraph("&nbsp;" * 0 + "\u3000\u3000\u3000".join(row), cell))
        elif kind == "note":
            story.append(RLParagraph(str(element[1]), body))
        story.append(Spacer(1, 2))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title=TITLE).build(story)
    return out.getvalue()
