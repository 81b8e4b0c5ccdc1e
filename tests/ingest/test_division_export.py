"""The 分工方案 exported as a workbook and as the notice's Word attachment tables."""

from __future__ import annotations

import io

import docx
import openpyxl
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from lantu.division.models import TimeNode
from lantu.ingest.division_docx import export_division_docx
from lantu.ingest.division_import import preview_division_import
from lantu.ingest.division_xlsx import export_division_xlsx
from tests.cast import Cast


def test_workbook_has_a_sheet_per_kind_with_frozen_header_widths_and_unit_lists(
    cast: Cast,
) -> None:
    book = openpyxl.load_workbook(
        io.BytesIO(export_division_xlsx(cast.version, user=cast.wang_admin))
    )
    assert book.sheetnames == ["主要指标", "量化目标", "重点任务", "重大项目", "单位列表"]
    assert book["单位列表"].sheet_state == "hidden"
    assert [c.value for c in book["单位列表"]["A"]][:3] == [
        "单位名称",
        "中共示范区委员会",
        "示范区人民政府",
    ]
    tasks = book["重点任务"]
    assert tasks["A1"].value == "“十五五”规划纲要重点任务分工表"
    assert [c.value for c in tasks[2]] == [
        "序号",
        "所在章节",
        "内容",
        "目标",
        "牵头单位",
        "配合单位",
        "时间节点",
        "编号",
    ]
    assert tasks.freeze_panes == "A3"
    assert tasks.column_dimensions["C"].width == 40
    validations = {str(v.sqref): v.formula1 for v in tasks.data_validations.dataValidation}
    assert validations == {"E3:E505": "'单位列表'!$A$2:$A$8", "F3:F505": "'单位列表'!$A$2:$A$8"}
    rows = [[c.value for c in row] for row in tasks.iter_rows(min_row=3)]
    assert rows[1][2:] == [
        "推进东湖片区教育资源均衡",
        None,
        "东湖街道",
        "区教育局",
        "2026年底前",
        f"T-{cast.tasks['shared'].pk}",
    ]
    assert rows[2][4] == "东湖街道(责任)"
    indicators = book["主要指标"]
    assert [c.value for c in indicators[2]][:10] == [
        "序号",
        "类别",
        "内容",
        "单位",
        "属性",
        "基期值",
        "目标值",
        "年均/累计",
        "牵头单位",
        "配合单位",
    ]
    assert [c.value for c in indicators[4]][:9] == [
        2,
        "民生福祉",
        "新增中小学学位",
        "个",
        "约束性",
        "0",
        None,
        "[5000]",
        "区教育局",
    ]
    project = [c.value for c in book["重大项目"][3]]
    assert project[1:4] == ["东湖文体中心", None, 52000]


def test_export_holds_only_rows_the_user_may_view(cast: Cast) -> None:
    book = openpyxl.load_workbook(
        io.BytesIO(export_division_xlsx(cast.version, user=cast.zhao_street))
    )
    titles = [row[2].value for row in book["重点任务"].iter_rows(min_row=3)]
    assert titles == ["推进东湖片区教育资源均衡", "完成东湖街道老旧小区改造"]
    assert book["主要指标"].max_row == 2


def test_formula_looking_text_is_escaped_on_export_and_restored_on_import(cast: Cast) -> None:
    task = cast.tasks["school"]
    task.title = '=HYPERLINK("http://evil","点击")'
    task.save()
    TimeNode.objects.filter(task=task).update(text="@SUM(1)")
    data = export_division_xlsx(cast.version, user=cast.wang_admin)
    cells = [c for row in openpyxl.load_workbook(io.BytesIO(data))["重点任务"] for c in row]
    escaped = [c for c in cells if isinstance(c.value, str) and c.value.startswith("'")]
    assert {c.value for c in escaped} == {'\'=HYPERLINK("http://evil","点击")', "'@SUM(1)"}
    assert all(c.data_type == "s" for c in escaped)
    preview = preview_division_import(data, version=cast.version, user=cast.wang_admin)
    assert preview.problems == [] and preview.counts["change"] == 0


def test_word_attachment_tables_are_landscape_with_repeated_headers_and_official_fonts(
    cast: Cast,
) -> None:
    cast.tasks["school"].content = "新建学校8所;\n改扩建学校4所"
    cast.tasks["school"].save()
    document = docx.Document(io.BytesIO(export_division_docx(cast.version, user=cast.wang_admin)))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts == [
        "附件1",
        "“十五五”规划纲要主要指标分工表",
        "附件2",
        "“十五五”规划纲要重点任务分工表",
        "附件3",
        "“十五五”规划纲要重大项目分工表",
    ]
    title = next(p for p in document.paragraphs if p.text.endswith("主要指标分工表"))
    assert title.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    label = document.paragraphs[0]
    assert label.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    indicators, tasks, projects = document.tables
    for table in document.tables:
        header = table.rows[0]._tr
        assert header.trPr.find(qn("w:tblHeader")).get(qn("w:val")) == "true"
        body = table.rows[1].cells[0].paragraphs[0].style
        assert body.font.size.pt == 10.5
        assert body.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert [c.text for c in tasks.rows[0].cells] == [
        "序号",
        "所在章节",
        "内容",
        "目标",
        "牵头单位",
        "配合单位",
        "时间节点",
    ]
    assert [c.text for c in tasks.rows[3].cells][2:] == [
        "完成东湖街道老旧小区改造",
        "",
        "东湖街道(责任)",
        "",
        "2028年6月底前",
    ]
    assert tasks.rows[1].cells[3].text == "新建学校8所;\n改扩建学校4所"
    assert len(indicators.rows) == 3 and len(projects.rows) == 2
    normal = document.styles["Normal"]
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
