"""What the finder reports: frozen dataclasses, each remembering the block it came from.

``Findings.to_json()`` gives the public JSON shape (only the documented keys, in document
order); where each finding came from (``block``, the index of its block, and ``source``, the
text it was read from) stays in the Python objects for the review screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lantu.targets.parse import parse_target
from lantu.targets.types import Target


@dataclass(frozen=True)
class Section:
    """A heading: its depth in this document's heading tree, its number as written, its title."""

    level: int
    number: str
    title: str
    block: int  # the index of the block it came from (in the reader's list)
    source: str  # the text it was read from (a paragraph, or a table row joined by tabs)

    def to_json(self) -> dict[str, Any]:
        return {"level": self.level, "number": self.number, "title": self.title}


@dataclass(frozen=True)
class Indicator:
    """One row of the main-indicator table; every value is the cell as written, or ``None``."""

    category: str | None
    name: str
    unit: str | None
    baseline: str | None
    target: str | None
    annual_or_cumulative: str | None
    attribute: str | None
    block: int  # the index of the block it came from (in the reader's list)
    source: str  # the text it was read from (a paragraph, or a table row joined by tabs)
    number: str | None = None  # the row's 序号 where the table has one

    def to_json(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "name": self.name,
            "unit": self.unit,
            "baseline": self.baseline,
            "target": self.target,
            "annual_or_cumulative": self.annual_or_cumulative,
            "attribute": self.attribute,
        }


@dataclass(frozen=True)
class TextTarget:
    """A quantified target written in the running text."""

    sentence: str
    subject: str
    expression: str
    year: int | None
    block: int  # the index of the block it came from (in the reader's list)
    source: str  # the text it was read from (a paragraph, or a table row joined by tabs)
    section_number: str = ""

    @property
    def parsed(self) -> Target:
        """The expression read by the project's target parser."""
        return parse_target(self.expression)

    def to_json(self) -> dict[str, Any]:
        return {
            "sentence": self.sentence,
            "subject": self.subject,
            "expression": self.expression,
            "year": self.year,
        }


@dataclass(frozen=True)
class Task:
    """A paragraph (or one of its 一是/二是 parts) that reads as a key task."""

    section_number: str
    text: str
    block: int  # the index of the block it came from (in the reader's list)
    source: str  # the text it was read from (a paragraph, or a table row joined by tabs)

    def to_json(self) -> dict[str, Any]:
        return {"section_number": self.section_number, "text": self.text}


@dataclass(frozen=True)
class Findings:
    """Everything found in one Outline, each list in document order."""

    sections: tuple[Section, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    text_targets: tuple[TextTarget, ...] = ()
    tasks: tuple[Task, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The findings as a JSON-ready dict with exactly the documented keys."""
        return {
            "sections": [s.to_json() for s in self.sections],
            "indicators": [i.to_json() for i in self.indicators],
            "text_targets": [t.to_json() for t in self.text_targets],
            "tasks": [t.to_json() for t in self.tasks],
        }


__all__ = ["Findings", "Indicator", "Section", "Task", "TextTarget"]
