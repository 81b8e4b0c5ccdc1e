"""The warning rules: what is wrong with a plan today, as a set of causes.

Reads only. ``causes(plan, today)`` judges every item of the plan's version in force (with a
fixed number of queries, through the judging prefetches) and returns one ``Cause`` per thing
wrong. ``services.refresh`` turns the set into warnings: new causes are raised, causes gone are
closed. The rules:

- ``light_yellow`` / ``light_red``: an indicator's light (a task's light when it is yellow: its
  progress is behind the time gone; a task past its deadline is ``node_overdue`` instead);
- ``node_overdue``: a time node of an unfinished task whose date has passed, not met;
- ``investment_lag``: a project's investment this year behind the time-proportional plan by
  more than the yellow gap;
- ``stage_late``: a project stage whose planned date has passed without an actual date;
- ``report_missing``: a report past its cycle's grace days, not submitted, not exempt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from lantu.division.models import TimeNode
from lantu.indicators.models import Indicator
from lantu.monitoring import judging
from lantu.plans.models import Plan
from lantu.projects.models import Project
from lantu.reporting.models import Cycle, Report
from lantu.reporting.templatetags.reporting import cn_date
from lantu.targets.progress import Light
from lantu.tasks.models import Task

STAGE_KEYS = {name: planned for name, planned, _actual in judging.STAGES}


@dataclass(frozen=True)
class Cause:
    """One thing wrong with one item, named so the same thing gets the same key every day."""

    key: str
    cause: str
    kind: str  # indicator, task or project
    item_id: int
    detail: str
    unit_id: int | None = None

    @property
    def family(self) -> str:
        """Causes that replace each other: an item's yellow and red light."""
        if self.cause.startswith("light_"):
            return f"light:{self.kind}:{self.item_id}"
        return self.key


def family_of(cause_key: str) -> str:
    cause, rest = cause_key.split(":", 1)
    return f"light:{rest}" if cause.startswith("light_") else cause_key


def causes(plan: Plan, today: dt.date) -> dict[str, Cause]:
    """Every current cause of the plan's version in force, by key (in the site's language)."""
    if plan.current_version_id is None:
        return {}
    with translation.override(settings.LANGUAGE_CODE):
        found = [
            *indicator_causes(plan, today),
            *task_causes(plan, today),
            *node_causes(plan, today),
            *project_causes(plan, today),
            *report_causes(plan, today),
        ]
    return {c.key: c for c in found}


def _light_cause(kind: str, item_id: int, light: Light | None, why: str) -> Cause | None:
    if light not in (Light.YELLOW, Light.RED):
        return None
    cause = "light_red" if light == Light.RED else "light_yellow"
    return Cause(f"{cause}:{kind}:{item_id}", cause, kind, item_id, why)


def indicator_causes(plan: Plan, today: dt.date) -> list[Cause]:
    rows = (
        Indicator.objects.filter(version_id=plan.current_version_id, is_archived=False)
        .select_related(*judging.INDICATOR_SELECT)
        .prefetch_related(*judging.INDICATOR_PREFETCH)
    )
    found = []
    for ind in rows:
        j = judging.judge_indicator(ind, today)
        cause = _light_cause("indicator", ind.pk, j.light, f"{j.status}: {j.explanation}")
        if cause is not None:
            found.append(cause)
    return found


def task_causes(plan: Plan, today: dt.date) -> list[Cause]:
    rows = (
        Task.objects.filter(
            version_id=plan.current_version_id, is_archived=False, completed_on__isnull=True
        )
        .select_related("version__plan")
        .prefetch_related(*judging.TASK_PREFETCH)
    )
    found = []
    for task in rows:
        j = judging.judge_task(task, today)
        if j.light == Light.YELLOW:
            why = f"{j.status}：{j.explanation}"
            key = f"light_yellow:task:{task.pk}"
            found.append(Cause(key, "light_yellow", "task", task.pk, why))
    return found


def node_causes(plan: Plan, today: dt.date) -> list[Cause]:
    nodes = TimeNode.objects.filter(
        task__version_id=plan.current_version_id,
        task__is_archived=False,
        task__completed_on__isnull=True,
        due__lt=today,
        met_on__isnull=True,
    ).only("pk", "task_id", "text", "due")
    return [
        Cause(
            f"node_overdue:timenode:{node.pk}",
            "node_overdue",
            "task",
            node.task_id,
            _("Time node “%(node)s” was due on %(due)s and is not met.")
            % {"node": node.text, "due": cn_date(node.due)},
        )
        for node in nodes
        if node.task_id is not None and node.due is not None
    ]


def project_causes(plan: Plan, today: dt.date) -> list[Cause]:
    rows = Project.objects.filter(
        version_id=plan.current_version_id, is_archived=False
    ).prefetch_related(*judging.PROJECT_PREFETCH)
    yellow_gap = judging.thresholds().yellow_gap
    found = []
    for project in rows:
        j = judging.judge_project(project, today)
        if j.gap_points is not None and j.gap_points > yellow_gap:
            found.append(
                Cause(
                    f"investment_lag:project:{project.pk}",
                    "investment_lag",
                    "project",
                    project.pk,
                    _(
                        "Investment this year is %(completed)s 万元 against %(schedule)s 万元 "
                        "by the time-proportional plan (%(gap)s points behind)."
                    )
                    % {
                        "completed": j.completed,
                        "schedule": _money(j.schedule_value),
                        "gap": j.gap_points,
                    },
                )
            )
        for stage in j.late_stages:
            found.append(
                Cause(
                    f"stage_late:project:{project.pk}:{STAGE_KEYS[stage.name]}",
                    "stage_late",
                    "project",
                    project.pk,
                    _("Stage %(stage)s was planned for %(planned)s and is not reached.")
                    % {"stage": stage.name, "planned": cn_date(stage.planned)},
                )
            )
    return found


def _money(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.01"))


def report_causes(plan: Plan, today: dt.date) -> list[Cause]:
    from lantu.core.templatetags.lantu import period_label

    cycles = {
        c.pk: c for c in Cycle.objects.filter(plan=plan, deadline__lt=today) if c.grace_ends < today
    }
    if not cycles:
        return []
    reports = Report.objects.filter(
        cycle_id__in=cycles,
        is_exempt=False,
        status__in=(Report.Status.DRAFT, Report.Status.RETURNED),
    ).select_related("unit")
    found = []
    for report in reports:
        cycle = cycles[report.cycle_id]
        found.append(
            Cause(
                f"report_missing:report:{report.pk}",
                "report_missing",
                report.kind,
                report.indicator_id or report.task_id or report.project_id or 0,
                _("%(unit)s has not submitted its report for %(period)s (due %(deadline)s).")
                % {
                    "unit": report.unit.name,
                    "period": period_label(cycle.year, cycle.period),
                    "deadline": cn_date(cycle.deadline),
                },
                unit_id=report.unit_id,
            )
        )
    return found
