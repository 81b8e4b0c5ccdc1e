"""Small text helpers shared by the readers and the finder."""

from __future__ import annotations

import re

_CJK_OR_PUNCT = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’—…·]")

# Cell and field values that mean "nothing here".
EMPTY_VALUES = frozenset({"", "-", "—", "–", "/", "－", "——", "--", "---", "／", "\\", "…"})


def join_lines(lines: list[str]) -> str:
    """Join lines wrapped inside one paragraph or cell: no space between Chinese characters."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if out and not (_CJK_OR_PUNCT.match(out[-1]) or _CJK_OR_PUNCT.match(line[0])):
            out += " "
        out += line
    return out


def squeeze(text: str) -> str:
    """Text with runs of white space made one space, and none at either end."""
    return re.sub(r"\s+", " ", text).strip()


def value_or_none(text: str | None) -> str | None:
    """A cell's text as written, or ``None`` for an empty cell or a dash."""
    if text is None:
        return None
    stripped = text.strip()
    return None if stripped in EMPTY_VALUES else stripped


__all__ = ["EMPTY_VALUES", "join_lines", "squeeze", "value_or_none"]
