"""The finished 14th five-year Outline (2021-2025) with five years of yearly observations.

Some indicators were met early, some on track, some fell behind; two have a year with no data.
Rows read as in ``outline15``; ``series`` holds the values for 2021..2025 (baseline 2020).
"""

from __future__ import annotations

import datetime as dt

from lantu.demo.sections import outline
from lantu.demo.specs import IndicatorSpec, PlanSpec

SECTIONS = outline("""
开启全面建设社会主义现代化新征程
  “十三五”发展成就与“十四五”发展环境
  总体要求和发展目标
    指导思想
    “十四五”时期经济社会发展主要目标
激发创新活力,建设科创承载区
  提升科技创新能力
    建设临江科创园
    培育创新型企业
  加快发展现代产业
    发展数字经济
    提升商贸服务业
推进城市更新,提升城区品质
  加快旧区改造
  完善城市基础设施
坚持以人民为中心,提高民生保障水平
  优化公共服务供给
    发展优质教育
    建设健康临江
    完善养老服务
  促进就业和收入增长
坚持生态优先,推动绿色发展
  改善生态环境质量
  推进绿色低碳发展
统筹发展和安全,加强规划实施保障
  建设平安临江
  健全规划实施机制
""")

PLAN = PlanSpec(
    name="江州市临江区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要",
    short_name="“十四五”规划纲要",
    start_year=2021,
    end_year=2025,
    status="finished",
    approval_body="临江区第十七届人民代表大会第五次会议",
    approved_on=dt.date(2021, 1, 20),
    document_number="临人大发〔2021〕2号",
    version_label="区人代会批准文本",
    sections=SECTIONS,
)

INDICATOR_SECTION = "2.2"

_S = "区统计局"
EXP, BIND = "expected", "binding"
EC, IN, LV, GR, SE = "经济发展", "创新驱动", "民生福祉", "绿色生态", "安全保障"
_PRE = {"2025": "2025年为快报数"}
R = IndicatorSpec  # a table reads better with a one-letter row constructor


def _years(*values: str | None) -> dict[str, str | None]:
    """Values for 2021..2025 in order; ``None`` is a year with no data."""
    return {str(2021 + i): v for i, v in enumerate(values)}


# fmt: off
INDICATORS: list[IndicatorSpec] = [
    R(EC, "地区生产总值年均增长率", "%", EXP, "3.2", "", "6左右", True, "drc", ("statistics",),
      "quarterly", _S, series=_years("8.1", "3.6", "5.4", "5.1", "5.3"),
      notes={"2022": "受疫情影响,增速明显回落", **_PRE}),
    R(EC, "区级一般公共预算收入", "亿元", EXP, "102.5", "", "年均增长5%", True, "finance",
      data_source="区财政局", series=_years("114.2", "108.9", "118.6", "125.1", "132.6"),
      notes={"2022": "落实大规模增值税留抵退税政策,收入同比下降"}),
    R(EC, "社会消费品零售总额", "亿元", EXP, "402.0", "500左右", "", True, "commerce",
      ("statistics",), "quarterly", _S,
      series=_years("451.3", "430.2", "468.5", "486.0", "498.2"), notes=_PRE),
    R(EC, "全员劳动生产率", "万元/人", EXP, "25.1", "30左右", "", True, "statistics", ("hrss",),
      data_source=_S, series=_years("26.8", "27.2", "28.6", "30.1", "31.5")),
    R(IN, "全社会研发经费支出相当于地区生产总值比例", "%", EXP, "2.9", "3.5左右", "", True,
      "science", ("statistics",), data_source=_S,
      series=_years("3.1", "3.3", "3.5", "3.6", "3.6"), notes={"2023": "提前两年实现规划目标"}),
    R(IN, "每万人口高价值发明专利拥有量", "件", EXP, "12.1", "20左右", "", True, "market",
      ("science",), series=_years("14.3", "16.8", "19.6", "22.0", "24.3")),
    R(IN, "数字经济核心产业增加值占地区生产总值比重", "%", EXP, "7.2", ">10", "", True, "data",
      ("science",), series=_years("8.0", "8.9", "10.2", "10.9", "11.5")),
    R(IN, "高新技术企业数量", "家", EXP, "360", "600以上", "", True, "science", ("kechuang",),
      series=_years("410", "468", "530", "575", "612")),
    R(LV, "居民人均可支配收入增长", "%", EXP, "4.0", "", "与经济增长基本同步", True, "hrss",
      ("statistics",), data_source=_S, series=_years("8.5", "3.1", "5.2", "5.0", "5.1")),
    R(LV, "城镇调查失业率", "%", EXP, "4.8", "<5.5", "", False, "hrss", (), "quarterly",
      series=_years("4.6", "5.1", "4.5", "4.4", "4.3")),
    R(LV, "新增就业岗位", "万个", EXP, "1.6", "", "[8]", True, "hrss",
      series=_years("1.75", "1.52", "1.78", "1.85", "1.90"),
      notes={"2025": "五年累计新增8.8万个,完成规划目标"}),
    R(LV, "主要劳动年龄人口中受过高等教育的比例", "%", EXP, "36.5", "40", "", True,
      "education", ("hrss",), series=_years("37.6", "38.4", "39.5", "40.3", "41.2")),
    R(LV, "居民平均预期寿命", "岁", EXP, "82.7", ">83", "", True, "health",
      series=_years("82.9", "82.6", "83.2", "83.5", "83.6")),
    R(LV, "养老机构床位数", "张", BIND, "3100", "新增养老床位1000张", "", True, "civil",
      ("health",), series=_years("3260", "3420", None, "3900", "4216"),
      notes={"2024": "2023年统计口径调整,当年数据未采集"}),
    R(LV, "旧住房改造面积", "万平方米", BIND, "[22.6]", "",
      "[成片:五年累计约25 零星:五年累计约6]", True, "housing", ("dongfeng", "wangjiang"),
      series=_years("5.2", "6.8", "7.1", "6.4", "6.0"),
      notes={"2025": "五年累计完成成片改造25.8万平方米、零星改造5.7万平方米"}),
    R(GR, "单位地区生产总值能源消耗", "吨标准煤/万元", BIND, "0.213", "",
      "[确保完成市下达指标]", False, "drc", ("statistics",),
      series=_years("0.206", "0.201", "0.194", "0.188", "0.182"),
      notes={"2025": "完成市下达的“十四五”目标"}),
    R(GR, "细颗粒物(PM2.5)年均浓度", "微克/立方米", BIND, "35", "控制在30以内", "", False,
      "ecology", ("construction",), series=_years("33", "31", "30", "29", "28")),
    R(GR, "地表水达到或好于Ⅲ类水体比例", "%", BIND, "38.0", ">50", "", True, "ecology",
      ("water",), series=_years("41.5", "45.2", "48.0", "53.1", "58.3")),
    R(GR, "森林覆盖率", "%", BIND, "14.2", "17", "", True, "greening", ("north_eco",),
      series=_years("14.6", "15.1", "15.6", "16.2", "16.8"),
      notes={"2025": "北部生态走廊造林进度滞后,未完成规划目标"}),
    R(GR, "生活垃圾回收利用率", "%", BIND, "38.0", ">45", "", True, "greening",
      ("enforcement",), series=_years("39.5", None, "42.1", "43.2", "44.0"),
      notes={"2023": "2022年统计口径调整,暂无数据"}),
    R(SE, "单位地区生产总值生产安全事故死亡率", "人/亿元", BIND, "0.012", "<0.01", "", False,
      "emergency", series=_years("0.011", "0.010", "0.009", "0.009", "0.008")),
]
# fmt: on
