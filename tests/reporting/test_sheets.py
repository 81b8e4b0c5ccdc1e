"""Filling a cycle in Excel: download the unit's workbook, fill it offline, upload, preview,
apply all or nothing."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from lantu.indicators.models import Indicator
from lantu.reporting import services
from lantu.reporting.models import Cycle, Report
from lantu.tasks.models import Task
from tests.cast import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def h1(cast: Cast, cycles: dict[str, Cycle]) -> Cycle:
    """The open 2026 H1 cycle with the tasks (due half-yearly), plus the school indicator and
    the project added, so that every kind of sheet is there."""
    cycle = cycles["H1"]
    services.add_to_cycle(cycle=cycle, item=cast.indicators["school"], by=cast.wang_admin)
    services.add_to_cycle(cycle=cycle, item=cast.project, by=cast.wang_admin)
    return cycle


def report(cycle: Cycle, unit: Any, **item: Any) -> Report:
    return Report.objects.get(cycle=cycle, unit=unit, **item)


def download(client: Any, cycle: Cycle, **params: Any) -> Any:
    response = client.get(reverse("cycle-sheet", args=[cycle.pk]), params)
    assert response.status_code == 200, response.status_code
    return load_workbook(io.BytesIO(response.content))


def rows_by_id(sheet: Any) -> dict[int, dict[str, Any]]:
    """The sheet's data rows by report id, each as heading -> (cell, value)."""
    headings = [c.value for c in sheet[2]]
    result = {}
    for row in sheet.iter_rows(min_row=3):
        if row[0].value is not None:
            result[row[0].value] = {h: c for h, c in zip(headings, row, strict=True)}
    return result


def as_bytes(book: Any) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client: Any, cycle: Cycle, data: bytes, name: str = "filled.xlsx", **extra: Any) -> Any:
    file = io.BytesIO(data)
    file.name = name
    return client.post(reverse("cycle-sheet-upload", args=[cycle.pk]), {"file": file, **extra})


def apply(client: Any, cycle: Cycle, preview: Any, submit: bool = False) -> Any:
    context = preview.context
    data = {
        "digest": context["digest"],
        "fingerprint": context["preview"].fingerprint,
        "unit": context["unit"].pk,
    }
    if submit:
        data["submit"] = "on"
    return client.post(reverse("cycle-sheet-apply", args=[cycle.pk]), data)


def test_download_has_a_sheet_per_kind_with_context_and_current_drafts(cast, h1, client_for):
    school_task = report(h1, cast.units["education"], task=cast.tasks["school"])
    services.save_draft(
        report=school_task, by=cast.li_reporter, data={"done": "=开工3所", "progress": Decimal(30)}
    )
    book = download(client_for("li_reporter"), h1)
    assert book.sheetnames == ["指标", "任务"]
    tasks = book["任务"]
    assert [c.value for c in tasks[2]] == [
        "报告编号", "任务名称", "角色", "时间节点", "状态",
        "完成情况", "进度(%)", "已完成的时间节点", "存在问题", "下步计划",
    ]  # fmt: skip
    assert tasks.freeze_panes == "C3"
    assert tasks.column_dimensions["A"].hidden
    assert tasks.protection.sheet
    rows = rows_by_id(tasks)
    shared = report(h1, cast.units["education"], task=cast.tasks["shared"])
    assert set(rows) == {school_task.pk, shared.pk}
    school = rows[school_task.pk]
    assert school["任务名称"].value == "新建改扩建中小学校12所"
    assert school["时间节点"].value == "2027年底前"
    assert school["完成情况"].value == "'=开工3所"  # never run as a formula
    assert Decimal(str(school["进度(%)"].value)) == 30
    assert school["任务名称"].protection.locked and not school["进度(%)"].protection.locked
    assert rows[shared.pk]["角色"].value == "配合"
    indicator = rows_by_id(book["指标"])
    (row,) = indicator.values()
    assert row["指标名称"].value == "新增中小学学位"
    assert row["计量单位"].value == "个" and row["目标"].value == "[5000]"


def test_project_sheet_offers_the_stages_and_this_years_plan(cast, h1, client_for):
    from lantu.projects.models import InvestmentPlan

    InvestmentPlan.objects.create(
        region=cast.region, project=cast.project, year=2026, planned=Decimal("8000")
    )
    book = download(client_for("zhao_street"), h1)
    assert book.sheetnames == ["任务", "项目"]
    sheet = book["项目"]
    (row,) = rows_by_id(sheet).values()
    assert Decimal(str(row["本年计划投资(万元)"].value)) == 8000
    assert Decimal(str(row["总投资(万元)"].value)) == 52000
    stage_rules = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert stage_rules and "开工" in stage_rules[0].formula1


def test_filled_workbook_previews_then_saves_drafts(cast, h1, client_for):
    client = client_for("li_reporter")
    book = download(client, h1)
    school_task = report(h1, cast.units["education"], task=cast.tasks["school"])
    indicator = report(h1, cast.units["education"], indicator=cast.indicators["school"])
    rows = rows_by_id(book["任务"])[school_task.pk]
    rows["完成情况"].value = "开工3所,竣工1所"
    rows["进度(%)"].value = "35%"
    rows["已完成的时间节点"].value = "2027年底前"
    rows_by_id(book["指标"])[indicator.pk]["数值"].value = 1200
    response = upload(client, h1, as_bytes(book))
    assert response.status_code == 200
    preview = response.context["preview"]
    assert preview.ok, [str(p) for p in preview.problems]
    assert {r.report.pk for r in preview.rows} == {school_task.pk, indicator.pk}
    assert preview.unchanged == 1  # the cooperating part, untouched
    page = response.content.decode()
    assert "开工3所,竣工1所" in page and "1200" in page
    school_task.refresh_from_db()
    assert school_task.done == ""  # nothing saved by the preview

    response = apply(client, h1, response)
    assert response.status_code == 302
    school_task.refresh_from_db()
    indicator.refresh_from_db()
    assert school_task.done == "开工3所,竣工1所" and school_task.progress == Decimal(35)
    assert [n.text for n in school_task.timenodes_met.all()] == ["2027年底前"]
    assert indicator.value == Decimal(1200)
    assert school_task.status == indicator.status == "draft"


def test_apply_submits_when_asked(cast, h1, client_for):
    client = client_for("li_reporter")
    book = download(client, h1)
    school_task = report(h1, cast.units["education"], task=cast.tasks["school"])
    row = rows_by_id(book["任务"])[school_task.pk]
    row["完成情况"].value, row["进度(%)"].value = "开工3所", 30
    response = apply(client, h1, upload(client, h1, as_bytes(book)), submit=True)
    assert response.status_code == 302
    school_task.refresh_from_db()
    assert school_task.status == "submitted" and school_task.submitted_by == cast.li_reporter


def test_submit_refused_for_one_row_saves_nothing(cast, h1, client_for):
    client = client_for("li_reporter")
    book = download(client, h1)
    school_task = report(h1, cast.units["education"], task=cast.tasks["school"])
    shared = report(h1, cast.units["education"], task=cast.tasks["shared"])
    rows = rows_by_id(book["任务"])
    rows[school_task.pk]["完成情况"].value, rows[school_task.pk]["进度(%)"].value = "开工", 30
    rows[shared.pk]["存在问题"].value = "资金不足"  # 完成情况 left empty: cannot be submitted
    response = apply(client, h1, upload(client, h1, as_bytes(book)), submit=True)
    assert response.status_code == 302
    follow = client.get(response.url)
    assert any(str(shared.task) in str(m) for m in follow.context["messages"])
    school_task.refresh_from_db()
    shared.refresh_from_db()
    assert (school_task.done, school_task.status, shared.problems) == ("", "draft", "")


@pytest.mark.parametrize(
    ("heading", "value", "words"),
    [
        ("进度(%)", "about half", "not a number"),
        ("进度(%)", 130, "between 0 and 100"),
        ("已完成的时间节点", "2030年底前", "not a time node"),
    ],
)
def test_a_bad_cell_names_row_and_column_and_nothing_is_saved(
    cast, h1, client_for, heading, value, words
):
    client = client_for("li_reporter")
    book = download(client, h1)
    school_task = report(h1, cast.units["education"], task=cast.tasks["school"])
    indicator = report(h1, cast.units["education"], indicator=cast.indicators["school"])
    rows_by_id(book["指标"])[indicator.pk]["数值"].value = 1200  # a good row
    cell = rows_by_id(book["任务"])[school_task.pk][heading]
    cell.value = value
    client.cookies["django_language"] = "en"  # the words below are the English messages
    response = upload(client, h1, as_bytes(book))
    preview = response.context["preview"]
    assert not preview.ok and response.context["digest"] is None
    (error,) = preview.errors
    assert (error.sheet, error.row) == ("任务", cell.row)
    assert error.column == f"{cell.column_letter} ({heading})"
    assert words in error.message
    assert str(error) in response.content.decode().replace("&ldquo;", "“").replace("&rdquo;", "”")
    indicator.refresh_from_db()
    assert indicator.value is None


def test_project_errors_negative_total_below_period_and_unknown_stage(cast, h1, client_for):
    client = client_for("zhao_street")
    book = download(client, h1)
    project = report(h1, cast.units["street"], project=cast.project)
    row = rows_by_id(book["项目"])[project.pk]
    row["本期完成投资(万元)"].value = 500
    row["累计完成投资(万元)"].value = 300
    row["形象进度"].value = "快完工了"
    response = upload(client, h1, as_bytes(book))
    errors = response.context["preview"].errors
    assert {e.column for e in errors} == {"H (累计完成投资(万元))", "I (形象进度)"}
    row["累计完成投资(万元)"].value, row["形象进度"].value = -1, "开工"
    errors = upload(client, h1, as_bytes(book)).context["preview"].errors
    assert [e.column for e in errors] == ["H (累计完成投资(万元))"]
    row["累计完成投资(万元)"].value, row["达到日期"].value = 800, "2026年6月18日"
    response = upload(client, h1, as_bytes(book))
    assert response.context["preview"].ok
    apply(client, h1, response)
    project.refresh_from_db()
    assert (project.invested_total, project.stage) == (Decimal(800), "started")
    assert project.stage_reached_on.isoformat() == "2026-06-18"


def test_report_changed_after_the_preview_refuses_the_apply(cast, h1, client_for):
    client = client_for("li_reporter")
    book = download(client, h1)
    school_task = report(h1, cast.units["education"], task=cast.tasks["school"])
    indicator = report(h1, cast.units["education"], indicator=cast.indicators["school"])
    rows_by_id(book["任务"])[school_task.pk]["完成情况"].value = "表格里写的"
    rows_by_id(book["指标"])[indicator.pk]["数值"].value = 1200
    preview = upload(client, h1, as_bytes(book))
    services.save_draft(report=school_task, by=cast.li_reporter, data={"done": "页面上写的"})
    response = apply(client, h1, preview)
    assert response.status_code == 302
    school_task.refresh_from_db()
    indicator.refresh_from_db()
    assert school_task.done == "页面上写的" and indicator.value is None


def test_another_units_report_in_the_file_is_an_error(cast, h1, client_for):
    client = client_for("li_reporter")
    book = download(client, h1)
    street = report(h1, cast.units["street"], task=cast.tasks["street"])
    sheet = book["任务"]
    sheet.cell(row=sheet.max_row, column=1).value = street.pk
    response = upload(client, h1, as_bytes(book))
    (error,) = response.context["preview"].errors
    assert error.row == sheet.max_row and error.column.startswith("A ")
    assert str(street.pk) in error.message


def test_a_submitted_report_cannot_be_changed_by_the_sheet(cast, h1, client_for):
    client = client_for("li_reporter")
    school_task = report(h1, cast.units["education"], task=cast.tasks["school"])
    services.save_draft(
        report=school_task, by=cast.li_reporter, data={"done": "开工", "progress": Decimal(30)}
    )
    services.submit(report=school_task, by=cast.li_reporter)
    book = download(client, h1)
    row = rows_by_id(book["任务"])[school_task.pk]
    assert row["状态"].value == "待审核" and row["进度(%)"].protection.locked
    row["进度(%)"].value = 40
    (error,) = upload(client, h1, as_bytes(book)).context["preview"].errors
    assert error.row == row["进度(%)"].row


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)],
    ids=["pdf", "xls-renamed"],
)
def test_a_file_that_is_not_a_workbook_is_refused(cast, h1, client_for, data):
    response = upload(client_for("li_reporter"), h1, data)
    assert response.status_code == 200
    assert "preview" not in response.context
    assert response.context["form"].errors["file"]


def test_a_workbook_without_the_report_id_column_is_an_error(cast, h1, client_for):
    book = Workbook()
    book.active.append(["任务名称", "完成情况"])
    book.active.append(["新建改扩建中小学校12所", "开工"])
    preview = upload(client_for("li_reporter"), h1, as_bytes(book)).context["preview"]
    assert not preview.ok and not preview.rows


def test_outsiders_and_other_units_get_404(cast, h1, client_for):
    url = reverse("cycle-sheet", args=[h1.pk])
    assert client_for("outsider").get(url).status_code == 404
    assert (
        client_for("outsider").get(reverse("cycle-sheet-upload", args=[h1.pk])).status_code == 404
    )
    street = cast.units["street"].pk
    assert client_for("li_reporter").get(url, {"unit": street}).status_code == 404


def test_plan_admin_downloads_any_unit_but_does_not_fill(cast, h1, client_for):
    client = client_for("wang_admin")
    book = download(client, h1, unit=cast.units["street"].pk)
    assert book.sheetnames == ["任务", "项目"]
    (row,) = rows_by_id(book["项目"]).values()
    assert row["本期完成投资(万元)"].protection.locked  # not theirs to fill
    response = upload(client, h1, as_bytes(book), unit=cast.units["street"].pk)
    assert response.status_code == 403


def test_the_reviewer_reads_but_cannot_upload(cast, h1, client_for):
    client = client_for("zhang_reviewer")
    assert download(client, h1).sheetnames == ["指标", "任务"]
    page = client.get(reverse("cycle-sheet-upload", args=[h1.pk]))
    assert page.status_code == 200 and "form" in page.context


def test_download_costs_the_same_queries_for_one_row_as_for_many(cast, h1, client_for):
    client = client_for("li_reporter")
    client.get(reverse("cycle-sheet", args=[h1.pk]))  # sessions and grants warmed up
    with CaptureQueriesContext(connection) as one:
        download(client, h1)
    for n in range(8):
        task = Task.objects.create(
            region=cast.region, version=cast.version, title=f"任务{n}", sort_order=10 + n
        )
        indicator = Indicator.objects.create(
            region=cast.region, version=cast.version, name=f"指标{n}"
        )
        for item in ({"task": task}, {"indicator": indicator}):
            cast.tasks["school"].assignments.model.objects.create(
                region=cast.region, unit=cast.units["education"], role="lead", **item
            )
        task.timenodes.create(region=cast.region, text="2026年底前")
        services.add_to_cycle(cycle=h1, item=task, by=cast.wang_admin)
        services.add_to_cycle(cycle=h1, item=indicator, by=cast.wang_admin)
    with CaptureQueriesContext(connection) as many:
        book = download(client, h1)
    assert len(rows_by_id(book["任务"])) == 10
    assert len(many) == len(one), [q["sql"] for q in many.captured_queries]


def test_error_text_names_sheet_row_and_column():
    from lantu.reporting.sheet_read import CellProblem

    text = str(CellProblem("任务", 4, "G (进度(%))", "bad"))
    assert re.search(r"任务.*4.*G \(进度\(%\)\).*bad", text)
