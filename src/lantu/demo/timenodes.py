"""Time-node phrases for the demo's tasks, and how to read them.

The full parser lives in ``lantu.targets.timenodes`` (written separately); when it is there the
seed uses it. Until then ``read_local`` reads exactly the phrases this module generates, by
the rules of ``spec/targets.md``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from lantu.targets.types import Every, TimeNode

# Deadlines spread over the plan period, then the open-ended phrases.
DEADLINES: tuple[str, ...] = (
    "2026年9月底前",
    "2026年12月10日前",
    "2026年底前",
    "2027年6月底前",
    "2027年底前",
    "2028年上半年",
    "2028年底前",
    "2029年6月底前",
    "2029年底前",
    "2030年底前",
)
OPEN_ENDED: tuple[str, ...] = ("持续推进", "“十五五”期间")
FOLLOW_UPS: tuple[str, ...] = ("持续推进", "每季度", "每年")

_END_OF_YEAR = re.compile(r"^(\d{4})年底前$")
_END_OF_MONTH = re.compile(r"^(\d{4})年(\d{1,2})月底前$")
_FIRST_HALF = re.compile(r"^(\d{4})年上半年$")
_DAY = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日前$")
_EVERY: dict[str, Every] = {"每年": "year", "每半年": "half", "每季度": "quarter", "每月": "month"}
_PERIODS = {"“十五五”期间": (2026, 2030), "“十四五”期间": (2021, 2025)}


def read_local(text: str) -> TimeNode:
    """Read one of the phrases above; anything else is ``unknown`` with the text kept."""
    if match := _END_OF_YEAR.match(text):
        return TimeNode(text, "deadline", due=dt.date(int(match[1]), 12, 31))
    if match := _END_OF_MONTH.match(text):
        year, month = int(match[1]), int(match[2])
        last = calendar.monthrange(year, month)[1]
        return TimeNode(text, "deadline", due=dt.date(year, month, last))
    if match := _DAY.match(text):
        return TimeNode(text, "deadline", due=dt.date(int(match[1]), int(match[2]), int(match[3])))
    if match := _FIRST_HALF.match(text):
        return TimeNode(text, "deadline", due=dt.date(int(match[1]), 6, 30))
    if text in _EVERY:
        return TimeNode(text, "recurring", every=_EVERY[text])
    if text in _PERIODS:
        first, last = _PERIODS[text]
        return TimeNode(text, "period", due=dt.date(last, 12, 31), start=dt.date(first, 1, 1))
    if text in {"持续推进", "长期坚持"}:
        return TimeNode(text, "ongoing")
    return TimeNode(text, "unknown")


def read(text: str, year: int) -> TimeNode:
    """Read a phrase with the project's parser when it is importable, else locally.

    The parser is being written alongside the seed; any failure of it (missing, a different
    signature, an ``unknown`` answer) falls back to the local reading, so seeding never breaks.
    """
    try:
        from lantu.targets.timenodes import parse_timenode
    except ImportError:
        return read_local(text)
    try:
        node: Any = parse_timenode(text, year=year)
    except Exception:
        return read_local(text)
    if isinstance(node, dict):
        node = TimeNode.from_dict(node)
    if not isinstance(node, TimeNode) or node.kind == "unknown":
        return read_local(text)
    return node
