"""Steps 1 to 3 of reading a target phrase: fold and mask, find the numbers, split the cell.

See ``parse.py`` for the whole reading. Everything here works on offsets into the phrase as
written: folding and masking keep the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from lantu.targets import lexicon as lx
from lantu.targets.numerals import cn_split_magnitude, cn_to_int, decimal_of, fold, fraction
from lantu.targets.types import Comparator

__all__ = ["Cell", "Segment", "Token", "read_cell", "scan", "segments"]

TRIM = " \t\r\n" + lx.FILL
_OPENERS = '(“‘「『《"'


@dataclass(slots=True)
class Token:
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
class Segment:
    """One item of a cell: its span and the numbers in it."""

    start: int
    end: int
    tokens: list[Token]


@dataclass(slots=True)
class Cell:
    """A phrase as written, folded and masked, with what is found once for the whole of it."""

    text: str
    folded: str
    masked: str
    years: list[tuple[int, int]]  # (offset, year) of target years; base years are left out
    brackets: list[tuple[int, int]]


# --- step 1: fold and mask -------------------------------------------------------------------


def _mask_one(match: re.Match[str]) -> str:
    found = match.group()
    letters = match.group("letters")
    if letters is not None and letters in lx.ASCII_UNIT_LETTERS:
        return found  # 100km, 300MW: a number with an ASCII unit
    if found[0] in _OPENERS and match.string.strip(TRIM) == found:
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


def read_cell(text: str) -> Cell:
    """Fold and mask ``text``, and find its target years and square brackets."""
    folded = fold(text)
    masked = lx.MASK.sub(_mask_one, folded)
    years = _years(folded) if "年" in folded else []
    brackets = [m.span() for m in lx.BRACKET.finditer(folded)] if "[" in folded else []
    return Cell(text, folded, masked, years, brackets)


# --- step 2: numbers -------------------------------------------------------------------------


def scan(s: str) -> list[Token]:
    """Every number in the masked text ``s``, in order, with its unit and comparator word."""
    tokens: list[Token] = []
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


def _token(s: str, match: re.Match[str]) -> Token | None:
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


def _cn_token(s: str, start: int, end: int, numeral: str) -> Token | None:
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
    if match.end() == pos and pos < len(s) and s[pos] in " \t":
        spaced = lx.UNIT.match(s, len(s) - len(s[pos:].lstrip(" \t")))
        if spaced is not None and (spaced.group("unit") or spaced.group("mag")):
            match = spaced  # 5 %, 1000 万人: a known unit after a space
    end = match.end()
    more = bool(match.group("yu1") or match.group("yu2"))
    mag = match.group("mag") or ""
    unit = match.group("unit") or ""
    if not mag and not unit and not magnitude:
        # 10/10万 (per 100,000) and 2.5:1 (a ratio) keep what follows the number as the unit;
        # otherwise a short unknown unit up to a comparator word or punctuation.
        generic = lx.PER_OR_RATIO.match(s, end) or lx.GENERIC_UNIT.match(s, end)
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
) -> Token | None:
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
    return Token(start, end, stop, value, upper, unit, suffix, more)


# --- step 3: split the cell ------------------------------------------------------------------


def segments(s: str, tokens: list[Token]) -> list[Segment]:
    """The items of a cell (split at 、 , ; and before ``label:``) with their numbers."""
    segments: list[Segment] = []
    start = 0
    for match in lx.SEPARATOR.finditer(s):
        if match.start() > start:
            segments.append(Segment(start, match.start(), []))
        start = match.end()
    if start < len(s):
        segments.append(Segment(start, len(s), []))
    index = 0
    for token in tokens:
        while index < len(segments) - 1 and segments[index].end <= token.start:
            index += 1
        if segments:
            segments[index].tokens.append(token)
    # 分别达到90%和95%: a joining word between two numbers splits the item too.
    result: list[Segment] = []
    for segment in segments:
        current = Segment(segment.start, segment.end, [])
        for token in segment.tokens:
            if current.tokens:
                previous = current.tokens[-1]
                if lx.JOINER.fullmatch(s, previous.stop, token.start):
                    current.end = previous.stop
                    result.append(current)
                    current = Segment(token.start, segment.end, [])
            current.tokens.append(token)
        result.append(current)
    return result
