"""Reads for the division of labour."""

from __future__ import annotations

from typing import Any

from django.db.models import F, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from lantu.core.permissions import grants, restrict
from lantu.division.models import Assignment, TimeNode

ASSIGNMENTS = Prefetch("assignments", queryset=Assignment.objects.select_related("unit"))
TIMENODES = Prefetch("timenodes", queryset=TimeNode.objects.order_by(F("due").asc(nulls_last=True), "sort_order", "id"))


def units_of(obj: Any, *roles: str) -> list[str]:
    """Names of the units holding ``roles`` on an item (reads prefetched assignments)."""
    return [a.unit.name for a in obj.assignments.all() if a.role in roles]


def lead_text(obj: Any) -> str:
    return "、".join(units_of(obj, "lead", "responsible"))


def cooperating_text(obj: Any) -> str:
    return "、".join(units_of(obj, "cooperating"))


def timenode_text(obj: Any) -> str:
    return ";".join(node.text for node in obj.timenodes.all())


def _first_due(field: str) -> Subquery:
    return Subquery(
        TimeNode.objects.filter(**{field: OuterRef(field)}, due__isnull=False)
        .order_by("due")
        .values("due")[:1]
    )


def my_division(user: Any, *, sort: str = "due") -> QuerySet[Assignment]:
    """Everything the person's own units lead or cooperate on, with time nodes, by due date."""
    own_units = {g.unit_id for g in grants(user)}
    qs = (
        restrict(Assignment.objects.all(), user, "view")
        .filter(unit_id__in=own_units)
        .select_related("unit", "indicator__version__plan", "task__version__plan",
                        "project__version__plan")
        .prefetch_related("indicator__timenodes", "task__timenodes", "project__timenodes")
        .annotate(
            first_due=Coalesce(_first_due("task"), _first_due("indicator"), _first_due("project"))
        )
    )
    if sort == "-due":
        return qs.order_by(F("first_due").desc(nulls_last=True), "id")
    if sort == "role":
        return qs.order_by("role", F("first_due").asc(nulls_last=True), "id")
    return qs.order_by(F("first_due").asc(nulls_last=True), "id")
