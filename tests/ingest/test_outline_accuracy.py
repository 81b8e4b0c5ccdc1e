"""Scoring the finder against an Outline annotated by hand (precision and recall per kind).

The document is modelled on real county and district Outlines: a table of contents with page
numbers, a 序言 before the first heading, a review chapter full of past figures (none of them
targets), a 主要目标 text list, a main-indicator table with a two-row header, category rows
(一、经济发展), units in brackets after the names and a footnote, a 专栏 of projects, targets
written in many ways, and tasks with bold-less numbered bodies. The answer key below was
written by reading the text, not by running the finder. Run with ``-s`` to see the figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lantu.ingest.outline import find_outline, read_outline_bytes

TEXT = """\
湖滨市东岭区国民经济和社会发展第十五个五年规划和二〇三五年远景目标纲要
目  录
第一章  发展基础和面临形势……………………1
第二章  总体要求和主要目标……………………5
第三章  建设现代化产业体系……………………9
第四章  建设宜居韧性城区……………………14
第五章  提升民生保障水平……………………18
第六章  强化规划实施保障……………………22
序  言
东岭区国民经济和社会发展第十五个五年规划和二〇三五年远景目标纲要，根据《中共东岭区委关于制定东岭区国民经济和社会发展第十五个五年规划和二〇三五年远景目标的建议》编制，是今后五年全区经济社会发展的行动纲领。
第一章  发展基础和面临形势
第一节  “十四五”时期取得的主要成就
“十四五”时期是东岭发展史上极不平凡的五年。全区地区生产总值由2020年的386亿元增加到2025年的512亿元，年均增长5.8%；一般公共预算收入年均增长4.2%，2025年达到36.5亿元。
产业结构持续优化，三次产业结构调整为2.1:38.6:59.3，规模以上工业企业达到326家，比“十三五”末增加了58家，累计建成5G基站2100个。
民生保障坚实有力，五年累计新增城镇就业7.8万人，新建改扩建学校18所，城乡居民人均可支配收入年均增长6.1%。
第二节  面临的形势
当前和今后一个时期，我区发展仍处于重要战略机遇期，但机遇和挑战都有新的发展变化，全区60岁以上老年人口已达21.3万人，占户籍人口比重27.6%。
第二章  总体要求和主要目标
第一节  指导思想
坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻新发展理念，坚定不移推动高质量发展。
第二节  主要目标
到2035年，全区人均地区生产总值达到中等发达国家水平，基本实现社会主义现代化。
“十五五”时期，努力实现以下目标：
经济实力迈上新台阶。地区生产总值年均增长5.5%左右，到2030年达到680亿元左右，一般公共预算收入年均增长5%以上。
创新能力显著增强。研究与试验发展经费投入强度达到3.5%，每万人口高价值发明专利拥有量力争达到20件。
城乡面貌明显改善。常住人口城镇化率提高到78%，城市生活垃圾回收利用率达到45%以上。
民生福祉持续增进。城镇调查失业率控制在5.5%以内，居民人均可支配收入增长与经济增长基本同步，每千人口拥有3岁以下婴幼儿托位数达到4.5个。
表1  东岭区“十五五”时期经济社会发展主要指标
指标名称\t2025年\t2030年\t年均增长\t属性
\t基期值\t目标值\t[累计]\t
一、经济发展
地区生产总值（亿元）\t512\t680左右\t5.5%左右\t预期性
一般公共预算收入（亿元）\t36.5\t46.6\t5%以上\t预期性
规模以上工业增加值增速（%）\t—\t—\t6左右\t预期性
二、创新驱动
研究与试验发展经费投入强度（%）\t2.8\t3.5\t—\t预期性
每万人口高价值发明专利拥有量（件）注\t12.6\t20\t—\t预期性
三、民生福祉
城镇调查失业率（%）\t4.8\t<5.5\t—\t预期性
每千人口拥有3岁以下婴幼儿托位数（个）\t3.1\t4.5\t—\t预期性
四、绿色生态
城市生活垃圾回收利用率（%）\t38\t45以上\t—\t约束性
单位地区生产总值能源消耗降低（%）\t—\t—\t[完成市下达任务]\t约束性
注：高价值发明专利指战略性新兴产业发明专利等五类发明专利。
第三章  建设现代化产业体系
第一节  做强先进制造业
1.实施制造业“强链”行动。围绕新材料、智能装备两大主导产业，培育产值超百亿元企业3家，规模以上工业增加值年均增长6%左右。
2.推进园区提质增效。加快东岭经济开发区扩区调区，开发区亩均税收提高到35万元，盘活低效工业用地2000亩。
专栏1  先进制造业重点项目
东岭智能装备产业园、新材料中试基地、北区标准厂房二期。
第二节  加快发展现代服务业
大力发展现代物流、科技服务和文化旅游，推动生产性服务业向专业化和价值链高端延伸，社会消费品零售总额年均增长6%。
积极发展夜间经济和首店经济，建设特色商业街区5条，到2027年培育限额以上商贸企业400家。
第四章  建设宜居韧性城区
第一节  推进城市更新
加快城中村和老旧小区改造，完成老旧小区改造120个，改造城中村8个，新增保障性租赁住房6000套。
完善城市路网，新建改建城市道路60公里，轨道交通4号线东岭段建成通车，建设“15分钟社区生活圈”。
第二节  加强生态环境保护
深入打好污染防治攻坚战，细颗粒物（PM2.5）年均浓度下降到28微克/立方米，地表水国控断面水质优良比例稳定在100%。
第五章  提升民生保障水平
第一节  发展公平优质教育
新建改扩建中小学和幼儿园15所，新增学位1.2万个，公办幼儿园在园幼儿占比保持在55%以上。
第二节  健全养老服务体系
推进医养结合，新增养老床位1500张，社区养老服务设施实现全覆盖，为80岁以上老年人发放高龄津贴。
第六章  强化规划实施保障
第一节  健全规划实施机制
强化规划统筹衔接，各专项规划、年度计划要与本纲要相衔接。
加强规划监测评估，开展中期评估和总结评估，评估结果向区人大常委会报告。
"""

# The answer key, by reading the text.
SECTIONS = [
    (1, "第一章", "发展基础和面临形势"),
    (2, "第一节", "“十四五”时期取得的主要成就"),
    (2, "第二节", "面临的形势"),
    (1, "第二章", "总体要求和主要目标"),
    (2, "第一节", "指导思想"),
    (2, "第二节", "主要目标"),
    (1, "第三章", "建设现代化产业体系"),
    (2, "第一节", "做强先进制造业"),
    (2, "第二节", "加快发展现代服务业"),
    (1, "第四章", "建设宜居韧性城区"),
    (2, "第一节", "推进城市更新"),
    (2, "第二节", "加强生态环境保护"),
    (1, "第五章", "提升民生保障水平"),
    (2, "第一节", "发展公平优质教育"),
    (2, "第二节", "健全养老服务体系"),
    (1, "第六章", "强化规划实施保障"),
    (2, "第一节", "健全规划实施机制"),
]
# (category, name, unit, baseline, target, annual or cumulative, attribute)
INDICATORS = [
    ("经济发展", "地区生产总值", "亿元", "512", "680左右", "5.5%左右", "预期性"),
    ("经济发展", "一般公共预算收入", "亿元", "36.5", "46.6", "5%以上", "预期性"),
    ("经济发展", "规模以上工业增加值增速", "%", None, None, "6左右", "预期性"),
    ("创新驱动", "研究与试验发展经费投入强度", "%", "2.8", "3.5", None, "预期性"),
    ("创新驱动", "每万人口高价值发明专利拥有量", "件", "12.6", "20", None, "预期性"),
    ("民生福祉", "城镇调查失业率", "%", "4.8", "<5.5", None, "预期性"),
    ("民生福祉", "每千人口拥有3岁以下婴幼儿托位数", "个", "3.1", "4.5", None, "预期性"),
    ("绿色生态", "城市生活垃圾回收利用率", "%", "38", "45以上", None, "约束性"),
    ("绿色生态", "单位地区生产总值能源消耗降低", "%", None, None, "[完成市下达任务]", "约束性"),
]
# The target phrases, each as the figure with the words that make it a target.
TARGETS = [
    "年均增长5.5%左右",
    "达到680亿元左右",
    "年均增长5%以上",
    "达到3.5%",
    "力争达到20件",
    "提高到78%",
    "达到45%以上",
    "控制在5.5%以内",
    "与经济增长基本同步",
    "达到4.5个",
    "培育产值超百亿元企业3家",
    "年均增长6%左右",
    "提高到35万元",
    "盘活低效工业用地2000亩",
    "年均增长6%",
    "建设特色商业街区5条",
    "到2027年培育限额以上商贸企业400家",
    "完成老旧小区改造120个",
    "改造城中村8个",
    "新增保障性租赁住房6000套",
    "新建改建城市道路60公里",
    "下降到28微克/立方米",
    "稳定在100%",
    "新建改扩建中小学和幼儿园15所",
    "新增学位1.2万个",
    "保持在55%以上",
    "新增养老床位1500张",
    "实现全覆盖",
]


def _score(found: list[str], expected: list[str], same: object = None) -> tuple[float, float]:
    def match(a: str, b: str) -> bool:
        return a == b if same is None else (a in b or b in a)

    hits = sum(1 for f in found if any(match(f, e) for e in expected))
    recalled = sum(1 for e in expected if any(match(f, e) for f in found))
    precision = hits / len(found) if found else 0.0
    recall = recalled / len(expected) if expected else 1.0
    return precision, recall


@pytest.fixture(scope="module")
def scores() -> dict[str, tuple[float, float]]:
    findings = find_outline(read_outline_bytes(TEXT.encode("utf-8")))
    sections = [f"{s.level}|{s.number}|{s.title}" for s in findings.sections]
    indicators = [
        "|".join(
            str(v)
            for v in (
                i.category,
                i.name,
                i.unit,
                i.baseline,
                i.target,
                i.annual_or_cumulative,
                i.attribute,
            )
        )
        for i in findings.indicators
    ]
    result = {
        "sections": _score(sections, [f"{a}|{b}|{c}" for a, b, c in SECTIONS]),
        "indicators": _score(indicators, ["|".join(str(v) for v in row) for row in INDICATORS]),
        "text_targets": _score([t.expression for t in findings.text_targets], TARGETS, same=True),
    }
    for kind, (precision, recall) in result.items():
        print(f"{kind:13} precision {precision:.2f} recall {recall:.2f}")
    return result


@pytest.mark.parametrize("kind", ["sections", "indicators", "text_targets"])
def test_finder_scores_at_least_ninety_percent(
    scores: dict[str, tuple[float, float]], kind: str
) -> None:
    precision, recall = scores[kind]
    assert precision >= 0.9, f"{kind}: precision {precision:.2f}"
    assert recall >= 0.9, f"{kind}: recall {recall:.2f}"


SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"


@pytest.mark.skipif(not (SAMPLES / "shanghai-14fyp-indicators.md").exists(), reason="no samples")
def test_shanghai_main_indicators_as_a_markdown_table() -> None:
    """The 20 rows of Shanghai's published table (a pipe table with English headings)."""
    data = (SAMPLES / "shanghai-14fyp-indicators.md").read_bytes()
    rows = find_outline(read_outline_bytes(data)).indicators
    assert len(rows) == 20
    assert rows[0].name == "全市生产总值年均增长率"
    assert (rows[0].target, rows[0].annual_or_cumulative) == (None, "5左右")
    assert rows[6].name == "每万人口高价值发明专利拥有量"
    assert rows[11].annual_or_cumulative == "[成片:五年累计约110 零星:五年累计约20]"
    assert rows[15].unit is None
    assert [r.attribute for r in rows].count("约束性") == 8
