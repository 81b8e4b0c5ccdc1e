"""The shapes of the demo data. Data modules fill these; ``build`` turns them into rows.

Unit references are keys of ``units.UNITS``; section references are keys made by
``sections.create_sections`` (``"4.1"`` for 第四章第一节).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from lantu.demo.sections import Part


class PlanSpec(NamedTuple):
    name: str
    short_name: str
    start_year: int
    end_year: int
    status: str
    approval_body: str
    approved_on: dt.date
    document_number: str
    version_label: str
    sections: list[Part]


class IndicatorSpec(NamedTuple):
    """One row of a main-indicator table, written the way the table prints it.

    Exactly one of ``target`` (the end-year column) and ``annual`` (年均/[累计]) is filled.
    ``milestones`` is one text per plan year, or one text for every year, or empty.
    ``series`` maps a period (``"2021"``, ``"2026Q1"``, ``"2026H1"``) to a value as text;
    ``None`` is a period with no data. ``notes`` maps a period to the note beside its value.
    """

    category: str
    name: str
    unit: str
    attribute: str  # "binding" or "expected"
    baseline: str
    target: str
    annual: str
    higher_is_better: bool | None
    lead: str
    coops: tuple[str, ...] = ()
    frequency: str = "yearly"
    data_source: str = ""
    definition: str = ""
    milestones: tuple[str, ...] | str = ()
    series: dict[str, str | None] = {}
    notes: dict[str, str] = {}
    observed_as: str = ""  # what the figures are, when the target alone does not say


class TargetSpec(NamedTuple):
    """A quantified target written in the Outline's text (量化目标)."""

    section: str
    name: str
    unit: str
    phrase: str  # exactly as written, and found in ``sentence``
    sentence: str
    lead: str
    coops: tuple[str, ...] = ()
    higher_is_better: bool | None = True
    attribute: str = "expected"


class TaskGroup(NamedTuple):
    """The key tasks of one section: what is done (actions) and to what end (aims)."""

    section: str
    leads: tuple[str, ...]  # the first is the usual lead; others lead some of the tasks
    coops: tuple[str, ...]
    actions: tuple[str, ...]
    aims: tuple[str, ...]


class ProjectSpec(NamedTuple):
    """A major project; years and months are planned start and completion of construction."""

    name: str
    category: str
    owner: str
    key_area: str | None
    total: int  # 万元
    content: str
    start: tuple[int, int]
    finish: tuple[int, int]
    stage: str
    section: str
    coops: tuple[str, ...] = ()
