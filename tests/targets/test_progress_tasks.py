"""Key tasks against their time nodes, major projects against the year's plan and stages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from lantu.targets.progress import (
    Light,
    Stage,
    Status,
    TaskStatus,
    judge_project,
    judge_task,
)
from lantu.targets.types import TimeNode

D = Decimal
YEAR_END = TimeNode("2026年底前", "deadline", due=dt.date(2026, 12, 31))
JAN_1 = dt.date(2026, 1, 1)


def on(month: int, day: int) -> dt.date:
    return dt.date(2026, month, day)


# --- tasks -----------------------------------------------------------------------------------


def test_done_task_is_done_and_green_whatever_the_date() -> None:
    j = judge_task([YEAR_END], None, True, dt.date(2027, 3, 1))
    assert (j.status, j.light) == (TaskStatus.DONE, Light.GREEN)
    assert j.rule.text == "任务已完成"


def test_task_past_its_last_deadline_is_overdue_and_red() -> None:
    j = judge_task([YEAR_END], D(90), False, dt.date(2027, 1, 10))
    assert (j.status, j.light) == (TaskStatus.OVERDUE, Light.RED)
    assert j.days_left == -10 and j.next_due is None and j.due == dt.date(2026, 12, 31)
    assert j.rule.text == "时间节点2026年12月31日已过，任务尚未完成，已逾期10天"


def test_task_keeping_pace_with_time_is_on_schedule_and_green() -> None:
    j = judge_task([YEAR_END], D(50), False, on(5, 27), start=JAN_1)  # 146 of 364 days: 40%
    assert (j.status, j.light) == (TaskStatus.ON_SCHEDULE, Light.GREEN)
    assert j.elapsed == D("0.4011")
    assert j.next_due == YEAR_END and j.days_left == 218


def test_task_at_20_percent_with_80_percent_of_its_time_gone_is_behind_and_yellow() -> None:
    j = judge_task([YEAR_END], D(20), False, on(10, 19), start=JAN_1)  # 291 of 364 days
    assert (j.status, j.light) == (TaskStatus.ON_SCHEDULE, Light.YELLOW)
    assert j.gap_points == D("59.95")
    assert j.rule.key == "task_behind"
    assert "落后时间进度59.95个百分点" in j.rule.text


def test_task_falling_due_soon_is_due_soon_green_if_nearly_done_else_yellow() -> None:
    j = judge_task([YEAR_END], D(95), False, on(12, 11), start=JAN_1)
    assert (j.status, j.light, j.days_left) == (TaskStatus.DUE_SOON, Light.GREEN, 20)
    assert judge_task([YEAR_END], D(50), False, on(12, 11), start=JAN_1).light == Light.YELLOW
    silent = judge_task([YEAR_END], None, False, on(12, 11), start=JAN_1)
    assert (silent.status, silent.light) == (TaskStatus.DUE_SOON, Light.YELLOW)
    assert silent.rule.text == "距时间节点2026年12月31日还有20天，未报告进度"


def test_due_soon_window_is_a_parameter() -> None:
    j = judge_task([YEAR_END], D(95), False, on(12, 11), due_soon_days=10, start=JAN_1)
    assert j.status == TaskStatus.ON_SCHEDULE


def test_task_without_progress_far_from_its_deadline_is_no_data() -> None:
    j = judge_task([YEAR_END], None, False, on(3, 1))
    assert (j.status, j.light) == (TaskStatus.NO_DATA, None)


def test_next_due_is_the_first_node_still_ahead() -> None:
    quarters = [
        TimeNode(f"第{q}季度", "deadline", due=d)
        for q, d in [("一", on(3, 31)), ("二", on(6, 30)), ("三", on(9, 30)), ("四", on(12, 31))]
    ]
    j = judge_task(quarters, D(30), False, on(4, 20), start=JAN_1)
    assert j.next_due == quarters[1]
    assert j.status == TaskStatus.ON_SCHEDULE  # the first quarter's node passing is not overdue
    assert judge_task(quarters, D(30), False, on(6, 10), start=JAN_1).status == (
        TaskStatus.DUE_SOON
    )


def test_a_period_nodes_start_is_the_tasks_start() -> None:
    period = TimeNode("“十五五”期间", "period", due=dt.date(2030, 12, 31), start=JAN_1)
    j = judge_task([period], D(40), False, dt.date(2028, 1, 1))
    assert j.elapsed == D("0.4")  # two years of five
    assert j.light == Light.GREEN


def test_ongoing_and_recurring_tasks_are_ongoing() -> None:
    ongoing = TimeNode("持续推进", "ongoing")
    quarterly = TimeNode("每季度", "recurring", every="quarter")
    assert judge_task([ongoing], None, False, on(5, 1)).status == TaskStatus.ONGOING
    j = judge_task([quarterly], D(60), False, on(5, 1))
    assert (j.status, j.light) == (TaskStatus.ONGOING, Light.GREEN)
    assert j.rule.text == "持续推进类任务，完成60%"


def test_task_with_nothing_to_judge_is_no_data() -> None:
    unknown = TimeNode("适时", "unknown")
    assert judge_task([unknown], None, False, on(5, 1)).status == TaskStatus.NO_DATA
    assert judge_task([], None, False, on(5, 1)).status == TaskStatus.NO_DATA


# --- projects --------------------------------------------------------------------------------

HALF_YEAR = on(6, 30)  # 181 of 365 days


def test_project_investment_on_the_time_share_is_on_track() -> None:
    j = judge_project(D(120), D(60), HALF_YEAR, [])
    assert (j.status, j.light) == (Status.ON_TRACK, Light.GREEN)
    assert j.schedule_value == (D(120) * D(181) / D(365)).quantize(D("0.000001"))
    assert j.completion_vs_schedule == D("1.0083")
    assert j.completion_vs_plan == D("0.5")
    assert j.elapsed == D("0.4959")


def test_project_investment_ahead_is_ahead() -> None:
    assert judge_project(D(120), D(70), HALF_YEAR, []).status == Status.AHEAD


def test_project_investment_behind_is_yellow_then_red() -> None:
    j = judge_project(D(120), D(50), HALF_YEAR, [])  # 84% of the schedule
    assert (j.status, j.light) == (Status.BEHIND, Light.YELLOW)
    j = judge_project(D(120), D(40), HALF_YEAR, [])  # 67%
    assert (j.status, j.light) == (Status.BEHIND, Light.RED)
    assert "完成序时进度的67.22%" in j.rule.text


def test_project_stage_past_its_planned_date_without_actual_date_is_late() -> None:
    stages = [
        Stage("前期", on(1, 31), on(1, 20)),
        Stage("开工", on(3, 31)),
        Stage("竣工", dt.date(2027, 12, 31)),
    ]
    j = judge_project(D(120), D(60), HALF_YEAR, stages)
    assert (j.status, j.light) == (Status.BEHIND, Light.YELLOW)
    assert j.late_stages == (stages[1],)
    assert j.next_stage == stages[1]
    assert [n.key for n in j.notes] == ["project_stage_late"]
    assert j.explanation.endswith("；开工计划于2026年3月31日完成，尚未完成")


def test_project_late_stage_keeps_a_red_investment_red() -> None:
    j = judge_project(D(120), D(10), HALF_YEAR, [Stage("开工", on(3, 31))])
    assert (j.status, j.light) == (Status.BEHIND, Light.RED)


def test_project_without_investment_figures_is_judged_on_its_stages() -> None:
    late = judge_project(None, None, HALF_YEAR, [Stage("开工", on(3, 31))])
    assert (late.status, late.light) == (Status.BEHIND, Light.YELLOW)
    assert late.rule.text == "开工计划于2026年3月31日完成，尚未完成"
    fine = judge_project(None, None, HALF_YEAR, [Stage("开工", on(9, 30))])
    assert (fine.status, fine.light) == (Status.ON_TRACK, Light.GREEN)


def test_project_with_nothing_to_go_on_is_no_data() -> None:
    j = judge_project(None, None, HALF_YEAR, [])
    assert (j.status, j.light) == (Status.NO_DATA, None)


def test_project_with_no_investment_planned_this_year_is_judged_on_stages() -> None:
    j = judge_project(D(0), D(0), HALF_YEAR, [Stage("投用", on(10, 1))])
    assert j.status == Status.ON_TRACK
    assert [n.key for n in j.notes] == ["project_no_plan"]


def test_project_completed_figure_may_run_to_an_earlier_day_than_as_of() -> None:
    j = judge_project(D(120), D(50), on(7, 20), [], period_end=on(5, 31))  # 151 of 365 days
    assert j.status == Status.ON_TRACK
