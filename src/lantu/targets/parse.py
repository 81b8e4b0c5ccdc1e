"""Reading a target phrase (``5左右``, ``[累计达到1000]``, ``提升4个百分点``) into a ``Target``.

The contract is ``shared/spec/targets.md``. The reading goes in four steps (1 to 3 are in
``scan.py``):

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

from lantu.targets import lexicon as lx
from lantu.targets.scan import TRIM, Cell, Segment, Token, read_cell, scan, segments
from lantu.targets.types import Basis, Comparator, Direction, Target

__all__ = ["parse_target"]

_RATE_UNITS = frozenset({None, "%", "‰", "‱"})
_PERCENT_UNITS = frozenset({"%", "‰", "‱"})
# Decision: a change written in 倍 or 番 (增长一倍) is a growth like a percentage.
_GROWTH_UNITS = _RATE_UNITS | {"倍", "番"}


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


def _parse(text: str) -> Target:
    cell = read_cell(text)
    tokens = scan(cell.masked)
    if not tokens:
        return _wordy(cell)
    if len(tokens) == 1 and lx.SEPARATOR.search(cell.masked) is None:
        items = [Segment(0, len(text), tokens)]  # the common case: one number, one item
    else:
        items = segments(cell.masked, tokens)
    numeric = [item for item in items if item.tokens]
    if len(numeric) >= 2:
        return _compound(cell, items)
    segment = numeric[0]
    token = segment.tokens[-1]
    previous = segment.tokens[-2].stop if len(segment.tokens) > 1 else segment.start
    return _numeric(cell, text, 0, len(text), segment, token, previous)


# --- step 4: the words -----------------------------------------------------------------------


def _year(cell: Cell, start: int, end: int) -> int | None:
    """The first target year written in ``[start, end)`` (the offsets are in order)."""
    index = bisect_left(cell.years, (start, -1))
    if index < len(cell.years) and cell.years[index][0] < end:
        return cell.years[index][1]
    return None


def _in_brackets(cell: Cell, offset: int) -> bool:
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


def _comparator(token: Token, prefix: str, shared: Comparator | None) -> Comparator:
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
    cell: Cell, token: Token, prefix: str, after: str, context: str, folded_context: str
) -> tuple[Basis, Direction | None]:
    unit = token.unit
    change = None
    direction = None
    for change in lx.CHANGE.finditer(prefix):  # the verb nearest the number decides
        direction = lx.DIRECTION_WORDS.get(change.group(1), direction)
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
    cell: Cell,
    text: str,
    start: int,
    end: int,
    segment: Segment,
    token: Token,
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


def _wordy(cell: Cell) -> Target:
    """A phrase without a number: delegated, relative or qualitative."""
    s = cell.masked
    hedged = lx.HEDGE.search(cell.folded) is not None
    year = cell.years[0][1] if cell.years else None
    if lx.DELEGATED.search(s):
        return Target(
            text=cell.text,
            basis="delegated",
            comparator=_word_comparator(s),
            direction=_direction(cell.folded),
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
    # A quoted slogan may carry the direction: 实现“双下降”.
    direction = _direction(cell.folded)
    return Target(
        text=cell.text, basis="qualitative", direction=direction, hedged=hedged, year=year
    )


def _has_verb(own: str) -> bool:
    return bool(
        lx.CHANGE.search(own)
        or lx.INCREMENT.search(own)
        or lx.LEVEL_VERB.search(own)
        or lx.CHANGE_SHORT.search(own)
    )


def _borrows(own: str, kind: str, first_kind: str) -> bool:
    """Whether a later item of a list reads with the first item's words before its number.

    新增2家…、1个…, 新增绿地50公顷、绿道20公里 and 增长6%以上,力争达到7% borrow: the later item
    has no verb or comparator of its own, and counts the same kind of thing. 增长8%左右、突破
    1000亿元 and 亿元楼新增6幢,达到88幢 (a stock after a change) do not.
    """
    bare = own.strip(TRIM)
    if not bare:
        return True
    if kind != first_kind:
        return False
    if lx.ONLY_HEDGE_AND_REACH.fullmatch(bare):
        return kind == "rate"  # 力争达到7% after 增长6%: the same rate
    return not _has_verb(own) and not lx.CMP_ANYWHERE.search(own)


def _kind(unit: str | None) -> str:
    if unit is None:
        return "bare"
    if unit in _PERCENT_UNITS or unit.endswith("百分点"):
        return "rate"
    return "amount"


def _part_text(cell: Cell, start: int, end: int) -> str:
    """A part's text as written, without white space or the cell's own outer bracket."""
    folded = cell.folded
    while start < end and folded[start].isspace():
        start += 1
    while end > start and folded[end - 1].isspace():
        end -= 1
    if start < end and folded[start] == "[" and "]" not in folded[start:end]:
        start += 1
    if start < end and folded[end - 1] == "]" and "[" not in folded[start:end]:
        end -= 1
    return cell.text[start:end].strip()


def _compound(cell: Cell, items: list[Segment]) -> Target:
    s = cell.masked
    numeric = [i for i, segment in enumerate(items) if segment.tokens]
    # A list that ends in a bare figure with a comparator word lends that word to the earlier
    # bare figures: 分别控制在123.1万吨、13.31万吨以内 (both 以内).
    last = items[numeric[-1]]
    shared: Comparator | None = None
    if not s[last.start : last.tokens[0].start].strip(TRIM + "["):
        shared = last.tokens[-1].suffix
    parts: list[Target] = []
    first_prefix = ""
    first_unit: str | None = None
    span_start = 0
    for position, index in enumerate(numeric):
        segment = items[index]
        token = segment.tokens[-1]
        label_match = lx.LABEL.match(s, segment.start)
        label = label_match.group(1) if label_match else None
        content = label_match.end() if label_match else segment.start
        previous = segment.tokens[-2].stop if len(segment.tokens) > 1 else content
        own = s[max(content, previous) : token.start]
        inherited = ""
        if position == 0:
            first_prefix, first_unit = own, token.unit
        elif _borrows(own, _kind(token.unit), _kind(first_unit)):
            inherited = first_prefix
        bare_end = not s[token.stop : segment.end].strip(TRIM + "]")
        lent = shared if token.suffix is None and bare_end and position < len(numeric) - 1 else None
        text_start = content if label_match else span_start
        part = _numeric(
            cell,
            _part_text(cell, text_start, segment.end),
            span_start,
            segment.end,
            Segment(content, segment.end, segment.tokens),
            token,
            previous,
            inherited,
            lent,
            label,
        )
        parts.append(part)
        span_start = items[index + 1].start if index + 1 < len(items) else segment.end
    return Target(
        text=cell.text,
        basis="compound",
        direction=next((p.direction for p in parts if p.direction is not None), None),
        hedged=any(p.hedged for p in parts),
        year=next((p.year for p in parts if p.year is not None), None),
        parts=tuple(parts),
    )
