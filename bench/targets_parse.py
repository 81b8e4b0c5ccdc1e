"""A generated corpus of target phrases for the target-parser throughput benchmark.

``phrase_corpus(n, seed)`` combines the pieces of the grammar in ``shared/spec/targets.md`` the
way Chinese plans, government work reports and division-of-labour tables write them: an
indicator with a fitting unit and magnitude, level and change verbs, increment verbs with
what they deliver, comparator words (Chinese, ASCII, full-width), ranges, square brackets,
hedges, years, compound cells, full-width and Chinese numerals, and the phrases without a
number (relative, delegated, qualitative). The same ``n`` and ``seed`` give the same list.
"""

from __future__ import annotations

import random

__all__ = ["phrase_corpus"]

# (indicator, unit of its level, low, high, whether more is better)
_INDICATORS: list[tuple[str, str, float, float, bool]] = [
    ("地区生产总值", "亿元", 500, 5000, True),
    ("一般公共预算收入", "亿元", 50, 800, True),
    ("全社会固定资产投资", "亿元", 100, 2000, True),
    ("社会消费品零售总额", "亿元", 100, 3000, True),
    ("居民人均可支配收入", "万元", 3, 10, True),
    ("全员劳动生产率", "万元/人", 20, 40, True),
    ("城镇调查失业率", "%", 3, 6, False),
    ("城镇登记失业率", "%", 3, 5, False),
    ("森林覆盖率", "%", 15, 30, True),
    ("空气质量优良天数比率", "%", 80, 95, True),
    ("PM2.5年均浓度", "微克/立方米", 20, 40, False),
    ("每万人口高价值发明专利拥有量", "件", 10, 60, True),
    ("研发经费支出相当于地区生产总值比例", "%", 2, 5, True),
    ("数字经济增加值占地区生产总值比重", "%", 40, 65, True),
    ("常住人口", "万人", 50, 300, False),
    ("人均预期寿命", "岁", 80, 86, True),
    ("常住人口城镇化率", "%", 50, 90, True),
    ("单位生产总值生产安全事故死亡率", "人/亿元", 0.01, 0.05, False),
    ("人口自然增长率", "‰", 2, 8, False),
    ("粮食产量", "万亿斤", 1.2, 1.4, True),
    ("耕地保有量", "万亩", 10, 500, True),
    ("企业开办时间", "个工作日", 1, 10, False),
    ("在沪跨国公司地区总部", "家", 800, 1200, True),
    ("每千人口拥有3岁以下婴幼儿托位数", "个", 2, 5, True),
    ("建设用地规模", "平方公里", 100, 3200, False),
    ("生活垃圾回收利用率", "%", 35, 50, True),
]
# (verb, what is delivered, unit, low, high)
_DELIVERIES: list[tuple[str, str, str, int, int]] = [
    ("新增", "养老床位", "张", 100, 2000),
    ("新增", "就业岗位", "万个", 1, 20),
    ("新增", "停车泊位", "个", 500, 5000),
    ("新增", "公共绿地", "公顷", 10, 300),
    ("新建", "中小学", "所", 1, 20),
    ("新建", "社区长者食堂", "个", 2, 30),
    ("完成", "旧住房修缮改造", "万平方米", 10, 200),
    ("实施", "居家环境适老化改造", "户", 100, 1000),
    ("建成", "口袋公园", "个", 5, 50),
    ("引进", "总部型企业", "家", 5, 50),
    ("培育", "专精特新企业", "家", 10, 200),
    ("改建", "认知障碍照护床位", "张", 50, 500),
    ("新开工", "保障性租赁住房", "套", 1000, 20000),
    ("为", "独居老人安装火灾探测报警器", "名", 1000, 10000),
]
_WORDY = [
    "与经济增长基本同步",
    "和经济增长同步",
    "与市保持同步",
    "居民收入增长和经济增长同步",
    "不低于全市平均水平",
    "高于国内生产总值增长",
    "与国家价格调控目标保持衔接",
    "[确保完成国家要求]",
    "完成市下达指标",
    "控制在市下达指标以内",
    "完成国家下达的耕地保有量指标",
    "保持在国务院确定的我市2010年耕地保有量面积",
    "全面稳定达到国家二级标准,部分指标优于国家一级标准",
    "主要污染物排放量继续下降",
    "进一步下降",
    "稳中有增",
    "应保尽保",
    "基本完成",
    "实现全覆盖",
    "持续提升",
    "在“十四五”规划期内统筹考核,并留有适当弹性",
    "-",
    "",
]
_CN_NUMBERS = ["两", "三", "五", "十", "三十", "一百二十", "二十五"]
_HEDGES = ["", "", "", "", "", "力争", "争取", "努力", "力争实现"]
_WHEN = ["", "", "", "", "到2025年,", "2025年", "“十四五”期间", "全年", "二〇二五年", "到2027年底"]


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def _figure(rng: random.Random, low: float, high: float) -> str:
    value = rng.uniform(low, high)
    if high <= 2:
        text = f"{value:.2f}"
    elif high <= 20 or rng.random() < 0.3:
        text = f"{value:.1f}"
    else:
        text = str(round(value))
    return _fullwidth(text) if rng.random() < 0.05 else text


def _level(rng: random.Random) -> str:
    name, unit, low, high, more_is_better = rng.choice(_INDICATORS)
    figure = _figure(rng, low, high)
    shown = rng.choice([unit, unit, unit, ""]) if unit in ("%", "‰") else unit
    if rng.random() < 0.35:  # an indicator-table cell: the name is in another column
        return rng.choice(
            [
                f"{figure}",
                f"{figure}左右",
                f"{'>' if more_is_better else '<'}{figure}",
                f"{'≥' if more_is_better else '≤'}{figure}{shown}",
                f"{'＞' if more_is_better else '＜'}{figure}",
                f"[{figure}]",
                f"[累计达到{figure}]",
                f"约{figure}",
            ]
        )
    when = rng.choice(_WHEN)
    hedge = rng.choice(_HEDGES)
    if more_is_better:
        verb = rng.choice(["达到", "达", "保持在", "提高到", "稳定在", ""])
        tail = rng.choice(["", "以上", "左右", "及以上"])
        before = rng.choice(["", "", "", "不低于", "不少于", "超过", "突破"]) if not verb else ""
    else:
        verb = rng.choice(["控制在", "降低到", "压缩至", "保持在", ""])
        tail = rng.choice(["", "以内", "以下", "左右"])
        before = rng.choice(["", "", "不超过", "不高于", "低于"]) if not verb else ""
    return f"{when}{hedge}{name}{verb}{before}{figure}{shown}{tail}"


def _change(rng: random.Random) -> str:
    name, unit, _, _, more_is_better = rng.choice(_INDICATORS)
    hedge = rng.choice(_HEDGES)
    when = rng.choice(_WHEN)
    verbs = ["增长", "提高", "提升", "增加"] if more_is_better else ["下降", "降低", "减少"]
    verb = rng.choice(verbs)
    roll = rng.random()
    if roll < 0.2 and unit == "%":
        return f"{when}{hedge}{name}{verb}{_figure(rng, 0.5, 5)}个百分点{rng.choice(['', '以上'])}"
    if roll < 0.4:
        low = rng.randint(2, 8)
        upper = rng.choice([f"{low + 1}%", f"{low}.5%"])
        return f"{name}{verb}{low}%{rng.choice(['-', '至', '~'])}{upper}"
    if roll < 0.55:
        return (
            f"{when}{hedge}{name}年均{verb}{_figure(rng, 2, 9)}%{rng.choice(['', '左右', '以上'])}"
        )
    if roll < 0.65:
        return f"{name}比2020年{verb}{_figure(rng, 5, 20)}%"
    if roll < 0.72:
        return f"{name}{verb}{rng.choice(_CN_NUMBERS)}个百分点"
    tail = rng.choice(["", "", "左右", "以上"])
    return f"{when}{hedge}{name}{verb}{_figure(rng, 1, 20)}%{tail}"


def _increment(rng: random.Random) -> str:
    verb, what, unit, low, high = rng.choice(_DELIVERIES)
    figure = str(rng.randint(low, high))
    if rng.random() < 0.08:
        figure = rng.choice(_CN_NUMBERS)
    hedge = rng.choice(_HEDGES)
    when = rng.choice(["", "", "", "五年累计", "每年", "全年", "到2025年,"])
    if verb == "为":
        return f"{hedge}为{figure}{unit}{what}"
    tail = rng.choice(["", "", "", "以上", "左右"])
    if rng.random() < 0.3:
        return f"{when}{hedge}{verb}{figure}{unit}{what}"
    return f"{when}{hedge}{verb}{what}{figure}{unit}{tail}"


def _compound(rng: random.Random) -> str:
    first, second = rng.randint(1, 200), rng.randint(1, 200)
    return rng.choice(
        [
            f"分别控制在{first}.{rng.randint(1, 9)}万吨、{second}.{rng.randint(1, 99)}万吨以内",
            f"[成片:五年累计约{first} 零星:五年累计约{second}]",
            f"增长{rng.randint(3, 9)}%左右、突破{first * 10}亿元",
            f"新增{first % 9 + 1}家智慧养老院、{second % 5 + 1}个社区长者食堂",
            f"亿元楼新增{first % 9 + 1}幢,达到{second}幢",
            f"年均增长{rng.randint(3, 9)}%以上,到2025年达到{first * 10}亿元",
            f"新增养老床位{first}张,改建认知障碍照护床位{second}张",
            f"城镇:{rng.randint(3, 9)}%、农村:{rng.randint(3, 9)}%",
        ]
    )


def phrase_corpus(n: int, seed: int) -> list[str]:
    """``n`` varied target phrases, the same for the same ``seed``."""
    rng = random.Random(seed)
    makers = [_level] * 40 + [_change] * 25 + [_increment] * 18 + [_compound] * 7
    phrases: list[str] = []
    for _ in range(max(0, n)):
        if rng.random() < 0.1:
            phrases.append(rng.choice(_WORDY))
        else:
            phrases.append(rng.choice(makers)(rng))
    return phrases
