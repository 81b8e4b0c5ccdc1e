"""Stored judgements: the dashboards count them, so they must equal judging the items afresh,
be judged again as soon as anything they come from changes, and be kept by the jobs."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lantu.division.models import TimeNode
from lantu.indicators.models import Indicator, Observation
from lantu.monitoring import dashboard_xlsx, jobs, standings
from lantu.monitoring import overview as ov
from lantu.monitoring import portfolio as pf
from lantu.monitoring.models import Standing
from lantu.monitoring.standings import BEHIND
from lantu.projects.models import InvestmentPlan, Project
from lantu.tasks.models import Task
from tests.cast import Cast
from tests.monitoring.test_overview import Make, grow


def judged_afresh(cast: Cast, unit_ids: set[int] | None = None) -> list[Any]:
    """The items of the cast's version (optionally of some units), judged now, not stored."""
    s = ov.scope(cast.version, cast.people["wang_admin"], unit_ids=unit_ids, judged=False)
    found = []
    for kind, _model, judge, prefetch in standings.kinds():
        for item in s.of(kind).prefetch_related(*prefetch):
            item.judgement = judge(item, s.as_of)
            found.append(item)
    return found


def live_lights(cast: Cast, today: dt.date) -> Counter[str]:
    return Counter(ov.light_of(x) for x in judged_afresh(cast) if isinstance(x, Indicator))


def test_the_overview_counts_what_judging_afresh_finds(
    cast: Cast, client_for: Make, today: dt.date
) -> None:
    grow(cast, 9)
    page = client_for("wang_admin").get(reverse("overview", args=[cast.plan.pk]))
    chart = next(c for c in page.context["charts"] if c.key == "ind-attr")
    stored = Counter({s["name"]: sum(c["value"] for c in s["data"]) for s in chart.series})
    live = live_lights(cast, today)
    assert stored == Counter({str(ov.LIGHT_NAMES[k]): live[k] for k in ov.LIGHTS})
    total = Indicator.objects.filter(version=cast.version, is_archived=False).count()
    assert sum(live.values()) == page.context["counts"]["indicators"] == total > 9


def test_units_side_by_side_count_what_each_units_view_judges(
    cast: Cast, client_for: Make, today: dt.date
) -> None:
    grow(cast, 6)
    admin = cast.people["wang_admin"]
    units = [cast.units["education"], cast.units["street"]]
    rows = pf.side_by_side(units, ov.scope(cast.version, admin))
    for unit, row in zip(units, rows, strict=True):
        own = judged_afresh(cast, {unit.pk})
        lights = Counter(ov.light_of(x) for x in own)
        behind = [
            x for x in own if ov.light_of(x) in {"red", "yellow"} or x.judgement.status in BEHIND
        ]
        assert row["total"] == len(own) > 0
        assert row["lights"] == [(k, lights[k]) for k in ov.LIGHTS]
        assert row["behind"] == len(behind)


def test_a_new_figure_is_counted_at_once(cast: Cast, client_for: Make, today: dt.date) -> None:
    grow(cast, 1)
    client = client_for("wang_admin")
    url = reverse("overview", args=[cast.plan.pk])
    before = client.get(url).context["at_risk"].count
    ind = Indicator.objects.get(name="新增指标0")
    standing = Standing.objects.get(indicator=ind)
    assert standing.judged_on == today and standing.behind
    # Half-way through 2026 the indicator reaches its 2030 target of 200: on track at once.
    Observation.objects.filter(indicator=ind).update(value=Decimal(200))  # no signal here...
    standings.mark_stale(indicator=[ind.pk])  # ...so the writer clears it, as bulk writes do
    assert client.get(url).context["at_risk"].count == before - 1
    Observation.objects.filter(indicator=ind).delete()  # a signal per row: stale again
    assert Standing.objects.get(indicator=ind).judged_on is None
    assert client.get(url).context["at_risk"].count == before - 1
    assert Standing.objects.get(indicator=ind).status == "暂无数据"  # no figure any more


def figure_for_2025(cast: Cast, indicator: Indicator, value: str) -> None:
    Observation.objects.create(
        region=cast.region,
        indicator=indicator,
        year=2025,
        period="Y",
        period_end=dt.date(2025, 12, 31),
        value=Decimal(value),
    )


@pytest.mark.parametrize("change", ["observation", "node", "investment", "task", "reference"])
def test_every_source_of_a_judgement_makes_it_stale(
    cast: Cast, today: dt.date, change: str
) -> None:
    grow(cast, 1)
    standings.refresh(cast.version, today)
    ind = Indicator.objects.get(name="新增指标0")
    task = Task.objects.get(title="新增任务0")
    plan = InvestmentPlan.objects.get(project__name="新增项目0")
    if change == "observation":
        figure_for_2025(cast, ind, "90")
        stale = Standing.objects.get(indicator=ind)
    elif change == "node":
        TimeNode.objects.filter(task=task).first().delete()  # type: ignore[union-attr]
        stale = Standing.objects.get(task=task)
    elif change == "investment":
        plan.completed = Decimal(900)
        plan.save()
        stale = Standing.objects.get(project=plan.project)
    elif change == "task":
        task.progress = Decimal(80)
        task.save()
        stale = Standing.objects.get(task=task)
    else:  # an indicator compared with another is judged from the other's figures too
        other = Indicator.objects.exclude(pk=ind.pk).first()
        assert other is not None
        Indicator.objects.filter(pk=ind.pk).update(reference=other)
        standings.refresh(cast.version, today)
        figure_for_2025(cast, other, "1")
        stale = Standing.objects.get(indicator=ind)
    assert stale.judged_on is None
    assert Standing.objects.filter(judged_on=today).exists()  # the others stay current
    assert standings.refresh(cast.version, today, only_stale=True) >= 1
    assert standings.refresh(cast.version, today, only_stale=True) == 0


def test_yesterdays_standings_are_judged_again(cast: Cast, today: dt.date) -> None:
    grow(cast, 2)
    stored = standings.refresh(cast.version, today - dt.timedelta(days=1))
    live = {"version": cast.version, "is_archived": False}
    assert stored == sum(m.objects.filter(**live).count() for m in (Indicator, Task, Project))
    assert standings.refresh(cast.version, today, only_stale=True) == stored


def test_the_jobs_keep_the_standings(cast: Cast, today: dt.date) -> None:
    grow(cast, 2)
    jobs.nightly(today)
    live = {"version": cast.version, "is_archived": False}
    items = sum(m.objects.filter(**live).count() for m in (Indicator, Task, Project))
    assert Standing.objects.filter(judged_on=today).count() == items
    Standing.objects.update(judged_on=None)
    jobs.refresh_warnings.call(cast.plan.pk, today.isoformat())
    assert not Standing.objects.filter(judged_on=None).exists()


def test_long_lists_show_their_first_items_and_export_them_all(
    cast: Cast, client_for: Make, today: dt.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ov, "LISTED", 2)
    monkeypatch.setattr(ov, "AT_RISK", 1)
    grow(cast, 6)
    client = client_for("wang_admin")
    url = reverse("overview", args=[cast.plan.pk])
    page = client.get(url, {"show": "task:slow"})
    shown = page.context["shown"]
    assert shown.count > 2 and len(shown.items) == 2
    assert len(page.context["at_risk"].items) == 1 < page.context["at_risk"].count
    risky = client.get(url, {"show": "ind:at-risk"}).context
    assert len(risky["shown"].items) == 2 and len(risky["at_risk"].items) == 1
    assert f"{shown.count}" in page.content.decode()
    book = load_workbook(
        io.BytesIO(
            client.get(reverse("overview-xlsx", args=[cast.plan.pk]), {"show": "task:slow"}).content
        )
    )
    listed = [row[0] for row in book.worksheets[-1].iter_rows(values_only=True) if row[0]]
    assert len(listed) == shown.count + 1  # the header and every item


def test_an_item_written_without_signals_is_judged_before_counting(
    cast: Cast, today: dt.date
) -> None:
    standings.refresh(cast.version, today)
    assert standings.ensure(cast.version, today) == 0
    (task,) = Task.objects.bulk_create(
        [Task(region=cast.region, version=cast.version, title="批量导入的任务")]
    )
    assert not standings.is_current(cast.version, today)
    assert standings.ensure(cast.version, today) == 1
    assert Standing.objects.get(task=task).judged_on == today


def test_listed_items_show_the_stored_status_and_its_rule(
    cast: Cast, client_for: Make, today: dt.date
) -> None:
    grow(cast, 3)
    page = client_for("wang_admin").get(reverse("overview", args=[cast.plan.pk]))
    afresh = {x.pk: x.judgement for x in judged_afresh(cast) if isinstance(x, Indicator)}
    listed = page.context["at_risk"].items
    assert listed
    for item in listed:
        assert item.judgement.status == str(afresh[item.pk].status)
        assert item.judgement.explanation == afresh[item.pk].explanation
        assert item.judgement.explanation in page.content.decode()  # the badge's tooltip


def test_an_item_created_after_the_check_is_listed_without_a_status(
    cast: Cast, today: dt.date
) -> None:
    s = ov.scope(cast.version, cast.people["wang_admin"])
    (task,) = Task.objects.bulk_create(
        [Task(region=cast.region, version=cast.version, title="刚刚新增的任务")]
    )
    (row,) = standings.listed(cast.version, s.tasks.filter(pk=task.pk))
    assert row.judgement is None and row.label == "刚刚新增的任务"
    assert dashboard_xlsx.item_rows([row])[0][1:3] == ["", ""]
