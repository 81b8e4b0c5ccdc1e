"""Delegated, qualitative, relative and compound targets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from lantu.targets.progress import (
    IndicatorInput,
    Judgement,
    Light,
    Observation,
    PartSeries,
    Reference,
    Review,
    Status,
    judge_indicator,
)
from lantu.targets.types import Target

D = Decimal
AS_OF = dt.date(2028, 3, 1)


def plan(t: Target, **kw: object) -> IndicatorInput:
    return IndicatorInput(target=t, start_year=2026, end_year=2030, **kw)  # type: ignore[arg-type]


def obs(year: int, value: str) -> Observation:
    return Observation(year, D(value))


def judge(ind: IndicatorInput, *observations: Observation) -> Judgement:
    return judge_indicator(ind, list(observations), AS_OF)


NATIONAL = Target(text="[确保完成国家要求]", basis="delegated")
CITY_CAP = Target(text="控制在市下达指标以内", basis="delegated", comparator="le")
QUALITATIVE = Target(text="全面稳定达到国家二级标准,部分指标优于国家一级标准", basis="qualitative")
IN_STEP = Target(text="与经济增长基本同步", basis="relative", comparator="approx")
NOT_BELOW = Target(text="不低于全市平均水平", basis="relative", comparator="ge")


# --- delegated -------------------------------------------------------------------------------


def test_delegated_target_without_the_figure_waits_for_it() -> None:
    j = judge(plan(NATIONAL, binding=True), obs(2027, "3"))
    assert (j.status, j.light) == (Status.AWAITING, None)
    assert j.rule.text == "目标值待上级下达，暂不评价"


def test_delegated_target_with_the_figure_is_a_level_target_with_its_comparator() -> None:
    ind = plan(CITY_CAP, baseline=D(120), delegated_value=D(100))
    j = judge(ind, obs(2027, "110"))
    assert j.higher_is_better is False
    assert j.target_value == D("100") and j.schedule_value == D("112")
    assert (j.status, j.light) == (Status.AHEAD, Light.GREEN)


def test_delegated_figure_without_comparator_is_an_equal_target() -> None:
    ind = plan(NATIONAL, baseline=D(10), delegated_value=D(20), binding=True)
    assert judge(ind, obs(2027, "20")).status == Status.MET_EARLY


# --- qualitative -----------------------------------------------------------------------------


def test_qualitative_target_needs_a_reviewer() -> None:
    j = judge(plan(QUALITATIVE), obs(2027, "25"))
    assert (j.status, j.light) == (Status.QUALITATIVE, None)
    assert j.rule.key == "qualitative"


def test_qualitative_target_takes_the_reviewers_verdict_and_its_light() -> None:
    review = Review(Status.ON_TRACK, "PM2.5年均浓度25微克/立方米，优于国家二级标准")
    j = judge(plan(QUALITATIVE, review=review))
    assert (j.status, j.light) == (Status.QUALITATIVE, Light.GREEN)
    assert j.review == review
    assert j.rule.text == "人工评价为基本符合预期：PM2.5年均浓度25微克/立方米，优于国家二级标准"


def test_reviewer_finding_a_binding_target_behind_makes_it_red() -> None:
    review = Review(Status.BEHIND, "臭氧超标天数增加")
    assert judge(plan(QUALITATIVE, review=review, binding=True)).light == Light.RED
    assert judge(plan(QUALITATIVE, review=review, binding=False)).light == Light.YELLOW


def test_reviewer_may_set_the_light_outright() -> None:
    review = Review(Status.ON_TRACK, "基本达标,个别月份超标", light=Light.YELLOW)
    assert judge(plan(QUALITATIVE, review=review)).light == Light.YELLOW


def test_a_target_without_a_number_is_left_to_a_reviewer() -> None:
    odd = Target(text="45", basis="level", comparator="eq")
    assert judge(plan(odd), obs(2027, "3")).rule.key == "no_value"


# --- relative --------------------------------------------------------------------------------


def gdp(*rates: str) -> Reference:
    return Reference([obs(2026 + i, r) for i, r in enumerate(rates)])


def test_relative_target_without_reference_is_qualitative() -> None:
    j = judge(plan(IN_STEP), obs(2026, "5"))
    assert (j.status, j.light, j.rule.key) == (Status.QUALITATIVE, None, "relative_unlinked")


def test_relative_target_without_reference_takes_a_review() -> None:
    review = Review(Status.ON_TRACK, "居民收入增长与经济增长基本同步")
    j = judge(plan(IN_STEP, review=review), obs(2026, "5"))
    assert (j.status, j.light) == (Status.QUALITATIVE, Light.GREEN)


def test_growth_in_step_with_the_reference_within_tolerance_is_on_track() -> None:
    ind = plan(IN_STEP, reference=gdp("5.2", "5.0"))
    j = judge(ind, obs(2026, "5.0"), obs(2027, "4.8"))
    assert (j.status, j.light) == (Status.ON_TRACK, Light.GREEN)
    own = ((D("1.05") * D("1.048")).sqrt() - 1) * 100
    ref = ((D("1.052") * D("1.05")).sqrt() - 1) * 100
    assert j.current_value == own.quantize(D("0.000001"))
    assert j.target_value == ref.quantize(D("0.000001"))
    assert j.rule.text == (
        "2026—2027年年均增长4.9%，参照指标年均增长5.1%，相差-0.2个百分点，基本符合预期"
    )


def test_growth_well_below_the_reference_is_behind() -> None:
    j = judge(plan(IN_STEP, reference=gdp("5.2", "5.0")), obs(2026, "4.0"), obs(2027, "4.1"))
    assert (j.status, j.light) == (Status.BEHIND, Light.YELLOW)
    j = judge(plan(IN_STEP, reference=gdp("5.2"), binding=True), obs(2026, "4.0"))
    assert j.light == Light.RED


def test_growth_well_above_the_reference_is_ahead() -> None:
    j = judge(plan(IN_STEP, reference=gdp("5.0")), obs(2026, "6.0"))
    assert j.status == Status.AHEAD


def test_relative_compares_only_the_years_both_series_have() -> None:
    j = judge(plan(IN_STEP, reference=gdp("5.0")), obs(2026, "5.1"), obs(2027, "1.0"))
    assert j.status == Status.ON_TRACK
    assert j.rule.params["last"] == 2026


def test_relative_with_levels_computes_the_growth_from_them() -> None:
    ref = Reference([obs(2025, "100"), obs(2026, "105"), obs(2027, "110.25")], observed_as="level")
    j = judge(plan(IN_STEP, reference=ref, baseline=D(50)), obs(2026, "52.5"), obs(2027, "55"))
    assert j.status == Status.ON_TRACK  # 5% and 4.76% against 5% and 5%


def test_not_below_the_city_average_compares_levels() -> None:
    ref = Reference([obs(2026, "80"), obs(2027, "82")], compare="level", observed_as="level")
    assert judge(plan(NOT_BELOW, reference=ref), obs(2027, "82")).status == Status.ON_TRACK
    assert judge(plan(NOT_BELOW, reference=ref), obs(2027, "81.9")).status == Status.BEHIND
    assert judge(plan(NOT_BELOW, reference=ref), obs(2027, "90")).status == Status.AHEAD


def test_relative_without_own_figures_is_no_data() -> None:
    assert judge(plan(IN_STEP, reference=gdp("5.0"))).status == Status.NO_DATA


def test_relative_without_reference_figures_for_the_same_years_is_no_data() -> None:
    j = judge(plan(IN_STEP, reference=Reference([])), obs(2026, "5"))
    assert (j.status, j.rule.key) == (Status.NO_DATA, "relative_no_overlap")


# --- compound --------------------------------------------------------------------------------

PATCHES = Target(
    text="[成片:五年累计约110 零星:五年累计约20]",
    basis="compound",
    parts=(
        Target("五年累计约110", "cumulative", "approx", D(110), label="成片"),
        Target("五年累计约20", "cumulative", "approx", D(20), label="零星"),
    ),
)


def test_compound_target_is_as_good_as_its_worst_part() -> None:
    series = (PartSeries([obs(2027, "115")]), PartSeries([obs(2027, "6")]))
    j = judge(plan(PATCHES, part_series=series, binding=True))
    assert [p.status for p in j.parts] == [Status.MET_EARLY, Status.BEHIND]
    assert (j.status, j.light) == (Status.BEHIND, Light.RED)
    assert j.rule.text == "共2项子目标，按最差一项（零星）评价：滞后于进度"


def test_compound_target_all_parts_met() -> None:
    series = (PartSeries([obs(2027, "110")]), PartSeries([obs(2027, "20")]))
    j = judge(plan(PATCHES, part_series=series))
    assert (j.status, j.light) == (Status.MET_EARLY, Light.GREEN)


def test_compound_parts_share_the_indicators_data_unless_given_their_own() -> None:
    both = Target(
        text="增长8%左右、突破1000亿元",
        basis="compound",
        parts=(
            Target("增长8%左右", "growth", "approx", D(8), unit="%", direction="increase"),
            Target("突破1000亿元", "level", "gt", D(1000), unit="亿元"),
        ),
    )
    ind = IndicatorInput(target=both, start_year=2026, end_year=2026, baseline=D(950))
    j = judge_indicator(ind, [obs(2026, "1030")], dt.date(2027, 2, 1))
    assert [p.status for p in j.parts] == [Status.MET_EARLY, Status.MET_EARLY]
    j = judge_indicator(ind, [obs(2026, "1020")], dt.date(2027, 2, 1))  # 7.4%: not yet 8%左右
    assert [p.status for p in j.parts] == [Status.ON_TRACK, Status.MET_EARLY]
    j = judge_indicator(ind, [obs(2026, "990")], dt.date(2027, 2, 1))
    assert [p.status for p in j.parts] == [Status.BEHIND, Status.BEHIND]


def test_compound_stock_and_increment_read_the_same_stock_levels() -> None:
    towers = Target(
        text="亿元楼新增6幢,达到88幢",
        basis="compound",
        parts=(
            Target("新增6幢", "increment", "eq", D(6), unit="幢", direction="increase"),
            Target("达到88幢", "level", "eq", D(88), unit="幢"),
        ),
    )
    ind = plan(towers, baseline=D(82), observed_as="level")
    j = judge(ind, obs(2027, "85"))
    assert [p.current_value for p in j.parts] == [D("3"), D("85")]
    assert [p.status for p in j.parts] == [Status.AHEAD, Status.AHEAD]


def test_compound_with_a_part_without_data_is_no_data_overall_unless_another_is_behind() -> None:
    series = (PartSeries([obs(2027, "45")]), PartSeries([]))
    j = judge(plan(PATCHES, part_series=series))
    assert [p.status for p in j.parts] == [Status.ON_TRACK, Status.NO_DATA]
    assert (j.status, j.light) == (Status.NO_DATA, None)


def test_compound_without_parts_is_left_to_a_reviewer() -> None:
    empty = Target(text="分别控制在", basis="compound")
    assert judge(plan(empty)).status == Status.QUALITATIVE
