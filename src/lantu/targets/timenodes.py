"""Reading a time-node phrase (``2022年底前``, ``每季度``, ``“十四五”期间``) into a ``TimeNode``.

The contract is the time-node section of ``shared/spec/targets.md``. A phrase is tried, in
order, as: recurring (每季度), duration (14个工作日内), a span of dates (2021-2025年), a date
(2022年10月底前, 第一季度, 年内), a five-year-plan period (“十四五”期间), ongoing work
(持续推进), else ``unknown``. A due date is always the last day the phrase allows.

Decisions where the spec is silent are marked "Decision:" below.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from lantu.targets.numerals import cn_to_int, fold
from lantu.targets.types import Every, TimeNode

__all__ = ["parse_timenode"]

_QUOTES = str.maketrans("", "", "“”\"'‘’「」『』《》")
_CN_SMALL = "〇○零一二两三四五六七八九十"
_CN_YEAR = "〇○零一二三四五六七八九"
_Y = rf"(?:19|20)\d{{2}}(?!\d)|[{_CN_YEAR}]{{4}}"
_M = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_D = r"3[01]|[12]\d|0?[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"

_RECURRING = re.compile(
    r"每(?P<times>[两二三四五六七八九十\d]+)?(?:个)?(?P<every>半年|年度?|季度?|个?月|周|旬|日|天)"
    r"|按(?P<by>半年|年度?|季度?|月)(?:度)?(?!底)"
    r"|(?P<once>半年|一年|季度|月)一次|定期"
)
_EVERY: dict[str, Every] = {
    "半年": "half",
    "年": "year",
    "年度": "year",
    "季": "quarter",
    "季度": "quarter",
    "月": "month",
    "个月": "month",
    "一年": "year",
}
_DURATION = re.compile(
    rf"(?<![月\d{_CN_SMALL}])(?P<n>\d+|[{_CN_SMALL}]+)\s*"
    rf"(?:(?P<work>个?工作日)|(?P<day>日(?=内|以内|之内)|天(?=内|以内|之内|$))"
    rf"|(?P<other>个月|周|小时)(?=内|以内|之内|$))"
)
_DATE = rf"(?:(?:{_Y})年?(?:(?:{_M})月(?:(?:{_D})日)?)?|(?:{_M})月(?:(?:{_D})日)?)"
_SPAN = re.compile(rf"(?P<a>{_DATE})\s*(?:起|开始)?\s*(?:至|到|-|—{{1,2}}|–|~)\s*(?P<b>{_DATE})")
_PARTS = re.compile(
    rf"(?:(?P<y>{_Y})年?)?(?:(?P<m>{_M})月(?:(?P<d>{_D})日)?)?(?P<tail>底|末|下旬|中旬|上旬|初)?"
)
_NUMERIC_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})[./-](1[0-2]|0?[1-9])(?:[./-](3[01]|[12]\d|0?[1-9]))?(?!\d)"
)
_YEAR = re.compile(
    rf"(?P<y>{_Y})年|^(?:到|至|截至)?(?P<bare>(?:19|20)\d{{2}})(?:底|末)?(?:前|以前|之前)?$"
)
_MONTH = re.compile(
    rf"(?<![\d个])(?P<m>{_M})月(?!份?以来)(?:(?P<d>{_D})日)?(?P<tail>底|末|下旬|中旬|上旬|初)?"
)
_QUARTER = re.compile(r"(?:第|前)?(?P<q>[一二三四1-4])季度|[Qq](?P<q2>[1-4])")
_HALF = re.compile(r"上半年|下半年|年中")
_YEAR_END = re.compile(r"年底|年末|年内|全年|今年|本年|当年|年度内|本年度|年前|底前")
_NEXT_YEAR = re.compile(r"明年|次年|下一年|下年度|来年")
_THIS_YEAR = re.compile(r"今年|本年|当年|年内|年度内|本年度|年底|年末|全年")
_FROM = re.compile(r"起|开始|以来|至今")
_CLAUSE = re.compile(r"[,;、。]")
#: Words that make the first of two dates a start (2022年启动,2025年完成).
_STARTS = re.compile(r"启动|开始|开工|起步|起")
_PLAN = re.compile(
    r"(?:第(?P<nth>[一二三四五六七八九十]+)个五年(?:规划)?|(?P<n>十[一二三四五六七八九]?|[一二三四五六七八九])五"
    r"(?=规划|期间|时期|期内|期末|末|中期|前期|后期|以来|内|$))"
    r"(?:规划)?(?P<when>期末|末|期间|时期|期内|内)?"
)
_ONGOING = re.compile(
    r"持续|长期|常态|逐步|加快|不断|稳步|有序|坚持|动态|分步|分阶段|长效|日常|经常|逐年|同步推进"
    r"|按计划|按进度|推进中|全程|久久为功|即日起|常抓不懈|常年|分年度"
)


def parse_timenode(text: str, year: int | None = None) -> TimeNode:
    """Read one time-node phrase into a ``TimeNode``; never raises.

    ``year`` is the year the phrase is read in: it dates phrases that name a month, a quarter
    or 年内 without a year. Whatever cannot be read becomes kind ``unknown``.
    """
    if not isinstance(text, str):  # defensive: callers outside mypy's reach
        text = "" if text is None else str(text)
    if not isinstance(year, int) or isinstance(year, bool) or not 1 <= year <= 9998:
        year = None
    try:
        return _parse(text, year)
    except Exception:  # never fail on a phrase: keep the text, claim nothing
        return TimeNode(text=text, kind="unknown")


def _number(text: str | None) -> int | None:
    if not text:
        return None
    if text.isdigit():
        return int(text)
    return cn_to_int(text)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _day(year: int, month: int, day: int | None, tail: str | None) -> dt.date:
    last = calendar.monthrange(year, month)[1]
    if day is None:
        # Decision: 上旬 ends on the 10th, 中旬 on the 20th, 初 (early in the month) on the 10th.
        day = {"上旬": 10, "初": 10, "中旬": 20}.get(tail or "", last)
    return dt.date(year, month, min(max(day, 1), last))


def _parse(text: str, year: int | None) -> TimeNode:
    t = fold(text).translate(_QUOTES).strip()
    recurring = _RECURRING.search(t)
    if recurring is not None:
        key = recurring.group("every") or recurring.group("by") or recurring.group("once")
        if recurring.group("times"):
            key = None  # 每两个月 is no month, quarter or half
        # Decision: 每周, 每日, 每两个月 and 定期 are recurring with no ``every`` (the field has
        # no such unit).
        return TimeNode(text=text, kind="recurring", every=_EVERY.get(key or ""))
    duration = _DURATION.search(t)
    if duration is not None:
        days = _number(duration.group("n"))
        if duration.group("other"):
            days = None  # Decision: 3个月内 is a duration whose length in days is not fixed.
        return TimeNode(text=text, kind="duration", days=days, working=bool(duration.group("work")))
    span = _SPAN.search(t)
    if span is not None:
        node = _span(text, span, year)
        if node is not None:
            return node
    node = _dates(text, t, year)
    if node is not None:
        return node
    plan = _PLAN.search(t)
    if plan is not None:
        return _plan(text, plan)
    if _ONGOING.search(t):
        return TimeNode(text=text, kind="ongoing")
    return TimeNode(text=text, kind="unknown")


def _ymd(piece: str, year: int | None) -> tuple[int | None, int | None, int | None, str | None]:
    match = _PARTS.fullmatch(piece)
    if match is None:
        return None, None, None, None
    return (
        _number(match.group("y")) or year,
        _number(match.group("m")),
        _number(match.group("d")),
        match.group("tail"),
    )


def _span(text: str, span: re.Match[str], year: int | None) -> TimeNode | None:
    """2021-2025年, 2021年3月至12月: a period from the first day of one to the last of the other."""
    y1, m1, d1, _ = _ymd(span.group("a"), None)
    y2, m2, d2, tail = _ymd(span.group("b"), None)
    if y1 is None and y2 is None and (m1 is None or m2 is None):
        return None
    y1 = y1 or y2 or year
    y2 = y2 or y1
    if y1 is None or y2 is None:
        return TimeNode(text=text, kind="period")
    if m1 is None and m2 is not None and y1 != y2:
        m1 = 1
    start = dt.date(y1, m1 or 1, d1 or 1)
    due = _day(y2, m2, d2, tail) if m2 is not None else dt.date(y2, 12, 31)
    if due < start:
        return None
    return TimeNode(text=text, kind="period", due=due, start=start)


def _dates(text: str, t: str, year: int | None) -> TimeNode | None:
    """A date, or several in clauses (2022年启动,2025年完成): the last date is the due one."""
    clauses = [clause for clause in _CLAUSE.split(t) if clause.strip()]
    if len(clauses) < 2:
        return _date(text, t, year)
    dated: list[tuple[str, dt.date]] = []
    for clause in clauses:
        node = _date(text, clause, year)
        if node is not None and node.due is not None:
            dated.append((clause, node.due))
            year = node.due.year  # a later clause without a year is read in the same year
    if len(dated) < 2:
        return _date(text, t, year)
    due = max(day for _, day in dated)
    first_clause, first_due = dated[0]
    if first_due < due and _STARTS.search(first_clause):
        month = _MONTH.search(first_clause)
        start = dt.date(first_due.year, first_due.month if month else 1, 1)
        return TimeNode(text=text, kind="period", due=due, start=start)
    return TimeNode(text=text, kind="deadline", due=due)


def _date(text: str, t: str, year: int | None) -> TimeNode | None:
    numeric = _NUMERIC_DATE.search(t)
    if numeric is not None:  # 2022.12, 2022-12-31, 2022/6/30
        y, m = int(numeric.group(1)), int(numeric.group(2))
        return TimeNode(text=text, kind="deadline", due=_day(y, m, _number(numeric.group(3)), None))
    explicit = _YEAR.search(t)
    base = _number(explicit.group("y") or explicit.group("bare")) if explicit is not None else None
    if base is None:
        if _NEXT_YEAR.search(t):
            base = None if year is None else year + 1
        elif year is not None:
            base = year
    month = _MONTH.search(t)
    quarter = _QUARTER.search(t)
    half = _HALF.search(t)
    year_end = _YEAR_END.search(t) or _THIS_YEAR.search(t) or _NEXT_YEAR.search(t)
    if explicit is None and month is None and quarter is None and half is None and not year_end:
        return None
    if explicit is not None and _FROM.match(t, explicit.end()) and month is None:
        return TimeNode(text=text, kind="ongoing")  # Decision: 2021年起 is ongoing from then.
    if base is None:
        return TimeNode(text=text, kind="deadline")  # a month or quarter with no year to date it
    if month is not None:
        number = _number(month.group("m"))
        if number is not None and 1 <= number <= 12:
            due = _day(base, number, _number(month.group("d")), month.group("tail"))
            return TimeNode(text=text, kind="deadline", due=due)
    if quarter is not None:
        q = _number(quarter.group("q") or quarter.group("q2")) or 4
        return TimeNode(text=text, kind="deadline", due=_month_end(base, 3 * min(q, 4)))
    if half is not None:
        month_of = 12 if half.group() == "下半年" else 6
        return TimeNode(text=text, kind="deadline", due=_month_end(base, month_of))
    return TimeNode(text=text, kind="deadline", due=dt.date(base, 12, 31))


def _plan(text: str, plan: re.Match[str]) -> TimeNode:
    """“十四五”期间 is 2021-01-01..2025-12-31: from the 3rd plan on, the n-th starts 1966+5(n-3)."""
    n = _number(plan.group("n") or plan.group("nth"))
    if n is None or n < 1:
        return TimeNode(text=text, kind="unknown")
    first = {1: 1953, 2: 1958}.get(n, 1966 + 5 * (n - 3))
    due = dt.date(first + 4, 12, 31)
    if plan.group("when") in ("期末", "末"):
        return TimeNode(text=text, kind="deadline", due=due)  # Decision: 期末 is a deadline.
    return TimeNode(text=text, kind="period", due=due, start=dt.date(first, 1, 1))
