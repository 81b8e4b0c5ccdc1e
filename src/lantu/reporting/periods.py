"""Reporting periods: which periods a frequency reports on, their dates and default timing.

A period is written as in ``Observation.period``: ``Y`` for the year, ``H1``/``H2``,
``Q1``..``Q4``, ``M01``..``M12``. Plain functions over dates; no database.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

FREQUENCY_PERIODS: dict[str, tuple[str, ...]] = {
    "monthly": tuple(f"M{m:02d}" for m in range(1, 13)),
    "quarterly": ("Q1", "Q2", "Q3", "Q4"),
    "half_yearly": ("H1", "H2"),
    "yearly": ("Y",),
}


def frequency_of(period: str) -> str:
    for frequency, periods in FREQUENCY_PERIODS.items():
        if period in periods:
            return frequency
    raise ValueError(f"Unknown period {period!r}")


def bounds(year: int, period: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a period."""
    if period == "Y":
        first, last = 1, 12
    elif period in {"H1", "H2"}:
        first = 1 if period == "H1" else 7
        last = first + 5
    elif period in FREQUENCY_PERIODS["quarterly"]:
        first = 3 * int(period[1]) - 2
        last = first + 2
    elif period in FREQUENCY_PERIODS["monthly"]:
        first = last = int(period[1:])
    else:
        raise ValueError(f"Unknown period {period!r}")
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])


@dataclass(frozen=True)
class Timing:
    """When a cycle opens (days before its period ends) and when it is due (days after)."""

    opens_before: int
    due_after: int


# From practice: monthly figures by the 5th, quarterly by the 10th, half-yearly by the 15th of
# the next month; the year's statistics are only final late in January. Each cycle can be moved.
DEFAULT_TIMING: dict[str, Timing] = {
    "monthly": Timing(opens_before=5, due_after=5),
    "quarterly": Timing(opens_before=10, due_after=10),
    "half_yearly": Timing(opens_before=10, due_after=15),
    "yearly": Timing(opens_before=30, due_after=31),
}


def default_dates(year: int, period: str) -> tuple[dt.date, dt.date]:
    """The default opening date and deadline of a period's cycle."""
    timing = DEFAULT_TIMING[frequency_of(period)]
    _first, last = bounds(year, period)
    return last - dt.timedelta(days=timing.opens_before), last + dt.timedelta(days=timing.due_after)


def sort_key(period: str) -> tuple[int, int]:
    """Order periods of one year by their end, coarser periods after finer ones."""
    _first, last = bounds(2000, period)
    rank = {"monthly": 0, "quarterly": 1, "half_yearly": 2, "yearly": 3}[frequency_of(period)]
    return (last.month, rank)
