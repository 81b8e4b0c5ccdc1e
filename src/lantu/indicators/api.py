"""API for indicators, their yearly milestones and observations (see ``lantu.api.crud``).

An indicator is archived by DELETE. Milestones and observations are never deleted (an
evaluation may have been judged against them; correct them with PATCH): DELETE answers 405.
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
    Measure,
    OneOf,
    Order,
    TimeNodeBrief,
    Year,
    prefetch_assignments,
)
from lantu.indicators.models import (
    Indicator,
    IndicatorMilestone,
    Observation,
    ObservedAs,
    ReviewStatus,
)
from lantu.monitoring import judging
from lantu.monitoring.schemas import ProgressOut, progress_of
from lantu.plans.models import Frequency, PlanVersion, Section

# ---------------------------------------------------------------- milestones


class MilestoneBrief(Schema):
    id: int
    year: int
    text: str


class MilestoneOut(MilestoneBrief):
    indicator: int = Field(validation_alias="indicator_id")


class MilestoneIn(Schema):
    indicator: int
    year: Year
    text: str = Field(min_length=1, max_length=300)


class MilestoneFilters(FilterSchema):
    indicator: Annotated[int | None, FilterLookup("indicator_id")] = None
    year: int | None = None


# ---------------------------------------------------------------- indicators


class IndicatorOut(Schema):
    id: int
    version: int = Field(validation_alias="version_id")
    section: int | None = Field(validation_alias="section_id")
    source: str
    number: str
    category: str
    name: str
    unit: str = Field(description="unit of measure, e.g. %")
    attribute: str
    baseline_year: int | None
    baseline_value: Decimal | None
    baseline_text: str
    target_year: int | None
    target_text: str
    annual_text: str
    sentence: str
    higher_is_better: bool | None
    frequency: str
    data_source: str
    definition: str
    sort_order: int
    is_archived: bool
    assignments: list[AssignmentBrief]
    time_nodes: list[TimeNodeBrief] = Field(validation_alias="timenodes")
    milestones: list[MilestoneBrief]
    target_reading: dict[str, Any] | None = Field(description="what the system read")
    annual_reading: dict[str, Any] | None
    observed_as: str
    reference: int | None = Field(validation_alias="reference_id")
    delegated_value: Decimal | None
    review_status: str
    review_reason: str
    progress: ProgressOut

    @staticmethod
    def resolve_progress(obj: Indicator) -> dict[str, Any]:
        return progress_of(judging.judge_indicator(obj))


class IndicatorIn(Schema):
    version: int
    section: int | None = None
    source: Annotated[str, OneOf(Indicator.Source)] = Indicator.Source.MAIN_TABLE.value
    number: str = Field("", max_length=20)
    category: str = Field("", max_length=50)
    name: str = Field(min_length=1, max_length=300)
    unit: str = Field("", max_length=30, description="unit of measure, e.g. %")
    attribute: Annotated[str, OneOf(Indicator.Attribute)] = Indicator.Attribute.EXPECTED.value
    baseline_year: Year | None = None
    baseline_value: Measure | None = None
    baseline_text: str = Field("", max_length=100)
    target_year: Year | None = None
    target_text: str = Field("", max_length=300)
    annual_text: str = Field("", max_length=300)
    sentence: str = ""
    higher_is_better: bool | None = None
    frequency: Annotated[str, OneOf(Frequency)] = Frequency.YEARLY.value
    data_source: str = Field("", max_length=200)
    definition: str = ""
    observed_as: Annotated[str, OneOf(ObservedAs, blank=True)] = ""
    reference: int | None = None
    delegated_value: Measure | None = None
    review_status: Annotated[str, OneOf(ReviewStatus, blank=True)] = ""
    review_reason: str = ""
    sort_order: Order = 0


class IndicatorFilters(ItemFilters):
    item_field = "indicator"

    q: Annotated[str | None, FilterLookup(["name__icontains", "number__icontains"])] = None
    version: Annotated[int | None, FilterLookup("version_id")] = None
    section: Annotated[int | None, FilterLookup("section_id")] = None
    attribute: Annotated[str | None, OneOf(Indicator.Attribute)] = None
    source: Annotated[str | None, OneOf(Indicator.Source)] = None
    category: str | None = None
    is_archived: bool = False


# ---------------------------------------------------------------- observations


class ObservationOut(Schema):
    id: int
    indicator: int = Field(validation_alias="indicator_id")
    year: int
    period: str
    period_end: dt.date
    value: Decimal
    note: str
    source: str


PERIOD = r"^(Y|H[12]|Q[1-4]|M(0[1-9]|1[0-2]))$"


class ObservationIn(Schema):
    indicator: int
    year: Year
    period: str = Field("Y", pattern=PERIOD, description="Y, H1, H2, Q1..Q4 or M01..M12")
    period_end: dt.date
    value: Measure
    note: str = ""
    source: str = Field("", max_length=200)


class ObservationFilters(FilterSchema):
    indicator: Annotated[int | None, FilterLookup("indicator_id")] = None
    year: int | None = None
    period: str | None = None


router = crud_router(
    Resource(
        model=Indicator,
        path="/indicators",
        out=IndicatorOut,
        create=IndicatorIn,
        # An indicator stays in its version: a revision copies it into a new one.
        patch=optional(IndicatorIn, exclude=["version"]),
        filters=IndicatorFilters,
        refs={"version": PlanVersion, "section": Section, "reference": Indicator},
        select_related=judging.INDICATOR_SELECT,
        prefetch_related=(
            prefetch_assignments(),
            "timenodes",
            *judging.INDICATOR_PREFETCH,
        ),
        ordering=("version_id", "source", "sort_order", "id"),
    ),
    Resource(
        model=IndicatorMilestone,
        path="/indicator-milestones",
        out=MilestoneOut,
        create=MilestoneIn,
        patch=optional(MilestoneIn, exclude=["indicator"]),
        filters=MilestoneFilters,
        refs={"indicator": Indicator},
        ordering=("indicator_id", "year", "id"),
    ),
    Resource(
        model=Observation,
        path="/observations",
        out=ObservationOut,
        create=ObservationIn,
        patch=optional(ObservationIn, exclude=["indicator"]),
        filters=ObservationFilters,
        refs={"indicator": Indicator},
        ordering=("indicator_id", "period_end", "id"),
    ),
)
