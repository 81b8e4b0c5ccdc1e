"""API for plans, plan versions and sections (see ``lantu.api.crud`` for the endpoints).

None of the three is archived or deleted through the API: a plan retires through its status
(``finished``, ``archived``), a version through a revision, and a section belongs to its version
for good. DELETE answers 405.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, FilterLookup, FilterSchema, Schema

from lantu.api.crud import Resource, crud_router, optional
from lantu.api.schemas import OneOf, Order, Year
from lantu.plans.models import Plan, PlanVersion, Section

# ---------------------------------------------------------------- plans


class PlanOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    start_year: int
    end_year: int
    parent: int | None = Field(validation_alias="parent_id")
    approval_body: str
    approved_on: dt.date | None
    document_number: str
    status: str
    current_version: int | None = Field(validation_alias="current_version_id")


class PlanIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    short_name: str = Field("", max_length=60)
    kind: Annotated[str, OneOf(Plan.Kind)]
    start_year: Year
    end_year: Year
    parent: int | None = None
    approval_body: str = Field("", max_length=200)
    approved_on: dt.date | None = None
    document_number: str = Field("", max_length=100)
    status: Annotated[str, OneOf(Plan.Status)] = Plan.Status.DRAFT.value
    current_version: int | None = None


class PlanFilters(FilterSchema):
    q: Annotated[str | None, FilterLookup(["name__icontains", "short_name__icontains"])] = None
    kind: Annotated[str | None, OneOf(Plan.Kind)] = None
    status: Annotated[str | None, OneOf(Plan.Status)] = None
    parent: Annotated[int | None, FilterLookup("parent_id")] = None
    year: Annotated[
        int | None,
        FilterLookup(["start_year__lte", "end_year__gte"], expression_connector="AND"),
    ] = Field(None, description="plans whose period covers this year")


# ---------------------------------------------------------------- versions


class PlanVersionOut(Schema):
    id: int
    plan: int = Field(validation_alias="plan_id")
    number: int
    label: str
    status: str
    approved_on: dt.date | None
    document_number: str
    note: str


class PlanVersionIn(Schema):
    plan: int
    number: int = Field(1, ge=1, le=32767)
    label: str = Field("", max_length=100)
    status: Annotated[str, OneOf(PlanVersion.Status)] = PlanVersion.Status.DRAFT.value
    approved_on: dt.date | None = None
    document_number: str = Field("", max_length=100)
    note: str = ""


class PlanVersionFilters(FilterSchema):
    q: Annotated[str | None, FilterLookup("label__icontains")] = None
    plan: Annotated[int | None, FilterLookup("plan_id")] = None
    status: Annotated[str | None, OneOf(PlanVersion.Status)] = None


# ---------------------------------------------------------------- sections


class SectionOut(Schema):
    id: int
    version: int = Field(validation_alias="version_id")
    parent: int | None = Field(validation_alias="parent_id")
    level: int
    number: str
    title: str
    body: str
    sort_order: int


class SectionIn(Schema):
    version: int
    parent: int | None = None
    level: int = Field(1, ge=1, le=10)
    number: str = Field("", max_length=30)
    title: str = Field(min_length=1, max_length=300)
    body: str = ""
    sort_order: Order = 0


class SectionFilters(FilterSchema):
    q: Annotated[str | None, FilterLookup(["title__icontains", "number__icontains"])] = None
    version: Annotated[int | None, FilterLookup("version_id")] = None
    parent: Annotated[int | None, FilterLookup("parent_id")] = None
    level: int | None = None


router = crud_router(
    Resource(
        model=Plan,
        path="/plans",
        out=PlanOut,
        create=PlanIn,
        filters=PlanFilters,
        refs={"parent": Plan, "current_version": PlanVersion},
        ordering=("-start_year", "id"),
    ),
    Resource(
        model=PlanVersion,
        path="/plan-versions",
        out=PlanVersionOut,
        create=PlanVersionIn,
        # A version belongs to its plan for good: a revision makes a new one.
        patch=optional(PlanVersionIn, exclude=["plan"]),
        filters=PlanVersionFilters,
        refs={"plan": Plan},
        ordering=("plan_id", "number", "id"),
    ),
    Resource(
        model=Section,
        path="/sections",
        out=SectionOut,
        create=SectionIn,
        patch=optional(SectionIn, exclude=["version"]),
        filters=SectionFilters,
        refs={"version": PlanVersion, "parent": Section},
        ordering=("version_id", "sort_order", "id"),
    ),
)
