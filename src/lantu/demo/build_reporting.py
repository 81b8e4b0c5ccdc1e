"""The demo's reporting: 2026's cycles, with the third quarter under way on the demo's today.

Tasks and projects report quarterly, indicators yearly. The first two quarters are done and
accepted. The third quarter's deadline was moved to 20 November (the quarter's statistics came
out late) with ten days' grace, so on 25 November units are in every state: done, waiting for
acceptance, in review, returned, still drafting, and late with nothing sent. The official
figures (task progress, project investment) are those of the latest accepted report.

Past steps are written directly, with their audit events in one batch: going through the
services one step at a time would take a minute for a history nobody lived through.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.utils import timezone

from lantu.core import audit
from lantu.demo.build_projects import TODAY
from lantu.organizations.models import Membership, Person, Unit
from lantu.plans.models import Plan
from lantu.projects.models import InvestmentPlan
from lantu.reporting import notify, services
from lantu.reporting.models import Cycle, Report
from lantu.tasks.models import Task

Q3_DEADLINE = dt.date(2026, 11, 20)
Q3_NOTE = "三季度统计数据发布推迟,截止时间顺延至11月20日"
# The third quarter's state per unit, and how many units are in each (the rest: done).
Q3_STATES = ("accepted", "approved", "submitted", "returned", "draft", "none")
Q3_WEIGHTS = (36, 14, 14, 8, 12, 16)
# The demo people's own units are fixed, so that each login finds something to do.
FIXED = {
    "education": "submitted",  # jiaoyu_sh has reports to review
    "dongfeng": "returned",  # dongfeng_tb has returned reports to correct
    "health": "approved",  # the administrator has them to accept
    "jiangbin": "none",  # late: nothing sent
    "science": "draft",  # drafting, past the deadline
}
DONE = ("按计划推进,完成阶段性目标", "已完成方案制定并组织实施", "推进顺利,主要工作量已过半",
        "完成年度重点工作部署,正在组织实施", "已召开专题推进会,落实责任分工")  # fmt: skip
PROBLEMS = ("", "", "资金到位较慢", "用地指标紧张", "跨部门协调事项较多", "")
NEXT = ("加快推进后续工作", "抓紧落实资金和用地保障", "按时间节点推进", "四季度完成验收")
RETURNS = ("进度与上季度填报不一致,请核实", "请补充佐证材料", "完成投资与财政拨付数据不符,请核对")


def create_reporting(*, plan: Plan, units: dict[str, Unit]) -> None:
    admin = Person.objects.get(username="admin")
    Task.objects.filter(version=plan.current_version).update(frequency="quarterly")
    services.generate_cycles(plan=plan, year=2026, by=admin)
    cycles = {c.period: c for c in Cycle.objects.filter(plan=plan, year=2026)}
    services.update_cycle(
        cycle=cycles["Q3"],
        by=admin,
        opens_on=cycles["Q3"].opens_on,
        deadline=Q3_DEADLINE,
        grace_days=10,
        note=Q3_NOTE,
    )
    people = _people()
    rng = random.Random(20261120)
    unit_state = _q3_states(units, rng)
    story = _Story(admin=admin, people=people, rng=rng)
    for period in ("Q1", "Q2", "Q3"):
        cycle = Cycle.objects.get(pk=cycles[period].pk)
        for report in (
            cycle.reports.select_related("task", "project")
            .prefetch_related("project__investment_plans")
            .order_by("pk")
        ):
            state = unit_state[report.unit_id] if period == "Q3" else "accepted"
            story.play(report, cycle, state)
    story.save()
    _official_figures(plan)
    notify.reminders(TODAY)


def _people() -> dict[tuple[int, str], Person]:
    """The first reporter and reviewer of each unit."""
    found: dict[tuple[int, str], Person] = {}
    for m in Membership.objects.filter(role__in=["reporter", "reviewer"]).order_by("pk"):
        found.setdefault((m.unit_id, m.role), m.person)
    return found


def _q3_states(units: dict[str, Unit], rng: random.Random) -> dict[int, str]:
    states = {}
    for key, unit in units.items():
        states[unit.pk] = FIXED.get(key) or rng.choices(Q3_STATES, Q3_WEIGHTS)[0]
    return states


class _Story:
    """Writes each report as if its unit had walked it to ``state``; audit events batched."""

    def __init__(self, *, admin: Person, people: dict[tuple[int, str], Person], rng: Any):
        self.admin, self.people, self.rng = admin, people, rng
        self.reports: list[Report] = []
        self.events: list[tuple[Person | None, audit.AuditItem]] = []

    def play(self, report: Report, cycle: Cycle, state: str) -> None:
        if state == "none":
            return
        self._fill(report, cycle)
        reporter = self.people.get((report.unit_id, "reporter"))
        reviewer = self.people.get((report.unit_id, "reviewer"))
        deadline = timezone.make_aware(dt.datetime.combine(cycle.deadline, dt.time(17)))
        late = self.rng.random() < (0.3 if cycle.period == "Q3" else 0.15)
        sent = deadline + dt.timedelta(
            days=self.rng.randint(1, 4) if late else -self.rng.randint(0, 6)
        )
        report.saved_at = sent - dt.timedelta(hours=2)
        steps = ["saved"]
        if state != "draft":
            report.first_submitted_at = report.submitted_at = sent
            report.submitted_by = reporter
            steps.append("submitted")
        if state == "returned":
            report.returned_at, report.returned_by = sent + dt.timedelta(days=1), reviewer
            report.return_reason = self.rng.choice(RETURNS)
            steps.append("returned")
        if state in {"approved", "accepted"}:
            report.approved_at, report.approved_by = sent + dt.timedelta(hours=20), reviewer
            steps.append("approved")
        if state == "accepted":
            report.accepted_at = sent + dt.timedelta(days=2)
            report.accepted_by = self.admin
            steps.append("accepted")
        report.status = {"draft": "draft", "submitted": "submitted", "returned": "returned",
                         "approved": "approved", "accepted": "accepted"}[state]  # fmt: skip
        report.revision = len(steps)
        self.reports.append(report)
        by = {"saved": reporter, "submitted": reporter, "returned": reviewer,
              "approved": reviewer, "accepted": self.admin}  # fmt: skip
        for verb in steps:
            self.events.append(
                (by[verb], (f"reporting.report.{verb}", report, None, None,
                 {"at": _at(report, verb)}))
            )  # fmt: skip

    def _fill(self, report: Report, cycle: Cycle) -> None:
        quarter = int(cycle.period[1])
        if report.task is not None:
            task = report.task
            final = task.progress or Decimal(0)
            report.progress = (final * Decimal((0.45, 0.75, 1)[quarter - 1])).quantize(Decimal(1))
            report.done = self.rng.choice(DONE)
            report.problems = self.rng.choice(PROBLEMS)
            report.next_steps = self.rng.choice(NEXT)
        elif report.project is not None:
            project = report.project
            year_row = next((r for r in project.investment_plans.all() if r.year == 2026), None)
            year_done = (year_row.completed or Decimal(0)) if year_row else Decimal(0)
            share = Decimal(("0.2", "0.35", "0.45")[quarter - 1])
            report.invested_period = (year_done * share).quantize(Decimal("0.01"))
            earlier = sum(
                (
                    r.completed or Decimal(0)
                    for r in project.investment_plans.all()
                    if r.year < 2026
                ),
                Decimal(0),
            )
            report.invested_total = earlier + year_done * sum(
                Decimal(s) for s in ("0.2", "0.35", "0.45")[:quarter]
            )
            report.invested_total = report.invested_total.quantize(Decimal("0.01"))
            report.stage = project.stage
            report.help_needed = self.rng.choice(PROBLEMS)

    def save(self) -> None:
        Report.objects.bulk_update(
            self.reports,
            [
                "status", "revision", "saved_at", "first_submitted_at", "submitted_at",
                "submitted_by", "approved_at", "approved_by", "accepted_at", "accepted_by",
                "returned_at", "returned_by", "return_reason", "done", "progress", "problems",
                "next_steps", "invested_period", "invested_total", "stage", "help_needed",
            ],
            batch_size=500,
        )  # fmt: skip
        # One batch per person, so that each step names who took it.
        by_actor: dict[Person | None, list[audit.AuditItem]] = defaultdict(list)
        for actor, event in self.events:
            by_actor[actor].append(event)
        for actor, events in by_actor.items():
            audit.record_many(events, by=actor, describe=str)


def _at(report: Report, verb: str) -> str | None:
    field = {"saved": "saved_at", "submitted": "submitted_at", "returned": "returned_at",
             "approved": "approved_at", "accepted": "accepted_at"}[verb]  # fmt: skip
    value = getattr(report, field)
    return value.isoformat() if value else None


def _official_figures(plan: Plan) -> None:
    """Task progress and the year's investment are the latest accepted lead reports'."""
    latest: dict[int | None, Report] = {}
    for report in (
        Report.objects.filter(cycle__plan=plan, status="accepted", task__isnull=False)
        .exclude(role="cooperating")
        .select_related("cycle")
        .order_by("cycle__deadline")
    ):
        latest[report.task_id] = report
    tasks = []
    for task in Task.objects.filter(pk__in=latest):
        task.progress = latest[task.pk].progress
        if task.progress is not None and task.progress < 100:
            task.completed_on = None
        tasks.append(task)
    Task.objects.bulk_update(tasks, ["progress", "completed_on"])
    done: dict[int, Decimal] = defaultdict(Decimal)
    for project_id, amount in (
        Report.objects.filter(cycle__plan=plan, cycle__year=2026, status="accepted")
        .exclude(role="cooperating")
        .filter(project__isnull=False)
        .values_list("project_id", "invested_period")
    ):
        done[project_id] += amount or Decimal(0)
    rows = list(InvestmentPlan.objects.filter(project__version=plan.current_version, year=2026))
    for row in rows:
        row.completed = done.get(row.project_id, Decimal(0))
    InvestmentPlan.objects.bulk_update(rows, ["completed"])
