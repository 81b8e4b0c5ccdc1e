"""Reading a target phrase (``5左右``, ``[累计达到1000]``, ``提升4个百分点``) into a ``Target``.

The contract is ``shared/spec/targets.md``. The reading goes in four steps:

1. *Fold and mask.* Full-width forms are folded to ASCII, and spans that can never hold the
   target number are overwritten, one character for one: quoted names (“十四五”), notes in
   brackets, identifiers (``PM2.5``, ``5G``), years, dates, ordinals, age groups.
2. *Find the numbers*, each with its unit (a magnitude such as 万 belongs to the unit), a range
   (``6%-6.5%``) and a comparator word written right after it (以上, 左右, 以内).
3. *Split the cell* at 、 , ; and before ``label:``. Two or more items with numbers make a
   ``compound``; its parts are read like single targets. Otherwise the last number of the cell
   is its target: an indicator name may hold numbers of its own (``60岁以上老年人…达到70%``),
   but the figure is written last.
4. *Read the words before the number*: comparator words, change verbs (direction and basis),
   increment verbs, 年均, 累计 and square brackets; and, without a number, the words that make
   a target ``delegated``, ``relative`` or ``qualitative``.

Decisions where the spec is silent are marked "Decision:" below.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal

from lantu.targets import lexicon as lx
from lantu.targets.numerals import cn_split_magnitude, cn_to_int, decimal_of, fold, fraction
from lantu.targets.types import Basis, Comparator, Direction, Target

__all__ = ["parse_target"]

_RATE_UNITS = frozenset({None, "%", "‰", "‱"})
_PERCENT_UNITS = frozenset({"%", "‰", "‱"})
# Decision: a change written in 倍 or 番 (增长一倍) is a growth like a percentage.
_GROWTH_UNITS = _RATE_UNITS | {"倍", "番"}
_TRIM = " \t\r\n" + lx.FILL
_OPENERS = '(“‘「『《"'


@dataclass(slots=True)
class _Token:
    """One number found in the masked text, with what is written around it."""

    start: int
    end: int  # after the unit (and after a range's second number)
    stop: int  # after a comparator word written after the unit
    value: Decimal
    upper: Decimal | None
    unit: str | None
    suffix: Comparator | None
    more: bool  # 100余家, 100多家


@dataclass(slots=True)
class _Segment:
    start: int
    end: int
    tokens: list[_Token]


@dataclass(slots=True)
class _Cell:
    text: str
    folded: str
    masked: str
    years: list[tuple[int, int]]  # (offset, year) of target years; base years are left out
    brackets: list[tuple[int, int]]


def parse_target(text: str) -> Target:
    """Read one target phrase into a ``Target``; never raises.

    ``text`` is kept unchanged. Whatever cannot be read becomes basis ``qualitative``.
    """
    if not isinstance(text, str):  # defensive: callers outside mypy's reach
        text = "" if text is None else str(text)
    try:
        return _parse(text)
    except Exception:  # the parser must never fail on a phrase; keep the text, claim nothing
        return Target(text=text, basis="qualitative")


# --- step 1: fold and mask -------------------------------------------------------------------


def _mask_one(match: re.Match[str]) -> str:
    found = match.group()
    letters = match.group("letters")
    if letters is not None and letters in lx.ASCII_UNIT_LETTERS:
        return found  # 100km, 300MW: a number with an ASCII unit
    if found[0] in _OPENERS and match.string.strip(_TRIM) == found:
        return found  # the whole phrase is quoted or in brackets: read it
    years = match.group("num") if match.group("year") else None
    if years is not None and (
        "." in years
        or (
            len(years) < 4
            and lx.YEARS_AMOUNT.search(match.string, max(0, match.start() - 6), match.start())
        )
    ):
        return found  # 受教育年限达到12.5年: an amount of years, read with unit 年
    return lx.FILL * len(found)


def _years(folded: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for match in lx.YEAR.finditer(folded):
        start, end = match.span()
        # Decision: a base year (比2020年, 与2020年相比, 2020年基础上) is not the target year.
        if lx.BASE_BEFORE.search(folded, max(0, start - 4), start) or lx.BASE_AFTER.match(
            folded, end
        ):
            continue
        if match.group("c") is not None:
            year = cn_to_int(match.group("c"))
            if year is None:
                continue
        else:
            # Decision: a span of years (2021-2025年) targets its last year.
            year = int(match.group("b") or match.group("a"))
        found.append((start, year))
    return found


def _cell(text: str) -> _Cell:
    folded = fold(text)
    masked = lx.MASK.sub(_mask_one, folded)
    years = _years(folded) if "年" in folded else []
    brackets = [m.span() for m in lx.BRACKET.finditer(folded)] if "[" in folded else []
    return _Cell(text, folded, masked, years, brackets)


# --- step 2: numbers -------------------------------------------------------------------------


def _scan(s: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    search = lx.NUMBER.search
    while True:
        match = search(s, pos)
        if match is None:
            return tokens
        token = _token(s, match)
        if token is None:
            pos = match.end()
        else:
            tokens.append(token)
            pos = token.stop


def _read_number(text: str) -> tuple[Decimal | None, str]:
    """Arabic or Chinese digits to (value, magnitude written as part of the numeral)."""
    if text[0].isdigit():
        return decimal_of(text), ""
    value, magnitude = cn_split_magnitude(text)
    return (None if value is None else Decimal(value)), magnitude


def _token(s: str, match: re.Match[str]) -> _Token | None:
    start = match.start()
    arabic = match.group("ar")
    if arabic is not None:
        return _finish(s, start, match.end(), decimal_of(arabic), "")
    numeral = match.group("cn")
    if numeral is not None:
        return _cn_token(s, start, match.end(), numeral)
    if match.group("pw") is not None:  # 百分之五, 千分之三
        value, _ = _read_number(match.group("pn"))
        unit = "%" if match.group("pw") == "百分之" else "‰"
        return _finish(s, start, match.end(), value, "", unit)
    if match.group("fa") is not None:  # 1/3
        top, bottom = decimal_of(match.group("fa")), decimal_of(match.group("fb"))
    else:  # 三分之一
        bottom, _ = _read_number(match.group("fd"))
        top, _ = _read_number(match.group("fn"))
    if top is None or bottom is None:
        return None
    return _finish(s, start, match.end(), fraction(top, bottom), "", "")


def _cn_token(s: str, start: int, end: int, numeral: str) -> _Token | None:
    if start and s[start - 1] in lx.CN_NOT_AFTER:
        return None  # 第一, 每万人口, 前三季度
    value, magnitude = cn_split_magnitude(numeral)
    if value is None:
        return None  # 十四五, 二级 (no: 二 reads, but 级 is no unit), 一网通办
    unit_match = lx.UNIT.match(s, end)
    if unit_match is None:  # the pattern is all optional, so it always matches
        return None
    unit = unit_match.group("unit")
    if unit in lx.CN_NOT_UNITS:
        return None
    if unit is not None:
        if value == 1 and not magnitude and unit not in lx.ONE_UNITS:
            return None  # 一张蓝图, 一批, 一个中心: names, not targets
        if not lx.CN_BARE_END.match(s, unit_match.end()) and not (
            lx.CN_BARE_AFTER.search(s, max(0, start - 4), start)
            or lx.VERB_BEFORE.search(s, max(0, start - 8), start)
        ):
            return None  # 城乡三项基本医疗保险: a numeral inside a name (新建两所学校 reads)
    elif lx.RANGE.match(s, end):
        pass  # 三至五个: the unit comes after the second numeral
    elif not lx.CN_BARE_END.match(s, end) or not lx.CN_BARE_AFTER.search(
        s, max(0, start - 4), start
    ):
        return None  # a numeral with no unit reads only standing alone: 三十, 约三十
    return _finish(s, start, end, Decimal(value), magnitude)


def _unit_at(s: str, pos: int, magnitude: str) -> tuple[str | None, int, bool]:
    """The unit written at ``pos``: (unit or None, end, whether 余/多 was written)."""
    match = lx.UNIT.match(s, pos)
    if match is None:  # the pattern is all optional, so it always matches
        return None, pos, False
    end = match.end()
    more = bool(match.group("yu1") or match.group("yu2"))
    mag = match.group("mag") or ""
    unit = match.group("unit") or ""
    if not mag and not unit and not magnitude:
        generic = lx.GENERIC_UNIT.match(s, end)
        if generic is not None:
            unit = generic.group()
            end = generic.end()
    text = magnitude + mag + unit
    if text and end < len(s) and s[end] == "/":
        tail = lx.UNIT_TAIL.match(s, end)
        if tail is not None:
            text += tail.group()
            end = tail.end()
    return (text or None), end, more


def _finish(
    s: str, start: int, pos: int, value: Decimal | None, magnitude: str, fixed: str | None = None
) -> _Token | None:
    if value is None:
        return None
    if fixed is None:
        unit, end, more = _unit_at(s, pos, magnitude)
    else:  # 百分之五 is %, 三分之一 has no unit
        unit, end, more = (fixed or None), pos, False
    upper: Decimal | None = None
    span = lx.RANGE.match(s, end)
    if span is not None and (start == 0 or s[start - 1] not in "从由"):
        second, second_magnitude = _read_number(span.group("ar") or span.group("cn"))
        if second is not None:
            second_unit, second_end, _ = _unit_at(s, span.end(), second_magnitude)
            upper = second
            unit = second_unit or unit
            end = second_end
    suffix_match = lx.CMP_SUFFIX.match(s, end)
    suffix: Comparator | None = None
    stop = end
    if suffix_match is not None:
        suffix = lx.SUFFIX_COMPARATORS[suffix_match.group(1) or suffix_match.group(2)]
        stop = suffix_match.end()
    return _Token(start, end, stop, value, upper, unit, suffix, more)


# --- step 3: split the cell ------------------------------------------------------------------


def _segments(s: str, tokens: list[_Token]) -> list[_Segment]:
    segments: list[_Segment] = []
    start = 0
    for match in lx.SEPARATOR.finditer(s):
        if match.start() > start:
            segments.append(_Segment(start, match.start(), []))
        start = match.end()
    if start < len(s):
        segments.append(_Segment(start, len(s), []))
    index = 0
    for token in tokens:
        while index < len(segments) - 1 and segments[index].end <= token.start:
            index += 1
        if segments:
            segments[index].tokens.append(token)
    # 分别达到90%和95%: a joining word between two numbers splits the item too.
    result: list[_Segment] = []
    for segment in segments:
        current = _Segment(segment.start, segment.end, [])
        for token in segment.tokens:
            if current.tokens:
                previous = current.tokens[-1]
                if lx.JOINER.fullmatch(s, previous.stop, token.start):
                    current.end = previous.stop
                    result.append(current)
                    current = _Segment(token.start, segment.end, [])
            current.tokens.append(token)
        result.append(current)
    return result


def _parse(text: str) -> Target:
    cell = _cell(text)
    tokens = _scan(cell.masked)
    if not tokens:
        return _wordy(cell)
    segments = _segments(cell.masked, tokens)
    numeric = [segment for segment in segments if segment.tokens]
    if len(numeric) >= 2:
        return _compound(cell, segments)
    segment = numeric[0]
    token = segment.tokens[-1]
    previous = segment.tokens[-2].stop if len(segment.tokens) > 1 else segment.start
    return _numeric(cell, text, 0, len(text), segment, token, previous)


# --- step 4: the words -----------------------------------------------------------------------


def _year(cell: _Cell, start: int, end: int) -> int | None:
    """The first target year written in ``[start, end)`` (the offsets are in order)."""
    index = bisect_left(cell.years, (start, -1))
    if index < len(cell.years) and cell.years[index][0] < end:
        return cell.years[index][1]
    return None


def _in_brackets(cell: _Cell, offset: int) -> bool:
    """Whether ``offset`` lies inside square brackets (the spans are in order, not nested)."""
    index = bisect_left(cell.brackets, (offset, -1)) - 1
    return index >= 0 and cell.brackets[index][1] > offset


def _direction(s: str, start: int = 0, end: int | None = None) -> Direction | None:
    for match in lx.CHANGE.finditer(s, start, len(s) if end is None else end):
        word = lx.DIRECTION_WORDS.get(match.group(1))
        if word is not None:
            return word
    return None


def _last(pattern: re.Pattern[str], s: str) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(s):  # noqa: B007 - the last match is wanted
        pass
    return found


def _comparator(token: _Token, prefix: str, shared: Comparator | None) -> Comparator:
    if token.upper is not None:
        return "between"
    if token.suffix is not None:
        return token.suffix
    if shared is not None:
        return shared
    adjacent = lx.CMP_ADJACENT.search(prefix)
    if adjacent is not None:
        return lx.COMPARATOR_WORDS[adjacent.group(1)]
    if token.more:
        return "gt"  # Decision: 100余家 and 100多家 mean more than 100.
    anywhere = _last(lx.CMP_ANYWHERE, prefix)
    if anywhere is not None:
        return lx.COMPARATOR_WORDS[anywhere.group()]
    if lx.CONTROL.search(prefix):
        return "le"  # 控制在 without 左右 (spec)
    return "eq"


def _basis(
    cell: _Cell, token: _Token, prefix: str, after: str, context: str, folded_context: str
) -> tuple[Basis, Direction | None]:
    unit = token.unit
    change = _last(lx.CHANGE, prefix)
    direction = None
    for match in lx.CHANGE.finditer(prefix):
        direction = lx.DIRECTION_WORDS.get(match.group(1), direction)
    if direction is None:
        direction = _direction(after)
    if _in_brackets(cell, token.start) or lx.CUMULATIVE.search(folded_context):
        return "cumulative", direction
    if unit is not None and unit.endswith("百分点"):
        return "pp_change", direction
    increment = _last(lx.INCREMENT, prefix)
    annual = lx.ANNUAL.search(context) is not None
    if change is not None and (increment is None or change.start() >= increment.start()):
        if change.group(2):  # 提高到, 压缩至: the figure is a level (spec)
            return "level", direction
        if unit in _GROWTH_UNITS:
            return ("annual_growth" if annual else "growth"), direction
        # Decision: a change by a counted amount (减少1万人, 提高1岁) is an increment.
        return "increment", direction
    if increment is not None:
        # 50%的城市社区建成…: a share is a level even with an increment verb.
        return ("level" if unit in _PERCENT_UNITS else "increment"), direction
    if lx.CHANGE_SHORT.search(prefix):  # 同比增5%
        if unit in _GROWTH_UNITS:
            return ("annual_growth" if annual else "growth"), direction
        return "increment", direction
    if annual and unit in _RATE_UNITS:
        return "annual_growth", direction
    if unit in _GROWTH_UNITS and lx.CHANGE_AFTER.match(cell.masked, token.stop):
        return "growth", direction  # 保持6%以上的增长
    if unit not in _PERCENT_UNITS and lx.INCREMENT.search(after):
        return "increment", direction  # 首批100个…示范社区全面建成
    return "level", direction


def _numeric(
    cell: _Cell,
    text: str,
    start: int,
    end: int,
    segment: _Segment,
    token: _Token,
    previous: int,
    inherited: str = "",
    shared: Comparator | None = None,
    label: str | None = None,
) -> Target:
    s = cell.masked
    prefix = inherited + s[max(segment.start, previous) : token.start]
    context = inherited + s[start:end]
    folded_context = inherited + cell.folded[start:end]  # (累计) in brackets still counts
    basis, direction = _basis(
        cell, token, prefix, s[token.stop : segment.end], context, folded_context
    )
    return Target(
        text=text,
        basis=basis,
        comparator=_comparator(token, prefix, shared),
        value=token.value,
        upper=token.upper,
        unit=token.unit,
        direction=direction,
        hedged=lx.HEDGE.search(folded_context) is not None,
        year=_year(cell, start, end),
        label=label,
    )


def _word_comparator(s: str) -> Comparator | None:
    match = lx.CMP_ANYWHERE.search(s)
    if match is not None:
        return lx.COMPARATOR_WORDS[match.group()]
    if lx.CONTROL.search(s) and "左右" not in s:
        return "le"
    return None


def _wordy(cell: _Cell) -> Target:
    """A phrase without a number: delegated, relative or qualitative."""
    s = cell.masked
    hedged = lx.HEDGE.search(cell.folded) is not None
    year = cell.years[0][1] if cell.years else None
    if lx.DELEGATED.search(s):
        return Target(
            text=cell.text,
            basis="delegated",
            comparator=_word_comparator(s),
            direction=_direction(s),
            hedged=hedged,
            year=year,
        )
    comparator = _word_comparator(s)
    if lx.RELATIVE.search(s) or (comparator is not None and not lx.STANDARD.search(s)):
        if comparator is None and lx.APPROX_RELATIVE.search(s):
            comparator = "approx"  # 同步 (spec)
        # In a relative target 增长 names a quantity (与经济增长同步): no direction (spec).
        return Target(
            text=cell.text, basis="relative", comparator=comparator, hedged=hedged, year=year
        )
    return Target(
        text=cell.text, basis="qualitative", direction=_direction(s), hedged=hedged, year=year
    )


def _has_verb(own: str) -> bool:
    return bool(
        lx.CHANGE.search(own)
        or lx.INCREMENT.search(own)
        or lx.LEVEL_VERB.search(own)
        or lx.CHANGE_SHORT.search(own)
    )


def _kind(unit: str | None) -> str:
    if unit is None:
        return "bare"
    if unit in _PERCENT_UNITS or unit.endswith("百分点"):
        return "rate"
    return "amount"


def _part_text(cell: _Cell, start: int, end: int) -> str:
    piece = cell.text[start:end].strip()
    if piece.startswith(("[", "［")) and "]" not in piece and "］" not in piece:
        piece = piece[1:].lstrip()
    if piece.endswith(("]", "］")) and "[" not in piece and "［" not in piece:
        piece = piece[:-1].rstrip()
    return piece


def _compound(cell: _Cell, segments: list[_Segment]) -> Target:
    s = cell.masked
    numeric = [i for i, segment in enumerate(segments) if segment.tokens]
    # A list that ends in a bare figure with a comparator word lends that word to the earlier
    # bare figures: 分别控制在123.1万吨、13.31万吨以内 (both 以内).
    last = segments[numeric[-1]]
    shared: Comparator | None = None
    if not s[last.start : last.tokens[0].start].strip(_TRIM + "["):
        shared = last.tokens[-1].suffix
    parts: list[Target] = []
    first_prefix = ""
    first_unit: str | None = None
    span_start = 0
    for position, index in enumerate(numeric):
        segment = segments[index]
        token = segment.tokens[-1]
        label_match = lx.LABEL.match(s, segment.start)
        label = label_match.group(1) if label_match else None
        content = label_match.end() if label_match else segment.start
        previous = segment.tokens[-2].stop if len(segment.tokens) > 1 else content
        own = s[max(content, previous) : token.start]
        inherited = ""
        if position == 0:
            first_prefix, first_unit = own, token.unit
        elif not _has_verb(own) and (
            not own.strip(_TRIM)
            or (not lx.CMP_ANYWHERE.search(own) and _kind(token.unit) == _kind(first_unit))
        ):
            # 新增2家…、1个…, 新增绿地50公顷、绿道20公里: a later item without a verb or a
            # comparator of its own borrows the first one's words, if it counts the same kind
            # of thing (增长8%左右、突破1000亿元 does not).
            inherited = first_prefix
        bare_end = not s[token.stop : segment.end].strip(_TRIM + "]")
        lent = shared if token.suffix is None and bare_end and position < len(numeric) - 1 else None
        text_start = content if label_match else span_start
        part = _numeric(
            cell,
            _part_text(cell, text_start, segment.end),
            span_start,
            segment.end,
            _Segment(content, segment.end, segment.tokens),
            token,
            previous,
            inherited,
            lent,
            label,
        )
        parts.append(part)
        span_start = segments[index + 1].start if index + 1 < len(segments) else segment.end
    return Target(
        text=cell.text,
        basis="compound",
        direction=next((p.direction for p in parts if p.direction is not None), None),
        hedged=any(p.hedged for p in parts),
        year=next((p.year for p in parts if p.year is not None), None),
        parts=tuple(parts),
    )
