"""Compound cells: several checkable targets in one cell, each read as a part."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from lantu.targets.parse import parse_target

# Each part: (label, text, basis, comparator, value, unit, direction, hedged, year).
Part = tuple[str | None, str, str, str | None, str | None, str | None, str | None, bool, int | None]

CASES: list[tuple[str, list[Part]]] = [
    (
        "分别控制在123.1万吨、13.31万吨以内",
        [
            (None, "分别控制在123.1万吨", "level", "le", "123.1", "万吨", None, False, None),
            (None, "13.31万吨以内", "level", "le", "13.31", "万吨", None, False, None),
        ],
    ),
    (
        "[成片:五年累计约110 零星:五年累计约20]",
        [
            ("成片", "五年累计约110", "cumulative", "approx", "110", None, None, False, None),
            ("零星", "五年累计约20", "cumulative", "approx", "20", None, None, False, None),
        ],
    ),
    (
        "增长8%左右、突破1000亿元",
        [
            (None, "增长8%左右", "growth", "approx", "8", "%", "increase", False, None),
            (None, "突破1000亿元", "level", "gt", "1000", "亿元", None, False, None),
        ],
    ),
    (
        "亿元楼新增6幢,达到88幢",
        [
            (None, "亿元楼新增6幢", "increment", "eq", "6", "幢", "increase", False, None),
            (None, "达到88幢", "level", "eq", "88", "幢", None, False, None),
        ],
    ),
    (
        "新增养老床位172张,改建认知障碍照护床位150张",
        [
            (None, "新增养老床位172张", "increment", "eq", "172", "张", "increase", False, None),
            (None, "改建认知障碍照护床位150张", "increment", "eq", "150", "张", None, False, None),
        ],
    ),
    (
        "新增2家智慧养老院、1个社区综合为老服务中心、2个社区长者食堂、1个老年人日间照护中心",
        [
            (None, "新增2家智慧养老院", "increment", "eq", "2", "家", "increase", False, None),
            (
                None,
                "1个社区综合为老服务中心",
                "increment",
                "eq",
                "1",
                "个",
                "increase",
                False,
                None,
            ),
            (None, "2个社区长者食堂", "increment", "eq", "2", "个", "increase", False, None),
            (None, "1个老年人日间照护中心", "increment", "eq", "1", "个", "increase", False, None),
        ],
    ),
    (
        "年均增长7%以上,到2025年达到1000亿元",
        [
            (None, "年均增长7%以上", "annual_growth", "ge", "7", "%", "increase", False, None),
            (None, "到2025年达到1000亿元", "level", "eq", "1000", "亿元", None, False, 2025),
        ],
    ),
    (
        "分别达到90%和95%",
        [
            (None, "分别达到90%", "level", "eq", "90", "%", None, False, None),
            (None, "95%", "level", "eq", "95", "%", None, False, None),
        ],
    ),
    (
        "分别达到90%、95%以上",
        [
            (None, "分别达到90%", "level", "ge", "90", "%", None, False, None),
            (None, "95%以上", "level", "ge", "95", "%", None, False, None),
        ],
    ),
    (
        "化学需氧量、二氧化硫排放总量分别减少8%、10%",
        [
            (
                None,
                "化学需氧量、二氧化硫排放总量分别减少8%",
                "growth",
                "eq",
                "8",
                "%",
                "decrease",
                False,
                None,
            ),
            (None, "10%", "growth", "eq", "10", "%", "decrease", False, None),
        ],
    ),
    (
        "力争新增2家、3个",
        [
            (None, "力争新增2家", "increment", "eq", "2", "家", "increase", True, None),
            (None, "3个", "increment", "eq", "3", "个", "increase", True, None),
        ],
    ),
    (
        "年均增长7%以上,力争8%",
        [
            (None, "年均增长7%以上", "annual_growth", "ge", "7", "%", "increase", False, None),
            (None, "力争8%", "annual_growth", "eq", "8", "%", "increase", True, None),
        ],
    ),
    (
        "新增绿地50公顷、绿道20公里",
        [
            (None, "新增绿地50公顷", "increment", "eq", "50", "公顷", "increase", False, None),
            (None, "绿道20公里", "increment", "eq", "20", "公里", "increase", False, None),
        ],
    ),
    (
        "城镇新增就业1100万人以上,城镇调查失业率5.5%左右",
        [
            (
                None,
                "城镇新增就业1100万人以上",
                "increment",
                "ge",
                "1100",
                "万人",
                "increase",
                False,
                None,
            ),
            (None, "城镇调查失业率5.5%左右", "level", "approx", "5.5", "%", None, False, None),
        ],
    ),
    (
        "城镇:4.5%;农村:6%",
        [
            ("城镇", "4.5%", "level", "eq", "4.5", "%", None, False, None),
            ("农村", "6%", "level", "eq", "6", "%", None, False, None),
        ],
    ),
    (
        "到2025年,全区常住人口控制在100万人以内,建设用地控制在50平方公里以内",
        [
            (
                None,
                "到2025年,全区常住人口控制在100万人以内",
                "level",
                "le",
                "100",
                "万人",
                None,
                False,
                2025,
            ),
            (
                None,
                "建设用地控制在50平方公里以内",
                "level",
                "le",
                "50",
                "平方公里",
                None,
                False,
                None,
            ),
        ],
    ),
    (
        "二氧化硫、氮氧化物排放要分别减少3%左右和5%左右",
        [
            (
                None,
                "二氧化硫、氮氧化物排放要分别减少3%左右",
                "growth",
                "approx",
                "3",
                "%",
                "decrease",
                False,
                None,
            ),
            (None, "5%左右", "growth", "approx", "5", "%", "decrease", False, None),
        ],
    ),
    (
        "农村贫困人口减少1000万以上,完成易地扶贫搬迁280万人",
        [
            (
                None,
                "农村贫困人口减少1000万以上",
                "increment",
                "ge",
                "1000",
                "万",
                "decrease",
                False,
                None,
            ),
            (None, "完成易地扶贫搬迁280万人", "increment", "eq", "280", "万人", None, False, None),
        ],
    ),
    (
        "城镇居民人均可支配收入和农村居民人均纯收入年均分别增长10%和12%",
        [
            (
                None,
                "城镇居民人均可支配收入和农村居民人均纯收入年均分别增长10%",
                "annual_growth",
                "eq",
                "10",
                "%",
                "increase",
                False,
                None,
            ),
            (None, "12%", "annual_growth", "eq", "12", "%", "increase", False, None),
        ],
    ),
    (
        "主要污染物排放总量减少:化学需氧量8%、二氧化硫8%、氨氮10%、氮氧化物10%",
        [
            (
                None,
                "主要污染物排放总量减少:化学需氧量8%",
                "growth",
                "eq",
                "8",
                "%",
                "decrease",
                False,
                None,
            ),
            (None, "二氧化硫8%", "growth", "eq", "8", "%", "decrease", False, None),
            (None, "氨氮10%", "growth", "eq", "10", "%", "decrease", False, None),
            (None, "氮氧化物10%", "growth", "eq", "10", "%", "decrease", False, None),
        ],
    ),
    (
        "全区生产总值年均增长6%左右,2025年达到2000亿元左右",
        [
            (
                None,
                "全区生产总值年均增长6%左右",
                "annual_growth",
                "approx",
                "6",
                "%",
                "increase",
                False,
                None,
            ),
            (None, "2025年达到2000亿元左右", "level", "approx", "2000", "亿元", None, False, 2025),
        ],
    ),
    (
        "达到55%,比2010年提高5个百分点",
        [
            (None, "达到55%", "level", "eq", "55", "%", None, False, None),
            (
                None,
                "比2010年提高5个百分点",
                "pp_change",
                "eq",
                "5",
                "个百分点",
                "increase",
                False,
                None,
            ),
        ],
    ),
    (
        "控制在3%以内,力争2%",
        [
            (None, "控制在3%以内", "level", "le", "3", "%", None, False, None),
            (None, "力争2%", "level", "le", "2", "%", None, True, None),
        ],
    ),
    (
        "地区生产总值增长6%以上,力争达到7%",
        [
            (None, "地区生产总值增长6%以上", "growth", "ge", "6", "%", "increase", False, None),
            (None, "力争达到7%", "growth", "eq", "7", "%", "increase", True, None),
        ],
    ),
    (
        "增长8%、城镇登记失业率控制在4%以内",
        [
            (None, "增长8%", "growth", "eq", "8", "%", "increase", False, None),
            (None, "城镇登记失业率控制在4%以内", "level", "le", "4", "%", None, False, None),
        ],
    ),
    (
        "实施省市重点项目150个以上,完成投资800亿元",
        [
            (None, "实施省市重点项目150个以上", "increment", "ge", "150", "个", None, False, None),
            (None, "完成投资800亿元", "increment", "eq", "800", "亿元", None, False, None),
        ],
    ),
    (
        "打造1000课时的家庭教育课程资源库,将优质资源惠及区内10万学生家庭",
        [
            (
                None,
                "打造1000课时的家庭教育课程资源库",
                "increment",
                "eq",
                "1000",
                "课时",
                None,
                False,
                None,
            ),
            (
                None,
                "将优质资源惠及区内10万学生家庭",
                "increment",
                "eq",
                "10",
                "万",
                None,
                False,
                None,
            ),
        ],
    ),
]


def _part(data: dict[str, Any]) -> Part:
    value = data["value"]
    return (
        data.get("label"),
        data["text"],
        data["basis"],
        data["comparator"],
        None if value is None else format(Decimal(str(value)).normalize(), "f"),
        data["unit"],
        data["direction"],
        data["hedged"],
        data["year"],
    )


@pytest.mark.parametrize(("text", "parts"), CASES, ids=[case[0] for case in CASES])
def test_compound_cell_reads_part_by_part(text: str, parts: list[Part]) -> None:
    data = parse_target(text).to_dict()
    assert data["basis"] == "compound"
    assert (data["comparator"], data["value"], data["upper"], data["unit"]) == (None,) * 4
    assert [_part(part) for part in data["parts"]] == parts
    assert all(part["parts"] == [] for part in data["parts"])


@pytest.mark.parametrize(("text", "parts"), CASES, ids=[case[0] for case in CASES])
def test_compound_takes_the_first_direction_hedge_and_year_of_its_parts(
    text: str, parts: list[Part]
) -> None:
    target = parse_target(text)
    assert target.direction == next((p[6] for p in parts if p[6] is not None), None)
    assert target.hedged == any(p[7] for p in parts)
    assert target.year == next((p[8] for p in parts if p[8] is not None), None)


def test_a_cell_with_one_number_among_clauses_is_not_a_compound() -> None:
    target = parse_target("到2025年,力争全区生产总值达到2000亿元,质量效益明显提升")
    assert (target.basis, target.value, target.year, target.hedged) == (
        "level",
        Decimal(2000),
        2025,
        True,
    )
    assert target.parts == ()


def test_a_clause_without_a_number_is_no_part() -> None:
    target = parse_target("全面稳定达到国家二级标准,部分指标优于国家一级标准")
    assert (target.basis, target.parts) == ("qualitative", ())


def test_a_thousands_separator_does_not_split_a_cell() -> None:
    target = parse_target("新增就业岗位12,000个")
    assert (target.basis, target.value, target.unit) == ("increment", Decimal(12000), "个")
