"""Importing hand-made division sheets: matching, problems, all or nothing, permissions."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied

from lantu.core.models import AuditEvent
from lantu.division.models import Assignment, TimeNode
from lantu.division.services import ImportBlocked, apply_division_import
from lantu.ingest.division_import import preview_division_import
from lantu.organizations.models import Membership, Person
from tests.cast import Cast


def workbook(sheets: dict[str, list[list[Any]]], *, start: str = "A1") -> bytes:
    """A hand-made workbook: each sheet's rows written from cell ``start``."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    first = openpyxl.utils.cell.coordinate_to_tuple(start)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                sheet.cell(row=first[0] + r, column=first[1] + c, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


HEAD = ["时间节点", "配合单位", "牵头单位", "重点任务", "备注"]


def division(cast: Cast) -> list[tuple[str, str, str]]:
    return sorted(
        (a.task.title if a.task else "", a.unit.name, a.role)
        for a in Assignment.objects.filter(task__isnull=False).select_related("task", "unit")
    )


def test_hand_made_sheet_with_title_row_and_other_column_order_is_read(cast: Cast) -> None:
    data = workbook(
        {
            "表3 任务分工": [
                ["示范区“十五五”规划重点任务分工表"],
                [],
                HEAD,
                [None, None, None, "一、推动经济高质量发展", None],  # a heading row
                ["2027年底前;每年", "东湖街道", "区教育局", "新建改扩建 中小学校12所", "x"],
                ["2026年底前", "区教育局", "东湖街道", "推进东湖片区教育资源均衡。", None],
                ["2028年6月底前", "—", "东湖街道(责任)", "完成东湖街道老旧小区改造", None],
            ]
        },
        start="B2",
    )
    preview = preview_division_import(data, version=cast.version, user=cast.wang_admin)
    assert preview.errors == []
    assert [str(w) for w in preview.warnings] == [
        "工作表“表3 任务分工” 第5行 重点任务(E列):不对应任何事项,也没有单位,看作标题行,已跳过"
    ]
    rows = {row.row: (row.action, row.changes) for row in preview.rows}
    assert rows == {
        6: (
            "change",
            {"配合单位": ("", "东湖街道"), "时间节点": ("2027年底前", "2027年底前；每年")},
        ),
        7: ("unchanged", {}),
        8: ("unchanged", {}),
    }
    apply_division_import(preview, version=cast.version, user=cast.wang_admin)
    school = cast.tasks["school"]
    assert sorted(TimeNode.objects.filter(task=school).values_list("text", flat=True)) == [
        "2027年底前",
        "每年",
    ]
    assert ("新建改扩建中小学校12所", "东湖街道", "cooperating") in division(cast)


def test_responsible_unit_column_of_a_hand_made_sheet_sets_the_role(cast: Cast) -> None:
    data = workbook(
        {"Sheet1": [["内容", "责任单位", "配合单位"], ["新建改扩建中小学校12所", "区教育局", ""]]}
    )
    preview = preview_division_import(data, version=cast.version, user=cast.wang_admin)
    assert preview.errors == []
    assert preview.rows[0].changes == {"牵头单位": ("区教育局", "区教育局(责任)")}


def test_near_miss_unit_is_suggested_never_applied(cast: Cast) -> None:
    data = workbook(
        {"重点任务": [["序号", "内容", "牵头单位"], [1, "新建改扩建中小学校12所", "区发改委"]]}
    )
    preview = preview_division_import(data, version=cast.version, user=cast.wang_admin)
    assert [str(e) for e in preview.errors] == [
        "工作表“重点任务” 第2行 牵头单位(C列):"
        "找不到单位“区发改委”,是否指“区发展改革委”?(相似度 0.90)"
    ]
    with pytest.raises(ImportBlocked, match="区发展改革委"):
        apply_division_import(preview, version=cast.version, user=cast.wang_admin)


def test_every_problem_names_sheet_row_and_column(cast: Cast) -> None:
    data = workbook(
        {
            "任务": [
                ["编号", "内容", "牵头单位", "配合单位", "时间节点"],
                ["X-1", "", "区教育局", "", ""],
                [f"T-{cast.tasks['school'].pk}", "", "", "区教育局", ""],
                ["", "没有这项任务", "区教育局", "", ""],
                ["", "推进东湖片区教育资源均衡", "东湖街道", "东湖街道", ""],
                ["", "推进东湖片区教育资源均衡", "东湖街道", "", ""],
                ["T-999999", "", "区教育局", "", ""],
                ["", "完成东湖街道老旧小区改造", "东湖街道", "区教育局(责任)", "年" * 201],
            ]
        }
    )
    preview = preview_division_import(data, version=cast.version, user=cast.wang_admin)
    assert [str(e) for e in preview.errors] == [
        "工作表“任务” 第2行 编号(A列):编号“X-1”格式不对,应如 T-123;手工新增的行请留空",
        "工作表“任务” 第3行 牵头单位(C列):牵头单位不能为空(取消整项分工请在事项页面操作)",
        "工作表“任务” 第4行 内容(B列):本规划版本中找不到任务“没有这项任务”",
        "工作表“任务” 第5行 配合单位(D列):“东湖街道”已是牵头单位,不能同时是配合单位",
        "工作表“任务” 第6行 内容(B列):与工作表“任务”第5行是同一事项,不能重复",
        "工作表“任务” 第7行 编号(A列):编号“T-999999”不是本规划版本中的事项",
        "工作表“任务” 第8行 配合单位(D列):配合单位不能标“(责任)”:“区教育局”",
        "工作表“任务” 第8行 时间节点(E列):时间节点超过 200 字:“" + "年" * 20 + "…”",
    ]


def test_one_bad_row_changes_nothing(cast: Cast) -> None:
    before = division(cast)
    events = AuditEvent.objects.count()
    data = workbook(
        {
            "重点任务": [
                ["内容", "牵头单位", "配合单位"],
                ["新建改扩建中小学校12所", "西山镇", ""],
                ["推进东湖片区教育资源均衡", "东湖街道", "区教委"],
            ]
        }
    )
    with pytest.raises(ImportBlocked, match="第3行 配合单位"):
        apply_division_import(data, version=cast.version, user=cast.wang_admin)
    assert division(cast) == before and AuditEvent.objects.count() == events


def test_a_workbook_without_a_division_sheet_is_an_error(cast: Cast) -> None:
    data = workbook({"Sheet1": [["姓名", "电话"], ["张三", "123"]]})
    preview = preview_division_import(data, version=cast.version, user=cast.wang_admin)
    assert [e.message for e in preview.errors] == [
        "文件中没有可识别的分工表:表头需有“内容”或“编号”,以及“牵头单位”"
    ]


def test_formula_cells_are_taken_as_text_and_warned(cast: Cast) -> None:
    data = workbook(
        {
            "重点任务": [
                ["内容", "牵头单位", "时间节点"],
                ["新建改扩建中小学校12所", "区教育局", '=HYPERLINK("http://x","2027年底前")'],
                ["推进东湖片区教育资源均衡", "东湖街道", "=1+1"],
            ]
        }
    )
    preview = preview_division_import(data, version=cast.version, user=cast.wang_admin)
    assert [str(w) for w in preview.warnings] == [
        "工作表“重点任务” 第2行 时间节点(C列):"
        '单元格是公式“=HYPERLINK("http://x","2027年底前")”,按文字处理,不计算',
        "工作表“重点任务” 第3行 时间节点(C列):单元格是公式“=1+1”,按文字处理,不计算",
    ]
    apply_division_import(preview, version=cast.version, user=cast.wang_admin)
    assert TimeNode.objects.get(task=cast.tasks["shared"]).text == "=1+1"


def test_a_reporter_cannot_import(cast: Cast) -> None:
    data = workbook({"重点任务": [["内容", "牵头单位"], ["新建改扩建中小学校12所", "西山镇"]]})
    with pytest.raises(PermissionDenied):
        preview_division_import(data, version=cast.version, user=cast.li_reporter)
    with pytest.raises(PermissionDenied):
        apply_division_import(data, version=cast.version, user=cast.li_reporter)
    assert ("新建改扩建中小学校12所", "西山镇", "lead") not in division(cast)


def test_rows_outside_the_administrators_scope_are_errors(cast: Cast) -> None:
    person = Person.objects.create_user(username="edu_admin", region=cast.region)
    Membership.objects.create(
        region=cast.region,
        person=person,
        unit=cast.units["education"],
        role="plan_admin",
        scope="own",
    )
    data = workbook(
        {
            "重点任务": [
                ["内容", "牵头单位"],
                ["新建改扩建中小学校12所", "区教育局"],
                ["完成东湖街道老旧小区改造", "区教育局"],
            ]
        }
    )
    preview = preview_division_import(data, version=cast.version, user=person)
    assert [str(e) for e in preview.errors] == [
        "工作表“重点任务” 第3行 内容(A列):该事项不在您的数据范围内,不能修改其分工"
    ]


def test_an_item_without_division_gets_one_and_the_preview_says_create(cast: Cast) -> None:
    from lantu.tasks.models import Task

    Task.objects.create(region=cast.region, version=cast.version, title="建设智慧教育平台")
    data = workbook(
        {
            "重点任务": [
                ["内容", "牵头单位", "配合单位", "时间节点"],
                ["建设智慧教育平台", "区教育局", "区发展改革委、西山镇", "2027年底前"],
            ]
        }
    )
    preview = preview_division_import(data, version=cast.version, user=cast.wang_admin)
    assert preview.counts == {"create": 1, "change": 0, "unchanged": 0}
    assert preview.to_dict()["rows"][0]["changes"] == {
        "牵头单位": ["", "区教育局"],
        "配合单位": ["", "区发展改革委、西山镇"],
        "时间节点": ["", "2027年底前"],
    }
    result = apply_division_import(preview, version=cast.version, user=cast.wang_admin)
    assert (result.rows_created, result.assignments_created, result.timenodes_created) == (1, 3, 1)


def test_an_archived_unit_the_item_already_has_reads_back_but_cannot_be_given_anew(
    cast: Cast,
) -> None:
    town = cast.units["town"]
    Assignment.objects.create(
        region=cast.region, task=cast.tasks["shared"], unit=town, role="cooperating", sort_order=2
    )
    town.is_archived = True
    town.save()
    data = workbook(
        {
            "重点任务": [
                ["内容", "牵头单位", "配合单位"],
                ["推进东湖片区教育资源均衡", "东湖街道", "区教育局、西山镇"],
                ["新建改扩建中小学校12所", "区教育局", "西山镇"],
            ]
        }
    )
    preview = preview_division_import(data, version=cast.version, user=cast.wang_admin)
    assert [str(e) for e in preview.errors] == [
        "工作表“重点任务” 第3行 配合单位(C列):单位“西山镇”已撤销或归档,不能再分配工作"
    ]
    assert preview.rows[0].action == "unchanged"


def test_a_key_from_another_version_falls_back_to_the_content(cast: Cast) -> None:
    data = workbook(
        {
            "重点任务": [
                ["编号", "内容", "牵头单位"],
                ["T-999999", "新建改扩建中小学校12所", "区教育局"],
            ]
        }
    )
    preview = preview_division_import(data, version=cast.version, user=cast.wang_admin)
    assert preview.errors == [] and preview.rows[0].item_id == cast.tasks["school"].pk
    assert [w.message for w in preview.warnings] == [
        "编号“T-999999”不是本规划版本中的事项,按内容对应"
    ]
