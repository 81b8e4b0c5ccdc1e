"""The schemas of the reporting API (``api``): cycles and reports as read, the filters of their
lists, and what each write takes. A report's output carries its ``revision`` and the ``fields``
its kind fills; the detail adds what is still missing before it can be submitted.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema

from lantu.api.schemas import Measure, Money, OneOf, Year
from lantu.core import clock
from lantu.core.templatetags.lantu import period_label
from lantu.reporting import checks, services
from lantu.reporting.models import Cycle, Report

Status = Report.Status


class CycleOut(Schema):
    id: int
    plan: int = Field(validation_alias="plan_id")
    year: int
    period: str = Field(description="Y, H1/H2, Q1..Q4 or M01..M12")
    period_label: str
    frequency: str
    opens_on: dt.date
    deadline: dt.date
    grace_days: int
    grace_ends: dt.date
    note: str
    state: str = Field(description="scheduled, open, grace or closed, today")

    @staticmethod
    def resolve_period_label(obj: Cycle) -> str:
        return period_label(obj.year, obj.period)

    @staticmethod
    def resolve_state(obj: Cycle) -> str:
        return obj.state(clock.today())


class CyclePage(Schema):
    count: int
    items: list[CycleOut]


class CycleFilters(Schema):
    plan: int | None = None
    year: Year | None = None


class GenerateIn(Schema):
    plan: int
    year: Year


class GeneratedOut(Schema):
    cycles_created: int
    reports_created: int


class CyclePatch(Schema):
    opens_on: dt.date | None = None
    deadline: dt.date | None = None
    grace_days: int | None = Field(None, ge=0, le=365)
    note: str | None = Field(None, max_length=300)


class AddedOut(Schema):
    reports_added: int


class ReportOut(Schema):
    id: int
    cycle: int = Field(validation_alias="cycle_id")
    unit: int = Field(validation_alias="unit_id")
    unit_name: str = Field(validation_alias="unit.name")
    role: str
    kind: str = Field(description="indicator, task or project")
    indicator: int | None = Field(validation_alias="indicator_id")
    task: int | None = Field(validation_alias="task_id")
    project: int | None = Field(validation_alias="project_id")
    item_name: str
    status: str
    is_exempt: bool
    exempt_reason: str
    revision: int = Field(description="send it back with PATCH; a newer one means 409")
    timeliness: str = Field(description="exempt, on_time, late, missing or pending")
    fields: list[str] = Field(description="the fields this kind of report fills")
    value: Decimal | None
    source: str
    note: str
    explanation: str
    done: str
    progress: Decimal | None
    timenodes_met: list[int]
    problems: str
    next_steps: str
    invested_period: Decimal | None
    invested_total: Decimal | None
    stage: str
    stage_reached_on: dt.date | None
    help_needed: str
    saved_at: dt.datetime | None
    first_submitted_at: dt.datetime | None
    submitted_at: dt.datetime | None
    approved_at: dt.datetime | None
    accepted_at: dt.datetime | None
    returned_at: dt.datetime | None
    return_reason: str
    unlock_reason: str

    @staticmethod
    def resolve_item_name(obj: Report) -> str:
        return str(obj.item)

    @staticmethod
    def resolve_timeliness(obj: Report) -> str:
        return obj.timeliness(clock.today())

    @staticmethod
    def resolve_fields(obj: Report) -> list[str]:
        return list(services.FIELDS[obj.kind])

    @staticmethod
    def resolve_timenodes_met(obj: Report) -> list[int]:
        return [node.pk for node in obj.timenodes_met.all()]


class ReportDetail(ReportOut):
    missing: list[str] = Field(description="what must still be filled before submitting")
    explanation_reasons: list[str] = Field(description="why the figure must be explained")

    @staticmethod
    def resolve_missing(obj: Report) -> list[str]:
        return checks.missing(obj)

    @staticmethod
    def resolve_explanation_reasons(obj: Report) -> list[str]:
        return checks.explanation_reasons(obj)


class ReportPage(Schema):
    count: int
    items: list[ReportOut]


class ReportFilters(Schema):
    cycle: int | None = None
    unit: int | None = None
    status: Annotated[str | None, OneOf(Status)] = None
    kind: Literal["indicator", "task", "project"] | None = None
    mine: Literal["to_fill", "to_review", "to_accept"] | None = Field(
        None, description="what waits for the caller: to fill, to review, to accept"
    )


Percent = Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)]


class ReportPatch(Schema):
    """The fields to save as the draft; only those of the report's kind are accepted."""

    revision: int = Field(ge=0, description="the revision the caller last read")
    value: Measure | None = None
    source: str | None = Field(None, max_length=200)
    note: str | None = None
    explanation: str | None = None
    done: str | None = None
    progress: Percent | None = None
    timenodes_met: list[int] | None = Field(None, description="ids of the task's time nodes met")
    problems: str | None = None
    next_steps: str | None = None
    invested_period: Money | None = None
    invested_total: Money | None = None
    stage: Annotated[str | None, OneOf(Report.Stage, blank=True)] = None
    stage_reached_on: dt.date | None = None
    help_needed: str | None = None


TEXT_FIELDS = ("source", "note", "explanation", "done", "problems", "next_steps", "help_needed")


class RevisionIn(Schema):
    revision: int | None = Field(None, ge=0, description="refuse (409) if the report moved on")


class ReasonIn(Schema):
    reason: str = Field(max_length=2000)
