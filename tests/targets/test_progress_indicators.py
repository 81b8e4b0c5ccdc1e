"""Indicator judgements with hand-computed figures: every status, every light, each basis."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from lantu.targets.progress import (
    IndicatorInput,
    Judgement,
    Light,
    Observation,
    Status,
    Thresholds,
    judge_indicator,
)
from lantu.targets.types import Target

D = Decimal
AS_OF = dt.date(2028, 3, 1)  # 2027's figures are in


def target(text: str, basis: str = "level", comparator: str | None = "eq", **kw: object) -> Target:
    value, upper = kw.pop("value", None), kw.pop("upper", None)
    return Target(
        text=text,
        basis=basis,  # type: ignore[arg-type]
        comparator=comparator,  # type: ignore[arg-type]
        value=None if value is None else D(str(value)),
        upper=None if upper is None else D(str(upper)),
        **kw,  # type: ignore[arg-type]
    )


def plan(t: Target, baseline: str | None = None, **kw: object) -> IndicatorInput:
    """A 2026-2030 plan, baseline year 2025."""
    return IndicatorInput(
        target=t,
        start_year=2026,
        end_year=2030,
        baseline=None if baseline is None else D(baseline),
        **kw,  # type: ignore[arg-type]
    )


def obs(year: int, value: str, end: dt.date | None = None) -> Observation:
    return Observation(year, D(value), end)


def judge(ind: IndicatorInput, *observations: Observation, as_of: dt.date = AS_OF) -> Judgement:
    return judge_indicator(ind, list(observations), as_of)


FORTY_FIVE = target("45", value=45, unit="%")


# --- level targets: the four judged statuses and the schedule figures ------------------------


def test_level_target_on_schedule_reports_schedule_ratio_projection_and_needed_rate() -> None:
    # 40 -> 45 over 2026-2030: the schedule expects 42 at the end of 2027.
    j = judge(plan(FORTY_FIVE, "40"), obs(2027, "41.9"))
    assert j.status == Status.ON_TRACK
    assert j.light == Light.GREEN
    assert j.schedule_value == D("42")
    assert j.current_value == D("41.9")
    assert j.latest_value == D("41.9") and j.latest_year == 2027
    assert j.completion_vs_schedule == D("0.95")  # 1.9 of 2
    assert j.completion_vs_target == D("0.38")  # 1.9 of 5
    assert j.gap_points == D("5")
    assert j.elapsed == D("0.4")
    assert j.projection == D("44.75")  # 40 + 1.9 * 5 / 2
    assert j.needed_rate == D("1.033333")  # (45 - 41.9) / 3 a year
    assert j.needed_rate_unit == "per_year"
    assert j.baseline == D("40") and j.baseline_year == 2025
    assert j.target_value == D("45") and j.target_year == 2030
    assert j.rule.key == "on_track"
    assert j.rule.text == "2027年实际值41.9%，序时进度42%，完成序时进度的95%，基本符合预期"


def test_level_target_already_met_is_met_early() -> None:
    j = judge(plan(FORTY_FIVE, "40"), obs(2027, "45"))
    assert (j.status, j.light) == (Status.MET_EARLY, Light.GREEN)
    assert j.needed_rate == 0
    assert j.rule.text == "2027年实际值45%，已达到目标45%，提前实现"


def test_level_target_more_than_band_ahead_is_ahead() -> None:
    j = judge(plan(FORTY_FIVE, "40"), obs(2027, "42.2"))  # 110% of the schedule
    assert (j.status, j.light) == (Status.AHEAD, Light.GREEN)
    assert j.gap_points == D("-10")


def test_slightly_behind_within_yellow_gap_is_still_on_track_and_green() -> None:
    j = judge(plan(FORTY_FIVE, "40"), obs(2027, "41.8"))  # 90%: exactly 10 points behind
    assert (j.status, j.light) == (Status.ON_TRACK, Light.GREEN)


def test_behind_between_yellow_and_red_gap_is_yellow() -> None:
    j = judge(plan(FORTY_FIVE, "40"), obs(2027, "41.4"))  # 70%: 30 points behind
    assert (j.status, j.light) == (Status.BEHIND, Light.YELLOW)
    assert j.rule.key == "behind"
    assert "落后30个百分点" in j.rule.text


def test_behind_beyond_red_gap_is_red() -> None:
    j = judge(plan(FORTY_FIVE, "40"), obs(2027, "41.2"))  # 60%: 40 points behind
    assert (j.status, j.light) == (Status.BEHIND, Light.RED)


def test_thresholds_are_settings() -> None:
    strict = Thresholds(yellow_gap=D(2), red_gap=D(4), on_track_band=D(1))
    j = judge_indicator(plan(FORTY_FIVE, "40"), [obs(2027, "41.9")], AS_OF, strict)
    assert (j.status, j.light) == (Status.BEHIND, Light.RED)


def test_thresholds_refuse_a_yellow_gap_beyond_the_red_gap() -> None:
    with pytest.raises(ValueError):
        Thresholds(yellow_gap=D(40), red_gap=D(30))


def test_moving_away_from_the_target_counts_as_no_progress() -> None:
    j = judge(plan(FORTY_FIVE, "40"), obs(2027, "39"))
    assert (j.status, j.light) == (Status.BEHIND, Light.RED)
    assert j.completion_vs_schedule == D("-0.5")
    assert j.gap_points == D("100")
    assert [n.key for n in j.notes] == ["direction_inferred", "regressing"]
    assert j.notes[0].text == "未给出指标方向，按目标值与基期值比较推定为越大越好"


# --- binding indicators ----------------------------------------------------------------------


def test_binding_indicator_turns_red_when_projection_misses() -> None:
    j = judge(plan(FORTY_FIVE, "40", binding=True), obs(2027, "41.9"))
    assert j.status == Status.ON_TRACK  # within the band of the schedule ...
    assert j.light == Light.RED  # ... but at this pace 2030 ends at 44.75
    assert j.rule.key == "binding_miss"
    assert j.rule.text == "约束性指标按当前进度预计到2030年为44.75%，无法达到目标45%，亮红灯"
    assert j.notes[0].key == "on_track"


def test_binding_indicator_on_the_path_stays_green() -> None:
    j = judge(plan(FORTY_FIVE, "40", binding=True), obs(2027, "42"))
    assert (j.status, j.light) == (Status.ON_TRACK, Light.GREEN)
    assert j.projection == D("45")


def test_expected_indicator_slightly_behind_is_not_red() -> None:
    j = judge(plan(FORTY_FIVE, "40", binding=False), obs(2027, "41.9"))
    assert j.light == Light.GREEN


# --- lower is better, ceilings and lines -----------------------------------------------------


def test_ceiling_below_baseline_is_a_target_to_reach_downwards() -> None:
    # 控制在10410人以内 from 11000: the schedule expects 10764 at the end of 2027.
    t = target("控制在10410人以内", comparator="le", value=10410, unit="人")
    j = judge(plan(t, "11000"), obs(2027, "10800"))
    assert j.higher_is_better is False
    assert j.schedule_value == D("10764")
    assert j.completion_vs_schedule == D("0.8475")  # 200 of 236
    assert (j.status, j.light) == (Status.BEHIND, Light.YELLOW)
    assert j.needed_rate == D("-130")  # 390 to shed in three years


def test_ceiling_above_baseline_is_a_line_to_hold() -> None:
    t = target("<5.5", comparator="lt", value="5.5")
    j = judge(plan(t, "4.5"), obs(2027, "5.2"))
    assert (j.status, j.light) == (Status.ON_TRACK, Light.GREEN)
    assert j.rule.text == "2027年实际值5.2，符合目标“<5.5”的要求，基本符合预期"
    assert j.completion_vs_schedule is None
    assert j.schedule_value == D("5.5")


def test_crossing_a_line_is_behind_yellow_or_red_when_binding() -> None:
    t = target("<5.5", comparator="lt", value="5.5")
    assert (judge(plan(t, "4.5"), obs(2027, "5.5")).status) == Status.BEHIND  # strictly below
    j = judge(plan(t, "4.5"), obs(2027, "5.6"))
    assert (j.status, j.light) == (Status.BEHIND, Light.YELLOW)
    j = judge(plan(t, "4.5", binding=True), obs(2027, "5.6"))
    assert (j.status, j.light) == (Status.BEHIND, Light.RED)
    assert j.rule.key == "breached"


def test_a_held_line_is_never_met_early_even_in_the_target_year() -> None:
    t = target("<5.5", comparator="lt", value="5.5")
    j = judge(plan(t, "4.5"), obs(2030, "5.0"), as_of=dt.date(2031, 3, 1))
    assert j.status == Status.ON_TRACK


def test_a_held_line_warns_in_a_note_when_the_trend_would_cross_it() -> None:
    t = target("<5.5", comparator="lt", value="5.5")
    j = judge(plan(t, "4.5"), obs(2026, "5.0"))  # +0.5 a year reaches 7 in 2030
    assert j.light == Light.GREEN
    assert [n.key for n in j.notes] == ["trend_breach"]
    assert j.projection == D("7")


def test_floor_below_baseline_is_a_line_and_target_below_baseline_is_not_an_error() -> None:
    t = target(">60", comparator="gt", value=60)
    assert judge(plan(t, "74"), obs(2027, "65")).status == Status.ON_TRACK
    assert judge(plan(t, "74"), obs(2027, "59")).status == Status.BEHIND
    # an explicit higher-is-better with the target below the baseline: the same line
    t = target("60", value=60)
    j = judge(plan(t, "74", higher_is_better=True), obs(2027, "65"))
    assert j.status == Status.ON_TRACK


def test_baseline_equal_to_target_is_a_line_to_keep() -> None:
    t = target("保持在19.5", value="19.5")
    j = judge(plan(t, "19.5", higher_is_better=True), obs(2027, "19.6"))
    assert (j.status, j.light) == (Status.ON_TRACK, Light.GREEN)


def test_decrease_direction_means_lower_is_better() -> None:
    t = target("降低到0.4", value="0.4", direction="decrease")
    j = judge(plan(t, "0.5"), obs(2027, "0.46"))  # schedule 0.46
    assert j.higher_is_better is False
    assert (j.status, j.completion_vs_schedule) == (Status.ON_TRACK, D("1"))


# --- comparators -----------------------------------------------------------------------------


def test_approx_counts_as_met_within_the_band_of_the_number() -> None:
    t = target("36左右", comparator="approx", value=36)
    assert judge(plan(t, "28"), obs(2027, "34.2")).status == Status.MET_EARLY  # 36 - 5% of 36
    assert judge(plan(t, "28"), obs(2027, "34.1")).status != Status.MET_EARLY


def test_between_aims_at_the_lower_bound_when_higher_is_better() -> None:
    t = target("12-15", comparator="between", value=12, upper=15)
    j = judge(plan(t, "10", higher_is_better=True), obs(2027, "12"))
    assert j.target_value == D("12") and j.status == Status.MET_EARLY


def test_between_aims_at_the_upper_bound_when_lower_is_better() -> None:
    t = target("12-15", comparator="between", value=12, upper=15)
    j = judge(plan(t, "20", higher_is_better=False), obs(2027, "17"))
    assert j.target_value == D("15")
    assert j.schedule_value == D("18")  # 20 -> 15, two fifths of the way
    assert j.status == Status.AHEAD


def test_gt_must_be_strictly_beyond() -> None:
    t = target(">84", comparator="gt", value=84)
    assert judge(plan(t, "82"), obs(2027, "84")).status != Status.MET_EARLY
    assert judge(plan(t, "82"), obs(2027, "84.1")).status == Status.MET_EARLY


# --- growth, annual growth, percentage points ------------------------------------------------


def test_annual_growth_schedule_is_compound() -> None:
    t = target("年均增长10%", basis="annual_growth", value=10, unit="%", direction="increase")
    j = judge(plan(t, "100"), obs(2027, "120"))
    assert j.target_value == D("161.051")  # 100 * 1.1^5
    assert j.schedule_value == D("121")  # 100 * 1.1^2
    assert j.completion_vs_schedule == D("0.9524")  # 20 / 21
    assert j.projection == D("157.744097")  # 100 * 1.2^(5/2)
    expected_needed = ((D("161.051") / D("120")) ** (D(1) / D(3)) - 1) * 100
    assert j.needed_rate == expected_needed.quantize(D("0.000001"))
    assert j.needed_rate_unit == "percent_per_year"


def test_growth_over_the_period_is_compound_in_between() -> None:
    t = target("增长20%", basis="growth", value=20, unit="%", direction="increase")
    j = judge(plan(t, "100"), obs(2027, "107"))
    assert j.target_value == D("120")
    assert j.schedule_value == (D(100) * D("1.2") ** D("0.4")).quantize(D("0.000001"))


def test_growth_decrease_with_levels_observed_is_lower_is_better() -> None:
    # 单位生产总值能耗降低13.5% over the period, 0.5 in 2025: target 0.4325
    t = target("降低13.5%", basis="growth", value="13.5", unit="%", direction="decrease")
    j = judge(plan(t, "0.5", binding=True), obs(2027, "0.44"))
    assert j.higher_is_better is False
    assert j.target_value == D("0.4325")
    assert j.status == Status.AHEAD


def test_one_year_growth_target_with_year_to_date_rates_compares_the_pace() -> None:
    t = target("增长5%左右", basis="growth", comparator="approx", value=5, direction="increase")
    ind = IndicatorInput(target=t, start_year=2026, end_year=2026, observed_as="rate")
    j = judge(ind, obs(2026, "4.8", dt.date(2026, 9, 30)), as_of=dt.date(2026, 10, 20))
    assert j.current_value == D("4.8") and j.schedule_value == D("5")
    assert j.completion_vs_schedule == D("0.96")
    assert j.status == Status.ON_TRACK


def test_annual_growth_with_yearly_rates_judges_the_average_rate() -> None:
    t = target(
        "年均增长7%以上", basis="annual_growth", comparator="ge", value=7, direction="increase"
    )
    ind = plan(t, observed_as="rate", binding=True)
    j = judge(ind, obs(2026, "6.5"), obs(2027, "7.2"))
    # index 106.5 * 1.072 = 114.168 against 114.49 scheduled
    assert j.current_value == D("6.849427")  # sqrt(1.14168) - 1
    assert j.schedule_value == D("7") and j.target_value == D("7")
    assert j.completion_vs_schedule == D("0.9778")
    assert j.projection == j.current_value
    assert (j.status, j.light) == (Status.ON_TRACK, Light.RED)
    assert j.rule.text == "约束性指标按当前进度预计到2030年年均增长6.85%，无法达到目标7%，亮红灯"
    assert [(c.year, c.expected, c.observed, c.met) for c in j.checkpoints[:2]] == [
        (2026, D("7"), D("6.5"), False),
        (2027, D("7"), D("7.2"), True),
    ]


def test_a_missing_year_of_rates_takes_the_mean_of_the_others() -> None:
    t = target("年均增长5%", basis="annual_growth", value=5, direction="increase")
    j = judge(
        plan(t, observed_as="rate"), obs(2026, "4"), obs(2028, "6"), as_of=dt.date(2029, 3, 1)
    )
    assert [n.key for n in j.notes] == ["missing_years"]
    pace = (D("1.04") * D("1.05") * D("1.06")) ** (D(1) / D(3)) - 1  # 2027 counts as 5%
    assert j.current_value == (pace * 100).quantize(D("0.000001"))


def test_pp_change_adds_the_points_linearly() -> None:
    t = target("提升4个百分点", basis="pp_change", value=4, unit="个百分点", direction="increase")
    j = judge(plan(t, "30"), obs(2027, "31.6"))
    assert j.target_value == D("34") and j.schedule_value == D("31.6")
    assert j.status == Status.ON_TRACK


def test_growth_from_a_zero_baseline_cannot_be_judged_and_says_so() -> None:
    t = target("增长20%", basis="growth", value=20, direction="increase")
    j = judge(plan(t, "0"), obs(2027, "10"))
    assert (j.status, j.light) == (Status.QUALITATIVE, None)
    assert j.rule.key == "nonpositive_base"


# --- increment and cumulative ----------------------------------------------------------------


def test_increment_running_total_against_linear_schedule_from_zero() -> None:
    t = target("新增养老床位250张", basis="increment", value=250, unit="张", direction="increase")
    j = judge(plan(t), obs(2027, "90"))
    assert j.schedule_value == D("100") and j.baseline == D("0")
    assert (j.status, j.light) == (Status.ON_TRACK, Light.GREEN)
    assert j.needed_rate == D("53.333333")
    assert j.rule.text == "2027年累计完成90张，序时进度100张，完成序时进度的90%，基本符合预期"


def test_increment_from_yearly_flows_sums_the_years_and_a_year_to_date_figure() -> None:
    t = target("新增养老床位250张", basis="increment", value=250, unit="张", direction="increase")
    ind = plan(t, observed_as="flow")
    half = dt.date(2027, 6, 30)
    j = judge(ind, obs(2026, "40"), obs(2027, "30", half), as_of=dt.date(2027, 7, 10))
    assert j.current_value == D("70")
    # end of 2026 expects 50, end of 2027 100: 181 days of 2027 add 181/365 of 50
    assert j.schedule_value == (D(50) + D(50) * D(181) / D(365)).quantize(D("0.000001"))


def test_a_year_to_date_flow_is_scaled_to_its_year_for_a_growth_target() -> None:
    # Fiscal revenue reported quarterly, year to date, against 年均增长5%左右 from 132.6.
    t = target("年均增长5%左右", basis="annual_growth", comparator="approx", value=5)
    ind = plan(t, "132.6", baseline_year=2025, observed_as="ytd")
    q3 = dt.date(2026, 9, 30)  # day 273 of 365
    j = judge(ind, obs(2026, "74.1", dt.date(2026, 6, 30)), obs(2026, "103.6", q3),
              as_of=dt.date(2026, 11, 25))  # fmt: skip
    assert j.current_value == (D("103.6") * 365 / 273).quantize(D("0.000001"))  # 138.51
    assert j.status == Status.AHEAD and j.light == Light.GREEN
    assert j.rule.text.startswith("截至2026年9月30日年内累计折合全年138.51")
    assert "年内累计103.6，按已过全年时间的74.79%折合全年138.51" in j.explanation
    # Taken as a level, the same figure reads as a collapse: what ``ytd`` is for.
    assert judge(plan(t, "132.6", baseline_year=2025), obs(2026, "103.6", q3),
                 as_of=dt.date(2026, 11, 25)).status == Status.BEHIND  # fmt: skip
    # A whole year's figure is the year's amount, not scaled.
    year = judge(ind, obs(2026, "139.9"), as_of=dt.date(2027, 2, 1))
    assert year.current_value == D("139.9") and "年内累计" not in year.explanation


def test_year_to_date_is_for_levels_and_growth_not_for_amounts() -> None:
    t = target("新增养老床位250张", basis="increment", value=250, unit="张", direction="increase")
    j = judge(plan(t, observed_as="ytd"), obs(2026, "40"), as_of=dt.date(2027, 2, 1))
    assert "不按“ytd”口径计算" in j.explanation


def test_increment_from_stock_levels_subtracts_the_baseline() -> None:
    t = target("新增6幢", basis="increment", value=6, direction="increase")
    j = judge(plan(t, "82", observed_as="level"), obs(2027, "85"))
    assert j.current_value == D("3")
    assert j.completion_vs_schedule == D("1.25")  # 3 of 2.4
    assert j.status == Status.AHEAD


def test_cumulative_bracket_target_is_judged_like_an_amount() -> None:
    t = target("[20]", basis="cumulative", value=20)
    j = judge(plan(t), obs(2028, "13"), as_of=dt.date(2029, 2, 1))
    assert j.schedule_value == D("12")
    assert (j.status, j.light) == (Status.AHEAD, Light.GREEN)


# --- part-year figures and dates -------------------------------------------------------------


def test_part_year_figure_is_judged_against_the_schedule_at_its_period_end() -> None:
    half = dt.date(2027, 6, 30)
    j = judge(plan(FORTY_FIVE, "40"), obs(2027, "41.5", half), as_of=dt.date(2027, 8, 1))
    assert j.schedule_value == (D(41) + D(181) / D(365)).quantize(D("0.000001"))
    assert j.elapsed == ((D(1) + D(181) / D(365)) / 5).quantize(D("0.0001"))
    assert j.rule.text.startswith("截至2027年6月30日实际值41.5%")


def test_figures_after_as_of_are_ignored_with_a_note() -> None:
    j = judge(plan(FORTY_FIVE, "40", higher_is_better=True), obs(2026, "41"), obs(2029, "45"))
    assert j.latest_year == 2026
    assert [n.key for n in j.notes] == ["ignored_after_as_of"]


def test_a_later_figure_for_the_same_period_corrects_the_earlier() -> None:
    j = judge(plan(FORTY_FIVE, "40"), obs(2027, "41"), obs(2027, "42"))
    assert j.current_value == D("42")


def test_after_the_target_year_the_schedule_is_the_target() -> None:
    j = judge(plan(FORTY_FIVE, "40"), obs(2030, "44"), as_of=dt.date(2031, 3, 1))
    assert j.schedule_value == D("45") and j.elapsed == D("1")
    assert j.needed_rate is None
    assert j.status == Status.BEHIND and j.gap_points == D("20")


def test_target_year_written_in_the_target_is_used() -> None:
    t = target("2028年达到45", value=45, year=2028)
    j = judge(plan(t, "40"), obs(2027, "43"))
    assert j.target_year == 2028 and j.schedule_value == D("43.333333")
    assert len(j.checkpoints) == 3


# --- milestones and checkpoints --------------------------------------------------------------


def test_checkpoints_flag_the_first_and_third_years() -> None:
    j = judge(plan(FORTY_FIVE, "40"), obs(2026, "41.2"), obs(2027, "41.9"))
    rows = [
        (c.year, c.expected, c.observed, c.met, c.first_year, c.third_year) for c in j.checkpoints
    ]
    assert rows == [
        (2026, D("41"), D("41.2"), True, True, False),
        (2027, D("42"), D("41.9"), False, False, False),
        (2028, D("43"), None, None, False, True),
        (2029, D("44"), None, None, False, False),
        (2030, D("45"), None, None, False, False),
    ]


def test_yearly_milestones_shape_the_schedule() -> None:
    milestones = {2026: target("40.5", value="40.5"), 2027: target("41", value=41)}
    j = judge(plan(FORTY_FIVE, "40", milestones=milestones), obs(2027, "41"))
    assert j.schedule_value == D("41")
    assert (j.status, j.completion_vs_schedule) == (Status.ON_TRACK, D("1"))
    assert [c.expected for c in j.checkpoints] == [
        D("40.5"),
        D("41"),
        D("42.333333"),
        D("43.666667"),
        D("45"),
    ]
    assert j.checkpoints[0].milestone == milestones[2026]


def test_a_milestone_below_the_one_before_is_lifted_so_the_schedule_never_steps_back() -> None:
    milestones = {2026: target("42", value=42), 2027: target("41", value=41)}
    j = judge(plan(FORTY_FIVE, "40", milestones=milestones), obs(2027, "42"))
    assert [c.expected for c in j.checkpoints][:2] == [D("42"), D("42")]


def test_growth_milestones_grow_the_year_before() -> None:
    t = target("年均增长5%", basis="annual_growth", value=5, direction="increase")
    milestones = {2026: target("增长6%", basis="growth", value=6, direction="increase")}
    j = judge(plan(t, observed_as="rate", milestones=milestones), obs(2026, "6"))
    assert j.checkpoints[0].expected == D("6") and j.checkpoints[0].met is True
    assert j.completion_vs_schedule == D("1")


def test_no_data_still_shows_the_schedule_and_checkpoints() -> None:
    j = judge(plan(FORTY_FIVE, "40"), as_of=dt.date(2027, 12, 31))
    assert (j.status, j.light) == (Status.NO_DATA, None)
    assert j.schedule_value == D("42")
    assert len(j.checkpoints) == 5
    assert j.rule.text == "截至2027年12月31日，规划期内暂无监测数据"


def test_a_baseline_year_figure_alone_is_no_data() -> None:
    j = judge(plan(FORTY_FIVE, "40"), obs(2025, "40"))
    assert j.status == Status.NO_DATA


# --- missing baseline ------------------------------------------------------------------------


def test_missing_baseline_uses_the_baseline_years_own_figure() -> None:
    j = judge(plan(FORTY_FIVE), obs(2025, "40"), obs(2027, "42"))
    assert j.baseline == D("40") and j.status == Status.ON_TRACK
    assert j.notes[0].key == "baseline_from_observation"


def test_missing_baseline_starts_from_the_earliest_figure() -> None:
    j = judge(plan(FORTY_FIVE), obs(2026, "41"), obs(2027, "42"))
    assert j.baseline == D("41") and j.baseline_year == 2026
    assert j.schedule_value == D("42")  # 41 -> 45 over 2027-2030
    assert j.status == Status.ON_TRACK
    assert j.rule.key == "on_track" and j.notes[0].key == "baseline_from_observation"


def test_missing_baseline_with_one_figure_only_checks_the_final_target() -> None:
    met = judge(plan(FORTY_FIVE), obs(2027, "46"))
    assert (met.status, met.light) == (Status.ON_TRACK, Light.GREEN)
    assert met.rule.key == "no_baseline_met"
    short = judge(plan(FORTY_FIVE), obs(2027, "43"))
    assert (short.status, short.light, short.rule.key) == (Status.NO_DATA, None, "no_baseline")


def test_a_plan_ending_before_its_baseline_year_is_read_as_one_year() -> None:
    ind = IndicatorInput(
        target=FORTY_FIVE, start_year=2026, end_year=2024, baseline=D(40), higher_is_better=True
    )
    j = judge(ind, obs(2026, "44"))
    assert j.target_year == 2026
    assert [n.key for n in j.notes] == ["target_year_adjusted"]


def test_direction_is_assumed_and_said_when_nothing_tells() -> None:
    j = judge(plan(FORTY_FIVE), obs(2026, "45"), obs(2027, "45"))
    assert j.higher_is_better is True
    assert "direction_assumed" in [n.key for n in j.notes]
