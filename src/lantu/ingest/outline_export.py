"""The Outline of a plan version written back as an official-looking Word document.

Title and approval line, then every section as a Word heading (``Heading 1`` to ``Heading 3``)
with its number, its body text, the sentences of its quantified targets and its key tasks; the
main-indicator table (序号, 类别, 指标, 单位, baseline year, target year, 年均[累计], 属性, with
merged category cells) after the body of the section it belongs to. Fonts follow official
documents (GB/T 9704): 方正小标宋 for the title, 黑体/楷体 for headings, 仿宋 for text. Read
back with ``lantu.ingest.outline`` the file gives the same sections, main indicators and text
targets.
"""

from __future__ import annotations

import io
from collections import defaultdict
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from lantu.indicators.models import Indicator
from lantu.plans.models import PlanVersion, Section
from lantu.tasks.models import Task

__all__ = ["export_outline_docx"]

TITLE_FONT = "方正小标宋简体"
HEADING_FONTS = {1: "黑体", 2: "黑体", 3: "楷体_GB2312"}
BODY_FONT = "仿宋_GB2312"
EMPTY = "—"


def _font(run: Any, name: str, size: float, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    r_pr = run._element.get_or_add_rPr()
    r_pr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _body(document: Any, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Pt(32)
    paragraph.paragraph_format.line_spacing = Pt(28)
    _font(paragraph.add_run(text), BODY_FONT, 16)


def _heading(document: Any, section: Section) -> None:
    level = min(max(section.level, 1), 3)
    text = f"{section.number}\u3000{section.title}" if section.number else section.title
    paragraph = document.add_paragraph(style=f"Heading {level}")
    if level <= 2:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(paragraph.add_run(text), HEADING_FONTS[level], 16, level <= 2)


def _attribute(indicator: Indicator) -> str:
    return {"binding": "约束性", "expected": "预期性"}.get(indicator.attribute, EMPTY)


def _indicator_table(document: Any, version: PlanVersion, indicators: list[Indicator]) -> None:
    plan = version.plan
    baseline_year = next((i.baseline_year for i in indicators if i.baseline_year), None)
    header = [
        "序号",
        "类别",
        "指标",
        "单位",
        f"{baseline_year or plan.start_year - 1}年",
        f"{plan.end_year}年",
        "年均[累计]",
        "属性",
    ]
    caption = document.add_paragraph()
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    short = plan.short_name or "规划"
    _font(caption.add_run(f"表1 {short}主要指标"), "黑体", 14, True)
    table = document.add_table(rows=1 + len(indicators), cols=len(header))
    table.style = "Table Grid"
    for c, text in enumerate(header):
        cell = table.cell(0, c)
        cell.text = ""
        _font(cell.paragraphs[0].add_run(text), "黑体", 10.5, True)
    for r, indicator in enumerate(indicators, start=1):
        values = [
            indicator.number or str(r),
            indicator.category,
            indicator.name,
            indicator.unit,
            indicator.baseline_text,
            indicator.target_text,
            indicator.annual_text,
            _attribute(indicator),
        ]
        for c, value in enumerate(values):
            if c == 1 and r > 1 and indicators[r - 2].category == indicator.category:
                continue  # merged into the cell above
            cell = table.cell(r, c)
            cell.text = ""
            _font(cell.paragraphs[0].add_run(value or EMPTY), BODY_FONT, 10.5)
    start = 1
    for r in range(2, len(indicators) + 2):
        if r == len(indicators) + 1 or indicators[r - 1].category != indicators[start - 1].category:
            if r - 1 > start:
                table.cell(start, 1).merge(table.cell(r - 1, 1))
            start = r
    note = document.add_paragraph()
    _font(note.add_run("注：[ ]内为五年累计数。"), BODY_FONT, 12)


def export_outline_docx(version: PlanVersion) -> bytes:
    """The Outline of ``version`` as a .docx file's bytes."""
    plan = version.plan
    sections = list(Section.objects.filter(version=version).order_by("sort_order", "id"))
    indicators = list(
        Indicator.objects.filter(version=version, is_archived=False).order_by("sort_order", "id")
    )
    main_table = [i for i in indicators if i.source == Indicator.Source.MAIN_TABLE]
    sentences: dict[int | None, list[str]] = defaultdict(list)
    for indicator in indicators:
        known = sentences[indicator.section_id]
        if indicator.source == Indicator.Source.TEXT and indicator.sentence not in known:
            known.append(indicator.sentence)
    tasks: dict[int | None, list[Task]] = defaultdict(list)
    for task in Task.objects.filter(version=version, is_archived=False).order_by("sort_order"):
        tasks[task.section_id].append(task)
    table_section = main_table[0].section_id if main_table else None

    document = Document()
    page = document.sections[0]
    page.orientation = WD_ORIENT.PORTRAIT
    page.top_margin, page.bottom_margin = Cm(3.7), Cm(3.5)
    page.left_margin, page.right_margin = Cm(2.8), Cm(2.6)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run(plan.name), TITLE_FONT, 22)
    if plan.approval_body and plan.approved_on:
        approval = document.add_paragraph()
        approval.alignment = WD_ALIGN_PARAGRAPH.CENTER
        day = plan.approved_on
        text = f"（{day.year}年{day.month}月{day.day}日{plan.approval_body}批准）"
        _font(approval.add_run(text), "楷体_GB2312", 16)
    for section in sections:
        _heading(document, section)
        written: list[str] = []
        for line in section.body.splitlines():
            if line.strip():
                _body(document, line.strip())
                written.append(line.strip())
        text = "\n".join(written)
        for sentence in sentences.get(section.pk, []):
            if sentence not in text:
                _body(document, sentence)
                written.append(sentence)
        text = "\n".join(written)
        for task in tasks.get(section.pk, []):
            if task.title and task.title in text:
                continue
            _body(document, task.content or f"{task.title}。")
        if section.pk == table_section and main_table:
            _indicator_table(document, version, main_table)
    if main_table and table_section is None:
        _indicator_table(document, version, main_table)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
