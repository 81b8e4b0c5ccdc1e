"""``judge_indicator``: picks the judgement for the target's basis; relative and compound
targets are judged here, numeric ones in ``progress_numeric``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal

from lantu.targets.progress_base import (
    DEFAULT_THRESHOLDS,
    HUNDRED,
    ONE,
    Light,
    Rule,
    Status,
    Thresholds,
    calc,
    dec_pow,
    finite,
    light_rank,
    r6,
    status_rank,
)
from lantu.targets.progress_numeric import judge_numeric, unjudged
from lantu.targets.progress_series import Dated, usable, yearly_rates
from lantu.targets.progress_types import (
    IndicatorInput,
    Judgement,
    Observation,
    ObservedAs,
)
from lantu.targets.types import Target

_FLOOR = Decimal("0.000001")


def judge_indicator(
    ind: IndicatorInput,
    observations: Sequence[Observation],
    as_of: dt.date,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> Judgement:
    """Judge an indicator or quantified target from its observations as known on ``as_of``.

    Pure and fast (microseconds); never raises on finite inputs: what cannot be judged comes
    back as 暂无数据 or 定性评价 with the reason in ``rule``.
    """
    with calc():
        return _judge(
            ind,
            ind.target,
            observations,
            ind.baseline,
            ind.observed_as,
            ind.milestones,
            as_of,
            thresholds,
        )


def _judge(
    ind: IndicatorInput,
    target: Target,
    observations: Sequence[Observation],
    baseline: Decimal | None,
    observed_as: ObservedAs | None,
    milestones: Mapping[int, Target],
    as_of: dt.date,
    th: Thresholds,
) -> Judgement:
    basis = target.basis
    if basis == "compound":
        return _compound(ind, target, observations, baseline, observed_as, as_of, th)
    if basis == "qualitative":
        return unjudged(Rule("qualitative"), (), ind.review, ind.binding)
    if basis == "relative":
        return _relative(ind, target, observations, baseline, observed_as, as_of, th)
    if basis == "delegated":
        if ind.delegated_value is None:
            return Judgement(Status.AWAITING, None, Rule("awaiting"))
        target = Target(
            text=target.text,
            basis="level",
            comparator=target.comparator or "eq",
            value=ind.delegated_value,
            direction=target.direction,
            hedged=target.hedged,
            year=target.year,
        )
    return judge_numeric(ind, target, observations, baseline, observed_as, milestones, as_of, th)


def _compound(
    ind: IndicatorInput,
    target: Target,
    observations: Sequence[Observation],
    baseline: Decimal | None,
    observed_as: ObservedAs | None,
    as_of: dt.date,
    th: Thresholds,
) -> Judgement:
    """Each part judged on its own data (``part_series``) or the indicator's; the whole is as
    good as its worst part, in status and in light."""
    if not target.parts:
        return unjudged(Rule("no_value"), (), ind.review, ind.binding)
    parts: list[Judgement] = []
    for i, part in enumerate(target.parts):
        data = ind.part_series[i] if i < len(ind.part_series) else None
        if data is None:
            parts.append(_judge(ind, part, observations, baseline, observed_as, {}, as_of, th))
        else:
            mode = data.observed_as if data.observed_as is not None else observed_as
            parts.append(_judge(ind, part, data.observations, data.baseline, mode, {}, as_of, th))
    worst = min(range(len(parts)), key=lambda i: status_rank(parts[i].status))
    status = parts[worst].status
    light = min((p.light for p in parts), key=light_rank)
    label = target.parts[worst].label or target.parts[worst].text
    rule = Rule("compound", {"n": len(parts), "worst": label, "status": status.value})
    return Judgement(status, light, rule, parts=tuple(parts))


def _mean_rate(rates: list[Decimal]) -> Decimal | None:
    product = ONE
    for rate in rates:
        product *= max(ONE + rate / HUNDRED, _FLOOR)
    root = dec_pow(product, 1, len(rates))
    return None if root is None else (root - ONE) * HUNDRED


def _relative(
    ind: IndicatorInput,
    target: Target,
    observations: Sequence[Observation],
    baseline: Decimal | None,
    observed_as: ObservedAs | None,
    as_of: dt.date,
    th: Thresholds,
) -> Judgement:
    """与经济增长基本同步: the indicator's average growth against the reference's in the same
    years (or, with ``compare="level"``, the latest common year's levels)."""
    ref = ind.reference
    if ref is None:
        return unjudged(Rule("relative_unlinked"), (), ind.review, ind.binding)
    notes: list[Rule] = []
    by = ind.baseline_year if ind.baseline_year is not None else ind.start_year - 1
    own = usable(observations, as_of, notes)
    if not any(end.year > by for end, _ in own):
        return Judgement(Status.NO_DATA, None, Rule("no_data", {"as_of": as_of}), tuple(notes))
    other = usable(ref.observations, as_of, [])
    higher = ind.higher_is_better
    if higher is None:
        higher = target.comparator not in ("le", "lt")
    sign = 1 if higher else -1
    latest = own[-1][1]
    if ref.compare == "growth":
        mode = observed_as if observed_as in ("level", "rate") else ref.observed_as
        mine = yearly_rates(own, mode or "rate", by, baseline)
        theirs = yearly_rates(other, ref.observed_as, by, None)
        years = sorted(set(mine) & set(theirs))
        if not years:
            return Judgement(Status.NO_DATA, None, Rule("relative_no_overlap"), tuple(notes))
        own_value = _mean_rate([mine[y] for y in years])
        ref_value = _mean_rate([theirs[y] for y in years])
        tolerance = th.sync_tolerance
        params: dict[str, Decimal | int | str | None] = {"first": years[0], "last": years[-1]}
        key = "relative_growth"
    else:
        mine = _levels(own, by)
        theirs = _levels(other, by)
        years = sorted(set(mine) & set(theirs))
        if not years:
            return Judgement(Status.NO_DATA, None, Rule("relative_no_overlap"), tuple(notes))
        own_value, ref_value = mine[years[-1]], theirs[years[-1]]
        tolerance = abs(ref_value) * th.on_track_band / HUNDRED
        params = {"year": years[-1]}
        key = "relative_level"
    if own_value is None or ref_value is None or not finite(own_value, ref_value, tolerance):
        return unjudged(Rule("not_finite"), notes, ind.review, ind.binding)
    diff = own_value - ref_value
    margin = sign * diff
    comparator = target.comparator
    if comparator in ("ge", "le"):
        behind = margin < 0
    elif comparator in ("gt", "lt"):
        behind = margin <= 0
    else:
        behind = margin < -tolerance
    if behind:
        status = Status.BEHIND
        light = Light.RED if ind.binding else Light.YELLOW
    else:
        status = Status.AHEAD if margin > tolerance else Status.ON_TRACK
        light = Light.GREEN
    params |= {
        "own": r6(own_value),
        "ref": r6(ref_value),
        "diff": r6(diff),
        "verdict": status.value,
    }
    return Judgement(
        status,
        light,
        Rule(key, params),
        tuple(notes),
        higher_is_better=higher,
        latest=latest,
        current_value=r6(own_value),
        target_value=r6(ref_value),
    )


def _levels(observations: list[Dated], by: int) -> dict[int, Decimal]:
    """Each year's latest figure (a part-year figure stands for its year)."""
    return {end.year: obs.value for end, obs in observations if end.year > by}
