"""Dashboards: the plan overview, a unit's view, a leader's view, their exports and their
query counts (the same for a small plan and a much larger one)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from lantu.division.models import Assignment, TimeNode
from lantu.indicators.models import Indicator, Observation
from lantu.projects.models import InvestmentPlan, Project
from lantu.tasks.models import Task
from tests.cast import Cast

Make = Callable[[str], Client]


def grow(cast: Cast, n: int) -> None:
    """Add ``n`` indicators, tasks and projects with their rows, led by the education bureau
    and the street in turn."""
    region, version = cast.region, cast.version
    for i in range(n):
        unit = cast.units["education" if i % 2 else "street"]
        ind = Indicator.objects.create(
            region=region,
            version=version,
            name=f"新增指标{i}",
            unit="个",
            attribute="binding" if i % 3 == 0 else "expected",
            category=f"类别{i % 4}",
            baseline_year=2025,
            baseline_value=Decimal(100),
            target_year=2030,
            target_text="200",
        )
        Observation.objects.create(
            region=region,
            indicator=ind,
            year=2026,
            period="H1",
            period_end=dt.date(2026, 6, 30),
            value=Decimal(100 + i),
        )
        Assignment.objects.create(region=region, indicator=ind, unit=unit, role="lead")
        task = Task.objects.create(
            region=region, version=version, title=f"新增任务{i}", progress=Decimal(i % 100)
        )
        Assignment.objects.create(region=region, task=task, unit=unit, role="lead")
        TimeNode.objects.create(
            region=region, task=task, text="2026年底前", kind="deadline", due=dt.date(2026, 12, 31)
        )
        project = Project.objects.create(
            region=region,
            version=version,
            name=f"新增项目{i}",
            category="social",
            owner_unit=unit,
            planned_start=dt.date(2026, 3, 1),
        )
        Assignment.objects.create(region=region, project=project, unit=unit, role="lead")
        InvestmentPlan.objects.create(
            region=region,
            project=project,
            year=2026,
            planned=Decimal(1000),
            completed=Decimal(300),
        )


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("who", "name"),
    [
        ("wang_admin", "overview"),
        ("chen_leader", "overview"),
        ("li_reporter", "unit-view"),
        ("chen_leader", "leader-view"),
    ],
)
def test_dashboards_take_the_same_queries_whatever_the_plan_size(
    cast: Cast, client_for: Make, today: dt.date, who: str, name: str
) -> None:
    client = client_for(who)
    args = {
        "overview": [cast.plan.pk],
        "unit-view": [cast.units["education"].pk],
        "leader-view": [],
    }[name]
    url = reverse(name, args=args)
    grow(cast, 2)  # one item of each kind for each unit, so that every prefetch runs
    # The first look judges what changed (stores standings); later looks only count.
    first_small = count_queries(client, url)
    small = count_queries(client, url)
    grow(cast, 40)
    first_large = count_queries(client, url)
    large = count_queries(client, url)
    assert small == large
    assert first_small == first_large
    assert small <= {"overview": 25, "unit-view": 30, "leader-view": 20}[name]


def test_overview_shows_statuses_and_the_items_behind_a_figure(
    cast: Cast, client_for: Make, today: dt.date
) -> None:
    grow(cast, 3)
    client = client_for("wang_admin")
    page = client.get(reverse("overview", args=[cast.plan.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "lantu-charts" in text and "echarts.min.js" in text
    assert "monitoring/_accepted_only.html" not in text  # included, not printed
    assert f"/indicators/?version={cast.version.pk}&amp;attribute=binding" in text
    charts = page.context["charts"]
    assert {c.key for c in charts} == {"ind-attr", "ind-cat", "ind-status", "task", "proj"}
    # Every bar is the size of its bucket and links to it.
    for chart in charts:
        for s in chart.series:
            for cell in s["data"]:
                assert bool(cell["url"]) == bool(cell["value"])
    # Three tasks of the cast have no progress; the new ones have 0..2 %: all are slow on
    # 5 July (half the year gone), so the mid-year check is not met.
    mid = page.context["midyear"]
    assert mid["due"] and not mid["met"]
    listed = client.get(reverse("overview", args=[cast.plan.pk]), {"show": "task:slow"})
    body = listed.content.decode()
    assert cast.tasks["school"].title in body and "新增任务2" in body
    # The late projects: planned start 1 March 2026 without an actual start.
    late = client.get(reverse("overview", args=[cast.plan.pk]), {"show": "proj:late-stages"})
    assert "新增项目0" in late.content.decode()
    assert cast.project.name not in late.content.decode()
    # Investment: 3 × 300 completed of 3 × 1000 planned.
    assert page.context["projects"]["completed"] == Decimal(900)
    assert str(page.context["projects"]["completed"]) == "900.00"  # to the fen, no float noise
    assert page.context["projects"]["planned"] == Decimal(3000)


def test_binding_indicators_at_risk_come_first(
    cast: Cast, client_for: Make, today: dt.date
) -> None:
    grow(cast, 6)
    page = client_for("wang_admin").get(reverse("overview", args=[cast.plan.pk]))
    at_risk = page.context["at_risk"].items
    assert at_risk, "the new indicators barely moved towards 200: they are behind"
    assert page.context["at_risk"].count == len(at_risk)
    flags = [i.is_binding for i in at_risk]
    assert flags == sorted(flags, reverse=True)
    assert any(flags)


def plan_from_2025(cast: Cast) -> None:
    """Start the cast's plan a year earlier, so that 5 July 2025 lies in its period."""
    cast.plan.start_year = 2025
    cast.plan.save(update_fields=["start_year"])


def test_comparison_with_last_year_judges_again_on_that_day(
    cast: Cast, client_for: Make, today: dt.date
) -> None:
    plan_from_2025(cast)
    grow(cast, 2)
    page = client_for("wang_admin").get(reverse("overview", args=[cast.plan.pk]))
    cmp = page.context["compare"]
    assert cmp["date"] == dt.date(2025, 7, 5)
    then = {label: c["value"] for label, c, _now in cmp["rows"]}
    now = {label: c["value"] for label, _then, c in cmp["rows"]}
    total = page.context["counts"]["indicators"]
    assert sum(then.values()) == sum(now.values()) == total
    # A year earlier no 2026 figure was known: no indicator had a red or yellow light.
    assert sum(v for label, v in then.items() if label in {"red", "yellow", "红", "黄"}) == 0


def test_comparison_counts_time_nodes_overdue_then_and_now(
    cast: Cast, client_for: Make, today: dt.date
) -> None:
    plan_from_2025(cast)
    grow(cast, 2)
    task = Task.objects.get(title="新增任务0")
    for text, met in (("2026年3月底前", None), ("2025年3月底前", dt.date(2025, 9, 1))):
        TimeNode.objects.create(region=cast.region, task=task, text=text, met_on=met)
    cmp = client_for("wang_admin").get(reverse("overview", args=[cast.plan.pk])).context["compare"]
    live = {"task__version": cast.version, "task__is_archived": False}
    overdue_now = (
        TimeNode.objects.filter(**live, due__lt=today, met_on__isnull=True)
        .exclude(task__completed_on__lte=today)
        .count()
    )
    assert cmp["nodes_now"] == overdue_now >= 1
    # On 5 July 2025 the node due on 31 March 2025 was not met yet (met on 1 September).
    assert cmp["nodes_then"] >= 1


def test_overview_exports_what_it_shows(cast: Cast, client_for: Make, today: dt.date) -> None:
    grow(cast, 2)
    client = client_for("wang_admin")
    response = client.get(reverse("overview-xlsx", args=[cast.plan.pk]), {"show": "task:slow"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 3
    values = [c for row in book.worksheets[0].iter_rows(values_only=True) for c in row if c]
    assert cast.plan.name in values
    listed = [row[0] for row in book.worksheets[2].iter_rows(values_only=True)]
    assert "新增任务1" in listed and cast.tasks["street"].title in listed
    same = client.get(reverse("overview", args=[cast.plan.pk]), {"format": "xlsx"})
    assert same["Content-Type"] == response["Content-Type"]


def test_unit_view_lists_what_the_unit_leads_or_cooperates_on(
    cast: Cast, client_for: Make, today: dt.date
) -> None:
    client = client_for("li_reporter")
    page = client.get(reverse("unit-view", args=[cast.units["education"].pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert cast.tasks["school"].title in text and cast.tasks["shared"].title in text
    assert cast.tasks["street"].title not in text
    assert cast.indicators["school"].name in text and cast.indicators["gdp"].name not in text
    export = client.get(reverse("unit-view-xlsx", args=[cast.units["education"].pk]))
    book = load_workbook(io.BytesIO(export.content))
    tasks = [row[0] for row in book.worksheets[1].iter_rows(values_only=True)]
    assert cast.tasks["shared"].title in tasks


def test_unit_view_lists_the_worst_first_and_exports_them_all(
    cast: Cast, client_for: Make, today: dt.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lantu.monitoring import overview as ov

    monkeypatch.setattr(ov, "LISTED", 2)
    grow(cast, 8)  # four more items of each kind for the education bureau
    client = client_for("li_reporter")
    unit = cast.units["education"]
    page = client.get(reverse("unit-view", args=[unit.pk]))
    indicators = page.context["sections"][0]
    assert indicators.kind == "indicator" and indicators.count > 2
    assert len(indicators.items) == 2 and all(x.role_here for x in indicators.items)
    assert "导出（.xlsx）包含全部" in page.content.decode()
    behind = [ov.light_of(x) in {"red", "yellow"} for x in indicators.items]
    assert behind == sorted(behind, reverse=True)
    assert page.context["summary"]["total"] == sum(s.count for s in page.context["sections"])
    export = client.get(reverse("unit-view-xlsx", args=[unit.pk]))
    book = load_workbook(io.BytesIO(export.content))
    rows = [r for r in book.worksheets[0].iter_rows(values_only=True) if r[0]]
    assert len(rows) == indicators.count + 1  # the header and every indicator


def test_every_figure_of_a_unit_opens_the_items_it_counts(
    cast: Cast, client_for: Make, today: dt.date
) -> None:
    from lantu.monitoring import services
    from lantu.monitoring.models import Warning

    grow(cast, 8)
    services.refresh(plan=cast.plan, today=today)
    client = client_for("chen_leader")
    unit = cast.units["education"]
    url = reverse("unit-view", args=[unit.pk])
    summary = client.get(url).context["summary"]
    # The leader's table links each figure to the unit's view narrowed to it.
    leader = client.get(reverse("leader-view")).content.decode()
    assert f"{url}?plan={cast.plan.pk}&amp;only=behind" in leader
    for key, n in [*summary["lights"], ("behind", summary["behind"])]:
        page = client.get(url, {"only": key})
        assert page.context["only"] == key
        assert sum(s.count for s in page.context["sections"]) == n, key
        assert f"only={key}" in page.content.decode()
        for section in page.context["sections"]:
            for x in section.items:
                judged = x.judgement
                assert judged.behind if key == "behind" else (judged.light or "none") == key
    assert client.get(url, {"only": "bogus"}).context["only"] == ""
    # The export lists what the narrowed page lists.
    page = client.get(url, {"only": "behind"})
    assert f"?plan={cast.plan.pk}&amp;only=behind" in page.content.decode()
    export = client.get(reverse("unit-view-xlsx", args=[unit.pk]), {"only": "behind"})
    book = load_workbook(io.BytesIO(export.content))
    exported = sum(len([r for r in ws.iter_rows(values_only=True) if r[0]]) - 1 for ws in book)
    assert exported == summary["behind"]
    # The open warnings: the same number as the warning list filtered by the unit.
    page = client.get(url)
    listed = client.get(reverse("warning-list"), {"unit": unit.pk}).context["page"]
    assert page.context["open_warnings"] == listed.paginator.count > 0
    assert Warning.objects.filter(closed_at__isnull=True).count() >= listed.paginator.count
    assert f"{reverse('warning-list')}?unit={unit.pk}" in page.content.decode()


@pytest.mark.parametrize(
    ("who", "unit", "status"),
    [
        ("li_reporter", "street", 404),
        ("zhao_street", "street", 200),
        ("chen_leader", "street", 200),
        ("liu_congress", "education", 200),
        ("outsider", "education", 404),
    ],
)
def test_unit_view_is_for_those_who_may_view_the_units_items(
    cast: Cast, client_for: Make, who: str, unit: str, status: int
) -> None:
    response = client_for(who).get(reverse("unit-view", args=[cast.units[unit].pk]))
    assert response.status_code == status


def test_leader_view_shows_the_portfolio_side_by_side(
    cast: Cast, client_for: Make, today: dt.date
) -> None:
    grow(cast, 4)
    client = client_for("chen_leader")
    page = client.get(reverse("leader-view"))
    assert page.status_code == 200
    rows = {r["unit"].name: r for r in page.context["rows"]}
    assert set(rows) == {"区教育局", "东湖街道"}
    # education: indicator school, tasks school + shared, and two of the new items of each kind
    assert rows["区教育局"]["total"] == 3 + 6
    assert rows["东湖街道"]["behind"] >= 1
    export = client.get(reverse("leader-view-xlsx"))
    book = load_workbook(io.BytesIO(export.content))
    names = [row[0] for row in book.worksheets[0].iter_rows(values_only=True)]
    assert "区教育局" in names and "东湖街道" in names


def test_leader_sees_each_units_open_and_escalated_warnings(
    cast: Cast, client_for: Make, today: dt.date
) -> None:
    from lantu.monitoring import services
    from lantu.monitoring.models import Warning

    grow(cast, 4)
    services.refresh(plan=cast.plan, today=today)
    street = cast.units["street"]
    escalated = Warning.objects.filter(Warning.scope_q({street.pk})).first()
    assert escalated is not None
    Warning.objects.filter(pk=escalated.pk).update(
        escalated_at=dt.datetime(2026, 7, 1, tzinfo=dt.UTC)
    )
    client = client_for("chen_leader")
    page = client.get(reverse("leader-view"))
    rows = {r["unit"].name: r for r in page.context["rows"]}
    for name, row in rows.items():
        listed = client.get(reverse("warning-list"), {"unit": row["unit"].pk}).context["page"]
        assert row["warnings"] == listed.paginator.count, name
        up = client.get(reverse("warning-list"), {"unit": row["unit"].pk, "state": "escalated"})
        assert row["escalated"] == up.context["page"].paginator.count, name
    assert rows["东湖街道"]["escalated"] == 1 and rows["东湖街道"]["warnings"] > 1
    assert f"?unit={street.pk}&amp;state=escalated" in page.content.decode()
    api = client.get("/api/v1/monitoring/warnings", {"state": "escalated", "unit": street.pk})
    assert [w["id"] for w in api.json()["items"]] == [escalated.pk]
    book = load_workbook(io.BytesIO(client.get(reverse("leader-view-xlsx")).content))
    header, *data = list(book.worksheets[0].iter_rows(values_only=True))
    assert header[-2:] == ("未关闭的预警", "升级督办")
    assert any(r[0] == "东湖街道" and r[-1] == 1 for r in data)


def test_leader_without_portfolio_sees_all_units(cast: Cast, client_for: Make) -> None:
    from lantu.organizations.models import Membership

    Membership.objects.get(person=cast.chen_leader).chosen_units.clear()
    page = client_for("chen_leader").get(reverse("leader-view"))
    names = {r["unit"].name for r in page.context["rows"]}
    assert {"区教育局", "东湖街道", "区发展改革委"} <= names


@pytest.mark.parametrize("who", ["li_reporter", "outsider", "sun_sysadmin"])
def test_leader_view_is_for_leaders(cast: Cast, client_for: Make, who: str) -> None:
    assert client_for(who).get(reverse("leader-view")).status_code in {403, 404}


def test_overview_is_reached_from_the_plan_home_and_the_menu(cast: Cast, client_for: Make) -> None:
    client = client_for("wang_admin")
    home = client.get(reverse("plan-home", args=[cast.plan.pk])).content.decode()
    assert reverse("overview", args=[cast.plan.pk]) in home
    assert reverse("overview-current") in home
    response = client.get(reverse("overview-current"))
    assert response.status_code == 302
    assert response["Location"] == reverse("overview", args=[cast.plan.pk])


def test_overview_of_an_unseen_plan_is_not_found(cast: Cast, client_for: Make) -> None:
    assert client_for("outsider").get(reverse("overview", args=[cast.plan.pk])).status_code == 404


def test_a_finished_plan_is_read_as_it_ended(cast: Cast, client_for: Make, today: dt.date) -> None:
    grow(cast, 1)
    cast.plan.start_year, cast.plan.end_year, cast.plan.status = 2021, 2025, "finished"
    cast.plan.save(update_fields=["start_year", "end_year", "status"])
    page = client_for("wang_admin").get(reverse("overview", args=[cast.plan.pk]))
    assert page.context["as_of"] == dt.date(2025, 12, 31)
    assert page.context["compare"]["date"] == dt.date(2024, 12, 31)
    assert "截至2025年12月31日" in page.content.decode()


def test_every_status_has_its_colour_on_the_charts(
    cast: Cast, client_for: Make, today: dt.date
) -> None:
    grow(cast, 1)
    charts = (
        client_for("wang_admin").get(reverse("overview", args=[cast.plan.pk])).context["charts"]
    )
    colours = {s["name"]: s["color"] for chart in charts for s in chart.series}
    assert all(colours.values()), "no series is left to the chart library's palette"
    red = colours["红"]
    assert colours["滞后于进度"] == colours["已逾期"] == red
    assert colours["暂无数据"] == colours["未亮灯"] != red
    assert colours["已完成"] == colours["提前实现"] == colours["绿"]


def test_in_a_plans_first_year_there_is_nothing_to_compare(
    cast: Cast, client_for: Make, today: dt.date
) -> None:
    grow(cast, 1)
    client = client_for("wang_admin")
    page = client.get(reverse("overview", args=[cast.plan.pk]))
    cmp = page.context["compare"]
    assert cmp["before_plan"] and cmp["date"] == dt.date(2025, 7, 5)
    assert all(then["value"] is None for _label, then, _now in cmp["rows"])
    assert cmp["done_then"] is cmp["nodes_then"] is cmp["late_then"] is None
    assert "上年同期本规划尚未开始实施" in page.content.decode()
    book = load_workbook(
        io.BytesIO(client.get(reverse("overview-xlsx", args=[cast.plan.pk])).content)
    )
    rows = {row[0]: row[1:3] for row in book.worksheets[0].iter_rows(values_only=True) if row}
    assert rows["已完成的重点任务"] == ("—", cmp["done_now"])
    assert rows["红"][0] == "—"


def test_mid_year_check_sets_each_task_against_its_own_time(
    cast: Cast, client_for: Make, today: dt.date
) -> None:
    """时间过半、任务过半: a three-year task 20 % done on 5 July of its first year is ahead of
    its time (17 % gone), though behind half the year; ongoing work has no time to keep."""
    long = Task.objects.create(
        region=cast.region, version=cast.version, title="三年任务", progress=Decimal(20)
    )
    TimeNode.objects.create(region=cast.region, task=long, text="2028年底前")
    short = Task.objects.create(
        region=cast.region, version=cast.version, title="年内任务", progress=Decimal(40)
    )
    TimeNode.objects.create(region=cast.region, task=short, text="2026年底前")
    ongoing = Task.objects.create(
        region=cast.region, version=cast.version, title="持续任务", progress=Decimal(10)
    )
    TimeNode.objects.create(region=cast.region, task=ongoing, text="持续推进")
    client = client_for("wang_admin")
    url = reverse("overview", args=[cast.plan.pk])
    mid = client.get(url).context["midyear"]
    assert mid["due"]
    pace = client.get(url, {"show": "task:pace"}).context["shown"].items
    slow = client.get(url, {"show": "task:slow"}).context["shown"].items
    undated = client.get(url, {"show": "task:undated"}).context["shown"].items
    assert "三年任务" in {t.title for t in pace}
    assert "年内任务" in {t.title for t in slow}  # 40 % done with 51 % of its year gone
    assert "持续任务" in {t.title for t in undated}
    assert mid["pace"].count + mid["slow"].count + mid["undated"].count == Task.objects.count()
    assert mid["ratio"] == (
        Decimal(mid["pace"].count) * 100 / (mid["pace"].count + mid["slow"].count)
    ).quantize(Decimal("0.1"))


def test_mid_year_check_without_dated_tasks_has_no_verdict(
    cast: Cast, client_for: Make, today: dt.date
) -> None:
    Task.objects.all().delete()
    client = client_for("wang_admin")
    page = client.get(reverse("overview", args=[cast.plan.pk]))
    assert page.context["midyear"]["ratio"] is None and not page.context["midyear"]["met"]
    text = page.content.decode()
    assert "暂无可检查的任务" in text and "未达到" not in text
    # No empty chart is drawn for the tasks: the card says there is nothing to count.
    assert text.count("本规划暂无此类事项。") == 1 and 'data-chart="task"' not in text
