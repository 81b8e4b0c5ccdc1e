"""API for major projects and their yearly investment plans (see ``lantu.api.crud``).

DELETE archives a project. Investment plans are corrected with PATCH, never deleted (405).
Money is in 万元, as a decimal string.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, FilterLookup, FilterSchema, Schema

from lantu.api.crud import Resource, crud_router, optional
from lantu.api.filters import ItemFilters
from lantu.api.schemas import (
    AssignmentBrief,
    Money,
    OneOf,
    Order,
    TimeNodeBrief,
    Year,
    prefetch_assignments,
)
from lantu.monitoring import judging
from lantu.monitoring.schemas import ProgressOut, progress_of
from lantu.organizations.models import Unit
from lantu.plans.models import PlanVersion, Section
from lantu.projects.models import InvestmentPlan, Project

# ---------------------------------------------------------------- investment plans


class InvestmentBrief(Schema):
    id: int
    year: int
    planned: Decimal
    completed: Decimal | None


class InvestmentPlanOut(InvestmentBrief):
    project: int = Field(validation_alias="project_id")


class InvestmentPlanIn(Schema):
    project: int
    year: Year
    planned: Money
    completed: Money | None = None


class InvestmentPlanFilters(FilterSchema):
    project: Annotated[int | None, FilterLookup("project_id")] = None
    year: int | None = None


# ---------------------------------------------------------------- projects


class ProjectOut(Schema):
    id: int
    version: int = Field(validation_alias="version_id")
    section: int | None = Field(validation_alias="section_id")
    number: str
    name: str
    category: str
    key_area: int | None = Field(validation_alias="key_area_id")
    owner_unit: int | None = Field(validation_alias="owner_unit_id")
    content: str
    total_investment: Decimal | None = Field(description="万元")
    stage: str
    planned_prep_start: dt.date | None
    actual_prep_start: dt.date | None
    planned_start: dt.date | None
    actual_start: dt.date | None
    planned_completion: dt.date | None
    actual_completion: dt.date | None
    planned_in_use: dt.date | None
    actual_in_use: dt.date | None
    land_note: str
    funding_note: str
    sort_order: int
    is_archived: bool
    assignments: list[AssignmentBrief]
    time_nodes: list[TimeNodeBrief] = Field(validation_alias="timenodes")
    investment_plans: list[InvestmentBrief]
    progress: ProgressOut

    @staticmethod
    def resolve_progress(obj: Project) -> dict[str, Any]:
        return progress_of(judging.judge_project(obj))


class ProjectIn(Schema):
    version: int
    section: int | None = None
    number: str = Field("", max_length=20)
    name: str = Field(min_length=1, max_length=300)
    category: Annotated[str, OneOf(Project.Category)]
    key_area: int | None = Field(None, description="a unit of kind key_area")
    owner_unit: int | None = None
    content: str = ""
    total_investment: Money | None = Field(None, description="万元")
    stage: Annotated[str, OneOf(Project.Stage)] = Project.Stage.PREPARATION.value
    planned_prep_start: dt.date | None = None
    actual_prep_start: dt.date | None = None
    planned_start: dt.date | None = None
    actual_start: dt.date | None = None
    planned_completion: dt.date | None = None
    actual_completion: dt.date | None = None
    planned_in_use: dt.date | None = None
    actual_in_use: dt.date | None = None
    land_note: str = ""
    funding_note: str = ""
    sort_order: Order = 0


class ProjectFilters(ItemFilters):
    item_field = "project"

    q: Annotated[str | None, FilterLookup(["name__icontains", "number__icontains"])] = None
    version: Annotated[int | None, FilterLookup("version_id")] = None
    section: Annotated[int | None, FilterLookup("section_id")] = None
    category: Annotated[str | None, OneOf(Project.Category)] = None
    stage: Annotated[str | None, OneOf(Project.Stage)] = None
    key_area: Annotated[int | None, FilterLookup("key_area_id")] = None
    owner_unit: Annotated[int | None, FilterLookup("owner_unit_id")] = None
    is_archived: bool = False


router = crud_router(
    Resource(
        model=Project,
        path="/projects",
        out=ProjectOut,
        create=ProjectIn,
        patch=optional(ProjectIn, exclude=["version"]),
        filters=ProjectFilters,
        refs={"version": PlanVersion, "section": Section, "key_area": Unit, "owner_unit": Unit},
        select_related=("version__plan",),
        prefetch_related=(prefetch_assignments(), "timenodes", "investment_plans"),
        ordering=("version_id", "sort_order", "id"),
    ),
    Resource(
        model=InvestmentPlan,
        path="/investment-plans",
        out=InvestmentPlanOut,
        create=InvestmentPlanIn,
        patch=optional(InvestmentPlanIn, exclude=["project"]),
        filters=InvestmentPlanFilters,
        refs={"project": Project},
        ordering=("project_id", "year", "id"),
    ),
)
