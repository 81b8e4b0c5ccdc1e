"""The demo district's unit tree (江州市临江区, an invented district).

Each row is ``(key, name, short name, kind, parent key)``. Keys are the English handles the
rest of the seed uses; names are what the division-of-labour tables print. The data imports no
model, so ``DEMO_LOGINS`` can be read before the app registry is ready.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from lantu.core.models import Region
    from lantu.organizations.models import Unit


class UnitSpec(NamedTuple):
    key: str
    name: str
    short_name: str
    kind: str
    parent: str | None


_PARTY = "party_committee"
_GOV = "government"
_DEPT = "department"

UNITS: list[UnitSpec] = [
    # The four leading bodies, the court and the procuratorate sit at the top of the tree.
    UnitSpec("committee", "中共江州市临江区委员会", "区委", _PARTY, None),
    UnitSpec("government", "江州市临江区人民政府", "区政府", _GOV, None),
    UnitSpec("congress", "临江区人大常委会", "区人大常委会", "congress", None),
    UnitSpec("cppcc", "政协江州市临江区委员会", "区政协", "cppcc", None),
    UnitSpec("court", "临江区人民法院", "区法院", "court", None),
    UnitSpec("procuratorate", "临江区人民检察院", "区检察院", "procuratorate", None),
    # Party departments.
    UnitSpec("party_office", "区委办公室", "区委办", _DEPT, "committee"),
    UnitSpec("publicity", "区委宣传部", "宣传部", _DEPT, "committee"),
    UnitSpec("organisation", "区委组织部", "组织部", _DEPT, "committee"),
    # Government departments (部、委、办、局).
    UnitSpec("gov_office", "区政府办公室", "区府办", _DEPT, "government"),
    UnitSpec("drc", "区发展改革委", "发展改革委", _DEPT, "government"),
    UnitSpec("finance", "区财政局", "财政局", _DEPT, "government"),
    UnitSpec("education", "区教育局", "教育局", _DEPT, "government"),
    UnitSpec("science", "区科委", "科委", _DEPT, "government"),
    UnitSpec("commerce", "区商务委", "商务委", _DEPT, "government"),
    UnitSpec("health", "区卫生健康委", "卫生健康委", _DEPT, "government"),
    UnitSpec("civil", "区民政局", "民政局", _DEPT, "government"),
    UnitSpec("hrss", "区人力资源社会保障局", "人社局", _DEPT, "government"),
    UnitSpec("planning", "区规划资源局", "规划资源局", _DEPT, "government"),
    UnitSpec("ecology", "区生态环境局", "生态环境局", _DEPT, "government"),
    UnitSpec("construction", "区建设管理委", "建设管理委", _DEPT, "government"),
    UnitSpec("housing", "区房管局", "房管局", _DEPT, "government"),
    UnitSpec("greening", "区绿化市容局", "绿化市容局", _DEPT, "government"),
    UnitSpec("culture", "区文化旅游局", "文化旅游局", _DEPT, "government"),
    UnitSpec("sports", "区体育局", "体育局", _DEPT, "government"),
    UnitSpec("statistics", "区统计局", "统计局", _DEPT, "government"),
    UnitSpec("market", "区市场监管局", "市场监管局", _DEPT, "government"),
    UnitSpec("emergency", "区应急管理局", "应急管理局", _DEPT, "government"),
    UnitSpec("police", "区公安分局", "公安分局", _DEPT, "government"),
    UnitSpec("enforcement", "区城管执法局", "城管执法局", _DEPT, "government"),
    UnitSpec("data", "区数据局", "数据局", _DEPT, "government"),
    UnitSpec("investment", "区投资促进办", "投资促进办", _DEPT, "government"),
    UnitSpec("water", "区水务局", "水务局", _DEPT, "government"),
    UnitSpec("justice", "区司法局", "司法局", _DEPT, "government"),
    UnitSpec("veterans", "区退役军人事务局", "退役军人局", _DEPT, "government"),
    UnitSpec("sasac", "区国资委", "国资委", _DEPT, "government"),
    # Sub-districts and towns.
    UnitSpec("dongfeng", "东风街道", "东风", "subdistrict", "government"),
    UnitSpec("jiangbin", "江滨街道", "江滨", "subdistrict", "government"),
    UnitSpec("wangjiang", "望江路街道", "望江路", "subdistrict", "government"),
    UnitSpec("xinqiao", "新桥街道", "新桥", "subdistrict", "government"),
    UnitSpec("cuihu", "翠湖街道", "翠湖", "subdistrict", "government"),
    UnitSpec("changle", "长乐街道", "长乐", "subdistrict", "government"),
    UnitSpec("beitang", "北塘镇", "北塘", "town", "government"),
    UnitSpec("shiwan", "石湾镇", "石湾", "town", "government"),
    UnitSpec("fenglin", "枫林镇", "枫林", "town", "government"),
    # People's organisations, led by the Party committee.
    UnitSpec("union", "区总工会", "总工会", "peoples_org", "committee"),
    UnitSpec("youth", "团区委", "团区委", "peoples_org", "committee"),
    UnitSpec("women", "区妇联", "妇联", "peoples_org", "committee"),
    UnitSpec("sci_assoc", "区科协", "科协", "peoples_org", "committee"),
    # Key areas (重点地区): management committees of the development zones.
    UnitSpec("kechuang", "临江科创园管委会", "科创园", "key_area", "government"),
    UnitSpec("binjiang", "滨江商务区管委会", "滨江商务区", "key_area", "government"),
    UnitSpec("north_eco", "北部生态走廊管委会", "北部生态走廊", "key_area", "government"),
]

STREETS = ["dongfeng", "jiangbin", "wangjiang", "xinqiao", "cuihu", "changle"]
TOWNS = ["beitang", "shiwan", "fenglin"]
KEY_AREAS = ["kechuang", "binjiang", "north_eco"]


def create_units(region: Region) -> dict[str, Unit]:
    """Create the tree top-down, setting ``path`` exactly as ``save_unit`` does.

    ``save_unit`` writes an audit event per unit, and the seed must write none, so the rows
    are created directly: parents before children, each path ``/<root id>/.../<id>/``.
    """
    from lantu.organizations.models import Unit

    units: dict[str, Unit] = {}
    for order, spec in enumerate(UNITS, start=1):
        parent = units[spec.parent] if spec.parent else None
        unit = Unit.objects.create(
            region=region,
            name=spec.name,
            short_name=spec.short_name,
            kind=spec.kind,
            parent=parent,
            code=f"{region.code}-{order:03d}",
            sort_order=order,
        )
        unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
        units[spec.key] = unit
    Unit.objects.bulk_update(units.values(), ["path"])
    return units
