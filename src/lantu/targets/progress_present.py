"""What a person reads: values on a target's scale turned into levels, totals or paces, the
words around them in the rule texts, and the yearly checkpoints."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from lantu.targets.progress_base import HUNDRED, ONE, Param, dec_pow, r6
from lantu.targets.progress_series import Series
from lantu.targets.progress_track import AMOUNT, Track
from lantu.targets.progress_types import Checkpoint, IndicatorInput, Observation
from lantu.targets.types import Target


class Presenter:
    """Turns values on the scale into what a person reads: with ``rate`` observations the
    index becomes a pace (average annual rate over ``k`` years, or cumulative growth); and
    gives the words the rule texts need around the numbers."""

    __slots__ = ("basis", "first_year", "rate", "text", "unit")

    def __init__(self, target: Target, rate: bool, first_year: int) -> None:
        self.basis = target.basis
        self.rate = rate
        self.first_year = first_year
        self.text = target.text
        if rate:
            self.unit = "%"
        elif target.basis == "level" or target.basis in AMOUNT:
            self.unit = target.unit or ""
        else:
            self.unit = ""

    def __call__(self, value: Decimal | None, k: int) -> Decimal | None:
        if not self.rate or value is None:
            return value
        if self.basis == "growth":
            return value - HUNDRED
        root = dec_pow(value / HUNDRED, 1, k) if k > 0 else None
        return None if root is None else (root - ONE) * HUNDRED

    def words(self, obs: Observation) -> dict[str, Param]:
        """When the figure is for, what it measures and its unit, for the rule texts."""
        if self.rate:
            first, last = self.first_year, obs.year
            when = f"{first}年" if last <= first else f"{first}—{last}年"
            measure = "累计增长" if self.basis == "growth" else "年均增长"
            return {"when": when, "measure": measure, "will": measure, "unit": "%"}
        end = obs.end
        if end.month == 12 and end.day == 31:
            when = f"{obs.year}年"
        else:
            when = f"截至{end.year}年{end.month}月{end.day}日"
        measure = "累计完成" if self.basis in AMOUNT else "实际值"
        return {"when": when, "measure": measure, "will": "为", "unit": self.unit}


def target_shown(target: Target, level: Decimal, rate: bool, sign: int) -> Decimal | None:
    """The final target as shown: the level, or with rates the written rate (signed)."""
    if not rate:
        return r6(level)
    assert target.value is not None
    values = [target.value]
    if target.comparator == "between" and target.upper is not None:
        values.append(target.upper)
    changes = [-v if target.direction == "decrease" else v for v in values]
    return r6(min(changes) if sign > 0 else max(changes))


def checkpoints(
    ind: IndicatorInput,
    track: Track,
    series: Series,
    by: int,
    year: int,
    milestones: Mapping[int, Target],
    present: Presenter,
) -> tuple[Checkpoint, ...]:
    """One checkpoint for each year from the baseline to the target year: the scheduled value
    at its end and the full-year figure reported for it (own-year rates with ``rate``)."""
    out: list[Checkpoint] = []
    sign = track.sign
    for y in range(by + 1, year + 1):
        k = y - by
        expected = track.end_of(k)
        if present.rate:
            observed = series.year_raw.get(y)
            before = track.end_of(k - 1)
            if track.line or expected is None or before is None or before == 0:
                expected = None
            else:
                expected = (expected / before - ONE) * HUNDRED
            met = (
                None if expected is None or observed is None else sign * (observed - expected) >= 0
            )
        else:
            observed = series.year_end.get(y)
            if observed is None or expected is None:
                met = None
            elif track.line:
                met = track.meets(observed)
            else:
                met = sign * (observed - expected) >= 0
        first = ind.start_year
        out.append(
            Checkpoint(
                y, r6(expected), observed, met, milestones.get(y), y == first, y == first + 2
            )
        )
    return tuple(out)
