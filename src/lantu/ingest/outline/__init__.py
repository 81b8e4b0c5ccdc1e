"""Finding what an approved Outline (《纲要》) contains. Pure Python: no Django here.

``read_outline_file(path)`` reads a .docx, .pdf or .txt into blocks (``OutlineFileError`` for
anything else); ``find_outline(blocks)`` returns the ``Findings``: sections, main indicators,
text targets and key tasks, in document order; ``Findings.to_json()`` is the public shape.
"""

from lantu.ingest.outline.blocks import Block, Paragraph, Table
from lantu.ingest.outline.errors import OutlineFileError
from lantu.ingest.outline.finder import find_outline, plan_period
from lantu.ingest.outline.model import Findings, Indicator, Section, Task, TextTarget
from lantu.ingest.outline.readers import read_outline_bytes, read_outline_file

__all__ = [
    "Block",
    "Findings",
    "Indicator",
    "OutlineFileError",
    "Paragraph",
    "Section",
    "Table",
    "Task",
    "TextTarget",
    "find_outline",
    "plan_period",
    "read_outline_bytes",
    "read_outline_file",
]
