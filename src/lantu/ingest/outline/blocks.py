"""What every reader produces: a document as a list of blocks, in document order.

A block is a paragraph (with the layout cues the finder uses to tell headings from body text)
or a table (rows of cell texts on the table's grid). Readers differ in what cues they can give:
a .docx knows styles and bold runs, a .pdf knows font size and centring, a .txt knows nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of text as written, with optional layout cues.

    ``style`` is the paragraph style name (``Heading 2``, ``标题 1``, ``Normal``) or ``""``;
    ``heading_level`` is the outline level a style or an explicit outline level gives (1-based),
    else ``None``; ``bold`` is true when all visible text is bold; ``bold_lead`` is the bold text
    the paragraph starts with when only a lead phrase is bold; ``centered`` is true for centred
    paragraphs; ``numbering`` is the list label Word would print (``第一章``) when the number is
    not in the text itself.
    """

    text: str
    style: str = ""
    heading_level: int | None = None
    bold: bool = False
    bold_lead: str = ""
    centered: bool = False
    numbering: str = ""
    large: bool = False  # printed larger than the body text (PDF)


@dataclass(frozen=True)
class Table:
    """A table as rows of cell texts on its grid.

    Horizontally merged cells keep their text in the first grid column and ``""`` in the
    others; vertically merged cells repeat the text of the top cell, and ``merged_down`` holds
    the (row, column) positions that were such repeats. ``from_text`` is true for a table
    recognised in text lines (tab- or space-separated), not a ruled or Word table.
    """

    rows: tuple[tuple[str, ...], ...]
    merged_down: frozenset[tuple[int, int]] = field(default_factory=frozenset)
    from_text: bool = False

    @property
    def text(self) -> str:
        """The table's text, one row a line, cells separated by tabs."""
        return "\n".join("\t".join(row) for row in self.rows)


Block = Paragraph | Table

__all__ = ["Block", "Paragraph", "Table"]
