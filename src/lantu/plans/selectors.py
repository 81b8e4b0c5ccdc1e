"""Reads for plans: the plan's home page figures."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from lantu.core.permissions import restrict
from lantu.division.selectors import ASSIGNMENTS
from lantu.indicators.models import Indicator, Observation
from lantu.monitoring import judging
from lantu.plans.models import Plan


def current_outline(user: Any) -> Plan | None:
    """The outline in force for the person's region (else the newest one they can see)."""
    plans = restrict(Plan.objects.filter(kind=Plan.Kind.OUTLINE), user, "view")
    return (
        plans.filter(status=Plan.Status.IN_FORCE).order_by("-start_year").first()
        or plans.order_by("-start_year").first()
    )


def with_latest_value(qs: QuerySet[Indicator]) -> QuerySet[Indicator]:
    """Annotate each indicator with its latest observation (value, year, period)."""
    latest = Observation.objects.filter(indicator=OuterRef("pk")).order_by("-period_end")
    return qs.annotate(
        latest_value=Subquery(latest.values("value")[:1]),
        latest_year=Subquery(latest.values("year")[:1]),
        latest_period=Subquery(latest.values("period")[:1]),
    )


def plan_home(plan: Plan, user: Any) -> dict[str, Any]:
    """Counts and the main-indicator table of a plan's version in force."""
    version = plan.current_version
    if version is None:
        return {"version": None, "counts": {}, "main_indicators": []}
    indicators = restrict(
        Indicator.objects.filter(version=version, is_archived=False), user, "view"
    )
    counts = indicators.aggregate(
        main=Count("pk", filter=Q(source=Indicator.Source.MAIN_TABLE)),
        text=Count("pk", filter=Q(source=Indicator.Source.TEXT)),
        binding=Count("pk", filter=Q(attribute=Indicator.Attribute.BINDING)),
    )
    from lantu.projects.models import Project
    from lantu.tasks.models import Task

    counts["tasks"] = restrict(
        Task.objects.filter(version=version, is_archived=False), user, "view"
    ).count()
    counts["projects"] = restrict(
        Project.objects.filter(version=version, is_archived=False), user, "view"
    ).count()
    main = with_latest_value(
        indicators.filter(source=Indicator.Source.MAIN_TABLE)
        .select_related(*judging.INDICATOR_SELECT)
        .prefetch_related(ASSIGNMENTS, *judging.INDICATOR_PREFETCH)
    ).order_by("sort_order", "id")
    rows = judging.attach(main, judging.judge_indicator)
    return {"version": version, "counts": counts, "main_indicators": rows}
