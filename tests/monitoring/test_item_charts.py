"""Item pages: an indicator's path, a task's time nodes and reports, a project's investment and
stages, drawn from accepted data only, each with a table view and a fixed query count."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lantu.indicators.models import IndicatorMilestone, Observation
from lantu.monitoring import item_charts, judging
from lantu.projects.models import InvestmentPlan, Project
from lantu.reporting import services
from lantu.reporting.models import Cycle, Report
from lantu.reporting.templatetags.reporting import cn_date
from lantu.tasks.models import Task
from tests.cast import Cast

pytestmark = pytest.mark.django_db


def series(chart: dict[str, Any], key: str) -> list[tuple[str, float | None]]:
    found = [s for s in chart["data"]["series"] if s["key"] == key]
    return [(p["date"], p["value"]) for p in found[0]["points"]] if found else []


def indicator(cast: Cast) -> Any:
    from lantu.indicators.models import Indicator

    base = Indicator.objects.select_related(*judging.INDICATOR_SELECT)
    return base.prefetch_related(*judging.INDICATOR_PREFETCH).get(pk=cast.indicators["school"].pk)


def open_yearly(cast: Cast, cycle: Cycle) -> None:
    services.update_cycle(
        cycle=cycle,
        by=cast.wang_admin,
        opens_on=dt.date(2026, 7, 1),
        deadline=dt.date(2027, 1, 31),
        grace_days=5,
    )


def test_indicator_chart_shows_an_observation_only_once_accepted(cast, cycles):
    IndicatorMilestone.objects.create(
        region=cast.region, indicator=cast.indicators["school"], year=2026, text="新增1000个"
    )
    open_yearly(cast, cycles["Y"])
    report = Report.objects.get(cycle=cycles["Y"], indicator=cast.indicators["school"])
    services.save_draft(report=report, by=cast.li_reporter, data={"value": Decimal("1200")})
    services.submit(report=report, by=cast.li_reporter)
    services.approve(report=report, by=cast.zhang_reviewer)
    ind = indicator(cast)
    before = item_charts.for_indicator(ind, judging.judge_indicator(ind))
    assert series(before, "accepted") == []  # approved is not accepted
    services.accept(report=report, by=cast.wang_admin)
    ind = indicator(cast)
    judgement = judging.judge_indicator(ind)
    chart = item_charts.for_indicator(ind, judgement)
    assert series(chart, "accepted") == [("2026-12-31", 1200.0)]
    assert series(chart, "baseline") == [("2025-12-31", 0.0)]
    assert series(chart, "milestones") == [("2026-12-31", 1000.0)]
    assert series(chart, "target") == [("2030-12-31", 5000.0)]
    schedule = series(chart, "schedule")
    assert schedule[0] == ("2025-12-31", 0.0) and schedule[-1] == ("2030-12-31", 5000.0)
    assert [d for d, _ in schedule] == [f"{y}-12-31" for y in range(2025, 2031)]
    projection = series(chart, "projection")
    assert projection[-1] == ("2030-12-31", float(judgement.projection))
    assert projection[0] == ("2026-12-31", 1200.0)
    rows = chart["tables"][0]["rows"]
    assert [r["cells"][0] for r in rows] == [str(y) for y in range(2025, 2031)]
    year_2026 = rows[1]
    assert year_2026["strong"] and "1200" in year_2026["cells"][5]
    assert year_2026["cells"][3] == "新增1000个"
    assert rows[-1]["cells"][4] == Decimal("5000")
    assert any(str(judgement.status) in line for line in chart["summary"])


def test_indicator_chart_with_a_year_to_date_figure(cast):
    ind = indicator(cast)
    ind = (
        type(ind)
        .objects.select_related(*judging.INDICATOR_SELECT)
        .prefetch_related(*judging.INDICATOR_PREFETCH)
        .get(pk=cast.indicators["gdp"].pk)
    )
    chart = item_charts.for_indicator(ind, judging.judge_indicator(ind))
    assert series(chart, "accepted") == [("2026-06-30", 5.1)]
    assert chart["data"]["unit"] == "%"


def submit_task_report(cast: Cast, cycle: Cycle, progress: int) -> Report:
    report = Report.objects.get(cycle=cycle, task=cast.tasks["school"])
    services.save_draft(
        report=report, by=cast.li_reporter, data={"done": "在建", "progress": progress}
    )
    services.submit(report=report, by=cast.li_reporter)
    return report


def test_task_chart_shows_time_nodes_and_reports_accepted_marked(cast, cycles):
    report = submit_task_report(cast, cycles["H1"], 40)
    task = Task.objects.select_related("version__plan").get(pk=cast.tasks["school"].pk)
    judgement = judging.judge_task(task)
    chart = item_charts.for_task(
        task, judgement, list(item_charts.lead_reports(task, cast.wang_admin))
    )
    assert series(chart, "in_review") == [("2026-06-30", 40.0)]
    assert series(chart, "accepted") == []
    services.approve(report=report, by=cast.zhang_reviewer)
    services.accept(report=report, by=cast.wang_admin)
    task.refresh_from_db()
    judgement = judging.judge_task(task)
    reports = list(item_charts.lead_reports(task, cast.wang_admin))
    assert {r.cycle.period for r in reports} == {"H1", "H2"}  # the task is half-yearly
    chart = item_charts.for_task(task, judgement, reports)
    assert series(chart, "accepted") == [("2026-06-30", 40.0)]
    assert series(chart, "in_review") == []
    assert series(chart, "elapsed") == [("2026-01-01", 0.0), ("2027-12-31", 100.0)]
    assert chart["data"]["marks"] == [{"date": "2027-12-31", "label": "2027年底前", "style": "due"}]
    nodes, rows = chart["tables"]
    assert nodes["rows"][0]["cells"][:2] == ["2027年底前", "2027年12月31日"]
    h1 = rows["rows"][0]
    report.refresh_from_db()
    submitted = timezone.localtime(report.first_submitted_at).date()
    assert h1["strong"] and h1["cells"][2] == Decimal(40) and h1["cells"][3] == cn_date(submitted)
    assert not rows["rows"][1]["strong"]  # H2, still a draft


def test_task_reports_are_the_lead_units_only_and_only_those_the_user_may_see(cast, cycles):
    shared = cast.tasks["shared"]  # the street leads, education cooperates
    admin = item_charts.lead_reports(shared, cast.wang_admin)
    assert {r.role for r in admin} == {"lead"} and len(admin) == 2
    assert list(item_charts.lead_reports(shared, cast.outsider)) == []


def test_project_chart_shows_investment_by_year_cumulative_and_stages(
    cast, cycles, street_reviewer
):
    project = cast.project
    InvestmentPlan.objects.create(region=cast.region, project=project, year=2026, planned=10000)
    InvestmentPlan.objects.create(region=cast.region, project=project, year=2027, planned=20000)
    Project.objects.filter(pk=project.pk).update(
        planned_start=dt.date(2026, 3, 31), planned_completion=dt.date(2028, 12, 31)
    )
    for period, amount in (("Q1", "800"), ("Q2", "1200")):
        report = Report.objects.get(cycle=cycles[period], project=project)
        data = {"invested_period": Decimal(amount), "invested_total": Decimal(amount)}
        stage = (
            ("preparation", dt.date(2026, 2, 1))
            if period == "Q1"
            else ("started", dt.date(2026, 5, 10))
        )
        data |= {"stage": stage[0], "stage_reached_on": stage[1]}
        services.save_draft(report=report, by=cast.zhao_street, data=data)
        services.submit(report=report, by=cast.zhao_street)
        services.approve(report=report, by=street_reviewer)
        if period == "Q1":
            services.accept(report=report, by=cast.wang_admin)
    project = Project.objects.prefetch_related(*judging.PROJECT_PREFETCH).get(pk=project.pk)
    chart = item_charts.for_project(project, judging.judge_project(project))
    assert series(chart, "completed") == [("2026-07-01", 800.0)]  # Q2 not accepted yet
    services.accept(
        report=Report.objects.get(cycle=cycles["Q2"], project=project), by=cast.wang_admin
    )
    project = Project.objects.prefetch_related(*judging.PROJECT_PREFETCH).get(pk=project.pk)
    chart = item_charts.for_project(project, judging.judge_project(project))
    assert series(chart, "planned") == [("2026-07-01", 10000.0), ("2027-07-01", 20000.0)]
    assert series(chart, "cum_planned") == [("2026-12-31", 10000.0), ("2027-12-31", 30000.0)]
    assert series(chart, "completed") == [("2026-07-01", 2000.0)]
    assert series(chart, "cum_completed") == [("2026-07-05", 2000.0)]
    marks = {(m["date"], m["style"]) for m in chart["data"]["marks"]}
    assert marks == {
        ("2026-02-01", "done"),
        ("2026-03-31", "planned"),
        ("2026-05-10", "done"),
        ("2028-12-31", "planned"),
    }
    money, stages = chart["tables"]
    assert money["rows"][0]["cells"] == [
        "2026",
        Decimal(10000),
        Decimal(2000),
        Decimal(10000),
        Decimal(2000),
    ]
    assert money["rows"][1]["cells"][3] == Decimal(30000) and money["rows"][1]["cells"][4] is None
    assert [r["cells"][1:3] for r in stages["rows"]] == [
        ["—", "2026年2月1日"],
        ["2026年3月31日", "2026年5月10日"],
        ["2028年12月31日", "—"],
    ]


def chart_json(html: str) -> dict[str, Any]:
    found = re.search(r'<script id="lantu-item-chart" type="application/json">(.*?)</script>', html)
    assert found, "the chart's data block is missing"
    return json.loads(found.group(1))


@pytest.mark.parametrize("page", ["indicators", "tasks", "projects"])
def test_item_pages_render_the_chart_and_its_table(cast, client_for, page):
    obj = {
        "indicators": cast.indicators["gdp"],
        "tasks": cast.tasks["school"],
        "projects": cast.project,
    }[page]
    html = client_for("wang_admin").get(reverse(f"{page}-detail", args=[obj.pk])).content.decode()
    data = chart_json(html)
    assert data["kind"] == page.rstrip("s")
    assert "lantu/item_charts.js" in html and "vendor/echarts/echarts.min.js" in html
    assert 'class="lantu-item-chart' in html and "<details" in html
    assert "http://" not in html and "https://" not in html


def count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_indicator_page_queries_do_not_grow_with_observations(cast, client_for):
    client = client_for("wang_admin")
    url = reverse("indicators-detail", args=[cast.indicators["gdp"].pk])
    one = count(client, url)
    for year in range(2027, 2031):
        Observation.objects.create(
            region=cast.region,
            indicator=cast.indicators["gdp"],
            year=year,
            period="Y",
            period_end=dt.date(year, 12, 31),
            value=5,
        )
        IndicatorMilestone.objects.create(
            region=cast.region, indicator=cast.indicators["gdp"], year=year, text="5%左右"
        )
    assert count(client, url) == one


def test_task_page_queries_do_not_grow_with_reports(cast, cycles, client_for):
    client = client_for("li_reporter")
    url = reverse("tasks-detail", args=[cast.tasks["school"].pk])
    one = count(client, url)
    services.generate_cycles(plan=cast.plan, year=2027, by=cast.wang_admin)
    services.generate_cycles(plan=cast.plan, year=2028, by=cast.wang_admin)
    submit_task_report(cast, cycles["H1"], 30)
    assert Report.objects.filter(task=cast.tasks["school"]).count() == 6
    html = client.get(url).content.decode()
    assert len(chart_json(html)["series"]) >= 2
    assert count(client, url) == one


def test_project_page_queries_do_not_grow_with_years(cast, client_for):
    client = client_for("wang_admin")
    url = reverse("projects-detail", args=[cast.project.pk])
    InvestmentPlan.objects.create(region=cast.region, project=cast.project, year=2026, planned=1)
    one = count(client, url)
    for year in range(2027, 2031):
        InvestmentPlan.objects.create(
            region=cast.region, project=cast.project, year=year, planned=year, completed=1
        )
    assert count(client, url) == one
