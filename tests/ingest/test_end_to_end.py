"""From an Outline .docx to the published 分工方案, the way a planning section works:
import the Outline, accept the findings, give the work to units through an .xlsx round trip,
and export the notice's attachment tables. Every file is real and opened."""

from __future__ import annotations

import io
from typing import Any

import docx
import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lantu.division.models import Assignment
from lantu.ingest.models import OutlineImport
from lantu.plans.models import Plan
from lantu.tasks.models import Task
from tests.cast import Cast
from tests.ingest.documents import docx_outline


def test_outline_to_published_division(cast: Cast, client_for: Any) -> None:
    client = client_for("wang_admin")
    plan = Plan.objects.create(
        region=cast.region,
        name="临江区“十五五”规划纲要(测试)",
        kind="outline",
        start_year=2026,
        end_year=2030,
    )
    # 1. Import the Outline and accept every finding.
    response = client.post(
        reverse("import-upload"),
        {"plan": plan.pk, "file": SimpleUploadedFile("纲要.docx", docx_outline())},
    )
    assert response.status_code == 302, response.context["form"].errors
    outline_import = OutlineImport.objects.get()
    for kind in ("section", "indicator", "text_target", "task"):
        client.post(
            reverse("import-decide", args=[outline_import.pk]),
            {"all_of_kind": kind, "decision": "accepted"},
        )
    assert client.post(reverse("import-apply", args=[outline_import.pk])).status_code == 302
    plan.refresh_from_db()
    tasks = list(Task.objects.filter(version=plan.current_version))
    assert len(tasks) >= 5
    assert not Assignment.objects.filter(task__in=tasks).exists()

    # 2. Export the division, give every task a lead and a partner in Excel, import it back.
    exported = client.get(reverse("division-xlsx", args=[plan.pk]))
    book = openpyxl.load_workbook(io.BytesIO(exported.content))
    sheet = book["重点任务"]
    headings = [c.value for c in sheet[2]]
    lead, partner = headings.index("牵头单位"), headings.index("配合单位")
    rows = [row for row in sheet.iter_rows(min_row=3) if row[0].value is not None]
    assert len(rows) == len(tasks)
    for row in rows:
        row[lead].value = "区教育局"
        row[partner].value = "东湖街道、西山镇"
    out = io.BytesIO()
    book.save(out)
    sheet_file = SimpleUploadedFile("分工.xlsx", out.getvalue())
    preview = client.post(reverse("division-import", args=[plan.pk]), {"file": sheet_file})
    assert preview.context["preview"].ok, preview.context["preview"].errors
    counts = preview.context["preview"].counts
    assert counts["create"] + counts["change"] == len(tasks)
    applied = client.post(
        reverse("division-import-apply", args=[plan.pk]),
        {
            "digest": preview.context["digest"],
            "fingerprint": preview.context["preview"].fingerprint,
        },
    )
    assert applied.status_code == 302
    assert Assignment.objects.filter(task__in=tasks, role="lead").count() == len(tasks)
    assert Assignment.objects.filter(task__in=tasks, role="cooperating").count() == 2 * len(tasks)

    # 3. The published attachment tables name the units.
    published = client.get(reverse("division-docx", args=[plan.pk]))
    document = docx.Document(io.BytesIO(published.content))
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "区教育局" in cells and any("西山镇" in c for c in cells)
    assert document.sections[0].page_width > document.sections[0].page_height  # landscape


def test_only_plan_administrators_import_a_division(cast: Cast, client_for: Any) -> None:
    url = reverse("division-import", args=[cast.plan.pk])
    assert client_for("li_reporter").get(url).status_code == 403
    assert client_for("wang_admin").get(url).status_code == 200
    bad = client_for("wang_admin").post(
        url, {"file": SimpleUploadedFile("分工.xlsx", b"PK\x03\x04 not really")}
    )
    assert bad.status_code == 200 and bad.context["form"].errors["file"]
    assert (
        client_for("wang_admin")
        .post(reverse("division-import-apply", args=[cast.plan.pk]), {"digest": "0" * 64})
        .status_code
        == 404
    )
