"""The words of the target-phrase grammar (spec/targets.md), compiled once at import.

Every pattern here runs on *folded* text (see ``numerals.fold``) in which spans that can never
hold the target number (quoted names, notes in brackets, ``PM2.5``, ``5G``, years, dates, ordinals)
have been overwritten with ``FILL``, one character for one, so offsets stay those of the phrase.
"""

from __future__ import annotations

import re
from typing import Final

from lantu.targets.types import Comparator, Direction

#: The character that overwrites masked spans; matches nothing in the grammar.
FILL: Final = "\x01"

_CN = "零〇○一二两三四五六七八九十百千万亿"


def _words(text: str) -> list[str]:
    """A word list written as one string, words separated by white space."""
    return text.split()


_CJK = "\u4e00-\u9fff"

# --- units -----------------------------------------------------------------------------------

# Units written after a number, longest first so that 个百分点 wins over 个. A unit that begins
# with a magnitude character (千瓦时, 千米, 百分点) also needs its tail listed (瓦时, 米, 分点),
# because the magnitude is tried first; the unit kept is the text as written either way.
_UNITS = _words(
    """
% ‰ ‱ 个百分点 百分点 分点 个工作日 工作日 个月 个点位 个点 个
平方公里 平方千米 平方米 立方米 公顷 亩 标准亩
元/人 元 美元 欧元 港元
吨标准煤 吨标煤 标准煤 吨 公斤 千克 克 斤 担 微克/立方米 毫克/立方米 毫克/升 微克 毫克
千瓦时 瓦时 千瓦 兆瓦 瓦 千伏安 千伏 伏安 伏 度
公里 千米 米 厘米 毫米
家 所 张床 张 名 户次 户 件次 件 周岁 岁 辆次 辆 人次 人 次 项 座 条 处 套 间 幢 栋 台套 台
艘 架次 架 只 头 株 棵 篇 部 场次 场 届 期 批次 批 课时 学时 小时 天 日 分钟 秒 倍 番
标准箱 标箱 箱 床位 床 位 层 园 校 班次 班 支 队 盏 块 片 根 口 宗 笔 份 册 本 分 段 眼 孔
车次 航次 人年 人月 票 单 卷 年
"""
)
_ASCII_UNITS = _words(
    "km2 km² km m2 m² m3 m³ kg kWh kW MW MWh GW GWh TWh TEU Mbps Gbps TB PB EB mg/L mg/m3 "
    "μg/m3 μg/m³ ug/m3 t m g h L ha"
)
#: The letters an ASCII unit starts with (km of km2, mg of mg/L): digits then these are a unit.
ASCII_UNIT_LETTERS: Final = frozenset(u.split("/")[0].rstrip("0123456789²³") for u in _ASCII_UNITS)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_UNIT_ALT = _alternation(_UNITS)
_ASCII_ALT = _alternation(_ASCII_UNITS)
_MAG = "万亿|千亿|百亿|千万|百万|亿|万|千|百"

#: A unit right after a number: optional 余/多 ("100余家"), optional magnitude, known unit.
UNIT = re.compile(
    rf"(?P<yu1>余|多)?(?:(?P<mag>{_MAG})(?P<yu2>余|多)?)?"
    rf"(?P<unit>{_UNIT_ALT}|(?:{_ASCII_ALT})(?![A-Za-z]))?"
)
#: The same, for the tail of a composite unit after a slash (人/亿元, 万元/人).
UNIT_TAIL = re.compile(rf"/(?:(?:{_MAG})?(?:{_UNIT_ALT})|(?:{_ASCII_ALT})(?![A-Za-z]))")

_STOP = r"以上|以下|以内|之内|左右|上下|内|及以|或以|余|多"
_BOUNDARY = rf"$|[\s,、;:。!?)\]{FILL}的<>≤≥=]|{_STOP}"
#: An unknown unit: one to three characters up to a comparator word, punctuation or the end.
GENERIC_UNIT = re.compile(rf"(?!{_STOP}|至|到)(?:[{_CJK}]{{1,3}}?)(?={_BOUNDARY})")
#: A rate base or a ratio written after a number: 10/10万, 5/万人, 2.5:1.
PER_OR_RATIO = re.compile(rf"/\d*(?:十万|{_MAG})(?:人口|人|名|例|户|活产)?|:\d+(?:\.\d+)?(?![\d.])")
#: What may follow a Chinese numeral written without a unit (三十, 约三十).
CN_BARE_END = re.compile(rf"(?={_BOUNDARY})")

#: A Chinese numeral meaning one is read only before these units: 一张蓝图, 一批, 一件事,
#: 一个中心 are names, not targets.
ONE_UNITS: Final = frozenset({"个百分点", "百分点", "倍", "番"})
#: Units a Chinese numeral never counts: 五年累计 and 两年内 are spans of time, not targets.
CN_NOT_UNITS: Final = frozenset({"年"})
#: Words before which ``N年`` is an amount of years (受教育年限达到12年), not a span of time.
YEARS_AMOUNT = re.compile(
    r"(?:达到|达|提高|提升|增加|延长|为|至|到|超过|不低于|不少于|约|保持在|稳定在)[\s]*$"
)

# --- numbers ---------------------------------------------------------------------------------

_AR = r"\d+(?:\.\d+)?"
NUMBER = re.compile(
    rf"(?P<pw>[百千]分之)(?P<pn>{_AR}|[{_CN}]+)"
    rf"|(?P<fd>{_AR}|[{_CN}]+)分之(?P<fn>{_AR}|[{_CN}]+)"
    rf"|(?P<fa>{_AR})/(?P<fb>{_AR})(?![\d.十百千万亿])"
    rf"|(?P<ar>(?:\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+)(?:\.\d+)?)"
    rf"|(?P<cn>[{_CN}]+)"
)
#: The second number of a range (6%-6.5%, 6%至6.5%, 6~7%).
RANGE = re.compile(rf"\s*(?:-|~|—{{1,2}}|–|至|到)\s*(?:(?P<ar>{_AR})|(?P<cn>[{_CN}]+))")
#: Characters before which a Chinese numeral is an ordinal or a rate base, not a number.
CN_NOT_AFTER: Final = frozenset("第每周初前星")
#: A Chinese numeral with no unit is read only after one of these (达到三十, 约三十).
CN_BARE_AFTER = re.compile(r"(?:^|[\s\[:<>≤≥=" + FILL + r"]|约|达到|达|为|到|至|在|于|过|破|增长)$")

# --- masks -----------------------------------------------------------------------------------

_AGE_NOUN = "老人儿婴幼青少学妇居群男女"
MASK = re.compile(
    r"“[^“”]*”|‘[^‘’]*’|「[^「」]*」|『[^『』]*』|《[^《》]*》|\"[^\"]*\"|\([^()]*\)"
    r"|(?<![\d.A-Za-z])[A-Za-z]+\d+(?:\.\d+)?[A-Za-z\d]*"  # PM2.5, CO2, H7N9
    r"|(?:19|20)\d{2}\s*(?:-|—{1,2}|–|~|至|到)\s*(?:19|20)\d{2}(?:年(?!均)|(?=年均))"
    # A number followed by what makes it no target: 5G and 4A (a unit like 100km is kept by
    # the caller), N年 (a year or a span of years), dates, ordinals, age groups, 15分钟生活圈.
    r"|(?<![\d.])(?P<num>\d+(?:\.\d+)?)(?:(?P<letters>[A-Za-z]+)|(?P<year>年)(?!均)|(?=年均)"
    r"|周年|周(?!岁)|号|级|星|类|月(?:\d{1,2}日)?|日(?=前|之前|以前|后|起)|\+[A-Za-z\d]+"
    rf"|(?:-\d+)?岁(?:及|或)?(?:以上|以下)?(?=[{_AGE_NOUN}])"
    rf"|分钟(?=[{_CJK}])(?!以|左右|内|之内|的))"
    r"|第\d+|每\d+(?:\.\d+)?|[A-Za-z]\+\d+"
)

# --- comparators -----------------------------------------------------------------------------

COMPARATOR_WORDS: Final[dict[str, Comparator]] = {
    "达到或超过": "ge",
    "达到或高于": "ge",
    "大于或等于": "ge",
    "大于等于": "ge",
    "小于或等于": "le",
    "小于等于": "le",
    "不少于": "ge",
    "不低于": "ge",
    "不小于": "ge",
    "不得低于": "ge",
    "不得少于": "ge",
    "不应低于": "ge",
    "至少": "ge",
    "不超过": "le",
    "不高于": "le",
    "不大于": "le",
    "不多于": "le",
    "不得超过": "le",
    "不得高于": "le",
    "不应超过": "le",
    "超过": "gt",
    "突破": "gt",
    "高于": "gt",
    "大于": "gt",
    "多于": "gt",
    "快于": "gt",
    "低于": "lt",
    "小于": "lt",
    "少于": "lt",
    "慢于": "lt",
    "不足": "lt",
    "大约": "approx",
    "约": "approx",
    "超": "gt",
    "逾": "gt",
    ">=": "ge",
    "<=": "le",
    "≥": "ge",
    "≤": "le",
    ">": "gt",
    "<": "lt",
}
_CMP_ALT = _alternation(list(COMPARATOR_WORDS))
#: A comparator word right before the number, allowing a linking word (约为, 超过了, 不低于达到).
CMP_ADJACENT = re.compile(rf"({_CMP_ALT})(?:为|在|于|了|至|到|达到|达)?[\s{FILL}]*$")
# Single characters (约, 超, 逾) and symbols only count next to the number: 超低排放, 约束性.
_CMP_STRONG = [w for w in COMPARATOR_WORDS if len(w) > 1 and not w.isascii()]
#: A comparator word anywhere before the number in the same clause (不超过全区总量的5%).
CMP_ANYWHERE = re.compile(_alternation(_CMP_STRONG))
SUFFIX_COMPARATORS: Final[dict[str, Comparator]] = {
    "以上": "ge",
    "以下": "le",
    "以内": "le",
    "之内": "le",
    "内": "le",
    "左右": "approx",
    "上下": "approx",
}
#: A comparator word right after the number or its unit: 以上 and 以下 count only here.
CMP_SUFFIX = re.compile(
    rf"[\s{FILL}\]]*(?:及|或)?(以上|以下)|[\s{FILL}\]]*(以内|之内|左右|上下|内(?![容部外涵地]))"
)
CONTROL = re.compile(r"控制在|控制于")

# --- verbs -----------------------------------------------------------------------------------

#: The closed list of change verbs that set ``direction`` (spec: direction).
DIRECTION_WORDS: Final[dict[str, Direction]] = {
    "增长": "increase",
    "提高": "increase",
    "提升": "increase",
    "增加": "increase",
    "上升": "increase",
    "新增": "increase",
    "降低": "decrease",
    "下降": "decrease",
    "减少": "decrease",
    "压缩": "decrease",
    "减排": "decrease",
}
# Further change verbs that make a number a change (basis) without giving a direction, since
# the direction list is closed: 削减10% is a growth target whose direction is left null.
_OTHER_CHANGE = _words("削减 缩减 压减 精简 缩短 减小 扩大 缩小 上调 下调 回落 递增 递减 提速")
_NOUN_AFTER = "率值点极幅量速额比"
#: A change verb; with 到/至/为 after it (提高到) it introduces a level, not a change.
# A negated change (不降低, 零增长, 负增长) says no direction.
CHANGE = re.compile(
    rf"(?<![不未没零负])({_alternation([*DIRECTION_WORDS, *_OTHER_CHANGE])})(到|至(?!少)|为)?"
    rf"(?![{_NOUN_AFTER}])"
)
#: A change verb right after the figure: 保持6%以上的增长.
CHANGE_AFTER = re.compile(
    rf"[\s{FILL}]*的?(?:{_alternation([*DIRECTION_WORDS, *_OTHER_CHANGE])})(?![{_NOUN_AFTER}])"
)
#: A change verb shortened to one character, right before the number (同比增5%, 降10%).
CHANGE_SHORT = re.compile(rf"(?:增|降|涨|减|翻)(?:了)?[\s{FILL}]*$")
#: Verbs that deliver an amount within the period (basis ``increment`` with a count).
_INCREMENT = _words(
    """
新建 新开工 新开 新设 新辟 新培育 新引进 新改建 新认定 新登记 新注册 新投放 新招
完成 实施 建成(?!区) 建设(?!用地|规模|面积|强度) 改建 扩建 改扩建 改造 修缮 整治 安装 打造 培育
引进 引育 招引 创建 创成 建立 设立 开设 开展 举办 承办 培训 培养 开工 竣工 推出 提供 配置
配备 招聘 吸纳 帮扶 救助 资助 惠及 种植 植树 造林 开通 筹集 供应 发放 排查 腾退 拆除 征收
增设 认定 评选 建造 落地 签约 储备 收储 出让 供地 投放 布设 铺设 敷设 修复 治理 整改 处置
走访 孵化 输送 组织 挂牌 上市 命名 授牌 新增设 引导 推动 推进 带动 扶持 帮助 转移 吸引 引入
组建 成立 创办 安置 服务(?!业|中心|站)
"""
)
INCREMENT = re.compile(rf"(?:{'|'.join(_INCREMENT)})(?!率)")
#: Verbs that introduce the figure itself; they keep a later part of a list from borrowing the
#: first part's verb (亿元楼新增6幢,达到88幢: the second part is a level).
#: A change or increment verb right before a position (新建两所学校).
VERB_BEFORE = re.compile(rf"(?:{CHANGE.pattern}|{INCREMENT.pattern})$")
#: A list item that only hedges and reaches (力争达到7%).
ONLY_HEDGE_AND_REACH = re.compile(r"(?:力争|争取|努力|尽力|确保)?(?:达到|达|实现|为)?")
LEVEL_VERB = re.compile(r"达到|达|保持|稳定在|维持|控制|为|是|实现|拥有|总量|总数|规模")
#: 年均 and its kin, followed by what makes the number a yearly rate (not 年均浓度).
ANNUAL = re.compile(
    rf"(?:年均|年平均|平均每年|每年平均|每年)(?:复合|分别|各)?(?:[\s{FILL}约]|增速|增幅|增长率|[<>≥≤]"
    rf"|{_alternation([*DIRECTION_WORDS, *_OTHER_CHANGE])}|\d)"
)
CUMULATIVE = re.compile(r"累计")

# --- whole-phrase readings -------------------------------------------------------------------

HEDGE = re.compile(r"力争|争取|努力|奋斗目标|尽力")
DELEGATED = re.compile(
    r"下达|(?:国家|国务院|中央|上级|省|市|区|县|州)(?:政府|人民政府|委|级|里)?"
    r"(?:确定|要求|核定|分配|分解|规定|考核要求|考核目标|定目标|定任务|定指标)"
)
RELATIVE = re.compile(
    r"同步|平均水平|平均值|全国平均|全省平均|全市平均|全区平均|衔接|相适应|相协调|相一致"
    r"|匹配|保持一致|持平|跑赢|快于|慢于|上年|去年|同期"
)
STANDARD = re.compile(r"标准")
APPROX_RELATIVE = re.compile(r"同步")
YEAR = re.compile(
    r"(?<!\d)(?P<a>(?:19|20)\d{2})\s*(?:(?:-|—{1,2}|–|~|至|到)\s*(?P<b>(?:19|20)\d{2})\s*)?年"
    r"|(?P<c>[〇○零一二三四五六七八九]{4})年"
)
BASE_BEFORE = re.compile(r"(?:比|较|相比|对比|相对于|由|从|以)\s*$")
BASE_AFTER = re.compile(r"\s*(?:的)?(?:基础|水平|为基|相比|比较|同期|基数)")

# --- splitting a cell ------------------------------------------------------------------------

#: Where a cell splits into items; a comma inside 1,000 does not split.
SEPARATOR = re.compile(
    rf"[、;。\n\r]|,(?<!\d,)|,(?!\d{{3}}(?!\d))"
    rf"|\s+(?=[^\s\d:\[\]、,;{FILL}]{{1,8}}:)"
)
#: A joining word between two numbers of one list (分别达到90%和95%).
JOINER = re.compile(rf"[\s{FILL}]*(?:和|及|与|以及|或)[\s{FILL}]*$")
LABEL = re.compile(rf"[\s\[]*([^\s\d:\[\]、,;{FILL}]{{1,8}}):\s*")
BRACKET = re.compile(r"\[[^\[\]]*\]")
