"""The demo district's people: one or more for every role, all with the password below.

``DEMO_LOGINS`` is what the login page lists in demo mode; it is plain data, safe to import
before the app registry is ready.
"""

from __future__ import annotations

from typing import NamedTuple

DEMO_PASSWORD = "lantu-demo"


class PersonSpec(NamedTuple):
    username: str
    full_name: str
    unit: str  # a key of ``units.UNITS``
    role: str  # ``organizations.models.Role``
    scope: str  # ``organizations.models.Scope``
    title: str
    role_label: str
    portfolio: tuple[str, ...] = ()  # unit keys: a leader's portfolio, or the units of "chosen"


class DemoLogin(NamedTuple):
    """One line of the demo login list: who to sign in as, and what they will see."""

    username: str
    name: str
    unit: str
    role: str


# fmt: off
PEOPLE: list[PersonSpec] = [
    PersonSpec("admin", "周敏", "drc", "plan_admin", "all", "区发展改革委规划科科长", "规划管理员"),
    PersonSpec("jiaoyu_tb", "陈静", "education", "reporter", "own", "区教育局发展规划科科员",
               "单位填报员"),
    PersonSpec("jiaoyu_sh", "刘建国", "education", "reviewer", "own", "区教育局副局长",
               "单位审核人"),
    PersonSpec("weijian_tb", "黄丽华", "health", "reporter", "own", "区卫生健康委规划信息科科员",
               "单位填报员"),
    PersonSpec("weijian_sh", "郑伟", "health", "reviewer", "own", "区卫生健康委副主任",
               "单位审核人"),
    PersonSpec("keji_tb", "孙雨萱", "science", "reporter", "own", "区科委综合科科员", "单位填报员"),
    PersonSpec("dongfeng_tb", "赵小燕", "dongfeng", "reporter", "own", "东风街道党政办公室干部",
               "单位填报员"),
    PersonSpec("dongfeng_sh", "钱志强", "dongfeng", "reviewer", "own", "东风街道办事处副主任",
               "单位审核人"),
    PersonSpec("jiangbin_tb", "吴佳怡", "jiangbin", "reporter", "own", "江滨街道党政办公室干部",
               "单位填报员"),
    # A 分管领导 sees the whole plan; the units in the portfolio are the ones they look at first.
    PersonSpec("fuquzhang", "杨帆", "government", "leader", "all", "副区长",
               "分管领导(副区长)",
               ("education", "health", "civil", "sports", "culture", "dongfeng", "jiangbin")),
    PersonSpec("quzhang", "林志远", "government", "leader", "all", "区长", "区领导(区长)"),
    PersonSpec("renda", "马秀英", "congress", "congress", "all", "区人大常委会财经委副主任委员",
               "区人大(财经委)"),
    PersonSpec("ducha", "何振华", "gov_office", "inspector", "all", "区政府办公室督查室主任",
               "督查员"),
    PersonSpec("xitong", "许晨", "data", "system_admin", "all", "区数据局系统管理员", "系统管理员"),
    PersonSpec("anquan", "冯蕾", "data", "security_admin", "all", "区数据局安全管理员",
               "安全管理员"),
    PersonSpec("shenji", "邓凯", "gov_office", "audit_admin", "all", "区政府办公室审计管理员",
               "审计管理员"),
]
# fmt: on


def _unit_names() -> dict[str, str]:
    from lantu.demo.units import UNITS

    return {spec.key: spec.name for spec in UNITS}


def _logins() -> list[DemoLogin]:
    names = _unit_names()
    return [DemoLogin(p.username, p.full_name, names[p.unit], p.role_label) for p in PEOPLE]


DEMO_LOGINS: list[DemoLogin] = _logins()
