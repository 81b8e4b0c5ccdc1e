"""The judgement of one numeric target (level, growth, annual growth, percentage points,
increment, cumulative) against its schedule (see ``progress.py`` for the rules in words)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TypedDict

from lantu.targets.progress_base import (
    HUNDRED,
    ONE,
    ZERO,
    Light,
    Rule,
    Status,
    Thresholds,
    finite,
    r2,
    r4,
    r6,
)
from lantu.targets.progress_present import Presenter, checkpoints, target_shown
from lantu.targets.progress_series import Point, Series, build_series, time_of, usable
from lantu.targets.progress_track import (
    AMOUNT,
    COMPOUND,
    Track,
    build_ends,
    infer_higher_is_better,
    milestone_anchors,
    signed_change,
    target_level,
)
from lantu.targets.progress_types import (
    Checkpoint,
    Checkpoints,
    IndicatorInput,
    Judgement,
    Observation,
    ObservedAs,
    RateUnit,
    Review,
)
from lantu.targets.types import Target

_REVIEW_GREEN = frozenset({Status.MET_EARLY, Status.AHEAD, Status.ON_TRACK})


class _Common(TypedDict):
    """The fields every judgement of one numeric target carries, data or not."""

    higher_is_better: bool
    baseline: Decimal | None
    baseline_year: int | None
    target_value: Decimal | None
    target_year: int
    checkpoints: Sequence[Checkpoint]
    needed_rate_unit: RateUnit


def unjudged(rule: Rule, notes: Sequence[Rule], review: Review | None, binding: bool) -> Judgement:
    """定性评价: the numbers cannot judge; a reviewer's verdict, if any, gives the light."""
    if review is None:
        return Judgement(Status.QUALITATIVE, None, rule, tuple(notes))
    light = review.light
    if light is None and review.status in _REVIEW_GREEN:
        light = Light.GREEN
    elif light is None and review.status == Status.BEHIND:
        light = Light.RED if binding else Light.YELLOW
    reviewed = Rule("reviewed", {"review": review.status.value, "reason": review.reason})
    return Judgement(Status.QUALITATIVE, light, reviewed, (rule, *notes), review=review)


def _mode(basis: str, observed_as: ObservedAs | None, notes: list[Rule]) -> ObservedAs:
    if observed_as is None:
        return "total" if basis in AMOUNT else "level"
    fits = {
        "level": True,
        "total": basis in AMOUNT,
        "flow": basis in AMOUNT,
        "ytd": basis not in AMOUNT,
        "rate": basis in COMPOUND,
    }[observed_as]
    if not fits:
        notes.append(Rule("mode_ignored", {"mode": observed_as}))
        return "level"
    return observed_as


def _origin(
    basis: str,
    mode: str,
    baseline: Decimal | None,
    series: Series,
    years: int,
    notes: list[Rule],
) -> tuple[int, Decimal] | None:
    """Where the schedule starts: ``(k0, y0)``, or None when nothing says. Without a baseline,
    the earliest full-year figure before the latest one and before the target year."""
    if mode == "rate":
        return 0, HUNDRED
    if basis in AMOUNT:
        return 0, ZERO
    if baseline is not None:
        return 0, baseline
    if series.base_obs is not None:
        base = series.base_obs
        notes.append(Rule("baseline_from_observation", {"year": base.year, "value": base.value}))
        return 0, base.value
    for point in series.points[:-1]:
        if point.at_year_end and point.tn < years:
            value = point.obs.value
            notes.append(
                Rule("baseline_from_observation", {"year": point.obs.year, "value": value})
            )
            return point.tn, point.y
    return None


def _level(
    target: Target, y0: Decimal, k0: int, years: int, sign: int, band: Decimal
) -> tuple[Decimal, Decimal] | None:
    """The target level and its lenient form (less the tolerance of 左右)."""
    assert target.value is not None
    basis, direction = target.basis, target.direction
    values = [target.value]
    if target.comparator == "between" and target.upper is not None:
        values.append(target.upper)
    levels = [target_level(basis, v, direction, y0, k0, years) for v in values]
    if any(v is None for v in levels):
        return None
    found = [v for v in levels if v is not None]
    level = min(found) if sign > 0 else max(found)
    if target.comparator != "approx":
        return level, level
    if basis == "level" or basis in AMOUNT:
        tolerance = abs(target.value) * band / HUNDRED
    else:
        softer = target_level(
            basis, target.value * (ONE - band / HUNDRED), direction, y0, k0, years
        )
        tolerance = ZERO if softer is None else abs(level - softer)
    return level, level - sign * tolerance


def judge_numeric(
    ind: IndicatorInput,
    target: Target,
    observations: Sequence[Observation],
    baseline: Decimal | None,
    observed_as: ObservedAs | None,
    milestones: Mapping[int, Target],
    as_of: dt.date,
    th: Thresholds,
) -> Judgement:
    notes: list[Rule] = []
    by = ind.baseline_year if ind.baseline_year is not None else ind.start_year - 1
    year = target.year if target.year is not None and target.year > by else ind.end_year
    if year <= by:
        year = by + 1
        notes.append(Rule("target_year_adjusted", {"year": year}))
    years = year - by
    basis = target.basis
    mode = _mode(basis, observed_as, notes)
    if target.value is None or not target.value.is_finite():
        return unjudged(Rule("no_value"), notes, ind.review, ind.binding)
    if basis in AMOUNT and mode == "level" and baseline is None:
        mode = "total"
    subtract = baseline if basis in AMOUNT and mode == "level" else None
    series = build_series(usable(observations, as_of, notes), mode, by, subtract, notes)
    origin = _origin(basis, mode, baseline, series, years, notes)
    latest = series.points[-1] if series.points else None
    higher = ind.higher_is_better
    if higher is None:
        higher, how = infer_higher_is_better(target, None if origin is None else origin[1])
        if how is not None:
            words = {"direction": "越大越好" if higher else "越小越好"}
            notes.append(Rule(f"direction_{how}", words))
    sign = 1 if higher else -1
    if origin is None:
        return _without_origin(ind, target, latest, sign, years, by, as_of, th, notes)
    k0, y0 = origin
    rate = mode == "rate"
    if basis in COMPOUND and not rate and y0 <= 0:
        return unjudged(Rule("nonpositive_base", {"baseline": y0}), notes, ind.review, ind.binding)
    levels = _level(target, y0, k0, years, sign, th.on_track_band)
    if (
        levels is None
        or not (y0.is_finite() and levels[0].is_finite() and levels[1].is_finite())
        or (latest is not None and not latest.y.is_finite())
    ):
        return unjudged(Rule("not_finite"), notes, ind.review, ind.binding)
    level, lenient = levels
    compound = basis in COMPOUND
    line = sign * (level - y0) <= 0
    anchors: list[tuple[int, Decimal]] = []
    if line:
        ends = [level] * (years - k0 + 1)
    else:
        if milestones:
            anchors = milestone_anchors(milestones, by, k0, y0, years, level, compound, rate, sign)
        factor = None
        if basis == "annual_growth" and target.comparator != "between":
            factor = ONE + signed_change(target.value, target.direction) / HUNDRED
        ends = build_ends(k0, y0, years, level, compound, sign, anchors, factor)
    strict = target.comparator in ("gt", "lt")
    track = Track(sign, compound, k0, y0, years, level, lenient, strict, line, ends, bool(anchors))
    present = Presenter(target, rate, by + 1)
    yearly = Checkpoints(lambda: checkpoints(ind, track, series, by, year, milestones, present))
    common: _Common = {
        "higher_is_better": higher,
        "baseline": None if rate else r6(y0),
        "baseline_year": None if rate else by + k0,
        "target_value": target_shown(target, level, rate, sign),
        "target_year": year,
        "checkpoints": yearly,
        "needed_rate_unit": "percent_per_year" if compound else "per_year",
    }
    if latest is None:
        tn, td = time_of(as_of, by)
        schedule = r6(present(track.at(tn, td), tn // td)) if tn > k0 * td else None
        rule = Rule("no_data", {"as_of": as_of})
        return Judgement(
            Status.NO_DATA, None, rule, tuple(notes), schedule_value=schedule, **common
        )
    return _judge_point(ind, track, latest, present, year, th, notes, common)


def _judge_point(
    ind: IndicatorInput,
    track: Track,
    latest: Point,
    present: Presenter,
    year: int,
    th: Thresholds,
    notes: list[Rule],
    common: _Common,
) -> Judgement:
    y, tn, td = latest.y, latest.tn, latest.td
    k = -(-tn // td)  # the year the figure falls in, for the pace shown with rates
    sign, y0 = track.sign, track.y0
    schedule = track.at(tn, td)
    shown_value = r6(present(y, k))
    shown_target = common["target_value"]
    if present.rate and present.basis == "annual_growth" and tn < track.years * td:
        # the pace so far, carried on, is the projection's pace; the index itself is needed
        # only to warn that a line will be crossed
        shown_projection = shown_value
        projection = track.project(y, tn, td) if track.line else None
    else:
        projection = track.project(y, tn, td)
        shown_projection = r6(present(projection, track.years))
    if present.rate and present.basis == "annual_growth" and not track.anchored:
        shown_schedule = shown_target  # every year of the schedule grows at the target rate
    else:
        shown_schedule = r6(present(schedule, k))
    shown_gap = None
    # one set of parameters serves every rule text below: each template takes what it needs
    params = present.words(latest.obs)
    if latest.annualised:
        params["measure"] = "年内累计折合全年"
    params["value"] = shown_value
    params["target"] = shown_target
    params["text"] = present.text
    params["target_year"] = year
    params["projection"] = shown_projection
    params["schedule"] = shown_schedule
    elapsed = min(Decimal(tn) / Decimal(td * track.years), ONE)
    if track.line:
        if track.meets(y):
            status, light, rule = Status.ON_TRACK, Light.GREEN, Rule("held", params)
            if projection is not None and not track.meets(projection):
                notes.append(Rule("trend_breach", params))
        else:
            light = Light.RED if ind.binding else Light.YELLOW
            status, rule = Status.BEHIND, Rule("breached", params)
        ratio = gap = to_target = None
    else:
        progress = sign * (y - y0)
        scheduled = sign * (schedule - y0)
        ratio = progress / scheduled if scheduled > 0 else None
        effective = ratio if ratio is not None else (ONE if progress >= 0 else ZERO)
        gap = (ONE - max(effective, ZERO)) * HUNDRED
        to_target = progress / (sign * (track.target - y0))
        if not (gap.is_finite() and to_target.is_finite() and schedule.is_finite()):
            return unjudged(Rule("not_finite"), notes, ind.review, ind.binding)
        shown_gap = r2(gap)
        params["ratio"] = r2(None if ratio is None else ratio * HUNDRED)
        params["gap"] = shown_gap
        # a part-year growth rate only estimates its year: it cannot meet the target yet
        if track.meets(y) and not (present.rate and not latest.obs_full_year):
            status, light, rule = Status.MET_EARLY, Light.GREEN, Rule("met", params)
        else:
            if gap < -th.on_track_band:
                status, key = Status.AHEAD, "ahead"
            elif gap <= th.yellow_gap:
                status, key = Status.ON_TRACK, "on_track"
            else:
                status, key = Status.BEHIND, "behind"
            if gap <= th.yellow_gap:
                light = Light.GREEN
            else:
                light = Light.YELLOW if gap <= th.red_gap else Light.RED
            rule = Rule(key, params)
            if ind.binding and sign * (y - track.path_at(tn, td)) < 0:
                miss = Rule("binding_miss", params)
                if light == Light.RED:
                    notes.append(miss)
                else:
                    notes.insert(0, rule)
                    rule, light = miss, Light.RED
        if progress < 0:
            start = ZERO if present.rate else r6(y0)
            notes.append(Rule("regressing", {"start": start, "unit": params["unit"]}))
    return Judgement(
        status,
        light,
        rule,
        tuple(notes),
        latest=latest.obs,
        current_value=shown_value,
        schedule_value=shown_schedule,
        elapsed=r4(elapsed),
        completion_vs_schedule=r4(ratio),
        completion_vs_target=r4(to_target),
        gap_points=shown_gap,
        projection=shown_projection,
        needed_rate=r6(track.needed(y, tn, td)),
        **common,
    )


def _without_origin(
    ind: IndicatorInput,
    target: Target,
    latest: Point | None,
    sign: int,
    years: int,
    by: int,
    as_of: dt.date,
    th: Thresholds,
    notes: list[Rule],
) -> Judgement:
    """No baseline, and no earlier figure to start from: a level target can still be checked
    against its final value; nothing else can be judged."""
    if latest is None:
        return Judgement(Status.NO_DATA, None, Rule("no_data", {"as_of": as_of}), tuple(notes))
    if target.basis == "level":
        levels = _level(target, latest.y, 0, years, sign, th.on_track_band)
        if levels is not None and finite(*levels, latest.y):
            level, lenient = levels
            margin = sign * (latest.y - lenient)
            if margin > 0 or (margin == 0 and target.comparator not in ("gt", "lt")):
                words = Presenter(target, False, by + 1).words(latest.obs)
                params = {**words, "value": r6(latest.y), "target": r6(level)}
                return Judgement(
                    Status.ON_TRACK,
                    Light.GREEN,
                    Rule("no_baseline_met", params),
                    tuple(notes),
                    higher_is_better=sign > 0,
                    target_value=r6(level),
                    target_year=by + years,
                    latest=latest.obs,
                    current_value=r6(latest.y),
                )
    return Judgement(
        Status.NO_DATA,
        None,
        Rule("no_baseline"),
        tuple(notes),
        higher_is_better=sign > 0,
        latest=latest.obs,
        current_value=r6(latest.y),
    )
