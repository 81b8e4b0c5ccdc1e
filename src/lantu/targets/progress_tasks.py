"""Progress of key tasks (against their time nodes) and of major projects (investment against
the year's plan, and their stages)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Final, Literal

from lantu.targets.progress_base import (
    DEFAULT_THRESHOLDS,
    HUNDRED,
    ONE,
    ZERO,
    Light,
    Rule,
    Status,
    Thresholds,
    calc,
    explain,
    finite,
    light_rank,
    r2,
    r4,
    r6,
    status_rank,
    year_share,
)
from lantu.targets.types import TimeNode


class TaskStatus(StrEnum):
    """Where a key task stands against its time nodes."""

    DONE = "已完成"
    ON_SCHEDULE = "按期推进"
    DUE_SOON = "即将到期"
    OVERDUE = "已逾期"
    ONGOING = "持续推进"
    NO_DATA = "暂无数据"


# Worst first, for sorting and for the property that later dates never look better.
TASK_STATUS_ORDER: Final[tuple[TaskStatus, ...]] = (
    TaskStatus.OVERDUE,
    TaskStatus.DUE_SOON,
    TaskStatus.NO_DATA,
    TaskStatus.ON_SCHEDULE,
    TaskStatus.ONGOING,
    TaskStatus.DONE,
)

_CONTINUING: Final = frozenset({"ongoing", "recurring", "duration", "period"})


@dataclass(frozen=True, slots=True)
class TaskJudgement:
    """The judgement of one key task. ``next_due`` is the first dated node falling due on or
    after ``as_of``; ``due`` the last deadline; ``elapsed`` the share of the task's time gone
    (0..1) and ``gap_points`` how far progress (in %) trails it."""

    status: TaskStatus
    light: Light | None
    rule: Rule
    next_due: TimeNode | None = None
    due: dt.date | None = None
    days_left: int | None = None
    elapsed: Decimal | None = None
    progress: Decimal | None = None
    gap_points: Decimal | None = None

    @property
    def explanation(self) -> str:
        return self.rule.text


def judge_task(
    time_nodes: Sequence[TimeNode],
    progress_percent: Decimal | None,
    done: bool,
    as_of: dt.date,
    due_soon_days: int = 30,
    *,
    start: dt.date | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> TaskJudgement:
    """Judge a key task on ``as_of``.

    Done is 已完成. With dated nodes: past the last deadline is 已逾期 (red); a node due within
    ``due_soon_days`` is 即将到期; otherwise 按期推进, or 暂无数据 when no progress is reported.
    The light compares progress with the time gone since ``start`` (the work's first day;
    default the earliest node's start, else 1 January of the last deadline's year): more than
    ``yellow_gap`` points behind is yellow (20% done with 80% of the time gone), as is a node
    falling due without progress reported. Only 持续推进, 每季度 and the like: 持续推进.
    """
    with calc():
        dated = [n for n in time_nodes if n.due is not None]
        due = max((n.due for n in dated if n.due is not None), default=None)
        if done:
            return TaskJudgement(TaskStatus.DONE, Light.GREEN, Rule("task_done"), due=due)
        progress = progress_percent
        if progress is not None and not progress.is_finite():
            progress = None
        if due is None:
            return _undated(time_nodes, progress)
        upcoming = [n for n in dated if n.due is not None and n.due >= as_of]
        nxt = min(upcoming, key=lambda n: n.due or due) if upcoming else None
        begin = start or min((n.start for n in time_nodes if n.start), default=None)
        begin = begin or dt.date(due.year, 1, 1)
        span = (due - begin).days
        if span > 0:
            elapsed = min(max(Decimal((as_of - begin).days) / Decimal(span), ZERO), ONE)
        else:
            elapsed = ONE if as_of >= due else ZERO
        done_share = None if progress is None else min(max(progress, ZERO), HUNDRED)
        gap = None if done_share is None else elapsed * HUNDRED - done_share
        behind = gap is None or gap > thresholds.yellow_gap
        shown_elapsed, shown_gap = r4(elapsed), r2(gap)
        params = {"elapsed": r2(elapsed * HUNDRED), "progress": progress, "gap": shown_gap}
        if as_of > due:
            days = (as_of - due).days
            rule = Rule("task_overdue", {"due": due, "days": days})
            return TaskJudgement(
                TaskStatus.OVERDUE,
                Light.RED,
                rule,
                None,
                due,
                -days,
                shown_elapsed,
                progress,
                shown_gap,
            )
        assert nxt is not None and nxt.due is not None
        days_left = (nxt.due - as_of).days
        light: Light | None = Light.YELLOW if behind else Light.GREEN
        if days_left <= due_soon_days:
            key = "task_due_soon" if progress is not None else "task_due_soon_no_progress"
            key += "_behind" if progress is not None and behind else ""
            rule = Rule(key, {**params, "due": nxt.due, "days": days_left})
            status = TaskStatus.DUE_SOON
        elif progress is None:
            status, light, rule = TaskStatus.NO_DATA, None, Rule("task_no_progress", params)
        else:
            status = TaskStatus.ON_SCHEDULE
            rule = Rule("task_behind" if behind else "task_on_schedule", params)
        return TaskJudgement(
            status, light, rule, nxt, due, days_left, shown_elapsed, progress, shown_gap
        )


def _undated(time_nodes: Sequence[TimeNode], progress: Decimal | None) -> TaskJudgement:
    continuing = any(n.kind in _CONTINUING for n in time_nodes)
    if not continuing and progress is None:
        return TaskJudgement(TaskStatus.NO_DATA, None, Rule("task_no_data"))
    key = "task_ongoing" if progress is None else "task_ongoing_progress"
    rule = Rule(key, {"progress": progress})
    return TaskJudgement(TaskStatus.ONGOING, Light.GREEN, rule, progress=progress)


StageName = Literal["前期", "开工", "竣工", "投用"]


@dataclass(frozen=True, slots=True)
class Stage:
    """A project stage (形象进度节点) with its planned and actual dates."""

    name: StageName
    planned: dt.date | None = None
    actual: dt.date | None = None


@dataclass(frozen=True, slots=True)
class ProjectJudgement:
    """The judgement of one major project for the current year."""

    status: Status
    light: Light | None
    rule: Rule
    notes: tuple[Rule, ...] = ()
    schedule_value: Decimal | None = None
    completed: Decimal | None = None
    completion_vs_schedule: Decimal | None = None
    completion_vs_plan: Decimal | None = None
    elapsed: Decimal | None = None
    gap_points: Decimal | None = None
    late_stages: tuple[Stage, ...] = ()
    next_stage: Stage | None = None

    @property
    def explanation(self) -> str:
        """The rule and its notes as one line of Chinese."""
        return explain(self.rule, self.notes)


def judge_project(
    planned_total_this_year: Decimal | None,
    completed_this_year: Decimal | None,
    as_of: dt.date,
    stages: Sequence[Stage] = (),
    *,
    period_end: dt.date | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> ProjectJudgement:
    """Judge a major project on ``as_of`` (amounts in 万元, as the rule text writes them).

    Investment completed this year is set against the year's planned investment times the
    share of the year gone at ``period_end`` (the day the completed figure runs to; default
    ``as_of``), with the indicator thresholds: more than ``on_track_band`` points ahead is
    快于预期, up to ``yellow_gap`` behind 基本符合预期 (green), beyond that 滞后于进度, yellow
    to ``red_gap`` and red past it. A stage whose planned date has passed without an actual
    date is late: 滞后于进度, at least yellow. Nothing to go on: 暂无数据.
    """
    with calc():
        th = thresholds
        late = tuple(
            s for s in stages if s.planned is not None and s.actual is None and s.planned < as_of
        )
        nxt = next((s for s in stages if s.actual is None), None)
        share = year_share(period_end or as_of)
        notes: list[Rule] = [
            Rule("project_stage_late", {"stage": s.name, "planned": s.planned}) for s in late
        ]
        planned, completed = planned_total_this_year, completed_this_year
        judged = (
            planned is not None
            and completed is not None
            and finite(planned, completed)
            and planned > 0
        )
        if not judged:
            if planned is not None and completed is not None and planned <= 0:
                notes.insert(0, Rule("project_no_plan"))
            if late:
                first = notes.index(next(n for n in notes if n.key == "project_stage_late"))
                rest = tuple(notes[:first] + notes[first + 1 :])
                return ProjectJudgement(
                    Status.BEHIND,
                    Light.YELLOW,
                    notes[first],
                    rest,
                    completed=completed,
                    elapsed=r4(share),
                    late_stages=late,
                    next_stage=nxt,
                )
            if any(s.planned is not None for s in stages):
                return ProjectJudgement(
                    Status.ON_TRACK,
                    Light.GREEN,
                    Rule("project_stages_ok"),
                    tuple(notes),
                    completed=completed,
                    elapsed=r4(share),
                    next_stage=nxt,
                )
            return ProjectJudgement(Status.NO_DATA, None, Rule("project_no_data"), tuple(notes))
        assert planned is not None and completed is not None
        schedule = planned * share
        ratio = completed / schedule
        gap = (ONE - max(ratio, ZERO)) * HUNDRED
        if gap < -th.on_track_band:
            status = Status.AHEAD
        elif gap <= th.yellow_gap:
            status = Status.ON_TRACK
        else:
            status = Status.BEHIND
        if gap <= th.yellow_gap:
            light = Light.GREEN
        else:
            light = Light.YELLOW if gap <= th.red_gap else Light.RED
        if late:
            status = min(status, Status.BEHIND, key=status_rank)
            light = min(light, Light.YELLOW, key=light_rank)
        rule = Rule(
            "project_investment",
            {
                "planned": planned,
                "schedule": r6(schedule),
                "completed": completed,
                "ratio": r2(ratio * HUNDRED),
                "verdict": status.value,
            },
        )
        return ProjectJudgement(
            status,
            light,
            rule,
            tuple(notes),
            schedule_value=r6(schedule),
            completed=completed,
            completion_vs_schedule=r4(ratio),
            completion_vs_plan=r4(completed / planned),
            elapsed=r4(share),
            gap_points=r2(gap),
            late_stages=late,
            next_stage=nxt,
        )
