"""Unit names as people write them, matched to the unit tree (pure, no database)."""

from __future__ import annotations

from lantu.demo.units import UNITS
from lantu.ingest.units_match import UnitMatcher, normalise

MATCHER = UnitMatcher.for_units(
    [(n, u.name, u.short_name, u.key == "housing") for n, u in enumerate(UNITS, start=1)],
    "江州市临江区",
)


def matched(text: str) -> str | None:
    unit = MATCHER.match(text).unit
    return unit.name if unit else None


def test_exact_names_short_names_and_spacing_or_width_differences_match() -> None:
    assert matched("区教育局") == "区教育局"
    assert matched("区 教育局") == "区教育局"
    assert matched("人社局") == "区人力资源社会保障局"
    assert matched("东风街道") == "东风街道"
    assert normalise("(Ｅ)区教育局 ") == "(e)区教育局"


def test_names_written_with_the_region_in_front_match() -> None:
    assert matched("临江区教育局") == "区教育局"
    assert matched("江州市临江区人民法院") == "临江区人民法院"


def test_abbreviations_are_suggested_not_matched() -> None:
    result = MATCHER.match("区发改委")
    assert result.unit is None
    assert [(s.name, s.score) for s in result.suggestions][:1] == [("区发展改革委", 0.9)]
    assert result.problem() == "找不到单位“区发改委”,是否指“区发展改革委”?(相似度 0.90)"
    assert MATCHER.match("区发展和改革委员会").suggestions[0].name == "区发展改革委"
    assert MATCHER.match("区卫健委").suggestions[0].name == "区卫生健康委"


def test_near_misses_are_suggested_with_a_score() -> None:
    result = MATCHER.match("东风街道办事处")
    assert result.unit is None and result.suggestions[0].name == "东风街道"
    assert 0.6 < result.suggestions[0].score < 0.9


def test_nothing_alike_gets_no_suggestion() -> None:
    assert MATCHER.match("联合国").problem() == "找不到单位“联合国”"


def test_archived_units_are_never_matched() -> None:
    result = MATCHER.match("区房管局")
    assert result.unit is None and result.archived
    assert "已撤销或归档" in result.problem()
