"""Observations turned into points on a target's scale (see ``IndicatorInput.observed_as``).

Time is counted in years from the end of the baseline year: the figure for 2027 in a plan with
baseline year 2025 sits at t = 2, a figure for January–June 2027 at t = 1 + 181/365. A time is
kept as an exact fraction ``tn / td`` so that compound maths can take exact roots.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

from lantu.targets.progress_base import HUNDRED, ONE, ZERO, Rule, day_of_year, days_in_year
from lantu.targets.progress_types import Observation, ObservedAs

_RATE_FLOOR: Final = Decimal("0.000001")


def time_of(end: dt.date, baseline_year: int) -> tuple[int, int]:
    """The time of a period ending on ``end`` as ``(tn, td)``: ``tn / td`` years."""
    length = days_in_year(end.year)
    day = day_of_year(end)
    if day == length:
        return end.year - baseline_year, 1
    return (end.year - 1 - baseline_year) * length + day, length


Dated = tuple[dt.date, Observation]  # an observation with the last day it covers


def usable(observations: Sequence[Observation], as_of: dt.date, notes: list[Rule]) -> list[Dated]:
    """The observations known on ``as_of`` with their period ends, in time order, one per
    period.

    A figure for a later year, or for a part-year ending after ``as_of``, is not known yet and
    is left out (a full-year figure for the current year is taken as the year's estimate, 预计
    数). Two figures for the same period: the later one given wins (a correction).
    """
    by_end: dict[dt.date, Observation] = {}
    late = bad = 0
    for obs in observations:
        if not obs.value.is_finite():
            bad += 1
        elif obs.year > as_of.year or (obs.period_end is not None and obs.period_end > as_of):
            late += 1
        else:
            by_end[obs.end] = obs
    if late:
        notes.append(Rule("ignored_after_as_of", {"n": late, "as_of": as_of}))
    if bad:
        notes.append(Rule("ignored_not_finite", {"n": bad}))
    return sorted(by_end.items())


@dataclass(slots=True)
class Point:
    """One figure on the target's scale at time ``tn / td``."""

    tn: int
    td: int
    y: Decimal
    obs: Observation
    annualised: bool = False  # a year-to-date amount scaled to its whole year (``ytd``)

    @property
    def at_year_end(self) -> bool:
        return self.td == 1

    @property
    def obs_full_year(self) -> bool:
        """Whether the figure covers its whole year (a growth rate for January–June stands
        for its year but sits at the year end: it is not a full-year figure)."""
        end = self.obs.period_end
        return end is None or (end.month == 12 and end.day == 31)


@dataclass(slots=True)
class Series:
    """A series on the target's scale: the points inside the plan period in time order, each
    full year's value (for the checkpoints) and the baseline year's own figure, if given."""

    points: list[Point] = field(default_factory=list)
    year_end: dict[int, Decimal] = field(default_factory=dict)
    year_raw: dict[int, Decimal] = field(default_factory=dict)
    base_obs: Observation | None = None


def build_series(
    observations: list[Dated],
    mode: ObservedAs,
    baseline_year: int,
    subtract: Decimal | None,
    notes: list[Rule],
) -> Series:
    """Put time-ordered observations on the target's scale.

    ``mode`` is already resolved for the basis: ``level`` and ``total`` take the figures as
    they are (less ``subtract``, the baseline stock, when given), ``ytd`` likewise but scales a
    sub-year figure to its whole year, ``flow`` sums each year's amount, ``rate`` chains
    growth rates into an index that is 100 at the baseline.
    """
    series = Series()
    inside: list[Dated] = []
    for end, obs in observations:
        if end.year > baseline_year:
            inside.append((end, obs))
        elif end.year == baseline_year and end.month == 12 and end.day == 31:
            series.base_obs = obs
    if not inside:
        return series
    if mode == "rate":
        _chain_rates(series, inside, baseline_year, notes)
    elif mode == "flow":
        _sum_flows(series, inside, baseline_year, notes)
    else:
        points, year_end, year_raw = series.points, series.year_end, series.year_raw
        for end, obs in inside:
            y = obs.value if subtract is None else obs.value - subtract
            tn, td = time_of(end, baseline_year)
            scaled = mode == "ytd" and td != 1
            if scaled:  # the year so far, over the share of the year it covers
                y = y * td / day_of_year(end)
            points.append(Point(tn, td, y, obs, scaled))
            if td == 1:
                year_end[end.year] = y
                year_raw[end.year] = obs.value
        latest = points[-1]
        if latest.annualised:
            share = Decimal(day_of_year(latest.obs.end)) * HUNDRED / latest.td
            words = {"value": latest.obs.value, "share": share, "annual": latest.y}
            notes.append(Rule("ytd_annualised", words))
    return series


def _latest_per_year(inside: list[Dated]) -> dict[int, Dated]:
    # time-ordered: the last one of a year is its latest
    return {end.year: (end, obs) for end, obs in inside}


def _missing(years: range, have: dict[int, Dated]) -> list[int]:
    return [y for y in years if y not in have]


def _sum_flows(series: Series, inside: list[Dated], baseline_year: int, notes: list[Rule]) -> None:
    latest = _latest_per_year(inside)
    last_year = inside[-1][0].year
    missing = _missing(range(baseline_year + 1, last_year), latest)
    if missing:
        years = "、".join(str(y) for y in missing)
        notes.append(Rule("missing_years", {"years": years, "assumption": "按零计"}))
    done = ZERO  # the amount of the full years before the current one
    year = baseline_year + 1
    for end, obs in inside:
        while year < end.year:
            if year in latest:
                done += latest[year][1].value
            year += 1
        y = done + obs.value
        tn, td = time_of(end, baseline_year)
        series.points.append(Point(tn, td, y, obs))
        if td == 1:
            series.year_end[end.year] = y
            series.year_raw[end.year] = obs.value


def _factor(rate: Decimal, notes: list[Rule]) -> Decimal:
    factor = ONE + rate / HUNDRED
    if factor < _RATE_FLOOR:
        if not any(n.key == "rate_floor" for n in notes):
            notes.append(Rule("rate_floor"))
        return _RATE_FLOOR
    return factor


def _chain_rates(
    series: Series, inside: list[Dated], baseline_year: int, notes: list[Rule]
) -> None:
    # A year's latest rate (year-to-date if the year is not over) stands for the whole year,
    # so rate points always sit at year ends. A year with no figure takes the mean rate of
    # the years that have one.
    latest = _latest_per_year(inside)
    last_year = inside[-1][0].year
    missing = _missing(range(baseline_year + 1, last_year), latest)
    mean = sum((obs.value for _, obs in latest.values()), ZERO) / Decimal(len(latest))
    if missing:
        years = "、".join(str(y) for y in missing)
        notes.append(Rule("missing_years", {"years": years, "assumption": "按已有年份平均增速计"}))
    index = HUNDRED
    for year in range(baseline_year + 1, last_year + 1):
        dated = latest.get(year)
        index = index * _factor(mean if dated is None else dated[1].value, notes)
        if dated is not None:
            end, obs = dated
            series.points.append(Point(year - baseline_year, 1, index, obs))
            if end.month == 12 and end.day == 31:
                series.year_end[year] = index
                series.year_raw[year] = obs.value


def yearly_rates(
    observations: list[Dated],
    observed_as: str,
    baseline_year: int,
    baseline: Decimal | None,
) -> dict[int, Decimal]:
    """Growth on the year before, in %, for each year of the plan period that has one: the
    year's latest rate, or from the levels of two consecutive years."""
    if observed_as == "rate":
        return {end.year: obs.value for end, obs in observations if end.year > baseline_year}
    # time-ordered, so each year keeps its latest figure (a part-year level stands for its year)
    levels: dict[int, Decimal] = {end.year: obs.value for end, obs in observations}
    if baseline is not None:
        levels[baseline_year] = baseline
    rates: dict[int, Decimal] = {}
    for year, level in levels.items():
        before = levels.get(year - 1)
        if year > baseline_year and before is not None and before != 0:
            rates[year] = (level / before - ONE) * HUNDRED
    return rates
