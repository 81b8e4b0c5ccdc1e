"""The 分工方案 workbook round trip: export, edit by hand, preview, apply, import again."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest

from lantu.core import audit
from lantu.core.models import AuditEvent
from lantu.division.models import Assignment, TimeNode
from lantu.division.services import ImportBlocked, apply_division_import
from lantu.ingest.division_import import preview_division_import
from lantu.ingest.division_xlsx import export_division_xlsx
from tests.cast import Cast


def _sheet_rows(book: Any, title: str) -> dict[str, dict[str, Any]]:
    """Rows of an exported sheet by 编号, each a dict heading -> cell."""
    sheet = book[title]
    headings = [c.value for c in sheet[2]]
    rows = {}
    for cells in sheet.iter_rows(min_row=3):
        row = dict(zip(headings, (c for c in cells), strict=True))
        rows[row["编号"].value] = row
    return rows


def _save(book: Any) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_exported_division_imports_back_unchanged(cast: Cast) -> None:
    data = export_division_xlsx(cast.version, user=cast.wang_admin)
    preview = preview_division_import(data, version=cast.version, user=cast.wang_admin)
    assert preview.errors == []
    assert preview.counts == {"create": 0, "change": 0, "unchanged": 6}
    result = apply_division_import(preview, version=cast.version, user=cast.wang_admin)
    assert result.event_id is None and result.rows_unchanged == 6


def _edited_workbook(cast: Cast) -> bytes:
    """The exported workbook with three edits made the way a person would, in openpyxl."""
    book = openpyxl.load_workbook(
        io.BytesIO(export_division_xlsx(cast.version, user=cast.wang_admin))
    )
    tasks = _sheet_rows(book, "重点任务")
    tasks[f"T-{cast.tasks['school'].pk}"]["牵头单位"].value = "西山镇"
    tasks[f"T-{cast.tasks['shared'].pk}"]["配合单位"].value = "区教育局、西山镇"
    tasks[f"T-{cast.tasks['street'].pk}"]["时间节点"].value = "2029年底前"
    return _save(book)


def test_edits_made_in_excel_show_in_the_preview_exactly(cast: Cast) -> None:
    preview = preview_division_import(
        _edited_workbook(cast), version=cast.version, user=cast.wang_admin
    )
    assert preview.errors == []
    changed = {row.label: row.changes for row in preview.rows if row.action == "change"}
    assert changed == {
        "新建改扩建中小学校12所": {"牵头单位": ("区教育局", "西山镇")},
        "推进东湖片区教育资源均衡": {"配合单位": ("区教育局", "区教育局、西山镇")},
        "完成东湖街道老旧小区改造": {"时间节点": ("2028年6月底前", "2029年底前")},
    }
    assert preview.counts == {"create": 0, "change": 3, "unchanged": 3}


def test_applying_changes_the_division_and_audits_every_change(cast: Cast) -> None:
    data = _edited_workbook(cast)
    result = apply_division_import(data, version=cast.version, user=cast.wang_admin)
    school, shared, street = (cast.tasks[k] for k in ("school", "shared", "street"))
    assert [(a.unit.name, a.role) for a in school.assignments.order_by("sort_order")] == [
        ("西山镇", "lead")
    ]
    assert [a.unit.name for a in shared.assignments.filter(role="cooperating")] == [
        "区教育局",
        "西山镇",
    ]
    node = TimeNode.objects.get(task=street)
    assert node.text == "2029年底前" and str(node.due) == "2029-12-31"
    assert (result.assignments_created, result.assignments_removed) == (2, 1)
    assert (result.timenodes_created, result.timenodes_removed) == (1, 1)
    actions = sorted(
        AuditEvent.objects.filter(action__startswith="division.").values_list("action", flat=True)
    )
    assert actions == [
        "division.assignment.created",
        "division.assignment.created",
        "division.assignment.deleted",
        "division.import.applied",
        "division.timenode.created",
        "division.timenode.deleted",
    ]
    summary = AuditEvent.objects.get(pk=result.event_id)
    assert summary.action == "division.import.applied" and summary.actor == cast.wang_admin
    assert audit.verify() == []


def test_importing_the_same_file_twice_changes_nothing_the_second_time(cast: Cast) -> None:
    data = _edited_workbook(cast)
    apply_division_import(data, version=cast.version, user=cast.wang_admin)
    events = AuditEvent.objects.count()
    again = preview_division_import(data, version=cast.version, user=cast.wang_admin)
    assert again.counts == {"create": 0, "change": 0, "unchanged": 6}
    result = apply_division_import(again, version=cast.version, user=cast.wang_admin)
    assert result.event_id is None and AuditEvent.objects.count() == events


def test_demo_division_round_trips_unchanged(db: None) -> None:
    from lantu.demo.seed import seed_demo
    from lantu.organizations.models import Person
    from lantu.plans.models import Plan

    seed_demo()
    plan = Plan.objects.get(start_year=2026, kind="outline")
    admin = Person.objects.filter(memberships__role="plan_admin").first()
    data = export_division_xlsx(plan.current_version, user=admin)
    preview = preview_division_import(data, version=plan.current_version, user=admin)
    assert preview.errors == []
    assert preview.counts["unchanged"] == len(preview.rows) > 300
    assert preview.counts["change"] == preview.counts["create"] == 0


def test_stale_preview_is_refused(cast: Cast) -> None:
    preview = preview_division_import(
        _edited_workbook(cast), version=cast.version, user=cast.wang_admin
    )
    Assignment.objects.filter(task=cast.tasks["school"]).update(role="responsible")
    with pytest.raises(ImportBlocked, match="预览之后已被修改"):
        apply_division_import(preview, version=cast.version, user=cast.wang_admin)
    assert TimeNode.objects.get(task=cast.tasks["street"]).text == "2028年6月底前"


def test_applying_the_file_again_checks_it_still_does_what_the_preview_showed(
    cast: Cast,
) -> None:
    data = _edited_workbook(cast)
    seen = preview_division_import(data, version=cast.version, user=cast.wang_admin).fingerprint
    Assignment.objects.create(
        region=cast.region, task=cast.tasks["street"], unit=cast.units["town"], role="cooperating"
    )
    with pytest.raises(ImportBlocked, match="预览之后已被修改"):
        apply_division_import(data, version=cast.version, user=cast.wang_admin, expect=seen)
    assert TimeNode.objects.get(task=cast.tasks["street"]).text == "2028年6月底前"
    fresh = preview_division_import(data, version=cast.version, user=cast.wang_admin).fingerprint
    apply_division_import(data, version=cast.version, user=cast.wang_admin, expect=fresh)
    assert TimeNode.objects.get(task=cast.tasks["street"]).text == "2029年底前"
