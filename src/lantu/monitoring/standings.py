"""Stored judgements (``Standing``): what the dashboards count.

Judging a plan means reading every item with its observations, milestones, time nodes and
investment rows into Python: about 30,000 rows for a plan 100 times the demo, far too slow for
every look at a dashboard. So each item's status and light are stored, dated, and the
dashboards count them with SQL (``GROUP BY``), whatever the plan's size.

A standing is trusted only on the day it was judged and only while the item's data is
unchanged:

- ``refresh`` judges a version's items and stores the result. The warning job calls it after
  every accepted report and nightly; a dashboard calls ``ensure`` before it counts, which
  judges only the items without a standing of that day, and on a plan already judged costs
  four counts.
- ``stale`` (connected to the item models' ``post_save`` and ``post_delete``) clears
  ``judged_on`` when anything an item is judged from changes: the item, its observations (and
  those of an indicator it is compared with), milestones, time nodes and investment plans.
  Writes that skip signals (``bulk_create``) call ``mark_stale`` themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Case, IntegerField, Model, Prefetch, Q, QuerySet, When

from lantu.division.models import Assignment
from lantu.indicators.models import Indicator
from lantu.monitoring import judging
from lantu.monitoring.models import Standing
from lantu.organizations.models import Unit
from lantu.plans.models import PlanVersion
from lantu.projects.models import Project
from lantu.targets.progress_base import LIGHT_ORDER
from lantu.targets.progress_tasks import TaskStatus

BEHIND = {"滞后于进度", "已逾期"}
FIELDS = [
    "version",
    "status",
    "light",
    "behind",
    "late_stages",
    "light_a_year_ago",
    "explanation",
    "nodes_overdue",
    "nodes_overdue_a_year_ago",
    "on_pace",
    "judged_on",
]
BARE_ASSIGNMENTS = Prefetch("assignments", queryset=Assignment.objects.order_by("sort_order", "id"))


def last_year(day: dt.date) -> dt.date:
    """The same day a year earlier (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def light_name(light: Any) -> str:
    return str(light) if light else "none"


LIGHTS: tuple[str, ...] = tuple(light_name(x) for x in LIGHT_ORDER)  # worst first


def light_rank() -> Case:
    """An ordering expression on items: their stored light, worst first."""
    ranks = (When(standing__light=k, then=i) for i, k in enumerate(LIGHTS))
    return Case(*ranks, default=len(LIGHTS), output_field=IntegerField())


def kinds() -> list[tuple[str, type[Model], Callable[..., Any], list[Any]]]:
    """(kind, model, judge, prefetches) for indicators, key tasks and major projects."""
    from lantu.tasks.models import Task

    return [
        ("indicator", Indicator, judging.judge_indicator, judging.INDICATOR_PREFETCH),
        ("task", Task, judging.judge_task, judging.TASK_PREFETCH),
        ("project", Project, judging.judge_project, judging.PROJECT_PREFETCH),
    ]


def listed(version: PlanVersion, queryset: QuerySet[Any]) -> list[Any]:
    """The rows of ``queryset`` (items of ``version``) for an item list: each with its stored
    standing as ``judgement`` (status, light, explanation), its assignments with their units
    and a ``label``. Three queries, whatever the size; nothing judged."""
    rows = list(queryset.select_related("standing").prefetch_related(BARE_ASSIGNMENTS))
    unit_ids = {a.unit_id for row in rows for a in row.assignments.all()}
    units = {u.pk: u for u in Unit.objects.filter(pk__in=unit_ids)} if unit_ids else {}
    for row in rows:
        row.version = version  # every row belongs to it: set, not joined per row
        for a in row.assignments.all():
            a.unit = units[a.unit_id]
        row.label = getattr(row, "name", None) or row.title
        # None only for an item created since the dashboard made its standings current.
        row.judgement = getattr(row, "standing", None)
    return rows


def is_current(version: PlanVersion, as_of: dt.date) -> bool:
    """Whether every item of the version has a standing judged on ``as_of`` (four counts on
    indexes: at most one standing per item, so equal counts mean none is missing)."""
    fresh = Standing.objects.filter(version=version, judged_on=as_of).count()
    items = sum(model.objects.filter(version=version).count() for _k, model, _j, _p in kinds())  # type: ignore[attr-defined]
    return fresh == items


def ensure(version: PlanVersion, as_of: dt.date) -> int:
    """Judge the items without a standing of ``as_of``, if any; the number judged."""
    return 0 if is_current(version, as_of) else refresh(version, as_of, only_stale=True)


def refresh(version: PlanVersion, as_of: dt.date, *, only_stale: bool = False) -> int:
    """Judge the version's items on ``as_of`` (with ``only_stale``, those without a standing
    of that day) and store their standings; the number stored. Archived items are judged too,
    so that ``is_current`` can count every item."""
    stored = 0
    for kind, model, judge, prefetch in kinds():
        items = model.objects.filter(version=version)  # type: ignore[attr-defined]
        if only_stale:
            items = items.exclude(standing__judged_on=as_of)
        if kind == "indicator":
            items = items.select_related("reference")
        rows = list(items.prefetch_related(*prefetch))
        if not rows:
            continue
        version.plan  # noqa: B018 - shared by every row
        standings = []
        for row in rows:
            row.version = version
            standings.append(_standing(version, kind, row, judge(row, as_of), as_of))
        Standing.objects.bulk_create(
            standings,
            batch_size=500,
            update_conflicts=True,
            unique_fields=[kind],
            update_fields=FIELDS,
        )
        stored += len(standings)
    return stored


def _standing(version: PlanVersion, kind: str, row: Any, judgement: Any, as_of: dt.date) -> Any:
    light = light_name(judgement.light)
    before = ""
    if kind == "indicator":
        before = light_name(judging.judge_indicator(row, last_year(as_of)).light)
    nodes = (0, 0)
    if kind == "task":
        nodes = (nodes_overdue(row, as_of), nodes_overdue(row, last_year(as_of)))
    return Standing(
        version=version,
        **{kind: row},
        status=str(judgement.status),
        light=light,
        behind=light in {"red", "yellow"} or str(judgement.status) in BEHIND,  # as is_behind
        late_stages=bool(getattr(judgement, "late_stages", ())),
        light_a_year_ago=before,
        explanation=getattr(judgement, "explanation", None) or judgement.rule.text,
        nodes_overdue=nodes[0],
        nodes_overdue_a_year_ago=nodes[1],
        on_pace=on_pace(judgement) if kind == "task" else None,
        judged_on=as_of,
    )


def on_pace(judgement: Any) -> bool | None:
    """Whether a key task's progress is at least the share of its time gone (done counts);
    None for work without dates, which the engine gives no share of time."""
    if judgement.status == TaskStatus.DONE:
        return True
    if judgement.elapsed is None:
        return None
    return judgement.gap_points is not None and judgement.gap_points <= 0


def nodes_overdue(task: Any, day: dt.date) -> int:
    """A task's time nodes due before ``day`` and not met by then, unless it was finished by
    then (its time nodes prefetched)."""
    if task.completed_on is not None and task.completed_on <= day:
        return 0
    return sum(
        1
        for n in task.timenodes.all()
        if n.due is not None and n.due < day and (n.met_on is None or n.met_on > day)
    )


def mark_stale(**items: Iterable[int]) -> None:
    """Clear the standings of the given items (``indicator=[ids]``, ``task=``, ``project=``)."""
    q = Q()
    for kind, ids in items.items():
        if ids:
            q |= Q(**{f"{kind}_id__in": list(ids)})
    if q:
        Standing.objects.filter(q).update(judged_on=None)


def stale(sender: type[Model], instance: Any, created: bool = False, **kwargs: Any) -> None:
    """Signal receiver: what ``instance`` changed can change its item's judgement."""
    name = sender._meta.model_name
    if name in {"indicator", "task", "project"}:
        if not created:  # a new item has no standing yet
            mark_stale(**{name: [instance.pk]})
    elif name == "observation":
        # An indicator compared with this one (``reference``) is judged from it too.
        ind = instance.indicator_id
        q = Q(indicator_id=ind) | Q(indicator__reference_id=ind)
        Standing.objects.filter(q).update(judged_on=None)
    elif name == "timenode":
        Standing.objects.filter(**instance.item_lookup).update(judged_on=None)
    elif name == "indicatormilestone":
        mark_stale(indicator=[instance.indicator_id])
    elif name == "investmentplan":
        mark_stale(project=[instance.project_id])


def connect() -> None:
    """Connect ``stale`` to every model an item's judgement is read from."""
    from django.db.models.signals import post_delete, post_save

    from lantu.division.models import TimeNode
    from lantu.indicators.models import IndicatorMilestone, Observation
    from lantu.projects.models import InvestmentPlan
    from lantu.tasks.models import Task

    models = (Indicator, Task, Project, Observation, IndicatorMilestone, TimeNode, InvestmentPlan)
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(stale, sender=model, dispatch_uid=f"standing-{model.__name__}")
