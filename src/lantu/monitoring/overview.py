"""The plan overview, and the scope every dashboard reads (``scope``; the unit's and the
leader's views are in ``portfolio``).

The dashboards count stored judgements (``Standing``, see ``standings``) with SQL, so their
cost hardly grows with the plan: every figure is one ``GROUP BY`` or aggregate, and only the
items actually listed (the indicators at risk, the items behind a clicked figure) are read,
with their stored status. Statuses come from official rows, which hold accepted reports only.

The overview groups items into *buckets* (``ind-attr:binding:red``, ``task:lagging`` ...):
each is a filter with its count, every figure on the page is one bucket's count and links to
it (``?show=<key>``), so the items behind a figure are always one click away.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Sum, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lantu.core import clock
from lantu.core.permissions import restrict
from lantu.division.models import Assignment
from lantu.indicators.models import Indicator
from lantu.monitoring import judging, palette, standings
from lantu.monitoring.buckets import Buckets, Chart, list_url, status_columns, tally
from lantu.monitoring.standings import last_year
from lantu.plans.models import PlanVersion
from lantu.projects.models import InvestmentPlan, Project
from lantu.targets.progress_base import STATUS_ORDER, year_share
from lantu.targets.progress_tasks import TASK_STATUS_ORDER

LIGHTS = standings.LIGHTS
LIGHT_NAMES = palette.LIGHT_NAMES
LIGHT_COLUMNS = [(k, LIGHT_NAMES[k], palette.light_hex(k)) for k in LIGHTS]
ATTRIBUTES = dict(Indicator.Attribute.choices)
LISTED = 100  # items listed under a figure; the count always covers all of them
AT_RISK = 20  # indicators at risk on the overview's card


def light_of(item: Any) -> str:
    return standings.light_name(item.judgement.light)


@dataclass
class Scope:
    """A version's live items that a person may view (optionally some units' only), as
    querysets, with standings of ``as_of`` stored for all of them."""

    version: PlanVersion
    as_of: dt.date
    indicators: QuerySet[Any]
    tasks: QuerySet[Any]
    projects: QuerySet[Any]

    def of(self, kind: str) -> QuerySet[Any]:
        return {"indicator": self.indicators, "task": self.tasks, "project": self.projects}[kind]


def _of_units(qs: QuerySet[Any], kind: str, unit_ids: set[int] | None) -> QuerySet[Any]:
    if unit_ids is None:
        return qs
    links = Assignment.objects.filter(**{kind: OuterRef("pk")}, unit_id__in=unit_ids)
    return qs.filter(Exists(links))


def scope(
    version: PlanVersion,
    user: Any,
    *,
    as_of: dt.date | None = None,
    unit_ids: set[int] | None = None,
    judged: bool = True,
) -> Scope:
    """The items ``user`` may view; with ``judged``, their standings are made current first
    (four counts when they are; the items changed since are judged again)."""
    from lantu.tasks.models import Task

    as_of = as_of or judged_on(version)
    if judged:
        standings.ensure(version, as_of)
    live = {"version": version, "is_archived": False}
    sets = {
        kind: _of_units(restrict(model.objects.filter(**live), user, "view"), kind, unit_ids)
        for kind, model in (("indicator", Indicator), ("task", Task), ("project", Project))
    }
    return Scope(version, as_of, sets["indicator"], sets["task"], sets["project"])


def judged_on(version: PlanVersion) -> dt.date:
    """The day a plan's dashboards judge on: today, or the plan's last day once it is over (a
    finished plan is read as it ended, not judged against years it never had)."""
    return min(clock.today(), dt.date(version.plan.end_year, 12, 31))


# Binding first, then worst light first.
AT_RISK_ORDER: list[Any] = [
    Case(
        When(attribute=Indicator.Attribute.BINDING, then=0), default=1, output_field=IntegerField()
    ),
    standings.light_rank(),
    "sort_order",
    "id",
]


# What the indicator figures are counted by: one GROUP BY gives them all.
INDICATOR_GROUPS = (
    "attribute",
    "category",
    "standing__light",
    "standing__status",
    "standing__behind",
    "standing__light_a_year_ago",
)


def overview(s: Scope, show: str = "", limit: int | None = LISTED) -> dict[str, Any]:
    """Everything the plan overview shows: the indicators at risk (the worst ``AT_RISK``
    on the page) and the bucket ``show`` with its first ``limit`` items read; with
    ``limit`` None (the export), all of both."""
    b = Buckets()
    groups = list(s.indicators.values(*INDICATOR_GROUPS).annotate(n=Count("pk")))
    ind, tasks, projects = _indicators(s, b, groups), _tasks(s, b), _projects(s, b)
    compare = _compare(s, b, groups) | tasks["compare"] | projects["compare"]
    if compare["before_plan"]:
        _nothing_then(compare)
    at_risk = b["ind:at-risk"]
    worst = s.indicators.filter(at_risk.q).order_by(*AT_RISK_ORDER)
    at_risk.items = _read(s, worst[: AT_RISK if limit else None], "indicator")
    shown = b.get(show)
    if shown is at_risk:  # listed at length below, the card keeping its few
        shown = replace(at_risk, items=_read(s, worst[:limit], "indicator"))
    elif shown is not None:
        listed = s.of(shown.kind).filter(shown.q).order_by("sort_order", "id")
        shown.items = _read(s, listed[:limit], shown.kind)
    return {
        "buckets": b,
        "charts": [*ind["charts"], tasks["chart"], projects["chart"]],
        "at_risk": at_risk,
        "binding_at_risk": ind["binding_at_risk"],
        "shown": shown,
        "tasks": tasks["tasks"],
        "midyear": tasks["midyear"],
        "projects": projects["projects"],
        "compare": compare,
        "counts": {
            "indicators": ind["total"],
            "tasks": tasks["total"],
            "projects": projects["total"],
        },
    }


def _indicators(s: Scope, b: Buckets, groups: list[dict[str, Any]]) -> dict[str, Any]:
    """Indicators by attribute, category, light and status; those at risk (binding first)."""
    version = s.version
    attributes = list(ATTRIBUTES.items())
    light = ("standing__light", LIGHT_COLUMNS)
    ind_list = reverse("indicators-list")
    attr_urls = [list_url(ind_list, version, attribute=k) for k, _l in attributes]
    charts = []
    counts = tally(groups, "attribute", "standing__light")
    cats, series = b.grid(counts, "indicator", "ind-attr", ("attribute", attributes), light)
    title = _("Indicators by attribute and light")
    charts.append(Chart("ind-attr", str(title), cats, series, attr_urls))
    categories = sorted({g["category"] for g in groups})
    by_cat = [(c, c or "—") for c in categories]
    counts = tally(groups, "category", "standing__light")
    cats, series = b.grid(counts, "indicator", "ind-cat", ("category", by_cat), light)
    cat_urls = [list_url(ind_list, version, category=c) if c else "" for c in categories]
    title = _("Indicators by category and light")
    charts.append(Chart("ind-cat", str(title), cats, series, cat_urls))
    status = ("standing__status", status_columns(STATUS_ORDER))
    counts = tally(groups, "attribute", "standing__status")
    cats, series = b.grid(counts, "indicator", "ind-status", ("attribute", attributes), status)
    title = _("Indicators by attribute and status")
    charts.append(Chart("ind-status", str(title), cats, series, attr_urls))
    behind = tally(groups, "standing__behind", "attribute")
    at_risk = behind[(True, "binding")] + behind[(True, "expected")]
    b.add("ind:at-risk", _("Indicators at risk"), "indicator", Q(standing__behind=True), at_risk)
    return {
        "charts": charts,
        "binding_at_risk": behind[(True, "binding")],
        "total": sum(g["n"] for g in groups),
    }


def _tasks(s: Scope, b: Buckets) -> dict[str, Any]:
    """Key tasks by status, those behind, each task's progress against its own time gone
    (时间过半、任务过半, judged from mid-year), and completed by now and by a year ago: one
    query."""
    version = s.version
    year_gone = year_share(s.as_of) * 100
    found = {
        "task:lagging": Q(standing__behind=True),
        "task:pace": Q(standing__on_pace=True),
        "task:slow": Q(standing__on_pace=False),
        "task:undated": Q(standing__on_pace__isnull=True),
    }
    statuses = status_columns(TASK_STATUS_ORDER)
    by_status = {k: Q(standing__status=k) for k, _l, _c in statuses}
    n = s.tasks.aggregate(
        total=Count("pk"),
        done_then=Count("pk", filter=Q(completed_on__lte=last_year(s.as_of))),
        done_now=Count("pk", filter=Q(completed_on__lte=s.as_of)),
        nodes_then=Sum("standing__nodes_overdue_a_year_ago"),
        nodes_now=Sum("standing__nodes_overdue"),
        **{k: Count("pk", filter=q) for k, q in (found | by_status).items()},
    )
    counts = Counter({(version.pk, k): n[k] for k in by_status})
    rows = ("version_id", [(version.pk, _("all key tasks"))])  # one row: every task
    cats, series = b.grid(counts, "task", "task", rows, ("standing__status", statuses))
    task_urls = [list_url(reverse("tasks-list"), version)]
    chart = Chart("task", str(_("Key tasks by status")), cats, series, task_urls)
    titles = {
        "task:lagging": _("Tasks behind (yellow or red light, or overdue)"),
        "task:pace": _("Tasks with progress at or above their time gone"),
        "task:slow": _("Tasks with progress below their time gone"),
        "task:undated": _("Ongoing work without dates (not counted)"),
    }
    for key, q in found.items():
        b.add(key, titles[key], "task", q, n[key])
    paced = n["task:pace"] + n["task:slow"]
    ratio = Decimal(n["task:pace"]) * 100 / paced if paced else None
    due = year_gone >= 50
    return {
        "chart": chart,
        "tasks": {"lagging": b["task:lagging"], "total": n["total"]},
        "midyear": {
            "due": due,
            "share": year_gone.quantize(Decimal("0.1")),
            "pace": b["task:pace"],
            "slow": b["task:slow"],
            "undated": b["task:undated"],
            "ratio": ratio.quantize(Decimal("0.1")) if ratio is not None else None,
            "met": due and ratio is not None and ratio >= 50,
        },
        "compare": {
            "done_then": n["done_then"],
            "done_now": n["done_now"],
            "nodes_then": n["nodes_then"] or 0,
            "nodes_now": n["nodes_now"] or 0,
        },
        "total": n["total"],
    }


def _projects(s: Scope, b: Buckets) -> dict[str, Any]:
    """Major projects by status, with stage dates missed now and a year ago (one query), and
    this year's investment against the time-proportional plan (one more)."""
    version = s.version
    statuses = status_columns(STATUS_ORDER)
    by_status = {k: Q(standing__status=k) for k, _l, _c in statuses}
    late = Q(standing__late_stages=True)
    n = s.projects.aggregate(
        total=Count("pk"),
        late=Count("pk", filter=late),
        late_then=Count("pk", filter=stages_late_on(last_year(s.as_of))),
        late_now=Count("pk", filter=stages_late_on(s.as_of)),
        **{k: Count("pk", filter=q) for k, q in by_status.items()},
    )
    counts = Counter({(version.pk, k): n[k] for k in by_status})
    rows = ("version_id", [(version.pk, _("all major projects"))])
    cats, series = b.grid(counts, "project", "proj", rows, ("standing__status", statuses))
    urls = [list_url(reverse("projects-list"), version)]
    chart = Chart("proj", str(_("Major projects by status")), cats, series, urls)
    b.add("proj:late-stages", _("Projects with stage dates missed"), "project", late, n["late"])
    return {
        "chart": chart,
        "projects": _investment(s) | {"late": b["proj:late-stages"]},
        "compare": {"late_then": n["late_then"], "late_now": n["late_now"]},
        "total": n["total"],
    }


def _read(s: Scope, rows: QuerySet[Any], kind: str) -> list[Any]:
    return standings.listed(s.version, rows)


def stages_late_on(day: dt.date) -> Q:
    """Projects with a stage planned before ``day`` and not reached by then."""
    return reduce(
        or_,
        (
            Q(**{f"{planned}__lt": day})
            & (Q(**{f"{actual}__isnull": True}) | Q(**{f"{actual}__gt": day}))
            for _name, planned, actual in judging.STAGES
        ),
    )


def _investment(s: Scope) -> dict[str, Any]:
    """This year's investment of all projects against the time-proportional plan (序时进度)."""
    sums = InvestmentPlan.objects.filter(project__in=s.projects, year=s.as_of.year).aggregate(
        planned=Sum("planned"), completed=Sum("completed")
    )
    # 万元 to the fen, as the rows hold them (SQLite's sums come back with float noise).
    cent = Decimal("0.01")
    planned = (sums["planned"] or Decimal(0)).quantize(cent)
    completed = (sums["completed"] or Decimal(0)).quantize(cent)
    share = year_share(s.as_of)
    schedule = planned * share
    ratio = completed / schedule * 100 if schedule else None
    return {
        "planned": planned,
        "completed": completed,
        "schedule": schedule.quantize(cent),
        "share": (share * 100).quantize(Decimal("0.1")),
        "ratio": ratio.quantize(Decimal("0.1")) if ratio is not None else None,
    }


def _nothing_then(compare: dict[str, Any]) -> None:
    """A year before the plan began nothing was judged against it: the page says so, with a
    dash for each figure, rather than a column of zeros that reads like a bad year."""
    compare |= {"done_then": None, "nodes_then": None, "late_then": None}
    nothing = {"value": None, "url": ""}
    compare["rows"] = [(label, nothing, now) for label, _then, now in compare["rows"]]


def _compare(s: Scope, b: Buckets, groups: list[dict[str, Any]]) -> dict[str, Any]:
    """This point against the same point last year: indicators by light, judged again on that
    day (stored with their standing). Tasks completed, their time nodes overdue and project
    stages missed, then and now, are counted with their kinds from dated official rows."""
    before = last_year(s.as_of)
    then = tally(groups, "standing__light_a_year_ago")
    now = tally(groups, "standing__light")
    rows = []
    for key in LIGHTS:
        label = LIGHT_NAMES[key]
        was = b.add(
            f"cmp:then:{key}", label, "indicator", Q(standing__light_a_year_ago=key), then[key]
        )
        is_ = b.add(f"cmp:now:{key}", label, "indicator", Q(standing__light=key), now[key])
        rows.append((str(label), b.cell(was), b.cell(is_)))
    started = dt.date(s.version.plan.start_year, 1, 1)
    return {"date": before, "rows": rows, "before_plan": before < started}
