"""Reading a PDF Outline: ruled tables, and text lines put back together into paragraphs.

pdfplumber gives characters with positions. Ruled tables are taken as tables (merged cells
resolved on the grid); the remaining words are grouped into lines. Lines are joined into
paragraphs the way a reader sees them: a paragraph starts where a line is indented, follows a
line that stopped short, is centred, or is printed larger. A line whose words are set apart by
wide gaps (an indicator table written as text) keeps the gaps as tabs and stands alone. Page
numbers and running headers are dropped.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from lantu.ingest.outline.blocks import Block, Paragraph, Table
from lantu.ingest.outline.errors import OutlineFileError
from lantu.ingest.outline.text import join_lines

__all__ = ["read_pdf"]

_PAGE_NUMBER = re.compile(r"^[-—–\s·]*(?:第\s*)?\d{1,4}\s*(?:页)?[-—–\s·]*$|^\d+\s*/\s*\d+$")
_HEADING_START = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇\d]+[篇章节]|[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]"
    r"|专栏|表\s*\d|附表|注[:：])"
)
_SENTENCE_END = "。!?！？;；:："
_MAX_PAGES = 2000


@dataclass
class _Line:
    page: int
    top: float
    x0: float
    x1: float
    size: float
    bold: bool
    text: str
    columns: bool  # words set apart by wide gaps: a table row written as text


def read_pdf(data: bytes) -> list[Block]:
    """The blocks of a PDF held in ``data``."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as error:  # pdfminer raises many kinds for a broken file
        raise OutlineFileError(f"a damaged PDF file ({type(error).__name__})") from None
    with pdf:
        if len(pdf.pages) > _MAX_PAGES:
            raise OutlineFileError(f"the PDF has too many pages ({len(pdf.pages)})")
        items: list[tuple[int, float, Block | _Line]] = []
        widths: list[float] = []
        try:
            for number, page in enumerate(pdf.pages):
                widths.append(float(page.width))
                items.extend(_page_items(number, page))
        except OutlineFileError:
            raise
        except Exception as error:
            raise OutlineFileError(f"a PDF that cannot be read ({type(error).__name__})") from None
    lines = [item for _p, _t, item in items if isinstance(item, _Line)]
    if not lines and not any(isinstance(item, Table) for _p, _t, item in items):
        raise OutlineFileError("the PDF has no text layer (a scanned image?); use the Word file")
    dropped = _running_lines(lines)
    page_width = Counter(round(w) for w in widths).most_common(1)[0][0] if widths else 595
    return _assemble([(p, t, i) for p, t, i in items if id(i) not in dropped], page_width)


def _page_items(number: int, page: Any) -> list[tuple[int, float, Block | _Line]]:
    items: list[tuple[int, float, Block | _Line]] = []
    boxes: list[tuple[float, float, float, float]] = []
    for found in page.find_tables():
        table = _table(found)
        if table is not None:
            items.append((number, float(found.bbox[1]), table))
            boxes.append(tuple(float(v) for v in found.bbox))  # type: ignore[arg-type]

    def outside(obj: dict[str, Any]) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    text_page = page.filter(outside) if boxes else page
    words = text_page.extract_words(
        keep_blank_chars=False, use_text_flow=False, extra_attrs=["size", "fontname"]
    )
    for line in _lines(number, words):
        items.append((number, line.top, line))
    return items


def _lines(page: int, words: list[dict[str, Any]]) -> list[_Line]:
    rows: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) <= max(2.0, word["size"] * 0.3):
            rows[-1].append(word)
        else:
            rows.append([word])
    lines = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        size = max(w["size"] for w in row)
        text = ""
        columns = False
        for i, word in enumerate(row):
            if i:
                gap = word["x0"] - row[i - 1]["x1"]
                if gap > size * 1.6:
                    text += "\t"
                    columns = True
                elif gap > size * 0.2:
                    text += " "
            text += word["text"]
        bold = all(re.search(r"bold|heavy|black|hei|黑", w["fontname"], re.I) for w in row)
        lines.append(
            _Line(page, row[0]["top"], row[0]["x0"], row[-1]["x1"], size, bold, text, columns)
        )
    return lines


def _running_lines(lines: list[_Line]) -> set[int]:
    """Page numbers, and header or footer lines printed on most pages."""
    dropped = {id(line) for line in lines if _PAGE_NUMBER.match(line.text)}
    pages = {line.page for line in lines}
    if len(pages) >= 3:
        firsts: dict[int, _Line] = {}
        lasts: dict[int, _Line] = {}
        for line in lines:
            if id(line) in dropped:
                continue
            if line.page not in firsts or line.top < firsts[line.page].top:
                firsts[line.page] = line
            if line.page not in lasts or line.top > lasts[line.page].top:
                lasts[line.page] = line
        for edge in (firsts, lasts):
            counts = Counter(re.sub(r"\d+", "#", line.text) for line in edge.values())
            for line in edge.values():
                if counts[re.sub(r"\d+", "#", line.text)] >= max(3, len(pages) // 2):
                    dropped.add(id(line))
    return dropped


def _assemble(items: list[tuple[int, float, Block | _Line]], page_width: float) -> list[Block]:
    lines = [item for _p, _t, item in items if isinstance(item, _Line)]
    body_size = Counter(round(line.size, 1) for line in lines).most_common(1)[0][0] if lines else 0
    margin = Counter(round(line.x0) for line in lines if not line.columns).most_common(1)
    left = float(margin[0][0]) if margin else 0.0
    right = max((line.x1 for line in lines), default=page_width)
    center = page_width / 2
    blocks: list[Block] = []
    current: list[_Line] = []

    def flush() -> None:
        if current:
            first = current[0]
            text = join_lines([line.text for line in current])
            blocks.append(
                Paragraph(
                    text=text,
                    bold=all(line.bold for line in current),
                    centered=_is_centered(first, center, left, right),
                    large=first.size > body_size * 1.12,
                )
            )
            current.clear()

    for _page, _top, item in sorted(items, key=lambda i: (i[0], i[1])):
        if not isinstance(item, _Line):
            flush()
            blocks.append(item)
            continue
        line = item
        if line.columns:
            flush()
            blocks.append(Paragraph(text=line.text, bold=line.bold))
            continue
        if current and _starts_paragraph(current[-1], line, left, right, center, body_size):
            flush()
        current.append(line)
    flush()
    return blocks


def _is_centered(line: _Line, center: float, left: float, right: float) -> bool:
    middle = (line.x0 + line.x1) / 2
    return (
        line.x0 > left + line.size * 1.5
        and abs(middle - center) < line.size * 1.5
        and (line.x1 - line.x0) < (right - left) * 0.85
    )


def _starts_paragraph(
    previous: _Line, line: _Line, left: float, right: float, center: float, body_size: float
) -> bool:
    if abs(line.size - previous.size) > 0.5 or line.bold != previous.bold:
        return True
    previous_centered = _is_centered(previous, center, left, right)
    line_centered = _is_centered(line, center, left, right)
    full = previous.x1 >= right - previous.size * 1.5 and previous.x0 <= left + previous.size
    if line_centered and (previous_centered or (full and line.size > body_size * 1.12)):
        # A long centred heading or title wrapped onto a second centred line goes on.
        return not (
            line.page == previous.page
            and len(previous.text) >= 12
            and previous.text[-1:] not in _SENTENCE_END
            and not _HEADING_START.match(line.text)
            and not line.text.startswith(("（", "("))
        )
    if previous_centered or line_centered:
        return True
    if line.x0 > left + line.size * 0.8:  # an indented first line
        return True
    if previous.x1 < right - previous.size * 1.5:  # the previous line stopped short
        return True
    return bool(_HEADING_START.match(line.text) and previous.text[-1:] in _SENTENCE_END)


def _table(found: Any) -> Table | None:
    try:
        raw = found.extract()
    except Exception:  # a table pdfplumber found but cannot read
        return None
    if not raw:
        return None
    column_x = [
        min((cell[0] for cell in col.cells if cell is not None), default=None)
        for col in found.columns
    ]
    rows: list[list[str]] = []
    merged: set[tuple[int, int]] = set()
    for r, (cells, row_obj) in enumerate(zip(raw, found.rows, strict=False)):
        out: list[str] = []
        boxes = list(row_obj.cells)
        for c, value in enumerate(cells):
            if value is not None:
                out.append(join_lines(str(value).splitlines()))
                continue
            left_box = next((b for b in reversed(boxes[:c]) if b is not None), None)
            x = column_x[c] if c < len(column_x) else None
            spans_across = left_box is not None and x is not None and left_box[2] > x + 1
            if not spans_across and r > 0 and c < len(rows[-1]):
                out.append(rows[-1][c])
                merged.add((r, c))
            else:
                out.append("")
        rows.append(out)
    if not any(any(cell.strip() for cell in row) for row in rows):
        return None
    width = max(len(row) for row in rows)
    grid = tuple(tuple(row + [""] * (width - len(row))) for row in rows)
    return Table(rows=grid, merged_down=frozenset(merged))
