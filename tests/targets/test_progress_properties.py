"""The guarantees of the progress maths, proven with hypothesis:

(a) a better latest figure never gives a worse status or light (higher- and lower-is-better);
(b) the same figure for a later period, or judged on a later date, never looks better;
(c) no finite input makes a judgement raise.

"Better" and "worse" follow the total orders ``STATUS_ORDER`` and ``LIGHT_ORDER``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from lantu.targets.progress import (
    STATUS_ORDER,
    TASK_STATUS_ORDER,
    IndicatorInput,
    Judgement,
    Light,
    Observation,
    PartSeries,
    ProjectJudgement,
    Reference,
    Review,
    Stage,
    Status,
    Thresholds,
    judge_indicator,
    judge_project,
    judge_task,
    light_rank,
    status_rank,
)
from lantu.targets.types import Target, TimeNode

PROPERTY = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

NUMERIC = ["level", "growth", "annual_growth", "pp_change", "increment", "cumulative"]
COMPARATORS = [None, "eq", "approx", "ge", "gt", "le", "lt", "between"]
MODES: dict[str, list[str | None]] = {
    "level": [None, "level", "ytd"],
    "pp_change": [None, "level"],
    "growth": [None, "level", "ytd", "rate"],
    "annual_growth": [None, "level", "ytd", "rate"],
    "increment": [None, "level", "total", "flow"],
    "cumulative": [None, "level", "total", "flow"],
}

modest = st.decimals(min_value=-1000, max_value=1000, places=2)
narrow = st.decimals(min_value=0, max_value=20, places=1)  # values close enough to interact
positive = st.decimals(min_value="0.01", max_value=1000, places=2)
rates = st.decimals(min_value=-120, max_value=120, places=2)
thresholds = st.builds(
    lambda y, extra, band, sync: Thresholds(y, y + extra, band, sync),
    st.decimals(0, 50, places=1),
    st.decimals(0, 50, places=1),
    st.decimals(0, 20, places=1),
    st.decimals(0, 2, places=1),
)


def month_end(year: int, month: int) -> dt.date:
    after = dt.date(year + (month == 12), month % 12 + 1, 1)
    return after - dt.timedelta(days=1)


def observation(year: int, value: Decimal, month: int = 12) -> Observation:
    return Observation(year, value, None if month == 12 else month_end(year, month))


@st.composite
def numeric_plans(draw: st.DrawFn, modes: tuple[str, ...] | None = None) -> dict[str, Any]:
    """A numeric target in a plan, the figures before the latest one, and the latest's year."""
    scale = draw(st.sampled_from([modest, narrow]))
    basis = draw(st.sampled_from(NUMERIC))
    mode = draw(st.sampled_from(MODES[basis]))
    if modes is not None:
        assume((mode or "default") in modes)
    comparator = draw(st.sampled_from(COMPARATORS))
    target = Target(
        text="t",
        basis=basis,  # type: ignore[arg-type]
        comparator=comparator,  # type: ignore[arg-type]
        value=draw(positive if basis in ("growth", "annual_growth") else scale),
        upper=draw(scale) if comparator == "between" else None,
        direction=draw(st.sampled_from([None, "increase", "decrease"])),
    )
    start = draw(st.integers(2021, 2026))
    end = start + draw(st.integers(0, 5))
    by = start - 1
    values = rates if mode == "rate" else scale
    milestones = {}
    if draw(st.booleans()):
        for year in draw(st.lists(st.integers(start, end), max_size=3, unique=True)):
            milestones[year] = Target(text="m", basis="level", comparator="eq", value=draw(values))
    ind = IndicatorInput(
        target=target,
        start_year=start,
        end_year=end,
        baseline=draw(st.one_of(st.none(), scale)),
        binding=draw(st.booleans()),
        higher_is_better=draw(st.one_of(st.none(), st.booleans())),
        milestones=milestones,
        observed_as=mode,  # type: ignore[arg-type]
    )
    latest_year = draw(st.integers(by + 1, end + 1))
    earlier_years = draw(st.lists(st.integers(by, latest_year - 1), max_size=4, unique=True))
    earlier = [observation(y, draw(values)) for y in sorted(earlier_years)]
    return {"ind": ind, "earlier": earlier, "year": latest_year, "values": values}


def ranks(j: Judgement | ProjectJudgement) -> tuple[int, int]:
    return status_rank(j.status), light_rank(j.light)


def no_better(later: Judgement | ProjectJudgement, earlier: Judgement | ProjectJudgement) -> bool:
    """``later`` is no better than ``earlier``, in status and in light."""
    return all(a <= b for a, b in zip(ranks(later), ranks(earlier), strict=True))


# --- (a) monotonic in the value --------------------------------------------------------------


@PROPERTY
@given(numeric_plans(), st.data(), st.integers(1, 12), thresholds)
def test_a_better_latest_figure_never_gives_a_worse_status_or_light(
    plan: dict[str, Any], data: st.DataObject, month: int, th: Thresholds
) -> None:
    one, two = data.draw(plan["values"]), data.draw(plan["values"])
    low, high = min(one, two), max(one, two)
    ind, year = plan["ind"], plan["year"]
    as_of = dt.date(year + 1, 3, 1)
    j_low = judge_indicator(ind, [*plan["earlier"], observation(year, low, month)], as_of, th)
    j_high = judge_indicator(ind, [*plan["earlier"], observation(year, high, month)], as_of, th)
    assert j_low.higher_is_better == j_high.higher_is_better
    if j_low.higher_is_better is None:
        assert (j_low.status, j_low.light) == (j_high.status, j_high.light)
        return
    better, worse = (j_high, j_low) if j_low.higher_is_better else (j_low, j_high)
    assert status_rank(better.status) >= status_rank(worse.status), (better, worse)
    assert light_rank(better.light) >= light_rank(worse.light), (better, worse)


@PROPERTY
@given(st.data(), st.sampled_from(["approx", "ge", "gt", "le", "lt", "eq"]), st.booleans())
def test_a_better_figure_never_looks_worse_in_a_relative_target(
    data: st.DataObject, comparator: str, binding: bool
) -> None:
    reference = Reference(
        [observation(2026, data.draw(rates)), observation(2027, data.draw(rates))]
    )
    target = Target(text="r", basis="relative", comparator=comparator)  # type: ignore[arg-type]
    ind = IndicatorInput(target, 2026, 2030, reference=reference, binding=binding)
    one, two = data.draw(rates), data.draw(rates)
    first = observation(2026, data.draw(rates))
    low = judge_indicator(ind, [first, observation(2027, min(one, two))], dt.date(2028, 3, 1))
    high = judge_indicator(ind, [first, observation(2027, max(one, two))], dt.date(2028, 3, 1))
    better, worse = (high, low) if low.higher_is_better else (low, high)
    assert status_rank(better.status) >= status_rank(worse.status)
    assert light_rank(better.light) >= light_rank(worse.light)


@st.composite
def near_schedule(draw: st.DrawFn) -> dict[str, Any]:
    """A numeric target and figures around its schedule, where the thresholds lie."""
    basis = draw(st.sampled_from(NUMERIC))
    mode = draw(st.sampled_from(MODES[basis]))
    baseline = draw(st.decimals(1, 100, places=1))
    value = draw(st.decimals("0.5", 50, places=1))
    span = {"level": value - baseline, "growth": baseline * value / 100}.get(basis, value)
    if basis == "annual_growth":
        span = baseline * value * 5 / 100
    if mode == "rate":
        baseline, span = value, value
    target = Target(
        text="t",
        basis=basis,  # type: ignore[arg-type]
        comparator=draw(st.sampled_from(COMPARATORS[1:-1])),  # type: ignore[arg-type]
        value=value,
        direction=draw(st.sampled_from([None, "increase", "decrease"])),
    )
    ind = IndicatorInput(
        target=target,
        start_year=2026,
        end_year=2030,
        baseline=baseline,
        binding=draw(st.booleans()),
        higher_is_better=draw(st.one_of(st.none(), st.booleans())),
        observed_as=mode,  # type: ignore[arg-type]
    )
    sign = draw(st.sampled_from([1, -1]))
    shares = st.decimals("-0.5", "1.5", places=3)
    one, two = sorted(baseline + sign * abs(span) * draw(shares) for _ in range(2))
    if basis in ("increment", "cumulative") and mode != "level":
        one, two = one - baseline, two - baseline
    return {"ind": ind, "low": one, "high": two}


@PROPERTY
@given(near_schedule(), st.integers(2026, 2031), st.integers(1, 12), thresholds)
def test_figures_around_the_schedule_climb_through_the_statuses_in_order(
    case: dict[str, Any], year: int, month: int, th: Thresholds
) -> None:
    as_of = dt.date(year + 1, 3, 1)
    low = judge_indicator(case["ind"], [observation(year, case["low"], month)], as_of, th)
    high = judge_indicator(case["ind"], [observation(year, case["high"], month)], as_of, th)
    better, worse = (high, low) if low.higher_is_better else (low, high)
    assert no_better(worse, better), (worse, better)
    late_figure = [observation(year + 1, case["low"], month)]
    later = judge_indicator(case["ind"], late_figure, dt.date(year + 2, 3, 1), th)
    if case["ind"].observed_as != "rate":
        assert no_better(later, low), (low, later)


# --- (b) waiting never helps -----------------------------------------------------------------


@PROPERTY
@given(numeric_plans(modes=("default", "level", "total", "flow")), st.data(), thresholds)
def test_the_same_figure_for_a_later_period_never_looks_better(
    plan: dict[str, Any], data: st.DataObject, th: Thresholds
) -> None:
    ind, year = plan["ind"], plan["year"]
    value = data.draw(plan["values"])
    month = data.draw(st.integers(1, 12))
    later_year = data.draw(st.integers(year, year + 2))
    if later_year == year:
        assume(month < 12)
    later_month = data.draw(st.integers(month + 1 if later_year == year else 1, 12))
    as_of = dt.date(later_year + 1, 3, 1)
    first = judge_indicator(ind, [*plan["earlier"], observation(year, value, month)], as_of, th)
    late = [*plan["earlier"], observation(later_year, value, later_month)]
    second = judge_indicator(ind, late, as_of, th)
    assert no_better(second, first), (first, second)


@PROPERTY
@given(numeric_plans(), st.data(), st.integers(0, 2000), thresholds)
def test_judging_on_a_later_date_never_looks_better(
    plan: dict[str, Any], data: st.DataObject, days: int, th: Thresholds
) -> None:
    ind, year = plan["ind"], plan["year"]
    observations = [*plan["earlier"], observation(year, data.draw(plan["values"]))]
    as_of = dt.date(year + 1, 1, 1)
    first = judge_indicator(ind, observations, as_of, th)
    second = judge_indicator(ind, observations, as_of + dt.timedelta(days=days), th)
    assert no_better(second, first)


# --- (c) never raises ------------------------------------------------------------------------

any_decimal = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False),
    modest,
    st.sampled_from([Decimal(0), Decimal("-0"), Decimal(100), Decimal(-100), Decimal("1E-30")]),
)
years = st.integers(1990, 2100)
dates = st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31))
observations = st.lists(
    st.builds(Observation, years, any_decimal, st.one_of(st.none(), dates)), max_size=6
)


def targets() -> st.SearchStrategy[Target]:
    leaf = st.builds(
        Target,
        text=st.text(max_size=5),
        basis=st.sampled_from([*NUMERIC, "relative", "delegated", "qualitative", "compound"]),
        comparator=st.sampled_from(COMPARATORS),
        value=st.one_of(st.none(), any_decimal),
        upper=st.one_of(st.none(), any_decimal),
        unit=st.one_of(st.none(), st.sampled_from(["%", "万人", "个百分点"])),
        direction=st.sampled_from([None, "increase", "decrease"]),
        year=st.one_of(st.none(), years),
    )
    return st.recursive(
        leaf,
        lambda parts: st.builds(
            Target,
            text=st.just("c"),
            basis=st.just("compound"),
            parts=st.lists(parts, max_size=3).map(tuple),
        ),
        max_leaves=4,
    )


reviews = st.one_of(
    st.none(),
    st.builds(
        Review, st.sampled_from(list(Status)), st.text(max_size=8), st.sampled_from([None, *Light])
    ),
)
references = st.one_of(
    st.none(),
    st.builds(
        Reference,
        observations,
        st.sampled_from(["level", "rate"]),
        st.sampled_from(["growth", "level"]),
    ),
)
mode = st.sampled_from([None, "level", "total", "flow", "rate"])
indicators = st.builds(
    IndicatorInput,
    target=targets(),
    start_year=years,
    end_year=years,
    baseline_year=st.one_of(st.none(), years),
    baseline=st.one_of(st.none(), any_decimal),
    binding=st.booleans(),
    higher_is_better=st.one_of(st.none(), st.booleans()),
    milestones=st.dictionaries(years, targets(), max_size=3),
    delegated_value=st.one_of(st.none(), any_decimal),
    reference=references,
    review=reviews,
    observed_as=mode,
    part_series=st.lists(
        st.one_of(
            st.none(), st.builds(PartSeries, observations, st.one_of(st.none(), any_decimal), mode)
        ),
        max_size=3,
    ),
)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(indicators, observations, dates, thresholds)
def test_judge_never_raises_on_finite_inputs(
    ind: IndicatorInput, obs: list[Observation], as_of: dt.date, th: Thresholds
) -> None:
    j = judge_indicator(ind, obs, as_of, th)
    for one in (j, *j.parts):
        assert one.status in STATUS_ORDER
        assert one.light is None or one.light in Light
        assert isinstance(one.explanation, str) and one.explanation
        for c in one.checkpoints:
            assert c.expected is None or isinstance(c.expected, Decimal)


# --- tasks and projects ----------------------------------------------------------------------

nodes = st.lists(
    st.builds(
        TimeNode,
        st.text(max_size=4),
        st.sampled_from(["deadline", "recurring", "ongoing", "period", "duration", "unknown"]),
        st.one_of(st.none(), dates),
        st.one_of(st.none(), dates),
    ),
    max_size=4,
)


@PROPERTY
@given(nodes, st.one_of(st.none(), any_decimal), st.booleans(), dates, st.integers(0, 400))
def test_judge_task_never_raises(
    time_nodes: list[TimeNode], progress: Decimal | None, done: bool, as_of: dt.date, soon: int
) -> None:
    j = judge_task(time_nodes, progress, done, as_of, soon)
    assert j.status in TASK_STATUS_ORDER and j.rule.text


@PROPERTY
@given(
    dates, dates, st.decimals(0, 100, places=1), st.decimals(0, 100, places=1), st.integers(0, 900)
)
def test_more_task_progress_never_worse_and_a_later_date_never_better(
    start: dt.date, due: dt.date, one: Decimal, two: Decimal, days: int
) -> None:
    node = [TimeNode("d", "deadline", due=due)]
    as_of = min(start, due)
    low = judge_task(node, min(one, two), False, as_of, start=start)
    high = judge_task(node, max(one, two), False, as_of, start=start)
    assert light_rank(high.light) >= light_rank(low.light)
    later = judge_task(node, one, False, as_of + dt.timedelta(days=days), start=start)
    earlier = judge_task(node, one, False, as_of, start=start)
    order = TASK_STATUS_ORDER.index
    assert order(later.status) <= order(earlier.status)
    assert light_rank(later.light) <= light_rank(earlier.light)


stages = st.lists(
    st.builds(
        Stage,
        st.sampled_from(["前期", "开工", "竣工", "投用"]),
        st.one_of(st.none(), dates),
        st.one_of(st.none(), dates),
    ),
    max_size=4,
)


@PROPERTY
@given(st.one_of(st.none(), any_decimal), st.one_of(st.none(), any_decimal), dates, stages)
def test_judge_project_never_raises(
    planned: Decimal | None, completed: Decimal | None, as_of: dt.date, plan: list[Stage]
) -> None:
    j = judge_project(planned, completed, as_of, plan)
    assert j.status in STATUS_ORDER and j.rule.text


@PROPERTY
@given(positive, modest, modest, st.dates(dt.date(2026, 1, 1), dt.date(2026, 12, 31)), stages)
def test_more_investment_never_worse_and_a_later_date_never_better(
    planned: Decimal, one: Decimal, two: Decimal, as_of: dt.date, plan: list[Stage]
) -> None:
    low = judge_project(planned, min(one, two), as_of, plan)
    high = judge_project(planned, max(one, two), as_of, plan)
    assert no_better(low, high)
    later = judge_project(
        planned, one, min(as_of + dt.timedelta(days=30), dt.date(2026, 12, 31)), plan
    )
    now = judge_project(planned, one, as_of, plan)
    assert status_rank(later.status) <= status_rank(now.status)
    assert light_rank(later.light) <= light_rank(now.light)
