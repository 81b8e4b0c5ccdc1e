"""API for the division of labour: assignments and time nodes (see ``lantu.api.crud``).

Neither is deleted through the API (DELETE answers 405): reports, statuses and the audit trail
refer to them, and the design archives rather than deletes. Taking a unit off an item needs a
service that records the removal; until it exists, change the assignment's role or note.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Field, FilterLookup, FilterSchema, Schema
from pydantic import model_validator

from lantu.api.crud import Resource, crud_router, optional
from lantu.api.schemas import OneOf, Order, Year
from lantu.division.models import ITEM_FIELDS, Assignment, TimeNode
from lantu.indicators.models import Indicator
from lantu.organizations.models import Unit
from lantu.projects.models import Project
from lantu.tasks.models import Task

ITEM_REFS = {"indicator": Indicator, "task": Task, "project": Project}


class ItemLinkIn(Schema):
    """Names exactly one item: an indicator, a task or a project."""

    indicator: int | None = None
    task: int | None = None
    project: int | None = None

    @model_validator(mode="after")
    def exactly_one_item(self) -> Any:
        named = [name for name in ITEM_FIELDS if getattr(self, name) is not None]
        if len(named) != 1:
            raise ValueError("Give exactly one of indicator, task or project.")
        return self


class ItemLinkOut(Schema):
    id: int
    indicator: int | None = Field(validation_alias="indicator_id")
    task: int | None = Field(validation_alias="task_id")
    project: int | None = Field(validation_alias="project_id")


class ItemLinkFilters(FilterSchema):
    indicator: Annotated[int | None, FilterLookup("indicator_id")] = None
    task: Annotated[int | None, FilterLookup("task_id")] = None
    project: Annotated[int | None, FilterLookup("project_id")] = None


# ---------------------------------------------------------------- assignments


class AssignmentOut(ItemLinkOut):
    unit: int = Field(validation_alias="unit_id")
    unit_name: str = Field(validation_alias="unit.name")
    role: str
    note: str
    sort_order: int


class AssignmentIn(ItemLinkIn):
    unit: int
    role: Annotated[str, OneOf(Assignment.Role)]
    note: str = Field("", max_length=300)
    sort_order: Order = 0


class AssignmentFilters(ItemLinkFilters):
    unit: Annotated[int | None, FilterLookup("unit_id")] = None
    role: Annotated[str | None, OneOf(Assignment.Role)] = None


# ---------------------------------------------------------------- time nodes


class TimeNodeOut(ItemLinkOut):
    text: str
    kind: str
    due: dt.date | None
    parsed: dict[str, Any] | None
    sort_order: int


class TimeNodeIn(ItemLinkIn):
    text: str = Field(min_length=1, max_length=200, description="as written, e.g. 2027年底前")
    kind: str = Field("", max_length=10)
    due: dt.date | None = None
    parsed: dict[str, Any] | None = None
    sort_order: Order = 0


class TimeNodeFilters(ItemLinkFilters):
    kind: str | None = None
    year: Annotated[Year | None, FilterLookup("due__year")] = Field(None, description="due in")
    due_before: Annotated[dt.date | None, FilterLookup("due__lte")] = None
    due_after: Annotated[dt.date | None, FilterLookup("due__gte")] = None


router = crud_router(
    Resource(
        model=Assignment,
        path="/assignments",
        out=AssignmentOut,
        create=AssignmentIn,
        # An assignment is one unit's part in one item: to move it, assign anew.
        patch=optional(AssignmentIn, exclude=[*ITEM_FIELDS, "unit"]),
        filters=AssignmentFilters,
        refs={**ITEM_REFS, "unit": Unit},
        select_related=("unit",),
        ordering=("sort_order", "id"),
    ),
    Resource(
        model=TimeNode,
        path="/time-nodes",
        out=TimeNodeOut,
        create=TimeNodeIn,
        patch=optional(TimeNodeIn, exclude=ITEM_FIELDS),
        filters=TimeNodeFilters,
        refs=ITEM_REFS,
        ordering=("due", "sort_order", "id"),
    ),
)
