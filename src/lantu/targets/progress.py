"""Progress maths: how far an indicator, a key task or a major project is along, against the
time-proportional schedule (序时进度), in the status words of DESIGN.md ("Statuses").

Pure Python over ``Decimal``, no Django; judging an indicator takes some tens of microseconds,
a whole district plan (360 indicators and targets, 500 tasks, 100 projects) about 10 ms.

- ``judge_indicator(ind, observations, as_of, thresholds) -> Judgement``
- ``judge_task(time_nodes, progress_percent, done, as_of, due_soon_days) -> TaskJudgement``
- ``judge_project(planned, completed, as_of, stages) -> ProjectJudgement``

How an indicator is judged
--------------------------
Time runs in years from the end of the baseline year (``start_year - 1`` unless given). The
target year is the target's own year when it has one after the baseline, else ``end_year``.

*Schedule.* From the baseline at the baseline year to the target at the target year: linear
for ``level``, ``pp_change`` (baseline plus the points), ``increment`` and ``cumulative`` (from
0); compound for ``annual_growth`` (baseline × (1+r)^t) and ``growth`` (baseline × (1+x) at
the end, compound in between). Year ends are on that curve; inside a year the schedule is
linear in the days gone. Yearly milestones (年度目标) are anchors the schedule passes through;
the schedule never steps back. ``between`` aims at its less demanding end (the lower bound
when higher is better, the upper when lower is); ``approx`` (左右) counts as met within
``on_track_band`` % of the written number; ``gt``/``lt`` must be strictly beyond the value.

*What the caller passes.* ``observed_as`` (see ``IndicatorInput``) says what the figures are.
For increment and cumulative targets the default is the running total since the plan began:
pass 2027's figure as everything delivered in 2026 and 2027 (or pass each year's own amount
with ``observed_as="flow"``, or the stock with ``"level"`` and the baseline stock). A target
that is really a stock reaching a number (累计达到1000 meaning the count reaches 1000) should
be passed as a ``level`` target. GDP-style indicators reported as yearly growth rates use
``"rate"``: each year's rate (year-to-date while the year runs) stands for its year, and a
year-to-date rate is never 提前实现. ``higher_is_better`` is best given; inferred, it comes
from the direction and comparator, else from the target against the baseline (with a note).

*Measurement point.* The latest figure known on ``as_of`` is compared with the schedule at
the end of the period it covers: annual statistics lag, and a 2027 figure is judged against
the 2027 schedule whenever it arrives. Figures for periods after ``as_of`` are ignored (a
full-year figure for the current year counts, as the year's estimate).

*Status.* ``completion_vs_schedule`` = progress since the baseline / progress scheduled;
``gap_points`` = (1 − completion) × 100, a move away from the target counting as no progress.

- 提前实现: the final target is already met (a target that needs moving, met at any time).
- 快于预期: more than ``on_track_band`` points ahead of the schedule.
- 基本符合预期: within the band, or behind by at most ``yellow_gap`` points.
- 滞后于进度: behind by more than ``yellow_gap`` points.
- A target already satisfied at the baseline (控制在…以内 above it, a floor below it, the
  baseline equal to the target) is a line to hold: 基本符合预期 while held, 滞后于进度 when
  crossed (yellow; red if binding). Holding it is never 提前实现, not even in the target year,
  so that the same figure reported later never looks better; a note warns when the trend
  would cross the line by the target year.
- 暂无数据: no figure in the plan period yet (or no baseline and a single figure that does
  not meet the target); 待上级下达: a delegated target without ``delegated_value`` (with it,
  a level target of that value and the target's comparator); 定性评价: qualitative targets,
  relative targets without a reference, and anything the numbers cannot judge (no value, a
  growth target from a baseline of zero or less, numbers out of range), with the reviewer's
  verdict and light when a ``Review`` is given.

*Light.* Green up to ``yellow_gap`` points behind, yellow to ``red_gap``, red beyond. A
binding indicator turns red as soon as its projection misses: when the latest figure is short
of the time-proportional path to the final target (the same as saying that the average pace
since the baseline, carried on, ends short of the target), and the rule says so.

*Projection and needed rate.* The projection carries the average pace since the baseline to
the target year (linear: the average yearly step; compound: the average annual rate). A
least-squares trend was considered and rejected: it can rise when the same figure is reported
for a later period, which would break the rule that waiting never helps. The needed rate is
what each remaining year must deliver: an amount a year for linear targets, % a year for
growth targets (0 once met; None when no time is left).

*Missing baseline.* The baseline year's own figure is used if given among the observations,
else the earliest full-year figure before the latest one (and before the target year) starts
the schedule, the target scaled to the time left; else a level target is only checked
against its final value, and anything else is 暂无数据. Each fallback is said in ``notes``.

*Checkpoints.* One per year to the target year, with the first and third years flagged
("五年看三年,三年看头年"); worked out when first read, so dashboards do not pay for them.

*Relative targets* with a ``Reference``: the average annual growth of the indicator and of the
reference over the years both have (or, with ``compare="level"``, the latest common levels)
are compared: ``approx`` within ``sync_tolerance`` points (levels: ``on_track_band`` %) is
基本符合预期, beyond it 快于预期 or 滞后于进度; ``ge``/``gt`` need the indicator at or above
the reference. *Compound targets*: each part is judged (on its ``PartSeries`` or the
indicator's own data) and the whole takes the worst status and the worst light of its parts.

*Guarantees*, proven by the property tests under the total orders ``STATUS_ORDER`` and
``LIGHT_ORDER`` (worst first): a better latest figure never gives a worse status or light; the
same figure for a later period, or judged on a later date, never a better one (for levels and
totals; a growth rate reported for a longer part of its year covers more, so for rates the
guarantee is about the date); no finite input makes a judgement raise.

Tasks and projects
------------------
A task is 已完成 when done, 已逾期 (red) past its last deadline, 即将到期 within
``due_soon_days`` of its next node, else 按期推进 (暂无数据 without progress); undated
持续推进/每季度 work is 持续推进. Its light compares progress with the share of its time gone:
more than ``yellow_gap`` points behind is yellow. A project's investment this year is set
against the plan times the share of the year gone, with the indicator thresholds; a stage
whose planned date has passed without an actual date makes it 滞后于进度, at least yellow.
"""

from __future__ import annotations

from lantu.targets.progress_base import (
    DEFAULT_THRESHOLDS,
    LIGHT_ORDER,
    STATUS_ORDER,
    Light,
    Rule,
    Status,
    Thresholds,
    light_rank,
    status_rank,
)
from lantu.targets.progress_indicator import judge_indicator
from lantu.targets.progress_tasks import (
    TASK_STATUS_ORDER,
    ProjectJudgement,
    Stage,
    StageName,
    TaskJudgement,
    TaskStatus,
    judge_project,
    judge_task,
)
from lantu.targets.progress_types import (
    Checkpoint,
    IndicatorInput,
    Judgement,
    Observation,
    ObservedAs,
    PartSeries,
    Reference,
    Review,
)

__all__ = [
    "DEFAULT_THRESHOLDS",
    "LIGHT_ORDER",
    "STATUS_ORDER",
    "TASK_STATUS_ORDER",
    "Checkpoint",
    "IndicatorInput",
    "Judgement",
    "Light",
    "Observation",
    "ObservedAs",
    "PartSeries",
    "ProjectJudgement",
    "Reference",
    "Review",
    "Rule",
    "Stage",
    "StageName",
    "Status",
    "TaskJudgement",
    "TaskStatus",
    "Thresholds",
    "judge_indicator",
    "judge_project",
    "judge_task",
    "light_rank",
    "status_rank",
]
