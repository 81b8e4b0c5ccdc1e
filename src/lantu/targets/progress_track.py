"""The schedule (序时进度) of one numeric target: where it starts, where it must end, the
value expected at the end of each year, and the direction that counts as better.

The schedule is linear for levels, percentage-point changes and amounts, and compound for
growth rates, from year end to year end; within a year it is linear in the days passed, as the
time-proportional schedule is read in practice (half the year gone, half the year's step due).
Yearly milestones (年度目标) become anchors the schedule passes through. The schedule never
steps backwards (a milestone below the one before is lifted to it), so that a later date never
expects less.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise
from typing import Final

from lantu.targets.progress_base import HUNDRED, ONE, ZERO, dec_pow, finite
from lantu.targets.types import Basis, Target

COMPOUND: Final = frozenset({"growth", "annual_growth"})
CHANGE: Final = frozenset({"growth", "annual_growth", "pp_change"})
AMOUNT: Final = frozenset({"increment", "cumulative"})
NUMERIC: Final = frozenset({"level", "growth", "annual_growth", "pp_change", *AMOUNT})


def signed_change(value: Decimal, direction: str | None) -> Decimal:
    """A written change as a signed number: 降低2.5% is -2.5."""
    return -value if direction == "decrease" else value


def infer_higher_is_better(target: Target, origin: Decimal | None) -> tuple[bool, str | None]:
    """Whether higher figures are better, from the target alone, and how sure that is: None
    when the target says, ``"inferred"`` when read from the target against the baseline,
    ``"assumed"`` when nothing says.

    Amounts are better higher unless capped (以内). For a change, the direction and the
    comparator together decide: 增长5%以上 wants more, 增长控制在3%以内 wants less, 下降3.4%
    以上 wants less. For a level, a change verb decides, then the comparator, then the target
    against the baseline (a target above it is to be reached upwards).
    """
    comparator, direction = target.comparator, target.direction
    capped = comparator in ("le", "lt")
    if target.basis in AMOUNT:
        return not capped, None
    if target.basis in CHANGE:
        return (direction != "decrease") != capped, None
    if direction is not None:
        return direction == "increase", None
    if comparator in ("ge", "gt"):
        return True, None
    if capped:
        return False, None
    if origin is not None and target.value is not None:
        low = target.value
        high = target.upper if target.upper is not None else low
        if origin > max(low, high):
            return False, "inferred"
        if origin < min(low, high):
            return True, "inferred"
    return True, "assumed"


def target_level(
    basis: Basis, value: Decimal, direction: str | None, y0: Decimal, k0: int, years: int
) -> Decimal | None:
    """The level the target asks for at the target year, on the target's scale, starting from
    ``y0`` at year ``k0`` (0 unless the baseline is missing), ``years`` after the baseline."""
    if basis == "level" or basis in AMOUNT:
        return value
    change = signed_change(value, direction)
    if basis == "pp_change":
        return y0 + change * Decimal(years - k0) / Decimal(years)
    factor = ONE + change / HUNDRED
    if basis == "annual_growth":
        return y0 * factor ** (years - k0) if factor > 0 else None
    grown = dec_pow(factor, years - k0, years)  # growth over the whole period, pro rata
    return None if grown is None else y0 * grown


@dataclass(slots=True)
class Track:
    """A numeric target on its scale. ``sign`` is +1 when higher is better, -1 when lower is;
    ``line`` when the start already satisfies the target, so there is no way to go, only a
    line to stay on the good side of (控制在…以内 above the baseline, a floor below it)."""

    sign: int
    compound: bool
    k0: int
    y0: Decimal
    years: int
    target: Decimal
    lenient: Decimal
    strict: bool
    line: bool
    ends: list[Decimal]
    anchored: bool = False

    def end_of(self, k: int) -> Decimal | None:
        """The scheduled value at the end of year ``k`` (None before the start)."""
        if k < self.k0:
            return None
        return self.ends[min(k, self.years) - self.k0]

    def at(self, tn: int, td: int) -> Decimal:
        """The scheduled value at time ``tn / td``."""
        return at(self.ends, self.k0, self.years, tn, td)

    def meets(self, y: Decimal) -> bool:
        """Whether ``y`` satisfies the final target (with the tolerance of 左右)."""
        margin = self.sign * (y - self.lenient)
        return margin > 0 if self.strict else margin >= 0

    def path_at(self, tn: int, td: int) -> Decimal:
        """The time-proportional path from the start to the final target (the lenient one,
        without milestones) at ``tn / td``: a figure short of it projects short of the target
        at the pace so far."""
        ends = self.ends
        if self.lenient != self.target or self.anchored:
            ends = build_ends(self.k0, self.y0, self.years, self.lenient, self.compound, self.sign)
        return at(ends, self.k0, self.years, tn, td)

    def project(self, y: Decimal, tn: int, td: int) -> Decimal | None:
        """The value at the target year if the average pace since the start goes on."""
        k0, y0, years = self.k0, self.y0, self.years
        if tn >= years * td:
            return y
        span = tn - k0 * td
        if span <= 0:
            return None
        if self.compound:
            if y <= 0 or y0 <= 0:
                return None
            grown = dec_pow(y / y0, (years - k0) * td, span)
            return None if grown is None else y0 * grown
        return y0 + (y - y0) * Decimal((years - k0) * td) / Decimal(span)

    def needed(self, y: Decimal, tn: int, td: int) -> Decimal | None:
        """What each remaining year must deliver to reach the target: an amount a year, or % a
        year for growth."""
        remaining = self.years * td - tn
        if remaining <= 0:
            return None
        if self.sign * (self.target - y) <= 0:
            return ZERO
        if self.compound:
            if y <= 0 or self.target <= 0:
                return None
            grown = dec_pow(self.target / y, td, remaining)
            return None if grown is None else (grown - ONE) * HUNDRED
        return (self.target - y) * Decimal(td) / Decimal(remaining)


def at(ends: list[Decimal], k0: int, years: int, tn: int, td: int) -> Decimal:
    k = tn // td
    if k >= years:
        return ends[-1]
    if k < k0:
        return ends[0]
    low = ends[k - k0]
    if tn == k * td:
        return low
    return low + (ends[k - k0 + 1] - low) * Decimal(tn - k * td) / Decimal(td)


def _segment(
    ka: int, ya: Decimal, kb: int, yb: Decimal, compound: bool, out: list[Decimal]
) -> None:
    """Append the year-end values from ``ka`` (included) to ``kb`` (excluded)."""
    out.append(ya)
    steps = kb - ka
    if steps <= 1:
        return
    root = dec_pow(yb / ya, 1, steps) if compound and ya > 0 and yb > 0 else None
    if root is not None:
        out.extend(ya * root**j for j in range(1, steps))
    else:
        delta = (yb - ya) / Decimal(steps)
        out.extend(ya + delta * j for j in range(1, steps))


def build_ends(
    k0: int,
    y0: Decimal,
    years: int,
    final: Decimal,
    compound: bool,
    sign: int,
    anchors: list[tuple[int, Decimal]] | None = None,
    factor: Decimal | None = None,
) -> list[Decimal]:
    """Year-end scheduled values from ``k0`` to ``years`` through the given anchors, never
    stepping backwards. ``factor``, the yearly growth factor of an average annual growth
    target, spares a root when there are no anchors."""
    if not anchors:
        if factor is not None and factor > 0:
            return [y0 * factor**j for j in range(years - k0 + 1)]
        if not compound:
            steps = years - k0
            delta = (final - y0) / Decimal(steps)
            return [y0 + delta * j for j in range(steps)] + [final]
    points = [(k0, y0)]
    for k, v in anchors or ():
        if k0 < k < years and finite(v):
            last = points[-1][1]
            points.append((k, v if sign * (v - last) >= 0 else last))
    last = points[-1][1]
    points.append((years, final if sign * (final - last) >= 0 else last))
    ends: list[Decimal] = []
    for (ka, ya), (kb, yb) in pairwise(points):
        if kb > ka:
            _segment(ka, ya, kb, yb, compound, ends)
    ends.append(points[-1][1])
    return ends


def milestone_value(
    milestone: Target, before: Decimal, rate_mode: bool, sign: int
) -> Decimal | None:
    """A yearly milestone on the target's scale, given the scheduled value a year before.

    A level or cumulative milestone is the value itself; a growth milestone grows the year
    before's value, a percentage-point one adds to it, an increment one adds the year's
    amount. With ``rate`` observations any number is that year's growth rate.
    """
    if milestone.value is None or milestone.basis not in NUMERIC:
        return None
    value = milestone.value
    if milestone.comparator == "between" and milestone.upper is not None:
        value = min(value, milestone.upper) if sign > 0 else max(value, milestone.upper)
    change = signed_change(value, milestone.direction)
    if rate_mode or milestone.basis in COMPOUND:
        return before * (ONE + change / HUNDRED)
    if milestone.basis == "pp_change":
        return before + change
    if milestone.basis == "increment":
        return before + value
    return value


def interpolate(
    k0: int, y0: Decimal, years: int, final: Decimal, compound: bool, k: int
) -> Decimal:
    """The value at year ``k`` on the way from ``(k0, y0)`` to ``(years, final)``."""
    if k <= k0:
        return y0
    if compound and y0 > 0 and final > 0:
        grown = dec_pow(final / y0, k - k0, years - k0)
        if grown is not None:
            return y0 * grown
    return y0 + (final - y0) * Decimal(k - k0) / Decimal(years - k0)


def milestone_anchors(
    milestones: Mapping[int, Target],
    baseline_year: int,
    k0: int,
    y0: Decimal,
    years: int,
    final: Decimal,
    compound: bool,
    rate_mode: bool,
    sign: int,
) -> list[tuple[int, Decimal]]:
    """The milestones inside the period as ``(k, value)`` anchors, in year order."""
    anchors: list[tuple[int, Decimal]] = []
    last_k, last_v = k0, y0
    for year in sorted(milestones):
        k = year - baseline_year
        if not k0 < k < years:
            continue
        before = interpolate(last_k, last_v, years, final, compound, k - 1)
        value = milestone_value(milestones[year], before, rate_mode, sign)
        if value is None or not finite(value):
            continue
        if sign * (value - last_v) < 0:
            value = last_v
        anchors.append((k, value))
        last_k, last_v = k, value
    return anchors
