"""Statuses and lights on every item, each able to explain itself."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from lantu.core.services import update_object
from lantu.indicators.models import Indicator, Observation
from lantu.monitoring import judging
from lantu.projects.models import InvestmentPlan
from tests.cast import Cast

AS_OF = dt.date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _today(settings: Any) -> None:
    settings.LANTU_TODAY = AS_OF


def observe(cast: Cast, ind: Indicator, year: int, value: str, period: str = "Y") -> None:
    end = dt.date(year, 12, 31) if period == "Y" else dt.date(year, 6, 30)
    Observation.objects.create(
        region=cast.region,
        indicator=ind,
        year=year,
        period=period,
        period_end=end,
        value=Decimal(value),
    )


def test_a_bare_figure_in_the_annual_column_is_average_annual_growth(cast: Cast) -> None:
    gdp = cast.indicators["gdp"]
    target = judging.target_of(gdp)
    assert target is not None and target.basis == "annual_growth"
    judgement = judging.judge_indicator(gdp)
    assert str(judgement.status) == "基本符合预期"
    assert judgement.rule.text


def test_cumulative_target_is_judged_on_the_total_so_far(cast: Cast) -> None:
    school = cast.indicators["school"]  # [5000] places over 2026-2030
    assert str(judging.judge_indicator(school).status) == "暂无数据"
    observe(cast, school, 2026, "300", "H1")
    judgement = judging.judge_indicator(school)
    assert str(judgement.status) == "滞后于进度"  # 300 of the ~500 due by mid-2026
    assert str(judgement.light) == "red"  # binding: the projection misses


def test_delegated_target_waits_for_the_figure_from_above(cast: Cast) -> None:
    ind = update_object(
        instance=cast.indicators["gdp"],
        data={"annual_text": "[确保完成市下达指标]"},
        by=cast.wang_admin,
    )
    ind = Indicator.objects.get(pk=ind.pk)
    assert str(judging.judge_indicator(ind).status) == "待上级下达"
    ind = update_object(instance=ind, data={"delegated_value": Decimal("5")}, by=cast.wang_admin)
    ind = Indicator.objects.get(pk=ind.pk)
    assert str(judging.judge_indicator(ind).status) != "待上级下达"


def test_relative_target_is_judged_against_the_linked_indicator(cast: Cast) -> None:
    gdp = cast.indicators["gdp"]
    income = Indicator.objects.create(
        region=cast.region,
        version=cast.version,
        name="居民人均可支配收入增长",
        unit="%",
        baseline_year=2025,
        baseline_value=Decimal("5.0"),
        annual_text="与经济增长基本同步",
    )
    observe(cast, income, 2026, "5.0", "H1")
    assert str(judging.judge_indicator(income).status) == "定性评价"
    income = update_object(instance=income, data={"reference": gdp}, by=cast.wang_admin)
    judgement = judging.judge_indicator(Indicator.objects.get(pk=income.pk))
    assert str(judgement.status) == "基本符合预期"


def test_qualitative_target_takes_the_reviewers_judgement_and_reason(cast: Cast) -> None:
    air = Indicator.objects.create(
        region=cast.region,
        version=cast.version,
        name="空气质量",
        attribute="binding",
        target_text="全面稳定达到国家二级标准",
        review_status="基本符合预期",
        review_reason="PM2.5年均浓度28微克/立方米,优良天数比例86%",
    )
    judgement = judging.judge_indicator(air)
    assert str(judgement.status) == "定性评价"
    assert "优良天数比例86%" in judgement.explanation


def test_tasks_are_judged_by_their_time_nodes_and_progress(cast: Cast) -> None:
    shared = cast.tasks["shared"]  # due 2026-12-31: 36 days after AS_OF
    assert str(judging.judge_task(shared).status) == "暂无数据"  # nothing reported yet
    shared.progress = Decimal("90")
    assert str(judging.judge_task(shared).status) == "按期推进"
    assert str(judging.judge_task(shared, dt.date(2026, 12, 10)).status) == "即将到期"
    assert str(judging.judge_task(shared, dt.date(2027, 1, 5)).status) == "已逾期"
    shared.completed_on = dt.date(2026, 12, 1)
    assert str(judging.judge_task(shared, dt.date(2027, 1, 5)).status) == "已完成"


def test_projects_are_judged_on_this_years_investment(cast: Cast) -> None:
    project = cast.project
    InvestmentPlan.objects.create(
        region=cast.region,
        project=project,
        year=2026,
        planned=Decimal("12000"),
        completed=Decimal("4000"),
    )
    judgement = judging.judge_project(project)  # 1/3 done at 90% of the year
    assert str(judgement.status) == "滞后于进度"
    assert judgement.rule.text


def test_lists_show_status_and_light_everywhere(cast: Cast, client_for: Any) -> None:
    client = client_for("wang_admin")
    for name in ("indicators-list", "tasks-list", "projects-list"):
        page = client.get(reverse(name)).content.decode()
        assert "badge" in page and 'title="' in page, name
    home = client.get(reverse("plan-home", args=[cast.plan.pk])).content.decode()
    assert "基本符合预期" in home and "status-dot" in home


def test_indicator_page_explains_its_status(cast: Cast, client_for: Any) -> None:
    page = client_for("wang_admin").get(
        reverse("indicators-detail", args=[cast.indicators["gdp"].pk])
    )
    judgement = page.context["judgement"]
    text = page.content.decode()
    assert judgement.explanation in text
    assert [c.year for c in judgement.checkpoints] == [2026, 2027, 2028, 2029, 2030]
    assert judgement.checkpoints[0].first_year and judgement.checkpoints[2].third_year
