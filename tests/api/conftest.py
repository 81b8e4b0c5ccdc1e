"""Fixtures for the API tests: bearer tokens, one sample object of every kind, and bulk rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from lantu.core.models import ApiToken
from lantu.division.models import Assignment, TimeNode
from lantu.indicators.models import Indicator, IndicatorMilestone, Observation
from lantu.organizations.models import Membership, Person, Unit
from lantu.plans.models import Plan, PlanVersion, Section
from lantu.projects.models import InvestmentPlan, Project
from lantu.tasks.models import Task
from tests.cast import Cast

API = "/api/v1"

# Every CRUD resource the API serves, by its path.
RESOURCES = (
    "units",
    "people",
    "memberships",
    "plans",
    "plan-versions",
    "sections",
    "indicators",
    "indicator-milestones",
    "observations",
    "tasks",
    "projects",
    "investment-plans",
    "assignments",
    "time-nodes",
)
ARCHIVABLE = ("units", "indicators", "tasks", "projects")


@dataclass
class Api:
    """A client with JSON helpers for /api/v1/."""

    client: Client
    headers: dict[str, str]

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(API + path, params, headers=self.headers)

    def post(self, path: str, data: Any) -> Any:
        return self.client.post(
            API + path, data, content_type="application/json", headers=self.headers
        )

    def patch(self, path: str, data: Any) -> Any:
        return self.client.patch(
            API + path, data, content_type="application/json", headers=self.headers
        )

    def delete(self, path: str) -> Any:
        return self.client.delete(API + path, headers=self.headers)


@pytest.fixture
def token_for(cast: Cast) -> Callable[[str], str]:
    """A fresh bearer token for one member of the cast."""

    def make(username: str) -> str:
        secret = ApiToken.new_token()
        ApiToken.objects.create(
            person=cast.people[username], name="test", digest=ApiToken.digest_of(secret)
        )
        return secret

    return make


@pytest.fixture
def api_as(client_for: Callable[[str], Client]) -> Callable[[str], Api]:
    """The API as one member of the cast, signed in by session (CSRF not enforced)."""

    def make(username: str) -> Api:
        return Api(client_for(username), {})

    return make


@pytest.fixture
def token_api_as(token_for: Callable[[str], str]) -> Callable[[str], Api]:
    """The API as one member of the cast, by bearer token and no session."""

    def make(username: str) -> Api:
        return Api(Client(), {"Authorization": f"Bearer {token_for(username)}"})

    return make


@pytest.fixture
def samples(cast: Cast) -> dict[str, Any]:
    """One object per resource, chosen so that the roles' data scopes split over them."""
    school = cast.indicators["school"]  # led by the education bureau
    milestone = IndicatorMilestone.objects.create(
        region=cast.region, indicator=school, year=2026, text="[1000]"
    )
    investment = InvestmentPlan.objects.create(
        region=cast.region, project=cast.project, year=2026, planned=Decimal("8000.00")
    )
    return {
        "units": cast.units["education"],
        "people": cast.li_reporter,
        "memberships": cast.li_reporter.memberships.get(),
        "plans": cast.plan,
        "plan-versions": cast.version,
        "sections": cast.section,
        "indicators": school,
        "indicator-milestones": milestone,
        "observations": cast.indicators["gdp"].observations.get(),  # the DRC's indicator
        "tasks": cast.tasks["school"],  # led by the education bureau
        "projects": cast.project,  # led by the street
        "investment-plans": investment,  # the street's project
        "assignments": cast.tasks["school"].assignments.get(),  # the education bureau's
        "time-nodes": cast.tasks["school"].timenodes.get(),
    }


def create_payloads(cast: Cast) -> dict[str, dict[str, Any]]:
    """A valid POST body for every resource."""
    v = cast.version.pk
    return {
        "units": {"name": "区科技局", "kind": "department", "parent": cast.units["government"].pk},
        "people": {"username": "xu_new", "password": "Lantu-2026-long", "full_name": "徐新"},
        "memberships": {
            "person": cast.outsider.pk,
            "unit": cast.units["education"].pk,
            "role": "reporter",
        },
        "plans": {
            "name": "示范区教育事业发展“十五五”规划",
            "kind": "special",
            "start_year": 2026,
            "end_year": 2030,
            "parent": cast.plan.pk,
        },
        "plan-versions": {"plan": cast.plan.pk, "number": 2, "label": "中期调整"},
        "sections": {"version": v, "number": "第二章", "title": "建设教育强区"},
        "indicators": {"version": v, "name": "每千人口拥有3岁以下婴幼儿托位数", "unit": "个"},
        "indicator-milestones": {"indicator": cast.indicators["gdp"].pk, "year": 2027, "text": "5"},
        "observations": {
            "indicator": cast.indicators["gdp"].pk,
            "year": 2026,
            "period": "Y",
            "period_end": "2026-12-31",
            "value": "5.3",
        },
        "tasks": {"version": v, "title": "建设智慧校园"},
        "projects": {"version": v, "name": "西山镇污水处理厂", "category": "ecology"},
        "investment-plans": {"project": cast.project.pk, "year": 2027, "planned": "12000.00"},
        "assignments": {
            "task": cast.tasks["street"].pk,
            "unit": cast.units["education"].pk,
            "role": "cooperating",
        },
        "time-nodes": {
            "task": cast.tasks["school"].pk,
            "text": "2026年6月底前",
            "due": "2026-06-30",
        },
    }


PATCH_PAYLOADS: dict[str, dict[str, Any]] = {
    "units": {"short_name": "教育局"},
    "people": {"title": "科员"},
    "memberships": {"scope": "subtree"},
    "plans": {"document_number": "示政发〔2026〕1号"},
    "plan-versions": {"note": "经区人大审查批准"},
    "sections": {"body": "坚持以经济建设为中心。"},
    "indicators": {"target_text": "[5000]"},
    "indicator-milestones": {"text": "[1200]"},
    "observations": {"note": "统计快报"},
    "tasks": {"content": "新建改扩建中小学校12所,新增学位5000个。"},
    "projects": {"land_note": "用地已落实"},
    "investment-plans": {"completed": "3000.00"},
    "assignments": {"note": "牵头推进"},
    "time-nodes": {"kind": "deadline"},
}


@pytest.fixture
def many(cast: Cast) -> None:
    """Several more rows of every kind, each with its nested rows, for query-count tests."""
    region, version = cast.region, cast.version
    units = [cast.units["education"], cast.units["street"], cast.units["town"]]
    for n in range(5):
        annual = Plan.objects.create(
            region=region,
            name=f"{2026 + n}年国民经济和社会发展计划",
            kind="annual",
            start_year=2026 + n,
            end_year=2026 + n,
            parent=cast.plan,
        )
        PlanVersion.objects.create(region=region, plan=annual, number=1)
        unit = Unit.objects.create(region=region, name=f"单位{n}", kind="department")
        person = Person.objects.create_user(username=f"p{n}", region=region)
        membership = Membership.objects.create(
            region=region, person=person, unit=unit, role="reporter", scope="chosen"
        )
        membership.chosen_units.set(units)
        Section.objects.create(region=region, version=version, title=f"节{n}")
        indicator = Indicator.objects.create(region=region, version=version, name=f"指标{n}")
        task = Task.objects.create(region=region, version=version, title=f"任务{n}")
        project = Project.objects.create(
            region=region, version=version, name=f"项目{n}", category="other", owner_unit=unit
        )
        for item in ({"indicator": indicator}, {"task": task}, {"project": project}):
            for order, u in enumerate(units):
                Assignment.objects.create(
                    region=region, unit=u, role="cooperating", sort_order=order, **item
                )
            TimeNode.objects.create(region=region, text="年底前", due=dt.date(2027, 12, 31), **item)
        for year in (2026, 2027):
            IndicatorMilestone.objects.create(
                region=region, indicator=indicator, year=year, text="1"
            )
            Observation.objects.create(
                region=region,
                indicator=indicator,
                year=year,
                period_end=dt.date(year, 12, 31),
                value=Decimal(n),
            )
            InvestmentPlan.objects.create(
                region=region, project=project, year=year, planned=Decimal("100")
            )
