"""Quantified targets in the running text (《纲要》文本中涉及的量化目标).

A sentence is cut into clauses at ，；：、 (a clause keeps its offsets in the sentence). In each
clause a number (Arabic digits, 百分之五, 1/3) followed by a unit or a comparator word is a
candidate; quoted names, years, dates, ordinals, ``5G``, ``PM2.5``, age groups (60岁以上老年人),
attributes (占地100亩的), bases (由…, 比2020年…) and time spans (15分钟生活圈) are not.

The expression is the span the target parser reads: the governing verb right before the number
(达到, 增长, 控制在, 提高到 …) or, failing that, the first counting verb of the clause with its
object (新增养老床位800张, 打造5个夜间经济集聚区), widened leftwards over 年均, 累计, 力争,
到2030年 and the like, and on the right over the unit, the comparator word (以上, 以内, 左右)
and, after a measure word, the object counted. A following clause made only of a verb and a
figure after 、 (分别下降13.5%、18%) joins the expression; after ，or ；
(新增10幢,达到45幢) it is a target of its own with the previous clause's subject. Without a
number, a few fixed forms are targets too: 与…同步, 控制在(市)下达…以内, 完成…下达…目标,
实现…全覆盖, 清零.

A candidate is skipped when its clause tells of the past: 了 after the verb (增长了), 已 before
it, 同比, 预计 with a past year, a year before the plan without 到/比, or the previous plan's
period (“十四五”期间 in a 15th-plan Outline) other than as a base (比“十四五”末). The subject is
the noun phrase before the verb (leading verbs such as 推动 stripped), the object counted after
a counting verb, or the previous clause's subject for a bare continuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lantu.ingest.outline.model import TextTarget

__all__ = ["find_targets", "sentences"]

_FILL = "\x01"
_UNITS = (
    "个百分点|百分点|个工作日|工作日|平方公里|平方千米|平方米|立方米|万千瓦时|千瓦时|千瓦|兆瓦|吨标准煤|吨标煤"
    "|微克/立方米|毫克/立方米|公顷|公里|千米|标准箱|万标箱|人次|户次|件次|床位|张床|年一遇|分钟|小时|个月"
    "|元/人|万元/人|人/亿元|元/月|"
    "元|美元|吨|公斤|千克|斤|亩|米|个|家|所|张|名|户|件|岁|辆|人|次|项|座|条|处|套|间|幢|栋|台|艘|架|只|株|棵"
    "|部|场|批|天|日|倍|番|层|支|队|块|片|根|宗|笔|份|册|本|秒|车|种|款|级|km|MW|kW|TEU|%|‰"
)
_MAGNITUDE = "万亿|千亿|百亿|千万|百万|亿|万|千|百"
_NUMBER = re.compile(
    rf"(?<![\dA-Za-z.{_FILL}])(?P<num>\d+(?:\.\d+)?(?:\s*[-~—–至到]\s*\d+(?:\.\d+)?)?"
    rf"|百分之[一二三四五六七八九十百]+|\d+/\d+|[一二三四五六七八九十]+分之[一二三四五六七八九十]+)"
    rf"\s*(?P<more>余|多)?(?P<mag>{_MAGNITUDE})?(?P<unit>{_UNITS})?"
    rf"(?P<suffix>以上|以内|以下|之内|左右|上下|内)?"
)
# Change and level verbs: they govern the number right after them.
_LEVEL = (
    "提高到|提高至|提升到|提升至|增加到|增加至|增长到|增长至|上升到|上升至|下降到|下降至|降低到|降低至|降至|降到"
    "|减少到|减少至|压缩至|压缩到|缩短至|缩短到|缩减至|扩大到|扩大至|增至|控制在|控制到|保持在|稳定在|维持在"
    "|不低于|不少于|不超过|不高于|不大于|低于|高于|大于|小于|超过|超出|突破|达到|达|实现|增长|增加|提高|提升"
    "|上升|下降|降低|减少|压缩|缩短|翻|超|逾|近|约|分别为|为"
)
_LEVEL_RE = re.compile(rf"(?:{_LEVEL})(?:[约近超逾至到在]|\s)*$")
# Counting verbs: their object may stand between them and the number.
_COUNT = re.compile(
    r"新建改扩建|新改扩建|新增|新建|新改建|新开|新设|建成|建设|改建|扩建|改扩建|改造|完成|培育|引进|引育|招引|吸引|打造|推出"
    r"|开展|加装|盘活|减量化|打通|实施|创建|争创|创成|认定|设立|建立|开通|布局|集聚|储备|筹措|供应|提供"
    r"|培训|帮扶|吸纳|转化|新招|引导|举办|培养|认证|投放|更新|整治|修复|治理|种植|造林|安置|落地|推动"
)
# A counting verb that is part of a noun (覆盖率, 建设用地, 改造面积) does not count.
_NOUN_AFTER_VERB = re.compile(
    r"^(?:(?:率|量|数)(?=$|[达为提保稳控下增突超不在])"
    r"|面积|用地|规模|总量|总额|比例|比重|水平|能力|强度|时间|速度|单位|项目)"
)
_ADVERBS = re.compile(
    r"(?:年均|累计|力争|争取|努力|每年|均|全面|分别|再|总体|基本|稳步|逐步|实现|确保)$"
    r"|(?:到|至|在)\d{4}年(?:底|末)?[,，]?\s*$"
)
_BASE = re.compile(r"(?:比|较|与|同|相比|由|从)[\s\d年“”\"十五四三六七八九末初底的]*$")
_PAST_VERB = re.compile(
    r"(?:增长|达到|提高|提升|下降|降低|完成|实现|超过|突破|新增|建成|减少|增加|累计|培育|引进|打造|创建|获得)了"
)
_PAST = re.compile(
    r"已经|已|同比|比上年|较上年|比去年|截至|截止|期间共|五年来|过去五年|近五年|以来"
)
_SKIP_AFTER = re.compile(
    r"^(?:分钟[\u4e00-\u9fff]{0,6}圈|号|号线|路|期|届|版|代|星|强|大|小时[\u4e00-\u9fff]{0,4}圈)"
)
_AGE_GROUP = re.compile(
    r"^(?:以上|以下|及以上|及以下)?(?:的)?(?:老年人|老人|人口|儿童|婴幼儿|居民|人群|学生|青少年|妇女|幼儿)"
)
_SPECIAL = re.compile(
    r"(?P<relative>与[^，,；;。]{1,14}?(?:基本)?(?:保持)?同步)"
    r"|(?P<delegated>(?:控制在|确保完成|完成|达到)(?:国家|省|市|区|上级)?(?:下达|要求)的?[^，,；;。]{0,14}?(?:目标|任务|指标|要求)(?:以内)?)"
    r"|(?P<cover>实现[^，,；;。]{0,10}?全覆盖)"
    r"|(?P<zero>(?:动态)?清零)"
)
_LEADING = re.compile(
    r"^(?:[-—–·•\s]+|[一二三四五六七八九十]+是|推动|推进|促进|确保|力争|争取|实现|全区|全面|加快|持续|进一步"
    r"|努力|着力|大力|积极|支持|鼓励|深入|不断|其中|同时|此外|以及|每年|到\d{4}年(?:底|末)?|“十.五”(?:期间|时期|末)?)+"
)
_SENTENCE_END = re.compile(r"[^。!?！？]*(?:[。!?！？]+[”’)）]?|$)")
_CLAUSE_SPLIT = re.compile(r"[，,；;：:、]")
_YEAR_IN = re.compile(r"(?:到|至|在)?(\d{4})年")


@dataclass(frozen=True)
class _Hit:
    start: int  # the expression's span in the sentence
    end: int
    subject_start: int  # the subject's span in the sentence
    subject_end: int


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph, each as written with its closing punctuation."""
    return [s.strip() for s in _SENTENCE_END.findall(text) if s.strip()]


def _fill(match: re.Match[str]) -> str:
    found = match.group(0)
    return found[0] + _FILL * (len(found) - 2) + found[-1]


def _mask(sentence: str) -> str:
    """Quoted names, titles, notes, codes, years and dates overwritten, one character for one."""
    masked = re.sub(r"“[^”]{0,30}”|《[^》]{0,60}》|‘[^’]{0,30}’|\"[^\"]{0,30}\"", _fill, sentence)
    masked = re.sub(r"[(（][^()（）]{0,40}[)）]", _fill, masked)
    masked = re.sub(
        r"[A-Za-z]+\d+(?:\.\d+)?|\d+(?!km|MW|kW|TEU)[A-Za-z]+",
        lambda m: _FILL * len(m.group()),
        masked,
    )
    return re.sub(
        r"\d{4}\s*年(?!一遇)|\d{1,2}\s*月份?|\d{1,2}\s*日|第\s*\d+",
        lambda m: _FILL * len(m.group()),
        masked,
    )


def _clauses(masked: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for match in _CLAUSE_SPLIT.finditer(masked):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(masked)))
    return [(a, b) for a, b in spans if b > a]


def previous_plan(period: tuple[int, int]) -> str:
    """How the previous plan is written (十四五 for a plan starting in 2026)."""
    number = (period[0] - 2021) // 5 + 14 - 1
    return f"十{'一二三四五六七八九'[number - 11]}五" if 11 <= number <= 19 else "十?五"


def _is_past(clause: str, period: tuple[int, int] | None) -> bool:
    if _PAST_VERB.search(clause) or _PAST.search(clause):
        return True
    if period is None:
        return False
    for match in _YEAR_IN.finditer(clause):
        year = int(match.group(1))
        if year >= period[0]:
            continue
        before = clause[max(0, match.start() - 3) : match.start()]
        after = clause[match.end() :]
        if not re.search(r"比|较|与|以|由|从", before) and not re.match(
            r"\s*(?:为基期|基础上|相比|的基础|水平)", after
        ):
            return True
    for match in re.finditer(rf"{previous_plan(period)}”?(?:期间|时期|以来|来)", clause):
        if not re.search(r"比|较|与|相比", clause[max(0, match.start() - 3) : match.start()]):
            return True
    return False


_BASE_TAIL = re.compile(
    r"(?:(?:比|较)\s*(?:\d{4}年|上年|去年|“?十.五”?(?:期)?末|基期)[^，,]{0,6}"
    r"|与\d{4}年(?:末)?相比|(?:由|从)[^，,]{0,16}|(?:到|至|在)\d{4}年(?:底|末)?)$"
)


def _subject(text: str) -> str:
    text = _LEADING.sub("", text.strip())
    text = _BASE_TAIL.sub("", text)
    text = re.sub(r"(?:年均|累计|力争|争取|均|分别|全面|每年|再|实现|确保)+$", "", text)
    return text.strip(" ，,、：:")


def _extend_left(sentence: str, start: int, floor: int) -> int:
    while start > floor:
        adverb = _ADVERBS.search(sentence, floor, start)
        if adverb is None or adverb.end() != start or adverb.start() == start:
            break
        start = adverb.start()
    return start


_MEASURE_WORDS = frozenset("个家所座条项张台套间户处名支批种款部幢栋")


def _span_for(
    sentence: str, masked: str, floor: int, number: re.Match[str], ceiling: int
) -> _Hit | None:
    """The expression around ``number`` in the clause ``[floor, ceiling)``."""
    head = masked[floor : number.start()]
    level = _LEVEL_RE.search(head)
    if level is None and _BASE.search(head):
        return None  # 比2020年… / 由65%…: a base, not the target
    end = number.end()
    unit = number.group("unit") or ""
    if level is not None and level.start() < len(head):
        start = floor + level.start()
        subject = (floor, start)
    else:
        count = next(
            (m for m in _COUNT.finditer(head) if not _NOUN_AFTER_VERB.match(head[m.end() :])),
            None,
        )
        if count is not None:
            start = floor + count.start()
            subject = (floor + count.end(), number.start())
            tail = masked[end:ceiling]
            if floor > 0 and sentence[floor - 1] == "、" and count.start() > 0:
                start, subject = floor, (floor, number.start())  # 、零星旧住房改造8万平方米
            elif start + len(count.group()) == number.start():
                if unit in _MEASURE_WORDS and re.fullmatch(r"[\u4e00-\u9fff“”\x01]+", tail):
                    end, subject = ceiling, (number.end(), ceiling)  # 打造5个夜间经济集聚区
                else:
                    subject = (floor, start)
        elif number.group("suffix") or unit in ("%", "‰", "个百分点", "百分点"):
            start = number.start()
            subject = (floor, start)
        else:
            return None
    return _Hit(_extend_left(sentence, start, floor), end, *subject)


def _number_ok(masked: str, number: re.Match[str], ceiling: int) -> bool:
    unit = number.group("unit")
    if not (unit or number.group("suffix") or number.group("mag")):
        return False
    after = masked[number.end() : ceiling]
    if unit == "岁" and _AGE_GROUP.match(after):
        return False  # 60岁以上老年人: an age group
    unit_start = number.end() - len(number.group("suffix") or "") - len(unit or "")
    if _SKIP_AFTER.match(masked[unit_start:]) and unit not in _MEASURE_WORDS | {"%"}:
        return False  # 15分钟生活圈, 3号线
    if after.startswith("的"):
        return False  # 占地100亩的: an attribute
    if number.start() > 0 and masked[number.start() - 1] in "+×xX*":
        return False
    return not after.startswith("+")


def _future(clause: str, period: tuple[int, int] | None) -> bool:
    if re.search(r"力争|争取|将|确保", clause):
        return True
    years = [int(y) for y in re.findall(r"(?:到|至)(\d{4})年", clause)]
    return bool(years) and (period is None or max(years) >= period[0])


def _targets_in(sentence: str, period: tuple[int, int] | None) -> list[tuple[str, str, int | None]]:
    body = sentence.rstrip("。!?！？”’)） ")
    masked = _mask(body)
    found: list[tuple[int, int, str]] = []
    last_subject = ""
    past_context = False
    for floor, ceiling in _clauses(masked):
        clause = body[floor:ceiling]
        if _future(clause, period):
            past_context = False
        elif _is_past(clause, period):
            past_context = True
            continue
        if past_context:
            continue
        hits: list[_Hit] = []
        for number in _NUMBER.finditer(masked, floor, ceiling):
            if not _number_ok(masked, number, ceiling):
                continue
            hit = _span_for(body, masked, floor, number, ceiling)
            if hit is not None and not (hits and hit.start < hits[-1].end):
                hits.append(hit)
        if not hits:
            special = _SPECIAL.search(masked, floor, ceiling)
            if special is not None:
                start = _extend_left(body, special.start(), floor)
                hits.append(_Hit(start, special.end(), floor, start))
        for hit in hits:
            subject = _subject(sentence[hit.subject_start : hit.subject_end])
            if not subject and found and floor - found[-1][1] <= 1 and body[floor - 1] == "、":
                first, _end, kept = found.pop()  # 分别下降13.5%、18%: one compound expression
                found.append((first, hit.end, kept))
                continue
            subject = subject or last_subject
            last_subject = subject
            found.append((hit.start, hit.end, subject))
    results = []
    for start, end, subject in found:
        expression = sentence[start:end].strip()
        years = [int(y) for y in re.findall(r"(\d{4})年", expression)]
        year = years[0] if years else _sentence_year(sentence[:start])
        results.append((subject, expression, year))
    return results


def _sentence_year(head: str) -> int | None:
    """The year of a time phrase standing as its own clause before the target (到2030年，…)."""
    years = re.findall(r"(?:^|[，,；;：:])\s*(?:到|至|在)(\d{4})年(?:底|末)?\s*(?=[，,])", head)
    return int(years[-1]) if years else None


def find_targets(
    text: str, index: int, period: tuple[int, int] | None, section_number: str = ""
) -> list[TextTarget]:
    """The text targets of one body paragraph (block ``index``), in order."""
    out = []
    for sentence in sentences(text):
        for subject, expression, year in _targets_in(sentence, period):
            out.append(
                TextTarget(
                    sentence=sentence,
                    subject=subject,
                    expression=expression,
                    year=year,
                    block=index,
                    source=text,
                    section_number=section_number,
                )
            )
    return out
