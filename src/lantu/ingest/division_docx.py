"""The tables of the 分工方案 (what each attachment holds), and the Word document that prints them.

The same tables feed the workbook (``division_xlsx``): one each for 主要指标, 量化目标, 重点任务
and 重大项目, only the rows the user may view.

Notation, shared with the workbook and read back by the import:

- 牵头单位: unit names separated by 、; a sole responsible unit (责任单位) is written with the
  suffix ``(责任)``, e.g. ``东湖街道(责任)``.
- 配合单位: unit names separated by 、.
- 时间节点: the phrases as written, separated by ``；``.

The Word document: the attachment tables of the notice (附件1 主要指标分工表 ...), each on its
own landscape A4 pages, header row repeated on every page, in the fonts of an official document
(GB/T 9704): 黑体 for 附件N, 方正小标宋简体 for the table titles, 仿宋_GB2312 for text, tables in
仿宋_GB2312 10.5pt with 黑体 headings. East Asian font names are set through ``w:eastAsia`` so
Word uses them for Chinese characters; on a machine without them Word substitutes its own.
"""

from __future__ import annotations

import io
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any

RESPONSIBLE_MARK = "(责任)"
KEY_PREFIX = {"indicator": "I", "task": "T", "project": "P"}
UNIT_SEPARATOR = "、"
NODE_SEPARATOR = "；"


@dataclass(frozen=True)
class Column:
    """A column of a division sheet: ``key`` names it in code, ``heading`` on paper."""

    key: str
    heading: str
    width: float
    note: str = ""


@dataclass(frozen=True)
class SheetSpec:
    """One kind of row: main indicators, text targets, key tasks or major projects."""

    kind: str  # main, text, task, project
    item: str  # the Assignment field: indicator, task, project
    title: str
    columns: tuple[Column, ...]

    @property
    def headings(self) -> list[str]:
        return [c.heading for c in self.columns]


SEQ = Column("seq", "序号", 6)
DIVISION = (
    Column("lead", "牵头单位", 24, "多个单位用“、”分隔;唯一责任单位写作“单位名称(责任)”"),
    Column("coop", "配合单位", 32, "多个单位用“、”分隔"),
    Column("nodes", "时间节点", 22, "照原文填写,多个时间节点用“；”分隔"),
    Column("key", "编号", 10, "系统编号,导回时据此对应事项,请勿修改;手工新增的行可留空"),
)
SECTION = Column("section", "所在章节", 22)
SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec(
        "main",
        "indicator",
        "主要指标",
        (
            SEQ,
            Column("category", "类别", 12),
            Column("content", "内容", 32),
            Column("measure", "单位", 8),
            Column("attribute", "属性", 8),
            Column("baseline", "基期值", 10),
            Column("target", "目标值", 14),
            Column("annual", "年均/累计", 14),
            *DIVISION,
        ),
    ),
    SheetSpec(
        "text",
        "indicator",
        "量化目标",
        (
            SEQ,
            SECTION,
            Column("content", "内容", 28),
            Column("target", "目标", 22),
            Column("sentence", "原文", 48),
            *DIVISION,
        ),
    ),
    SheetSpec(
        "task",
        "task",
        "重点任务",
        (SEQ, SECTION, Column("content", "内容", 40), Column("target", "目标", 48), *DIVISION),
    ),
    SheetSpec(
        "project",
        "project",
        "重大项目",
        (
            SEQ,
            Column("content", "内容", 30),
            Column("scope", "建设内容", 44),
            Column("investment", "总投资(万元)", 12),
            Column("start", "计划开工", 11),
            Column("completion", "计划竣工", 11),
            *DIVISION,
        ),
    ),
)
ATTRIBUTES = {"binding": "约束性", "expected": "预期性"}


@dataclass
class DivisionTable:
    """The rows of one sheet, each a dict from column key to value."""

    spec: SheetSpec
    rows: list[dict[str, Any]] = field(default_factory=list)


def item_key(item: str, pk: int) -> str:
    """The row identity written in 编号: ``I-45``, ``T-123``, ``P-7``."""
    return f"{KEY_PREFIX[item]}-{pk}"


def division_tables(version: Any, *, user: Any) -> list[DivisionTable]:
    """The four tables of ``version``'s division, only the items ``user`` may view.

    A fixed number of queries whatever the plan's size (three per kind of item).
    """
    from django.db.models import F, Prefetch

    from lantu.core.permissions import restrict
    from lantu.division.models import Assignment, TimeNode
    from lantu.indicators.models import Indicator
    from lantu.projects.models import Project
    from lantu.tasks.models import Task

    assignments = Prefetch(
        "assignments",
        queryset=restrict(Assignment.objects.all(), user, "view")
        .select_related("unit")
        .order_by("sort_order", "id"),
    )
    nodes = Prefetch(
        "timenodes",
        queryset=restrict(TimeNode.objects.all(), user, "view").order_by(
            F("due").asc(nulls_last=True), "sort_order", "id"
        ),
    )

    def items(model: Any) -> list[Any]:
        qs = model.objects.filter(version=version, is_archived=False)
        qs = (
            restrict(qs, user, "view")
            .select_related("section")
            .prefetch_related(assignments, nodes)
        )
        return list(qs.order_by("sort_order", "id"))

    indicators = items(Indicator)
    tables = {spec.kind: DivisionTable(spec) for spec in SHEETS}
    for ind in indicators:
        main = ind.source == Indicator.Source.MAIN_TABLE
        row = {
            "content": ind.name,
            "category": ind.category,
            "measure": ind.unit,
            "attribute": ATTRIBUTES.get(ind.attribute, ind.attribute),
            "baseline": ind.baseline_text or _plain_number(ind.baseline_value),
            "target": ind.target_text if main else ind.target_phrase,
            "annual": ind.annual_text,
            "section": _section(ind),
            "sentence": ind.sentence,
        }
        _add(tables["main" if main else "text"], row, "indicator", ind)
    for task in items(Task):
        row = {"content": task.title, "target": task.content, "section": _section(task)}
        _add(tables["task"], row, "task", task)
    for project in items(Project):
        row = {
            "content": project.name,
            "scope": project.content,
            "investment": project.total_investment,
            "start": _month(project.planned_start),
            "completion": _month(project.planned_completion),
        }
        _add(tables["project"], row, "project", project)
    return [tables[spec.kind] for spec in SHEETS]


def _add(table: DivisionTable, row: dict[str, Any], item: str, obj: Any) -> None:
    row["seq"] = len(table.rows) + 1
    row.update(division_cells(obj))
    row["key"] = item_key(item, obj.pk)
    table.rows.append(row)


def division_cells(obj: Any) -> dict[str, str]:
    """牵头单位, 配合单位 and 时间节点 of an item in the sheet's notation (prefetched data)."""
    leads, coops = [], []
    for a in obj.assignments.all():
        if a.role == "cooperating":
            coops.append(a.unit.name)
        else:
            leads.append(a.unit.name + (RESPONSIBLE_MARK if a.role == "responsible" else ""))
    return {
        "lead": UNIT_SEPARATOR.join(leads),
        "coop": UNIT_SEPARATOR.join(coops),
        "nodes": NODE_SEPARATOR.join(node.text for node in obj.timenodes.all()),
    }


def _section(obj: Any) -> str:
    section = obj.section
    return f"{section.number} {section.title}".strip() if section else ""


def _month(day: Any) -> str:
    return f"{day.year}年{day.month}月" if day else ""


def _plain_number(value: Any) -> str:
    if value is None:
        return ""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# ---------------------------------------------------------------- Word

TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
TEXT_FONT = "仿宋_GB2312"
LATIN_FONT = "Times New Roman"
DOCX_SKIP = {"key", "sentence"}  # identity for the round trip; the long source sentence
BODY_STYLE, HEAD_STYLE = "分工表正文", "分工表表头"


def export_division_docx(version: Any, *, user: Any) -> bytes:
    """The attachment tables of the 分工方案 notice as a Word document (rows ``user`` may view).

    Empty tables are left out and the attachments numbered in order.
    """
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(25)
    section.left_margin = section.right_margin = Mm(25)
    normal = document.styles["Normal"]
    normal.font.size = Pt(16)
    _fonts(normal.element, TEXT_FONT)
    _table_styles(document)
    usable = section.page_width - section.left_margin - section.right_margin
    plan = version.plan
    number = 0
    for table in division_tables(version, user=user):
        if not table.rows:
            continue
        number += 1
        if number > 1:
            document.add_page_break()  # type: ignore[no-untyped-call]
        _attachment(document, number, f"{plan.short_name or plan.name}{table.spec.title}分工表")
        _write_table(document, table, usable)
    if number == 0:
        document.add_paragraph("(本规划版本尚无可显示的分工。)")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _fonts(element: Any, east_asian: str) -> None:
    """Set the East Asian font (what Word uses for Chinese) and a Latin font beside it."""
    from docx.oxml.ns import qn

    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)


def _table_styles(document: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    for name, font, bold in ((BODY_STYLE, TEXT_FONT, False), (HEAD_STYLE, HEADING_FONT, True)):
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.font.size = Pt(10.5)
        style.font.bold = bold
        style.paragraph_format.space_before = style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.line_spacing = 1.0
        _fonts(style.element, font)


def _attachment(document: Any, number: int, title: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    label = document.add_paragraph()
    run = label.add_run(f"附件{number}")
    run.font.size = Pt(16)
    _fonts(run._element, HEADING_FONT)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.space_after = Pt(12)
    run = heading.add_run(title)
    run.font.size = Pt(22)
    _fonts(run._element, TITLE_FONT)


def _write_table(document: Any, table: DivisionTable, usable: int) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    columns = [c for c in table.spec.columns if c.key not in DOCX_SKIP]
    total = sum(c.width for c in columns)
    widths = [int(usable * c.width / total) for c in columns]
    grid = document.add_table(rows=1, cols=len(columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    header = grid.rows[0]
    properties = header._tr.get_or_add_trPr()
    for tag in ("w:tblHeader", "w:cantSplit"):  # repeat on every page; never split
        flag = OxmlElement(tag)
        flag.set(qn("w:val"), "true")
        properties.append(flag)
    for cell, column, width in zip(header.cells, columns, widths, strict=True):
        cell.width = width
        cell.paragraphs[0].style = document.styles[HEAD_STYLE]
        cell.paragraphs[0].add_run(column.heading)
    # One row is built through python-docx, then copied as XML for every row: add_row() costs
    # time in proportion to the table's size, so a 5,000-row table would take minutes.
    template = grid.add_row()
    for cell, width in zip(template.cells, widths, strict=True):
        cell.width = width
        cell.paragraphs[0].style = document.styles[BODY_STYLE]
        cell.paragraphs[0].add_run("")
    row_xml = template._tr
    table_xml = grid._tbl
    table_xml.remove(row_xml)
    for row in table.rows:
        copy = deepcopy(row_xml)
        for run, column in zip(copy.iter(qn("w:r")), columns, strict=True):
            value = row.get(column.key)
            _set_text(run, _plain_number(value) if not isinstance(value, str) else value or "")
        table_xml.append(copy)


def _set_text(run: Any, text: str) -> None:
    """Put ``text`` in an empty run; line breaks become <w:br/>, as Word writes them."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for number, line in enumerate(text.split("\n")):
        if number:
            run.append(OxmlElement("w:br"))
        if line:
            t = OxmlElement("w:t")
            t.text = line
            t.set(qn("xml:space"), "preserve")
            run.append(t)
