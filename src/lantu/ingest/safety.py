"""Checks every uploaded file passes before anything reads it.

A file is judged by its content (magic bytes and zip directory), never by its name. Office files
are zip archives: their directory is checked against zip-bomb limits (entry count, total and
per-entry unpacked size, compression ratio) before one byte is inflated. Macro-enabled files
(.xlsm, .docm), old OLE files (.xls, .doc, and encrypted Office files), binary workbooks (.xlsb),
CSV or text renamed to .xlsx and random bytes are refused with a message in Chinese and English.

Spreadsheets need one more check before python-calamine may read them: calamine builds a dense
grid from the first to the last cell, so two cells at A1 and XFD1048576 make it ask for half a
terabyte and abort the whole process. ``scan_xlsx`` streams each worksheet's XML once, finds the
extent of its cells and any formula cells, and refuses absurd extents; ``lantu.ingest.
division_xlsx`` reads only what the scan has passed. Formulas are never evaluated: the scan keeps
their text so that the import can take it as literal text and warn.

The limits are module constants so that a deployment (or a test) can tighten them.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import unescape
from posixpath import join, normpath

from defusedxml import ElementTree

from lantu.core.services import DomainError

MiB = 1024 * 1024
MAX_UPLOAD_BYTES = 50 * MiB
MAX_ZIP_ENTRIES = 2_000
MAX_ENTRY_BYTES = 100 * MiB
MAX_TOTAL_BYTES = 300 * MiB
MAX_RATIO = 200  # unpacked : packed, for entries above RATIO_FLOOR
RATIO_FLOOR = 1 * MiB
MAX_SHEET_ROWS = 100_000
MAX_SHEET_CELLS = 2_000_000  # rows x columns of the grid a sheet spans
MAX_FORMULAS_KEPT = 1_000

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
KIND_NAMES = {
    "xlsx": "Excel 工作簿(.xlsx)",
    "docx": "Word 文档(.docx)",
    "pdf": "PDF 文件(.pdf)",
    "txt": "文本文件(.txt)",
}


class FileRejected(DomainError):
    """An uploaded file refused before reading; ``message`` is fit to show the uploader."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _reject(zh: str, en: str) -> FileRejected:
    return FileRejected(f"{zh} / {en}")


# ---------------------------------------------------------------- recognising a file


def sniff(data: bytes) -> str:
    """What the bytes are: xlsx, xlsm, xlsb, docx, docm, zip, ole, pdf, txt, empty or unknown."""
    if not data:
        return "empty"
    if data.startswith(OLE_MAGIC):
        return "ole"
    if data.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError, struct.error):
            return "unknown"
        macro = any(n.lower().endswith("vbaproject.bin") for n in names)
        if "xl/workbook.xml" in names:
            return "xlsm" if macro else "xlsx"
        if "xl/workbook.bin" in names:
            return "xlsb"
        if "word/document.xml" in names:
            return "docm" if macro else "docx"
        return "zip"
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if _looks_like_text(data[:8192]):
        return "txt"
    return "unknown"


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    for encoding in ("utf-8-sig", "utf-16", "gb18030"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            # A multi-byte character may be cut at the end of the sample.
            try:
                text = head[:-3].decode(encoding)
            except UnicodeDecodeError:
                continue
        printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
        return printable >= 0.95 * max(len(text), 1)
    return False


def _wrong_kind(found: str, wanted: str) -> FileRejected:
    want = KIND_NAMES[wanted]
    if found == "empty":
        return _reject("文件是空的。", "The file is empty.")
    if found == "ole":
        return _reject(
            f"这是旧版 Office 97-2003 文件(.xls/.doc)或加密的 Office 文件,不是{want};"
            "请在 Office 中另存为新格式且不设密码后再上传。",
            "This is an old Office 97-2003 file (.xls/.doc) or an encrypted Office file; "
            "save it in the current format without a password and upload it again.",
        )
    if found in {"xlsm", "docm"}:
        return _reject(
            "文件含有宏(.xlsm/.docm),出于安全原因不予接受;请另存为不含宏的格式后再上传。",
            "The file contains macros (.xlsm/.docm) and is refused for safety; "
            "save it without macros and upload it again.",
        )
    if found == "xlsb":
        return _reject(
            "不支持二进制工作簿(.xlsb),请另存为“Excel 工作簿(.xlsx)”。",
            "Binary workbooks (.xlsb) are not supported; save as an Excel workbook (.xlsx).",
        )
    if found == "txt":
        return _reject(
            f"这是文本或 CSV 文件,不是{want}(改扩展名不会改变文件内容)。",
            f"This is a text or CSV file, not a {wanted} file (renaming does not convert it).",
        )
    if found in KIND_NAMES:
        return _reject(
            f"这是{KIND_NAMES[found]},不是{want}。",
            f"This is a {found} file, not a {wanted} file.",
        )
    return _reject(
        f"文件已损坏或不是{want}。",
        f"The file is damaged or is not a {wanted} file.",
    )


# ---------------------------------------------------------------- zip archives


def _check_size(data: bytes) -> None:
    if len(data) > MAX_UPLOAD_BYTES:
        raise _reject(
            f"文件过大({len(data) / MiB:.1f} MB,上限 {MAX_UPLOAD_BYTES // MiB} MB)。",
            f"The file is too large ({len(data) / MiB:.1f} MB; the limit is "
            f"{MAX_UPLOAD_BYTES // MiB} MB).",
        )


def _entry_count(data: bytes) -> int | None:
    """Entries declared by the end-of-central-directory record, read without parsing it all."""
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if at < 0 or at + 22 > len(data):
        return None
    return int(struct.unpack_from("<H", data, at + 10)[0])


def _check_zip(data: bytes) -> zipfile.ZipFile:
    """Open the archive and check its directory against the zip-bomb limits."""
    declared = _entry_count(data)
    if declared is not None and declared > MAX_ZIP_ENTRIES:
        raise _too_many_entries(declared)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, struct.error) as exc:
        raise _reject("文件已损坏,无法打开。", "The file is damaged and cannot be opened.") from exc
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        raise _too_many_entries(len(infos))
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise _reject("文件已加密,请去掉密码后再上传。", "The file is encrypted.")
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_ENTRY_BYTES or (info.file_size > RATIO_FLOOR and ratio > MAX_RATIO):
            raise _reject(
                f"文件中的“{info.filename}”解压后 {info.file_size / MiB:.0f} MB、"
                f"压缩比 {ratio:.0f}:1,超出安全限度(疑似压缩炸弹)。",
                f"“{info.filename}” unpacks to {info.file_size / MiB:.0f} MB at a ratio of "
                f"{ratio:.0f}:1, beyond the safety limits (a zip bomb?).",
            )
    if total > MAX_TOTAL_BYTES:
        raise _reject(
            f"文件解压后共 {total / MiB:.0f} MB,超过上限 {MAX_TOTAL_BYTES // MiB} MB"
            "(疑似压缩炸弹)。",
            f"The file unpacks to {total / MiB:.0f} MB, beyond the "
            f"{MAX_TOTAL_BYTES // MiB} MB limit (a zip bomb?).",
        )
    return archive


def _too_many_entries(count: int) -> FileRejected:
    return _reject(
        f"文件包含 {count} 个条目,超过上限 {MAX_ZIP_ENTRIES}(疑似压缩炸弹)。",
        f"The file holds {count} entries, beyond the limit of {MAX_ZIP_ENTRIES} (a zip bomb?).",
    )


def _check_office(data: bytes, kind: str, main_part: str) -> zipfile.ZipFile:
    _check_size(data)
    found = sniff(data) if not data.startswith(ZIP_MAGIC) else None
    if found is not None:
        raise _wrong_kind(found, kind)
    archive = _check_zip(data)
    names = set(archive.namelist())
    macro = any(n.lower().endswith("vbaproject.bin") for n in names)
    if "[Content_Types].xml" in names:
        types = archive.read("[Content_Types].xml")  # directory-checked: small
        macro = macro or b"macroenabled" in types.lower()
    if macro:
        raise _wrong_kind("xlsm", kind)
    if main_part not in names or "[Content_Types].xml" not in names:
        raise _wrong_kind(sniff(data), kind)
    return archive


def check_xlsx(data: bytes) -> None:
    """Refuse anything but a plain .xlsx workbook within the size limits (raises FileRejected)."""
    _check_office(data, "xlsx", "xl/workbook.xml").close()


def check_docx(data: bytes) -> None:
    """Refuse anything but a plain .docx document within the size limits (raises FileRejected)."""
    _check_office(data, "docx", "word/document.xml").close()


def check_pdf(data: bytes) -> None:
    """Refuse anything but a complete, unencrypted PDF within the size limit."""
    _check_size(data)
    found = sniff(data)
    if found != "pdf":
        raise _wrong_kind(found, "pdf")
    if b"%%EOF" not in data[-4096:]:
        raise _reject("PDF 文件不完整(可能上传中断)。", "The PDF is incomplete.")
    if b"/Encrypt" in data:
        raise _reject("PDF 文件已加密,请去掉密码后再上传。", "The PDF is encrypted.")


def check_txt(data: bytes) -> None:
    """Refuse anything but text in UTF-8, UTF-16 or GB18030 within the size limit."""
    _check_size(data)
    found = sniff(data)
    if found != "txt":
        raise _wrong_kind(found, "txt")
    decode_text(data)


def decode_text(data: bytes) -> str:
    """The text of a .txt upload: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _reject(
        "无法识别文本编码,请另存为 UTF-8 编码。", "Unknown text encoding; save the file as UTF-8."
    )


CHECKS = {"xlsx": check_xlsx, "docx": check_docx, "pdf": check_pdf, "txt": check_txt}


def check_upload(data: bytes, kinds: Iterable[str]) -> str:
    """Which of ``kinds`` (xlsx, docx, pdf, txt) the file is, after that kind's checks.

    Raises FileRejected naming the kinds accepted when the file is none of them.
    """
    wanted = [k for k in kinds if k in CHECKS]
    _check_size(data)
    found = sniff(data)
    if found in wanted:
        CHECKS[found](data)
        return found
    if len(wanted) == 1:
        raise _wrong_kind(found, wanted[0])
    accepted = "、".join(KIND_NAMES[k] for k in wanted)
    what = KIND_NAMES.get(found, "无法识别的文件")
    raise _reject(
        f"只接受{accepted};上传的是{what}。",
        f"Only {', '.join(wanted)} files are accepted; this file is {found}.",
    )


# ---------------------------------------------------------------- worksheets


@dataclass
class SheetScan:
    """What one worksheet's XML holds, found by streaming it once."""

    name: str
    path: str
    rows: int = 0  # the last row used (1-based)
    columns: int = 0  # the last column used (1-based)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) 1-based
    formula_count: int = 0


_NS = rb"(?:[A-Za-z_][\w.-]*:)?"
_ROW = re.compile(rb"<" + _NS + rb"row(?=[\s>/])(?:\s[^>]*?\br=\"(\d{1,9})\")?[^>]*>")
_CELL = re.compile(rb"<" + _NS + rb"c(?=[\s>/])(?:\s[^>]*?\br=\"([A-Z]{1,4})(\d{1,9})\")?[^>]*>")
_TAG = re.compile(rb"<" + _NS + rb"(row|c)(?=[\s>/])([^>]*)>")
_REF = re.compile(rb"\br=\"([A-Z]{0,4})(\d{1,9})\"")
_FORMULA = re.compile(
    rb"<" + _NS + rb"c\s[^>]*?\br=\"([A-Z]{1,4})(\d{1,9})\"[^>]*>\s*"
    rb"<" + _NS + rb"f\b[^>]*?(?:/>|>([^<]*)</" + _NS + rb"f>)"
)
_HAS_FORMULA = re.compile(rb"<" + _NS + rb"f[\s>/]")
_CHUNK = 1 * MiB


def column_number(letters: str) -> int:
    """1 for A, 27 for AA."""
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


def column_letters(number: int) -> str:
    """A for 1, AA for 27."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _sheet_paths(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, part path) of every worksheet, in workbook order."""
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError) as exc:
        raise _wrong_kind("unknown", "xlsx") from exc
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    result = []
    for sheet in book.iter(f"{main}sheet"):
        target = targets.get(sheet.get(rel), "")
        path = target.lstrip("/") if target.startswith("/") else normpath(join("xl", target))
        if path in archive.NameToInfo and "worksheets/" in path:
            result.append((sheet.get("name", ""), path))
    return result


def scan_xlsx(data: bytes) -> list[SheetScan]:
    """Check the workbook (``check_xlsx``), then stream each worksheet for extent and formulas.

    Raises FileRejected when a sheet spans more than ``MAX_SHEET_ROWS`` rows or
    ``MAX_SHEET_CELLS`` cells, before any reader builds its grid.
    """
    archive = _check_office(data, "xlsx", "xl/workbook.xml")
    with archive:
        scans = [SheetScan(name, path) for name, path in _sheet_paths(archive)]
        for scan in scans:
            _scan_sheet(archive, scan)
            if scan.rows > MAX_SHEET_ROWS:
                raise _reject(
                    f"工作表“{scan.name}”有 {scan.rows} 行,超过上限 {MAX_SHEET_ROWS} 行。",
                    f"Sheet “{scan.name}” has {scan.rows} rows, beyond {MAX_SHEET_ROWS}.",
                )
            if scan.rows * scan.columns > MAX_SHEET_CELLS:
                raise _reject(
                    f"工作表“{scan.name}”的范围达 {scan.rows} 行 × {scan.columns} 列,"
                    f"超过上限 {MAX_SHEET_CELLS} 个单元格(疑似恶意文件)。",
                    f"Sheet “{scan.name}” spans {scan.rows} rows x {scan.columns} columns, "
                    f"beyond {MAX_SHEET_CELLS} cells (a malicious file?).",
                )
    return scans


def _scan_sheet(archive: zipfile.ZipFile, scan: SheetScan) -> None:
    """Find the last row and column and the formula cells, in chunks cut at row ends."""
    row = 0
    with archive.open(scan.path) as stream:
        carry = b""
        while True:
            chunk = stream.read(_CHUNK)
            buffer = carry + chunk
            if chunk:
                cut = _row_end(buffer)
                if cut < 0:  # no row end yet: read on (bounded by the entry size limit)
                    carry = buffer
                    continue
                buffer, carry = buffer[:cut], buffer[cut:]
            row = _scan_chunk(buffer, scan, row)
            if not chunk:
                break


def _row_end(buffer: bytes) -> int:
    """The offset just after the last closing row tag, or -1."""
    at = len(buffer)
    while (at := buffer.rfind(b"row>", 0, at)) > 0:
        if buffer[at - 1] != ord("<"):
            return at + 4
    return -1


def _scan_chunk(buffer: bytes, scan: SheetScan, row: int) -> int:
    """Scan whole rows; returns the number of the last row seen."""
    cells = [(m[1], m[2]) for m in _CELL.finditer(buffer)]
    if all(letters for letters, _number in cells):  # every cell has its reference: fast path
        for match in _ROW.finditer(buffer):
            row = int(match[1]) if match[1] else row + 1
        scan.rows = max([scan.rows, row, *(int(n) for _letters, n in cells)])
        letters = {letters for letters, _number in cells}
        scan.columns = max([scan.columns, *(column_number(x.decode()) for x in letters)])
    else:  # cells without references follow the one before them in their row
        row = _scan_in_order(buffer, scan, row)
    if _HAS_FORMULA.search(buffer):
        for match in _FORMULA.finditer(buffer):
            scan.formula_count += 1
            if len(scan.formulas) < MAX_FORMULAS_KEPT:
                text = unescape(match[3].decode()) if match[3] else "(共享公式)"
                key = (int(match[2]), column_number(match[1].decode()))
                scan.formulas[key] = "=" + text
    return row


def _scan_in_order(buffer: bytes, scan: SheetScan, row: int) -> int:
    column = 0
    for match in _TAG.finditer(buffer):
        ref = _REF.search(match[2])
        if match[1] == b"row":
            row = int(ref[2]) if ref else row + 1
            column = 0
        else:
            column = column_number(ref[1].decode()) if ref and ref[1] else column + 1
            row = max(row, int(ref[2])) if ref else row
            scan.columns = max(scan.columns, column)
        scan.rows = max(scan.rows, row)
    return row
