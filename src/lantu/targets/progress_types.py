"""The plain data the indicator judgement reads and returns (see ``progress.py``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, overload

from lantu.targets.progress_base import Light, Rule, Status, explain
from lantu.targets.types import Target

ObservedAs = Literal["level", "total", "flow", "ytd", "rate"]
Compare = Literal["growth", "level"]
RateUnit = Literal["per_year", "percent_per_year"]


@dataclass(frozen=True, slots=True)
class Observation:
    """One reported figure: the value for ``year``, or for the part of it ending on
    ``period_end`` (a month, quarter or half: year-to-date figures)."""

    year: int
    value: Decimal
    period_end: dt.date | None = None

    @property
    def end(self) -> dt.date:
        """The last day the figure covers."""
        return self.period_end if self.period_end is not None else dt.date(self.year, 12, 31)


@dataclass(frozen=True, slots=True)
class Review:
    """A reviewer's judgement of what the numbers cannot judge (定性评价): a verdict among
    the judged statuses, the reason, and optionally the light the reviewer chose."""

    status: Status
    reason: str
    light: Light | None = None


@dataclass(frozen=True, slots=True)
class Reference:
    """The series a relative target is set against (与经济增长基本同步: GDP).

    ``observed_as`` says what its figures are (``rate``: growth on the year before in %,
    ``level``: the quantity itself); ``compare`` whether growth or levels are compared
    (不低于全市平均水平 compares levels).
    """

    observations: Sequence[Observation]
    observed_as: Literal["level", "rate"] = "rate"
    compare: Compare = "growth"


@dataclass(frozen=True, slots=True)
class PartSeries:
    """The data of one part of a compound target when it is not the indicator's own
    (成片 and 零星 are two series; "增长8%左右、突破1000亿元" shares one)."""

    observations: Sequence[Observation]
    baseline: Decimal | None = None
    observed_as: ObservedAs | None = None


@dataclass(frozen=True, slots=True)
class IndicatorInput:
    """An indicator or quantified target with what it is judged against.

    ``target`` is the final-year target (or the annual-average / [cumulative] column's).
    ``observed_as`` says what the observations are; ``None`` means ``total`` for increment
    and cumulative targets and ``level`` for the rest:

    - ``level``: the indicator's own value at the end of the period (for increment and
      cumulative targets: the stock, from which ``baseline`` is subtracted);
    - ``total``: for increment and cumulative targets, the amount accumulated since the plan
      began (a level target reads it as a level);
    - ``flow``: for increment and cumulative targets, each year's own amount (a sub-year
      figure is year-to-date); the engine sums the years;
    - ``ytd``: for level, growth and annual-growth targets on a flow (revenue, retail sales),
      each figure is the amount since the start of its year: a sub-year figure is annualised
      by the share of the year it covers (Q3's 103.6 ÷ 74.8% = 138.5), which is the usual
      序时进度 check of a year's plan, and a year's figure is its year's amount;
    - ``rate``: for growth and annual-growth targets, growth on the year before in % (a
      sub-year figure is the year-to-date rate and stands for its year).

    ``higher_is_better`` refers to the figures as observed; ``None`` infers it from the
    target's direction and comparator (and, for a bare number, from target against baseline).
    """

    target: Target
    start_year: int
    end_year: int
    baseline_year: int | None = None
    baseline: Decimal | None = None
    binding: bool = False
    higher_is_better: bool | None = None
    milestones: Mapping[int, Target] = field(default_factory=dict)
    delegated_value: Decimal | None = None
    reference: Reference | None = None
    review: Review | None = None
    observed_as: ObservedAs | None = None
    part_series: Sequence[PartSeries | None] = ()


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """One year of the plan: what the schedule expects at its end and what was reported.

    The plan's first and third years are flagged: "五年看三年,三年看头年". For ``rate``
    observations both figures are that year's own growth rate.
    """

    year: int
    expected: Decimal | None
    observed: Decimal | None
    met: bool | None
    milestone: Target | None
    first_year: bool
    third_year: bool


class Checkpoints(Sequence[Checkpoint]):
    """A judgement's checkpoints, worked out when first read: a dashboard judging hundreds
    of indicators never reads them, a detail page does. Behaves as a tuple."""

    __slots__ = ("_items", "_make")

    def __init__(self, make: Callable[[], tuple[Checkpoint, ...]]) -> None:
        self._make: Callable[[], tuple[Checkpoint, ...]] | None = make
        self._items: tuple[Checkpoint, ...] = ()

    def _all(self) -> tuple[Checkpoint, ...]:
        if self._make is not None:
            self._items, self._make = self._make(), None
        return self._items

    @overload
    def __getitem__(self, index: int) -> Checkpoint: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Checkpoint, ...]: ...
    def __getitem__(self, index: int | slice) -> Checkpoint | tuple[Checkpoint, ...]:
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self) -> Iterator[Checkpoint]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return self._all() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return repr(self._all())


@dataclass(frozen=True, slots=True)
class Judgement:
    """The judgement of one indicator or target.

    Values are on the target's scale: the level (``level``), the amount accumulated since the
    plan began (``increment``, ``cumulative``), or with ``rate`` observations the pace (the
    average annual rate so far for ``annual_growth``, the cumulative growth so far for
    ``growth``). ``schedule_value`` is what the time-proportional schedule (序时进度) expects
    at the end of the latest figure's period; ``elapsed`` is the share of the plan period
    passed by then. Ratios are plain (0.92), points are percentage points.
    """

    status: Status
    light: Light | None
    rule: Rule
    notes: tuple[Rule, ...] = ()
    higher_is_better: bool | None = None
    baseline: Decimal | None = None
    baseline_year: int | None = None
    target_value: Decimal | None = None
    target_year: int | None = None
    latest: Observation | None = None
    current_value: Decimal | None = None
    schedule_value: Decimal | None = None
    elapsed: Decimal | None = None
    completion_vs_schedule: Decimal | None = None
    completion_vs_target: Decimal | None = None
    gap_points: Decimal | None = None
    projection: Decimal | None = None
    needed_rate: Decimal | None = None
    needed_rate_unit: RateUnit | None = None
    checkpoints: Sequence[Checkpoint] = ()
    parts: tuple[Judgement, ...] = ()
    review: Review | None = None

    @property
    def latest_value(self) -> Decimal | None:
        return None if self.latest is None else self.latest.value

    @property
    def latest_year(self) -> int | None:
        return None if self.latest is None else self.latest.year

    @property
    def explanation(self) -> str:
        """The rule and its notes as one line of Chinese."""
        return explain(self.rule, self.notes)
