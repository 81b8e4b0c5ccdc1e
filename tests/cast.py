"""The cast: one small district and the people every test reuses.

| name          | who                                              | role           | scope     |
|---------------|--------------------------------------------------|----------------|-----------|
| wang_admin    | 王规划, planning section of the DRC (区发展改革委) | plan_admin     | all       |
| li_reporter   | 李填报, reporter at the education bureau (区教育局) | reporter       | own       |
| zhang_reviewer| 张审核, reviewer at the education bureau          | reviewer       | own       |
| zhao_street   | 赵街道, reporter at 东湖街道                       | reporter       | own       |
| chen_leader   | 陈区长, deputy district head (分管领导)            | leader         | all (*)   |
| liu_congress  | 刘代表, finance committee of the People's Congress | congress       | all       |
| zhou_inspector| 周督查, inspection office                        | inspector      | all       |
| sun_sysadmin  | 孙系统, system administrator                      | system_admin   | all       |
| qian_security | 钱安全, security administrator                    | security_admin | all       |
| wu_auditor    | 吴审计, audit administrator                       | audit_admin    | all       |
| outsider      | 路人甲, an account with no membership             | none           | -         |

(*) with a portfolio (chosen units): the education bureau and 东湖街道.

Items: an outline (2026-2030) with two indicators, three tasks and one project. The education
bureau leads ``task_school`` and cooperates on ``task_shared`` (led by the street); the street
leads ``task_street`` alone; ``indicator_gdp`` is led by the DRC; ``indicator_school`` by the
education bureau; the project is led by the street.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from lantu.core.models import Region
from lantu.division.models import Assignment, TimeNode
from lantu.indicators.models import Indicator, Observation
from lantu.organizations.models import Membership, Person, Unit
from lantu.organizations.services import save_unit
from lantu.plans.models import Plan, PlanVersion, Section
from lantu.projects.models import Project
from lantu.tasks.models import Task

PASSWORD = "cast-password-2026"

ROLES = {
    "wang_admin": ("王规划", "drc", "plan_admin", "all"),
    "li_reporter": ("李填报", "education", "reporter", "own"),
    "zhang_reviewer": ("张审核", "education", "reviewer", "own"),
    "zhao_street": ("赵街道", "street", "reporter", "own"),
    "chen_leader": ("陈区长", "government", "leader", "all"),
    "liu_congress": ("刘代表", "congress", "congress", "all"),
    "zhou_inspector": ("周督查", "government", "inspector", "all"),
    "sun_sysadmin": ("孙系统", "drc", "system_admin", "all"),
    "qian_security": ("钱安全", "drc", "security_admin", "all"),
    "wu_auditor": ("吴审计", "drc", "audit_admin", "all"),
}


@dataclass
class Cast:
    region: Region
    units: dict[str, Unit]
    people: dict[str, Person]
    plan: Plan
    version: PlanVersion
    section: Section
    indicators: dict[str, Indicator]
    tasks: dict[str, Task]
    project: Project
    extra: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        people = self.__dict__.get("people", {})
        if name in people:
            return people[name]
        raise AttributeError(name)


def build_cast() -> Cast:
    region = Region.objects.create(code="990101", name="示范区", level="county")
    units: dict[str, Unit] = {}

    def unit(key: str, name: str, kind: str, parent: str | None = None) -> Unit:
        data = {"name": name, "kind": kind, "parent": units[parent] if parent else None}
        units[key] = save_unit(by=None, data=data, region=region)
        return units[key]

    unit("committee", "中共示范区委员会", "party_committee")
    unit("government", "示范区人民政府", "government")
    unit("congress", "示范区人大常委会", "congress")
    unit("drc", "区发展改革委", "department", "government")
    unit("education", "区教育局", "department", "government")
    unit("street", "东湖街道", "subdistrict", "government")
    unit("town", "西山镇", "town", "government")

    people: dict[str, Person] = {}
    for username, (name, unit_key, role, scope) in ROLES.items():
        person = Person.objects.create_user(
            username=username, password=PASSWORD, full_name=name, region=region
        )
        membership = Membership.objects.create(
            region=region, person=person, unit=units[unit_key], role=role, scope=scope
        )
        if username == "chen_leader":
            membership.chosen_units.set([units["education"], units["street"]])
        people[username] = person
    people["outsider"] = Person.objects.create_user(
        username="outsider", password=PASSWORD, full_name="路人甲", region=region
    )

    plan = Plan.objects.create(
        region=region,
        name="示范区国民经济和社会发展第十五个五年规划和二〇三五年远景目标纲要",
        short_name="“十五五”规划纲要",
        kind="outline",
        start_year=2026,
        end_year=2030,
        status="in_force",
        approval_body="示范区第十七届人民代表大会第五次会议",
        approved_on=dt.date(2026, 1, 20),
    )
    version = PlanVersion.objects.create(
        region=region, plan=plan, number=1, label="原始版本", status="approved"
    )
    plan.current_version = version
    plan.save(update_fields=["current_version"])
    section = Section.objects.create(
        region=region, version=version, level=2, number="第一章", title="推动经济高质量发展"
    )

    def indicator(key: str, name: str, lead: str, **kw: Any) -> Indicator:
        ind = Indicator.objects.create(region=region, version=version, name=name, **kw)
        Assignment.objects.create(region=region, indicator=ind, unit=units[lead], role="lead")
        return ind

    indicators = {
        "gdp": indicator(
            "gdp",
            "地区生产总值年均增长率",
            "drc",
            unit="%",
            attribute="expected",
            baseline_year=2025,
            baseline_value=Decimal("5.2"),
            target_year=2030,
            annual_text="5左右",
            sort_order=1,
            number="1",
            category="经济发展",
        ),
        "school": indicator(
            "school",
            "新增中小学学位",
            "education",
            unit="个",
            attribute="binding",
            baseline_year=2025,
            baseline_value=Decimal("0"),
            target_year=2030,
            annual_text="[5000]",
            sort_order=2,
            number="2",
            category="民生福祉",
        ),
    }
    Observation.objects.create(
        region=region,
        indicator=indicators["gdp"],
        year=2026,
        period="H1",
        period_end=dt.date(2026, 6, 30),
        value=Decimal("5.1"),
    )

    def task(key: str, title: str, roles: list[tuple[str, str]], node: str, due: dt.date) -> Task:
        t = Task.objects.create(region=region, version=version, section=section, title=title)
        for order, (unit_key, role) in enumerate(roles):
            Assignment.objects.create(
                region=region, task=t, unit=units[unit_key], role=role, sort_order=order
            )
        TimeNode.objects.create(region=region, task=t, text=node, kind="deadline", due=due)
        return t

    tasks = {
        "school": task(
            "school",
            "新建改扩建中小学校12所",
            [("education", "lead")],
            "2027年底前",
            dt.date(2027, 12, 31),
        ),
        "shared": task(
            "shared",
            "推进东湖片区教育资源均衡",
            [("street", "lead"), ("education", "cooperating")],
            "2026年底前",
            dt.date(2026, 12, 31),
        ),
        "street": task(
            "street",
            "完成东湖街道老旧小区改造",
            [("street", "responsible")],
            "2028年6月底前",
            dt.date(2028, 6, 30),
        ),
    }
    project = Project.objects.create(
        region=region,
        version=version,
        name="东湖文体中心",
        category="social",
        owner_unit=units["street"],
        total_investment=Decimal("52000.00"),
    )
    Assignment.objects.create(region=region, project=project, unit=units["street"], role="lead")
    return Cast(region, units, people, plan, version, section, indicators, tasks, project)
