"""Shared pieces of the progress engine: status words, lights, thresholds, rules and the
decimal and calendar helpers the judgements are computed with.

Everything here is pure Python over ``Decimal``; see ``progress.py`` for the public API.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from decimal import Context, Decimal, localcontext
from enum import StrEnum
from typing import Final

ZERO: Final = Decimal(0)
ONE: Final = Decimal(1)
HUNDRED: Final = Decimal(100)

# Every judgement runs in this context: 28 digits, and no traps, so that absurd but finite
# inputs (1E+999999) give Infinity or NaN, which the engine checks for, instead of raising.
CONTEXT: Final = Context(prec=28, traps=[])


def calc() -> AbstractContextManager[Context]:
    """The decimal context every judgement runs in (``with calc(): ...``)."""
    return localcontext(CONTEXT)


class Status(StrEnum):
    """What a judgement says about an indicator, target or project (DESIGN.md, "Statuses")."""

    MET_EARLY = "提前实现"
    AHEAD = "快于预期"
    ON_TRACK = "基本符合预期"
    BEHIND = "滞后于进度"
    NO_DATA = "暂无数据"
    AWAITING = "待上级下达"
    QUALITATIVE = "定性评价"


class Light(StrEnum):
    """The warning light; ``None`` stands for no light (no data, nothing to judge)."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


# The total order of statuses, worst (most in need of attention) first. A judgement that the
# numbers cannot make sits between "behind" and "on track": it needs a person, not a warning.
STATUS_ORDER: Final[tuple[Status, ...]] = (
    Status.BEHIND,
    Status.NO_DATA,
    Status.AWAITING,
    Status.QUALITATIVE,
    Status.ON_TRACK,
    Status.AHEAD,
    Status.MET_EARLY,
)
STATUS_RANK: Final[Mapping[Status, int]] = {s: i for i, s in enumerate(STATUS_ORDER)}

# Lights worst first; no light ranks where the unjudged statuses do, below green.
LIGHT_ORDER: Final[tuple[Light | None, ...]] = (Light.RED, Light.YELLOW, None, Light.GREEN)
LIGHT_RANK: Final[Mapping[Light | None, int]] = {x: i for i, x in enumerate(LIGHT_ORDER)}

JUDGED: Final = frozenset({Status.MET_EARLY, Status.AHEAD, Status.ON_TRACK, Status.BEHIND})


def status_rank(status: Status) -> int:
    """Position in ``STATUS_ORDER``: higher is better."""
    return STATUS_RANK[status]


def light_rank(light: Light | None) -> int:
    """Position in ``LIGHT_ORDER``: higher is better."""
    return LIGHT_RANK[light]


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The warning settings, in points (percentage points of completion against schedule).

    Defaults from practice: yellow from 10 to 30 points behind the schedule, red beyond; within
    5 points either side of the schedule is on track (基本符合预期), more than 5 ahead is 快于预期.
    ``on_track_band`` is also the tolerance of 左右 (``approx``): a target "36左右" counts as met
    from 36 less 5% of 36. ``sync_tolerance`` (percentage points of annual growth) is how far
    apart two growth rates may be and still count as 同步 in a relative target.
    """

    yellow_gap: Decimal = Decimal(10)
    red_gap: Decimal = Decimal(30)
    on_track_band: Decimal = Decimal(5)
    sync_tolerance: Decimal = Decimal("0.5")

    def __post_init__(self) -> None:
        values = (self.yellow_gap, self.red_gap, self.on_track_band, self.sync_tolerance)
        if not all(isinstance(v, Decimal) and v.is_finite() and v >= 0 for v in values):
            raise ValueError("thresholds must be finite, non-negative decimals")
        if self.yellow_gap > self.red_gap:
            raise ValueError("yellow_gap must not exceed red_gap")


DEFAULT_THRESHOLDS: Final = Thresholds()

Param = Decimal | int | str | dt.date | None

TEMPLATES: Final[Mapping[str, str]] = {
    # indicators: the rule that decided
    "no_data": "截至{as_of}，规划期内暂无监测数据",
    "awaiting": "目标值待上级下达，暂不评价",
    "qualitative": "定性目标，需人工评价",
    "reviewed": "人工评价为{review}：{reason}",
    "no_value": "目标未给出可比较的数值，需人工评价",
    "nonpositive_base": "起点值{baseline}不大于零，无法按增长率测算，需人工评价",
    "not_finite": "数值超出可计算范围，需人工评价",
    "no_baseline": "缺少基期值且规划期内仅有一期数据，无法计算序时进度",
    "no_baseline_met": "缺少基期值；{when}{measure}{value}{unit}，已达到目标{target}{unit}",
    "met": "{when}{measure}{value}{unit}，已达到目标{target}{unit}，提前实现",
    "ahead": "{when}{measure}{value}{unit}，序时进度{schedule}{unit}，完成序时进度的{ratio}%，"
    "快于预期",
    "on_track": "{when}{measure}{value}{unit}，序时进度{schedule}{unit}，完成序时进度的{ratio}%，"
    "基本符合预期",
    "behind": "{when}{measure}{value}{unit}，序时进度{schedule}{unit}，完成序时进度的{ratio}%，"
    "落后{gap}个百分点，滞后于进度",
    "binding_miss": "约束性指标按当前进度预计到{target_year}年{will}{projection}{unit}，"
    "无法达到目标{target}{unit}，亮红灯",
    "held": "{when}{measure}{value}{unit}，符合目标“{text}”的要求，基本符合预期",
    "breached": "{when}{measure}{value}{unit}，不符合目标“{text}”的要求，滞后于进度",
    "relative_unlinked": "相对目标未关联参照指标，需人工评价",
    "relative_no_overlap": "参照指标暂无同期数据，无法比较",
    "relative_growth": "{first}—{last}年年均增长{own}%，参照指标年均增长{ref}%，"
    "相差{diff}个百分点，{verdict}",
    "relative_level": "{year}年为{own}，参照指标为{ref}，{verdict}",
    "compound": "共{n}项子目标，按最差一项（{worst}）评价：{status}",
    # indicators: notes on fallbacks and context
    "baseline_from_observation": "缺少基期值，以{year}年实际值{value}为起点测算",
    "direction_assumed": "未给出指标方向，按{direction}处理",
    "direction_inferred": "未给出指标方向，按目标值与基期值比较推定为{direction}",
    "ignored_after_as_of": "已忽略{n}条晚于{as_of}的数据",
    "ignored_not_finite": "已忽略{n}条无效数值",
    "trend_breach": "按当前趋势预计到{target_year}年{will}{projection}{unit}，"
    "将不符合目标“{text}”的要求，需关注",
    "regressing": "较起点{start}{unit}反向变化",
    "target_year_adjusted": "目标年份不晚于基期年份，按{year}年测算",
    "missing_years": "缺少{years}年数据，{assumption}",
    "rate_floor": "降幅达到或超过100%，按99.9999%计",
    "mode_ignored": "该类目标不按“{mode}”口径计算，按实际值处理",
    "ytd_annualised": "年内累计{value}，按已过全年时间的{share}%折合全年{annual}",
    "final_year": "已到目标年，以{year}年数据为准",
    # tasks
    "task_done": "任务已完成",
    "task_overdue": "时间节点{due}已过，任务尚未完成，已逾期{days}天",
    "task_due_soon": "距时间节点{due}还有{days}天，完成{progress}%",
    "task_due_soon_behind": (
        "距时间节点{due}还有{days}天，完成{progress}%，落后时间进度{gap}个百分点"
    ),
    "task_due_soon_no_progress": "距时间节点{due}还有{days}天，未报告进度",
    "task_on_schedule": "时间已过{elapsed}%，完成{progress}%",
    "task_behind": "时间已过{elapsed}%，完成{progress}%，落后时间进度{gap}个百分点",
    "task_no_progress": "时间已过{elapsed}%，未报告进度",
    "task_ongoing": "持续推进类任务",
    "task_ongoing_progress": "持续推进类任务，完成{progress}%",
    "task_no_data": "无可判断的时间节点，且未报告进度",
    # projects
    "project_no_data": "暂无投资计划和完成数据",
    "project_investment": "年度计划投资{planned}万元，按时间进度应完成{schedule}万元，"
    "实际完成{completed}万元，完成序时进度的{ratio}%，{verdict}",
    "project_no_plan": "年度计划投资为零，按形象进度评价",
    "project_stage_late": "{stage}计划于{planned}完成，尚未完成",
    "project_stages_ok": "各节点均按计划推进",
}


def fmt(value: Param) -> str:
    """A number as a person reads it in a rule: at most two decimals, or four significant
    digits below 1, trailing zeros dropped; ``—`` for what is not a finite number; a date as
    2026年12月31日."""
    if value is None:
        return "—"
    if isinstance(value, dt.date):  # as officials write a date: 2026年12月31日
        return f"{value.year}年{value.month}月{value.day}日"
    if not isinstance(value, Decimal):
        return str(value)
    with calc():
        if not value.is_finite():
            return "—"
        if abs(value) >= Decimal("1E+15"):
            return f"{value:.6E}"
        if value == 0:
            return "0"
        exp = Decimal("0.01") if abs(value) >= 1 else ONE.scaleb(value.adjusted() - 3)
        text = f"{value.quantize(exp):f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return "0" if text in ("-0", "") else text


@dataclass(frozen=True, slots=True)
class Rule:
    """Why a judgement came out as it did: a short machine key and its parameters; ``text``
    is the explanation in Chinese a detail page shows."""

    key: str
    params: Mapping[str, Param] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return TEMPLATES[self.key].format_map({k: fmt(v) for k, v in self.params.items()})


def explain(rule: Rule, notes: tuple[Rule, ...]) -> str:
    """The rule's text followed by its notes, as one line."""
    return "；".join([rule.text, *(n.text for n in notes)])


# --- decimal helpers -------------------------------------------------------------------------


def finite(*values: Decimal | None) -> bool:
    """Whether every value given is a finite number (``None`` counts as finite)."""
    return all(v is None or v.is_finite() for v in values)


def dec_pow(base: Decimal, num: int, den: int) -> Decimal | None:
    """``base ** (num / den)`` for a positive base, in decimals (call inside ``calc()``).

    Decimal's own fractional power costs some 20 microseconds; this takes the integer power
    and then the ``den``-th root by Newton's method from a float first guess (the float is only
    a seed: one Newton step from 16 good digits gives more than the context's 28). ``None``
    when the base is not positive or the result is out of range.
    """
    if den <= 0 or not base.is_finite() or base <= 0:
        return None
    g = math.gcd(num, den)
    num, den = num // g, den // g
    target = base**num
    if not target.is_finite() or target <= 0:
        return None
    if den == 1:
        return target
    if den == 2:
        return target.sqrt()
    try:
        log = math.log(float(base)) * num / den
        seed = math.exp(log)
    except (OverflowError, ValueError):
        log, seed = math.inf, 0.0
    if not (0.0 < seed < math.inf):
        result = target ** (ONE / Decimal(den))
        return result if result.is_finite() and result > 0 else None
    x = Decimal(repr(seed))  # 17 digits: cheaper to work with than the float's exact value
    n = Decimal(den)
    steps = 1 if abs(log) < 1 and den <= 64 else 4
    for _ in range(steps):
        nxt = ((n - 1) * x + target / x ** (den - 1)) / n
        if not nxt.is_finite() or nxt <= 0:
            return None
        done = steps == 1 or abs(nxt - x) <= abs(nxt).scaleb(-26)
        x = nxt
        if done:
            break
    return x


_Q4: Final = Decimal("0.0001")
_Q2: Final = Decimal("0.01")
_Q6: Final = Decimal("0.000001")
_BIG: Final = Decimal("1E+18")


def _quantize(value: Decimal | None, exp: Decimal) -> Decimal | None:
    if value is None or not (-_BIG < value < _BIG):  # also false for NaN and infinities
        return value
    return value.quantize(exp)


def r6(value: Decimal | None) -> Decimal | None:
    """A presented value: six decimals."""
    return _quantize(value, _Q6)


def r4(value: Decimal | None) -> Decimal | None:
    """A presented ratio or share: four decimals."""
    return _quantize(value, _Q4)


def r2(value: Decimal | None) -> Decimal | None:
    """Presented points: two decimals."""
    return _quantize(value, _Q2)


# --- calendar helpers ------------------------------------------------------------------------


def days_in_year(year: int) -> int:
    return 366 if (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 else 365


def day_of_year(day: dt.date) -> int:
    return day.toordinal() - dt.date(day.year, 1, 1).toordinal() + 1


def year_share(day: dt.date) -> Decimal:
    """The share of its year that has passed at the end of ``day`` (31 December gives 1)."""
    return Decimal(day_of_year(day)) / Decimal(days_in_year(day.year))
