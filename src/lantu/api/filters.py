"""Filters shared by the plan items (indicators, tasks, projects)."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from django.db.models import Exists, OuterRef, Q
from ninja import Field, FilterSchema

from lantu.api.schemas import OneOf
from lantu.division.models import Assignment


class ItemFilters(FilterSchema):
    """``unit`` and ``role`` of the item's assignments; together they mean one assignment.

    Exists rather than a join, so that an item with two cooperating units is listed once.
    """

    item_field: ClassVar[str]

    unit: int | None = Field(None, description="assigned to this unit")
    role: Annotated[str | None, OneOf(Assignment.Role)] = Field(
        None, description="with this role (with unit: this unit's role)"
    )

    def filter_unit(self, value: int | None) -> Q:
        return self._assigned(unit_id=value, role=self.role) if value is not None else Q()

    def filter_role(self, value: str | None) -> Q:
        return self._assigned(role=value) if value is not None and self.unit is None else Q()

    def _assigned(self, **lookup: Any) -> Q:
        lookup = {k: v for k, v in lookup.items() if v is not None}
        rows = Assignment.objects.filter(**{self.item_field: OuterRef("pk")}, **lookup)
        return Q(Exists(rows))
