"""Every list and page has a fixed number of queries, whatever the plan's size."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lantu.division.models import Assignment, TimeNode
from lantu.indicators.models import Indicator, IndicatorMilestone, Observation
from lantu.organizations.models import Membership, Person, Unit
from lantu.plans.models import Section
from lantu.projects.models import Project
from lantu.tasks.models import Task
from tests.cast import Cast

PAGES = [
    "units-list",
    "people-list",
    "memberships-list",
    "plans-list",
    "sections-list",
    "indicators-list",
    "assignments-list",
    "timenodes-list",
    "milestones-list",
    "observations-list",
    "tasks-list",
    "projects-list",
    "division-mine",
]


def grow(cast: Cast, n: int, start: int = 0) -> None:
    """Add n more of everything, each with assignments and time nodes."""
    region, version = cast.region, cast.version
    edu, street = cast.units["education"], cast.units["drc"]
    for i in range(start, start + n):
        unit = Unit.objects.create(
            region=region, name=f"测试单位{i}", kind="department", path=f"/x{i}/"
        )
        person = Person.objects.create(username=f"p{i}", region=region)
        Membership.objects.create(
            region=region, person=person, unit=unit, role="reporter", scope="own"
        )
        Section.objects.create(region=region, version=version, title=f"第{i}节")
        task = Task.objects.create(region=region, version=version, title=f"任务{i}")
        ind = Indicator.objects.create(
            region=region, version=version, name=f"指标{i}", baseline_value=Decimal(i)
        )
        project = Project.objects.create(
            region=region, version=version, name=f"项目{i}", category="social", owner_unit=unit
        )
        for item in ({"task": task}, {"indicator": ind}, {"project": project}):
            Assignment.objects.create(region=region, unit=edu, role="lead", **item)
            Assignment.objects.create(region=region, unit=street, role="cooperating", **item)
            TimeNode.objects.create(
                region=region, text="2027年底前", due=dt.date(2027, 12, 31), **item
            )
        IndicatorMilestone.objects.create(region=region, indicator=ind, year=2026, text="5左右")
        Observation.objects.create(
            region=region,
            indicator=ind,
            year=2026,
            period="Y",
            period_end=dt.date(2026, 12, 31),
            value=Decimal("1.5"),
        )


def count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("username", ["wang_admin", "li_reporter", "sun_sysadmin"])
def test_lists_have_a_fixed_query_count(cast: Cast, client_for: Any, username: str) -> None:
    client = client_for(username)
    pages = [p for p in PAGES if client.get(reverse(p)).status_code == 200]
    grow(cast, 1)  # every list has a row: an empty list skips its prefetches
    small = {p: count(client, reverse(p)) for p in pages}
    grow(cast, 30, start=1)
    large = {p: count(client, reverse(p)) for p in pages}
    assert large == small
    assert max(small.values()) <= 14, small


def test_plan_home_and_detail_pages_have_a_fixed_query_count(cast: Cast, client_for: Any) -> None:
    client = client_for("wang_admin")
    urls = [
        reverse("plan-home", args=[cast.plan.pk]),
        reverse("indicators-detail", args=[cast.indicators["gdp"].pk]),
        reverse("tasks-detail", args=[cast.tasks["school"].pk]),
    ]
    grow(cast, 1)
    small = [count(client, u) for u in urls]
    grow(cast, 20, start=1)
    for i in range(21):
        Indicator.objects.filter(name=f"指标{i}").update(source="main_table")
    assert [count(client, u) for u in urls] == small
