"""Bad files are refused with a clear message before anything reads them, and change nothing."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from lantu.division.services import apply_division_import
from lantu.ingest import safety
from lantu.ingest.division_import import preview_division_import
from lantu.ingest.safety import FileRejected, check_upload, check_xlsx, scan_xlsx
from tests.cast import Cast


def xlsx(**cells: str) -> bytes:
    book = openpyxl.Workbook()
    for ref, value in cells.items():
        book.active[ref] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rezip(data: bytes, extra: dict[str, bytes], *, level: int = 6) -> bytes:
    """``data`` (a zip) with entries added or replaced."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as target,
    ):
        for info in source.infolist():
            if info.filename not in extra:
                target.writestr(info, source.read(info))
        for name, body in extra.items():
            target.writestr(name, body)
    return out.getvalue()


def rejected(data: bytes) -> str:
    with pytest.raises(FileRejected) as caught:
        check_xlsx(data)
    return caught.value.message


def test_a_real_workbook_passes() -> None:
    check_xlsx(xlsx(A1="内容"))


def test_random_bytes_are_not_a_spreadsheet() -> None:
    message = rejected(bytes(range(256)) * 40)
    assert "不是Excel 工作簿" in message and "not a xlsx file" in message


def test_csv_renamed_to_xlsx_is_refused() -> None:
    message = rejected("内容,牵头单位\n新建学校,区教育局\n".encode())
    assert message.startswith("这是文本或 CSV 文件") and "text or CSV" in message


def test_old_xls_is_refused() -> None:
    message = rejected(safety.OLE_MAGIC + b"\0" * 4000)
    assert "97-2003" in message and ".xls" in message


def test_macro_workbook_is_refused() -> None:
    data = rezip(xlsx(A1="x"), {"xl/vbaProject.bin": b"\0" * 100})
    assert "宏" in rejected(data) and "macros" in rejected(data)


def test_macro_content_type_alone_is_refused() -> None:
    data = xlsx(A1="x")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        types = z.read("[Content_Types].xml").replace(
            b"sheet.main+xml", b"sheet.macroEnabled.main+xml"
        )
    assert "宏" in rejected(rezip(data, {"[Content_Types].xml": types}))


def test_zip_bomb_is_refused_from_the_directory() -> None:
    bomb = rezip(xlsx(A1="x"), {"xl/media/image1.png": b"\0" * (40 * 1024 * 1024)}, level=9)
    assert len(bomb) < 200_000
    message = rejected(bomb)
    assert "压缩炸弹" in message and "zip bomb" in message


def test_too_many_entries_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, "MAX_ZIP_ENTRIES", 20)
    data = rezip(xlsx(A1="x"), {f"xl/extra/{n}.xml": b"<a/>" for n in range(30)})
    assert "条目" in rejected(data)


def test_absurd_cell_range_is_refused_before_calamine_builds_it() -> None:
    # Two cells at opposite corners: calamine would allocate the whole grid and abort.
    with pytest.raises(FileRejected, match="行"):
        scan_xlsx(xlsx(A1="x", XFD1048576="y"))
    with pytest.raises(FileRejected, match="单元格"):
        scan_xlsx(xlsx(A1="x", XFD50000="y"))


def test_too_many_rows_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, "MAX_SHEET_ROWS", 50)
    with pytest.raises(FileRejected, match="超过上限 50 行"):
        scan_xlsx(xlsx(A1="内容", A51="x"))


def test_bad_file_changes_nothing(cast: Cast) -> None:
    from lantu.division.models import Assignment

    before = Assignment.objects.count()
    with pytest.raises(FileRejected):
        preview_division_import(b"not a workbook", version=cast.version, user=cast.wang_admin)
    with pytest.raises(FileRejected):
        apply_division_import(b"PK\x03\x04junk", version=cast.version, user=cast.wang_admin)
    assert Assignment.objects.count() == before


def test_upload_kinds_are_told_apart() -> None:
    from docx import Document

    out = io.BytesIO()
    Document().save(out)
    docx = out.getvalue()
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    assert check_upload(docx, ["docx", "pdf", "txt"]) == "docx"
    assert check_upload(pdf, ["docx", "pdf", "txt"]) == "pdf"
    assert check_upload("第一章 总则\n".encode("gb18030"), ["docx", "pdf", "txt"]) == "txt"
    with pytest.raises(FileRejected, match="只接受"):
        check_upload(xlsx(A1="x"), ["docx", "pdf", "txt"])
    with pytest.raises(FileRejected, match="这是Word 文档"):
        check_upload(docx, ["xlsx"])


def test_encrypted_or_truncated_pdf_is_refused() -> None:
    with pytest.raises(FileRejected, match="加密"):
        safety.check_pdf(b"%PDF-1.7\n<</Encrypt 5 0 R>>\n%%EOF")
    with pytest.raises(FileRejected, match="不完整"):
        safety.check_pdf(b"%PDF-1.7\n1 0 obj")


def test_macro_document_is_refused() -> None:
    from docx import Document

    out = io.BytesIO()
    Document().save(out)
    with pytest.raises(FileRejected, match="宏"):
        safety.check_docx(rezip(out.getvalue(), {"word/vbaProject.bin": b"\0"}))
