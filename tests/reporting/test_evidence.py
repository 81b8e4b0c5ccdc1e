"""Evidence files (佐证材料): judged by content, stored outside the web root, served only to
those who may see the report, archived rather than deleted."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lantu.core.models import AuditEvent
from lantu.core.services import DomainError
from lantu.reporting import evidence, services
from lantu.reporting.models import Cycle, Evidence, Report
from tests.cast import Cast

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def png() -> bytes:
    """A real 1x1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def docx(*, macro: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
        if macro:
            z.writestr("word/vbaProject.bin", b"\x00" * 10)
    return buffer.getvalue()


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64 + b"This program"
HTML = b"<!DOCTYPE html><html><script>alert(1)</script></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def school(cast: Cast, cycles: dict[str, Cycle]) -> Report:
    return Report.objects.get(
        cycle=cycles["H1"], unit=cast.units["education"], task=cast.tasks["school"]
    )


def stored(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()]


def upload(client: Any, report: Report, name: str, data: bytes) -> Any:
    return client.post(
        reverse("evidence-upload", args=[report.pk]),
        {"file": SimpleUploadedFile(name, data)},
        follow=True,
    )


def test_a_pdf_is_attached_and_served_only_to_those_who_see_the_report(
    cast, school, media, client_for
):
    page = upload(client_for("li_reporter"), school, "2026年上半年进展.pdf", PDF)
    assert page.status_code == 200
    item = Evidence.objects.get(report=school)
    assert (item.kind, item.name, item.size) == ("pdf", "2026年上半年进展.pdf", len(PDF))
    assert item.uploaded_by == cast.li_reporter and not item.is_archived
    assert len(item.sha256) == 64 and item.sha256 in item.file.name
    assert stored(media) == [media / item.file.name]
    assert "2026年上半年进展.pdf" in page.content.decode()
    assert AuditEvent.objects.filter(action="reporting.evidence.created", object_id=str(item.pk))

    url = reverse("evidence-download", args=[item.pk])
    for username in ("li_reporter", "zhang_reviewer", "wang_admin", "liu_congress"):
        response = client_for(username).get(url)
        assert response.status_code == 200, username
        assert response.content == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
    for username in ("zhao_street", "outsider"):
        assert client_for(username).get(url).status_code == 404, username


def test_a_png_is_accepted_and_its_name_is_only_text(cast, school, media, client_for):
    upload(client_for("li_reporter"), school, "../../etc/现场照片.png", png())
    item = Evidence.objects.get(report=school)
    assert item.kind == "png" and item.name == "现场照片.png"
    assert "etc" not in item.file.name and "现场" not in item.file.name


def test_a_word_document_is_accepted(cast, school, media):
    item = evidence.attach_evidence(
        report=school, name="说明.docx", data=docx(), by=cast.li_reporter
    )
    assert item.kind == "docx"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("进展报告.pdf", EXE),
        ("进展报告.pdf", HTML),
        ("图.png", SVG),
        ("宏.docx", docx(macro=True)),
        ("空.pdf", b""),
        ("笔记.pdf", "纯文本内容".encode()),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused(
    cast, school, media, client_for, name, data
):
    page = upload(client_for("li_reporter"), school, name, data)
    assert page.status_code == 200
    assert list(page.context["messages"])
    assert not Evidence.objects.exists()
    assert stored(media) == []


@pytest.mark.parametrize(
    ("data", "words"),
    [(EXE, "可执行程序"), (HTML, "HTML"), (SVG, "SVG"), (b"PK\x05\x06" + b"\x00" * 18, "zip")],
)
def test_the_refusal_names_what_was_found(cast, school, media, data, words):
    with pytest.raises(DomainError, match=words):
        evidence.attach_evidence(report=school, name="x.pdf", data=data, by=cast.li_reporter)


def test_an_oversized_file_is_refused(cast, school, media, settings, client_for):
    settings.LANTU_EVIDENCE_MAX_MB = 1
    big = PDF[:-6] + b" " * (1024 * 1024) + b"%%EOF\n"
    upload(client_for("li_reporter"), school, "大.pdf", big)
    assert not Evidence.objects.exists()
    assert stored(media) == []


def test_only_the_units_reporters_attach_while_the_report_is_filled(
    cast, school, media, client_for
):
    assert upload(client_for("zhang_reviewer"), school, "a.pdf", PDF).status_code == 403
    assert upload(client_for("zhao_street"), school, "a.pdf", PDF).status_code == 404
    assert upload(client_for("liu_congress"), school, "a.pdf", PDF).status_code == 403
    services.save_draft(
        report=school, by=cast.li_reporter, data={"done": "开工3所", "progress": 30}
    )
    services.submit(report=school, by=cast.li_reporter)
    with pytest.raises(DomainError):
        evidence.attach_evidence(report=school, name="a.pdf", data=PDF, by=cast.li_reporter)
    assert not Evidence.objects.exists()
    assert stored(media) == []


def test_removing_archives_the_file_and_keeps_it(cast, school, media, client_for):
    item = evidence.attach_evidence(report=school, name="a.pdf", data=PDF, by=cast.li_reporter)
    client = client_for("li_reporter")
    assert client.post(reverse("evidence-remove", args=[item.pk])).status_code == 302
    item.refresh_from_db()
    assert item.is_archived
    assert stored(media) == [media / item.file.name]
    page = client.get(reverse("report-detail", args=[school.pk])).content.decode()
    assert reverse("evidence-download", args=[item.pk]) not in page
    assert AuditEvent.objects.filter(action="reporting.evidence.archived", object_id=str(item.pk))


def test_files_cannot_be_removed_once_submitted_or_by_others(cast, school, media, client_for):
    item = evidence.attach_evidence(report=school, name="a.pdf", data=PDF, by=cast.li_reporter)
    assert (
        client_for("zhao_street").post(reverse("evidence-remove", args=[item.pk])).status_code
        == 404
    )
    with pytest.raises(PermissionDenied):
        evidence.archive_evidence(evidence=item, by=cast.zhang_reviewer)
    services.save_draft(
        report=school, by=cast.li_reporter, data={"done": "开工3所", "progress": 30}
    )
    services.submit(report=school, by=cast.li_reporter)
    client_for("li_reporter").post(reverse("evidence-remove", args=[item.pk]))
    item.refresh_from_db()
    assert not item.is_archived


def test_the_same_bytes_are_stored_once(cast, school, cycles, media):
    evidence.attach_evidence(report=school, name="a.pdf", data=PDF, by=cast.li_reporter)
    with pytest.raises(DomainError):
        evidence.attach_evidence(report=school, name="b.pdf", data=PDF, by=cast.li_reporter)
    part = Report.objects.get(
        cycle=cycles["H1"], unit=cast.units["education"], task=cast.tasks["shared"]
    )
    evidence.attach_evidence(report=part, name="c.pdf", data=PDF, by=cast.li_reporter)
    assert Evidence.objects.count() == 2
    assert len(stored(media)) == 1


def test_the_lead_unit_reads_its_partners_evidence(cast, cycles, media, client_for):
    part = Report.objects.get(
        cycle=cycles["H1"], unit=cast.units["education"], task=cast.tasks["shared"]
    )
    item = evidence.attach_evidence(report=part, name="配合.pdf", data=PDF, by=cast.li_reporter)
    response = client_for("zhao_street").get(reverse("evidence-download", args=[item.pk]))
    assert response.status_code == 200 and response.content == PDF


@pytest.mark.parametrize(
    ("name", "kind", "shown"),
    [
        ("C:\\Users\\李\\报告.pdf", "pdf", "报告.pdf"),
        ("photo.JPEG", "jpeg", "photo.JPEG"),
        ("virus.exe", "pdf", "virus.exe.pdf"),
        ("", "png", "evidence.png"),
        ("a\x00b\nc.pdf", "pdf", "abc.pdf"),
        ("长" * 300 + ".pdf", "pdf", "长" * 196 + ".pdf"),
    ],
)
def test_display_names_are_plain_text(name, kind, shown):
    assert evidence.display_name(name, kind) == shown
