"""Reads for the dashboards: the plan overview, a unit's view and a leader's view.

Every dashboard fetches its items with a fixed number of queries (indicators, tasks and
projects with their prefetched rows) and judges them in Python, so a plan ten times larger
costs the same number of queries. Statuses come from official rows, which hold accepted
reports only.

The overview groups items into *buckets* (``ind:binding:red``, ``task:已逾期`` ...): every
figure on the page is the size of one bucket and links to it (``?show=<key>``), so the items
behind a figure are always one click away, even where the item lists have no such filter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import quote, urlencode

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lantu.core.permissions import restrict
from lantu.division.models import Assignment
from lantu.indicators.models import Indicator
from lantu.monitoring import judging
from lantu.organizations.models import Unit
from lantu.plans.models import PlanVersion
from lantu.projects.models import Project
from lantu.targets.progress_base import LIGHT_ORDER, STATUS_ORDER, year_share
from lantu.targets.progress_tasks import TASK_STATUS_ORDER

LIGHTS: tuple[str, ...] = tuple(str(x) if x else "none" for x in LIGHT_ORDER)
LIGHT_NAMES = {
    "red": _("red"),
    "yellow": _("yellow"),
    "green": _("green"),
    "none": _("no light"),
}
LIGHT_COLORS = {"red": "#d63939", "yellow": "#f59f00", "green": "#2fb344", "none": "#adb5bd"}
ATTRIBUTES = dict(Indicator.Attribute.choices)
BEHIND = {"滞后于进度", "已逾期"}


def light_of(item: Any) -> str:
    light = item.judgement.light
    return str(light) if light else "none"


def is_behind(item: Any) -> bool:
    """Yellow or red, or a status that says behind."""
    return light_of(item) in {"red", "yellow"} or str(item.judgement.status) in BEHIND


def last_year(day: dt.date) -> dt.date:
    """The same day a year earlier (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


@dataclass
class Items:
    """A version's items the person may view, judged on ``as_of``."""

    as_of: dt.date
    indicators: list[Any]
    tasks: list[Any]
    projects: list[Any]

    def all(self) -> list[Any]:
        return [*self.indicators, *self.tasks, *self.projects]


def _of_units(qs: QuerySet[Any], field_name: str, unit_ids: set[int] | None) -> QuerySet[Any]:
    if unit_ids is None:
        return qs
    links = Assignment.objects.filter(**{field_name: OuterRef("pk")}, unit_id__in=unit_ids)
    return qs.filter(Exists(links))


def load(
    version: PlanVersion,
    user: Any,
    *,
    as_of: dt.date | None = None,
    unit_ids: set[int] | None = None,
    compare: bool = False,
) -> Items:
    """The version's indicators, tasks and projects (optionally those of some units), each
    with ``judgement`` on ``as_of`` and, with ``compare``, ``before`` a year earlier.

    Eleven queries whatever the number of items.
    """
    from lantu.tasks.models import Task

    as_of = as_of or judging.today()
    live = {"version": version, "is_archived": False}
    indicators = _of_units(
        restrict(Indicator.objects.filter(**live), user, "view"), "indicator", unit_ids
    )
    tasks = _of_units(restrict(Task.objects.filter(**live), user, "view"), "task", unit_ids)
    projects = _of_units(
        restrict(Project.objects.filter(**live), user, "view"), "project", unit_ids
    )
    # Every row belongs to ``version``: it is set on each below instead of being joined and
    # built again per row, and the few units are read once rather than once per assignment.
    ind_rows = list(
        indicators.select_related("reference")
        .prefetch_related(BARE_ASSIGNMENTS, *judging.INDICATOR_PREFETCH)
        .order_by("sort_order", "id")
    )
    task_rows = list(
        tasks.prefetch_related(BARE_ASSIGNMENTS, *judging.TASK_PREFETCH).order_by(
            "sort_order", "id"
        )
    )
    project_rows = list(
        projects.prefetch_related(BARE_ASSIGNMENTS, *judging.PROJECT_PREFETCH).order_by(
            "sort_order", "id"
        )
    )
    _share(version, [*ind_rows, *task_rows, *project_rows])
    for rows, judge in (
        (ind_rows, judging.judge_indicator),
        (task_rows, judging.judge_task),
        (project_rows, judging.judge_project),
    ):
        judging.attach(rows, judge, as_of)
        for row in rows:
            row.label = getattr(row, "name", None) or row.title
    if compare:
        before = last_year(as_of)
        for ind in ind_rows:
            ind.before = judging.judge_indicator(ind, before)
    return Items(as_of, ind_rows, task_rows, project_rows)


BARE_ASSIGNMENTS = Prefetch("assignments", queryset=Assignment.objects.order_by("sort_order", "id"))


def _share(version: PlanVersion, rows: list[Any]) -> None:
    """Give every row the one version (with its plan) and its assignments their units."""
    version.plan  # noqa: B018 - fetched once here, shared by every row
    unit_ids = {a.unit_id for row in rows for a in row.assignments.all()}
    units = {u.pk: u for u in Unit.objects.filter(pk__in=unit_ids)}
    for row in rows:
        row.version = version
        for a in row.assignments.all():
            a.unit = units[a.unit_id]


@dataclass
class Bucket:
    """The items behind one figure."""

    key: str
    title: str
    kind: str  # indicator, task or project
    items: list[Any] = field(default_factory=list)


@dataclass
class Chart:
    """A chart and its table: rows are ``categories``, columns the series."""

    key: str
    title: str
    categories: list[str]
    series: list[dict[str, Any]]  # {"name", "color", "data": [{"value", "url"}]}
    row_urls: list[str] = field(default_factory=list)

    def rows(self) -> list[tuple[str, str, list[dict[str, Any]]]]:
        """(category, its list URL or "", one cell per series) for the table view."""
        urls = self.row_urls or [""] * len(self.categories)
        return [
            (cat, urls[i], [s["data"][i] for s in self.series])
            for i, cat in enumerate(self.categories)
        ]

    def as_json(self) -> dict[str, Any]:
        return {"key": self.key, "categories": self.categories, "series": self.series}


class Buckets(dict[str, Bucket]):
    """Buckets by key; ``grid`` sorts items into them and returns a chart's series."""

    def add(self, key: str, title: str, kind: str, items: Iterable[Any]) -> Bucket:
        bucket = self.setdefault(key, Bucket(key, title, kind))
        bucket.items.extend(items)
        return bucket

    def cell(self, bucket: Bucket) -> dict[str, Any]:
        count = len(bucket.items)
        return {"value": count, "url": f"?show={quote(bucket.key)}#items" if count else ""}

    def grid(
        self,
        kind: str,
        prefix: str,
        rows: list[tuple[str, str, list[Any]]],
        columns: list[tuple[str, str, str]],
        column_of: Callable[[Any], str],
    ) -> tuple[list[str], list[dict[str, Any]]]:
        """Count items by row group (key, label, items) and column (key, label, colour)."""
        series: list[dict[str, Any]] = [
            {"name": str(label), "color": color, "data": []} for _key, label, color in columns
        ]
        for row_key, row_label, items in rows:
            for i, (col_key, col_label, _color) in enumerate(columns):
                chosen = [x for x in items if column_of(x) == col_key]
                title = f"{row_label} · {col_label}" if row_label else str(col_label)
                bucket = self.add(f"{prefix}:{row_key}:{col_key}", title, kind, chosen)
                series[i]["data"].append(self.cell(bucket))
        return [str(label) for _k, label, _i in rows], series


LIGHT_COLUMNS = [(k, str(LIGHT_NAMES[k]), LIGHT_COLORS[k]) for k in LIGHTS]


def _status_columns(order: Iterable[Any]) -> list[tuple[str, str, str]]:
    return [(str(s), str(s), "") for s in order]


def list_url(base: str, version: PlanVersion, **filters: str) -> str:
    """A link to an item list filtered by filters it has (see the lists' FilterSets)."""
    return f"{base}?{urlencode({'version': version.pk, **filters})}"


def plan_share(version: PlanVersion, day: dt.date) -> Decimal:
    """Share of the plan period gone at ``day`` (0..1)."""
    plan = version.plan
    start, end = dt.date(plan.start_year, 1, 1), dt.date(plan.end_year, 12, 31)
    share = Decimal((day - start).days + 1) / Decimal((end - start).days + 1)
    return min(max(share, Decimal(0)), Decimal(1))


def overview(items: Items, version: PlanVersion) -> dict[str, Any]:
    """Everything the plan overview shows, computed from judged ``items``."""
    b = Buckets()
    inds, tasks, projects = items.indicators, items.tasks, items.projects
    charts: list[Chart] = []
    by_attr = [(k, str(v), [i for i in inds if i.attribute == k]) for k, v in ATTRIBUTES.items()]
    cats, series = b.grid("indicator", "ind-attr", by_attr, LIGHT_COLUMNS, light_of)
    ind_list = reverse("indicators-list")
    attr_urls = [list_url(ind_list, version, attribute=k) for k, _l, _i in by_attr]
    title = str(_("Indicators by attribute and light"))
    charts.append(Chart("ind-attr", title, cats, series, attr_urls))
    categories = sorted({i.category or "—" for i in inds})
    by_cat = [(c, c, [i for i in inds if (i.category or "—") == c]) for c in categories]
    cats, series = b.grid("indicator", "ind-cat", by_cat, LIGHT_COLUMNS, light_of)
    cat_urls = [list_url(ind_list, version, category=c) if c != "—" else "" for c in categories]
    title = str(_("Indicators by category and light"))
    charts.append(Chart("ind-cat", title, cats, series, cat_urls))
    status_cols = _status_columns(STATUS_ORDER)
    cats, series = b.grid(
        "indicator", "ind-status", by_attr, status_cols, lambda i: str(i.judgement.status)
    )
    title = str(_("Indicators by attribute and status"))
    charts.append(Chart("ind-status", title, cats, series, attr_urls))

    share = plan_share(version, items.as_of)
    task_cols = _status_columns(TASK_STATUS_ORDER)
    cats, series = b.grid(
        "task",
        "task",
        [("all", str(_("all key tasks")), tasks)],
        task_cols,
        lambda t: str(t.judgement.status),
    )
    lagging = [t for t in tasks if t.completed_on is None and (t.progress or 0) < share * 100]
    lag = b.add(
        "task:lagging", str(_("Tasks behind the time gone in the plan period")), "task", lagging
    )
    task_urls = [list_url(reverse("tasks-list"), version)]
    charts.append(Chart("task", str(_("Key tasks by status")), cats, series, task_urls))

    cats, series = b.grid(
        "project",
        "proj",
        [("all", str(_("all major projects")), projects)],
        _status_columns(STATUS_ORDER),
        lambda p: str(p.judgement.status),
    )
    proj_urls = [list_url(reverse("projects-list"), version)]
    charts.append(Chart("proj", str(_("Major projects by status")), cats, series, proj_urls))
    late = b.add(
        "proj:late-stages",
        str(_("Projects with stage dates missed")),
        "project",
        [p for p in projects if p.judgement.late_stages],
    )

    at_risk = [i for i in inds if is_behind(i)]
    at_risk.sort(key=lambda i: (not i.is_binding, LIGHTS.index(light_of(i))))
    b.add("ind:at-risk", str(_("Indicators at risk")), "indicator", at_risk)
    return {
        "buckets": b,
        "charts": charts,
        "at_risk": at_risk,
        "binding_at_risk": sum(1 for i in at_risk if i.is_binding),
        "tasks": {"share": share * 100, "lagging": lag, "total": len(tasks)},
        "projects": _investment(projects, items.as_of) | {"late": late},
        "midyear": midyear(tasks, items.as_of, b),
        "compare": _compare(items, b),
        "counts": {"indicators": len(inds), "tasks": len(tasks), "projects": len(projects)},
    }


def _investment(projects: list[Any], as_of: dt.date) -> dict[str, Any]:
    """This year's investment of all projects against the time-proportional plan (序时进度)."""
    planned = completed = Decimal(0)
    for p in projects:
        plan = next((x for x in p.investment_plans.all() if x.year == as_of.year), None)
        if plan is not None:
            planned += plan.planned
            completed += plan.completed or 0
    share = year_share(as_of)
    schedule = planned * share
    ratio = completed / schedule * 100 if schedule else None
    return {
        "planned": planned,
        "completed": completed,
        "schedule": schedule.quantize(Decimal("0.01")),
        "share": (share * 100).quantize(Decimal("0.1")),
        "ratio": ratio.quantize(Decimal("0.1")) if ratio is not None else None,
    }


def midyear(tasks: list[Any], as_of: dt.date, b: Buckets) -> dict[str, Any]:
    """时间过半、任务过半: from mid-year on, the tasks whose progress has kept up with the
    share of the year gone (done tasks count). Met when at least half the tasks keep pace."""
    share = year_share(as_of) * 100
    due = share >= 50
    pace: list[Any] = []
    slow: list[Any] = []
    for t in tasks:  # one pass: comparing model objects pairwise was quadratic
        (pace if t.completed_on is not None or (t.progress or 0) >= share else slow).append(t)
    b.add("task:pace", str(_("Tasks keeping pace with the year")), "task", pace)
    b.add("task:slow", str(_("Tasks behind the year's pace")), "task", slow)
    ratio = Decimal(len(pace)) * 100 / len(tasks) if tasks else None
    return {
        "due": due,
        "share": share.quantize(Decimal("0.1")),
        "pace": b["task:pace"],
        "slow": b["task:slow"],
        "ratio": ratio.quantize(Decimal("0.1")) if ratio is not None else None,
        "met": due and ratio is not None and ratio >= 50,
    }


def _compare(items: Items, b: Buckets) -> dict[str, Any]:
    """This point against the same point last year: indicators judged again on that day,
    tasks completed and project stages missed by then (all from dated official rows)."""
    before = last_year(items.as_of)
    rows = []
    for key in LIGHTS:
        now = b.add(f"cmp:now:{key}", str(LIGHT_NAMES[key]), "indicator", [])
        now.items = [i for i in items.indicators if light_of(i) == key]
        then = b.add(f"cmp:then:{key}", str(LIGHT_NAMES[key]), "indicator", [])
        then.items = [
            i
            for i in items.indicators
            if (str(i.before.light) if i.before.light else "none") == key
        ]
        rows.append((str(LIGHT_NAMES[key]), b.cell(then), b.cell(now)))
    done_then = sum(1 for t in items.tasks if t.completed_on and t.completed_on <= before)
    done_now = sum(1 for t in items.tasks if t.completed_on and t.completed_on <= items.as_of)
    return {
        "date": before,
        "rows": rows,
        "done_then": done_then,
        "done_now": done_now,
        "late_then": sum(1 for p in items.projects if _late_on(p, before)),
        "late_now": sum(1 for p in items.projects if _late_on(p, items.as_of)),
    }


def _late_on(project: Any, day: dt.date) -> bool:
    for _name, planned, actual in judging.STAGES:
        p, a = getattr(project, planned), getattr(project, actual)
        if p is not None and p < day and (a is None or a > day):
            return True
    return False


def lead_units(item: Any) -> str:
    return "、".join(a.unit.name for a in item.assignments.all() if a.role != "cooperating")


def role_of(item: Any, unit_id: int) -> str:
    return next((a.get_role_display() for a in item.assignments.all() if a.unit_id == unit_id), "")


def portfolio(user: Any, units: QuerySet[Any]) -> list[Any]:
    """The units in a leader's portfolio (chosen units of their leader memberships), else all
    units the person may view."""
    from lantu.organizations.models import Membership

    chosen = set(
        Membership.objects.filter(person=user, role="leader")
        .exclude(chosen_units=None)
        .values_list("chosen_units", flat=True)
    )
    if chosen:
        units = units.filter(pk__in=chosen)
    return list(units.order_by("path"))


def side_by_side(units: list[Any], items: Items) -> list[dict[str, Any]]:
    """Per unit: its items (lead or cooperating) counted by light, and those behind."""
    by_unit: dict[int, list[Any]] = {u.pk: [] for u in units}
    for item in items.all():
        for unit_id in {a.unit_id for a in item.assignments.all()}:
            if unit_id in by_unit:
                by_unit[unit_id].append(item)
    rows = []
    for unit in units:
        mine = by_unit[unit.pk]
        lights = {k: sum(1 for x in mine if light_of(x) == k) for k in LIGHTS}
        rows.append(
            {
                "unit": unit,
                "total": len(mine),
                "lights": [(k, lights[k]) for k in LIGHTS],
                "behind": sum(1 for x in mine if is_behind(x)),
                "indicators": sum(1 for x in mine if isinstance(x, Indicator)),
                "projects": sum(1 for x in mine if isinstance(x, Project)),
            }
        )
    return rows
