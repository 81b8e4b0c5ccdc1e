"""Reads for the division of labour."""

from __future__ import annotations

from typing import Any

from django.db.models import F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from lantu.core.permissions import grants, restrict
from lantu.division.models import Assignment, TimeNode

ASSIGNMENTS = Prefetch("assignments", queryset=Assignment.objects.select_related("unit"))
TIMENODES = Prefetch(
    "timenodes",
    queryset=TimeNode.objects.order_by(F("due").asc(nulls_last=True), "sort_order", "id"),
)


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
        .select_related(
            "unit", "indicator__version__plan", "task__version__plan", "project__version__plan"
        )
        .annotate(
            first_due=Coalesce(_first_due("task"), _first_due("indicator"), _first_due("project"))
        )
    )
    if sort == "-due":
        return qs.order_by(F("first_due").desc(nulls_last=True), "id")
    if sort == "role":
        return qs.order_by("role", F("first_due").asc(nulls_last=True), "id")
    return qs.order_by(F("first_due").asc(nulls_last=True), "id")


def attach_judgements(assignments: list[Assignment]) -> list[Assignment]:
    """Give each assignment ``judgement``: its item's status, with the item's data fetched
    for the whole page at once (a fixed number of queries per kind of item)."""
    from django.db.models import prefetch_related_objects

    from lantu.monitoring import judging

    kinds = (
        ("indicator", judging.INDICATOR_PREFETCH, judging.judge_indicator),
        ("task", judging.TASK_PREFETCH, judging.judge_task),
        ("project", judging.PROJECT_PREFETCH, judging.judge_project),
    )
    for field, prefetch, judge in kinds:
        items = [getattr(a, field) for a in assignments if getattr(a, f"{field}_id")]
        prefetch_related_objects(items, *prefetch)
        if field == "indicator":
            prefetch_related_objects(items, "reference")
        for a in assignments:
            if getattr(a, f"{field}_id"):
                a.judgement = judge(getattr(a, field))  # type: ignore[attr-defined]
    return assignments


def attach_timenodes(assignments: list[Assignment]) -> list[Assignment]:
    """Give each assignment ``nodes``: its item's time nodes, read in one query for all."""
    ids: dict[str, set[int]] = {"indicator_id": set(), "task_id": set(), "project_id": set()}
    for a in assignments:
        for key in ids:
            if getattr(a, key):
                ids[key].add(getattr(a, key))
    by_item: dict[tuple[str, int], list[TimeNode]] = {}
    query = Q(pk__in=[])
    for key, values in ids.items():
        if values:
            query |= Q(**{f"{key}__in": values})
    for node in TimeNode.objects.filter(query).order_by(
        F("due").asc(nulls_last=True), "sort_order", "id"
    ):
        for key in ids:
            if getattr(node, key):
                by_item.setdefault((key, getattr(node, key)), []).append(node)
    for a in assignments:
        key = next(k for k in ids if getattr(a, k))
        a.nodes = by_item.get((key, getattr(a, key)), [])  # type: ignore[attr-defined]
    return assignments
