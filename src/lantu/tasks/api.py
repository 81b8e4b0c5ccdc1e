"""API for key tasks (see ``lantu.api.crud``). DELETE archives a task."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, FilterLookup, Schema

from lantu.api.crud import Resource, crud_router, optional
from lantu.api.filters import ItemFilters
from lantu.api.schemas import AssignmentBrief, Order, TimeNodeBrief, prefetch_assignments
from lantu.monitoring import judging
from lantu.monitoring.schemas import ProgressOut, progress_of
from lantu.plans.models import PlanVersion, Section
from lantu.tasks.models import Task


class TaskOut(Schema):
    id: int
    version: int = Field(validation_alias="version_id")
    section: int | None = Field(validation_alias="section_id")
    number: str
    title: str
    content: str
    category: str
    sort_order: int
    is_archived: bool
    assignments: list[AssignmentBrief]
    time_nodes: list[TimeNodeBrief] = Field(validation_alias="timenodes")
    progress_percent: Decimal | None = Field(description="reported progress in %")
    completed_on: dt.date | None
    progress: ProgressOut

    @staticmethod
    def resolve_progress_percent(obj: Task) -> Decimal | None:
        return obj.progress

    @staticmethod
    def resolve_progress(obj: Task) -> dict[str, Any]:
        return progress_of(judging.judge_task(obj))


class TaskIn(Schema):
    version: int
    section: int | None = None
    number: str = Field("", max_length=20)
    title: str = Field(min_length=1, max_length=300)
    content: str = ""
    category: str = Field("", max_length=50)
    progress: Decimal | None = Field(None, ge=0, le=100, description="progress in %")
    completed_on: dt.date | None = None
    sort_order: Order = 0


class TaskFilters(ItemFilters):
    item_field = "task"

    q: Annotated[str | None, FilterLookup(["title__icontains", "number__icontains"])] = None
    version: Annotated[int | None, FilterLookup("version_id")] = None
    section: Annotated[int | None, FilterLookup("section_id")] = None
    category: str | None = None
    is_archived: bool = False


router = crud_router(
    Resource(
        model=Task,
        path="/tasks",
        out=TaskOut,
        create=TaskIn,
        patch=optional(TaskIn, exclude=["version"]),
        filters=TaskFilters,
        refs={"version": PlanVersion, "section": Section},
        select_related=("version__plan",),
        prefetch_related=(prefetch_assignments(), "timenodes"),
        ordering=("version_id", "sort_order", "id"),
    ),
)
