"""Reading an Outline file into blocks: the file's kind is told by its bytes, not its name.

``.docx`` (a zip with ``word/document.xml``), ``.pdf`` (``%PDF-``) and plain text (UTF-8, or
GB18030 as Chinese Windows saves it) are read; anything else is refused with an
``OutlineFileError`` whose message says what the file is and what is wanted.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lantu.ingest.outline.blocks import Block, Paragraph, Table
from lantu.ingest.outline.errors import OutlineFileError

__all__ = ["read_outline_bytes", "read_outline_file", "sniff"]

# A Word document whose main part unpacks to more than this is refused (zip bombs).
MAX_DOCX_XML_BYTES = 200 * 1024 * 1024
MAX_FILE_BYTES = 200 * 1024 * 1024

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_outline_file(path: str | Path) -> list[Block]:
    """Read the Outline at ``path`` into blocks in document order."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise OutlineFileError(f"{path.name}: the file is too large ({size} bytes)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise OutlineFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise OutlineFileError(f"{path}: a folder, not a file") from None
    except OSError as error:
        raise OutlineFileError(f"{path}: cannot be read ({error.strerror})") from None
    try:
        return read_outline_bytes(data)
    except OutlineFileError as error:
        raise OutlineFileError(f"{path.name}: {error}") from None


def sniff(data: bytes) -> str:
    """The kind of file ``data`` holds: ``docx``, ``pdf`` or ``text``; raises when none."""
    if not data or not data.strip():
        raise OutlineFileError("the file is empty")
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(_OLE2):
        raise OutlineFileError(
            "an old binary Office file (.doc or .xls); save it as .docx and import that"
        )
    if data.lstrip().startswith(b"{\\rtf"):
        raise OutlineFileError("an RTF file; save it as .docx and import that")
    return "text"


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                size = archive.getinfo("word/document.xml").file_size
                if size > MAX_DOCX_XML_BYTES:
                    raise OutlineFileError("the Word document unpacks to an absurd size")
                return "docx"
    except zipfile.BadZipFile:
        raise OutlineFileError("a damaged zip file, not a Word document") from None
    if "xl/workbook.xml" in names:
        raise OutlineFileError("an Excel workbook, not a Word document (.docx), PDF or text file")
    if any(name.startswith("ppt/") for name in names):
        raise OutlineFileError("a PowerPoint file, not a Word document (.docx), PDF or text file")
    raise OutlineFileError("a zip archive that is not a Word document (.docx)")


def read_outline_bytes(data: bytes) -> list[Block]:
    """Read an Outline held in ``data`` (any supported kind) into blocks."""
    kind = sniff(data)
    if kind == "docx":
        from lantu.ingest.outline.read_docx import read_docx

        blocks = read_docx(data)
    elif kind == "pdf":
        from lantu.ingest.outline.read_pdf import read_pdf

        blocks = read_pdf(data)
    else:
        blocks = read_text(data)
    if not any(isinstance(b, Table) or b.text.strip() for b in blocks):
        raise OutlineFileError("the document has no text")
    return blocks


def decode_text(data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030."""
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise OutlineFileError("a text file with a broken UTF-16 encoding") from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            break
        return text
    raise OutlineFileError(
        "not a Word document (.docx), PDF or text file (the bytes are not UTF-8 or GB18030 text)"
    )


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls > max(2, len(text) // 200)


def read_text(data: bytes) -> list[Block]:
    """A plain-text Outline: every non-blank line is a paragraph (inner spacing kept)."""
    text = decode_text(data)
    blocks: list[Block] = []
    for line in text.splitlines():
        stripped = line.strip(" \u3000\r\f\v\ufeff")
        if "\t" not in stripped.strip("\t"):
            stripped = stripped.strip("\t")  # a leading tab matters only in a table row
        if stripped.strip():
            blocks.append(Paragraph(stripped))
    if not blocks:
        raise OutlineFileError("the file is empty")
    return blocks
