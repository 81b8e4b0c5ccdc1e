"""Character normalisation and Chinese numerals, shared by the target and time-node parsers.

Everything here keeps string lengths unchanged (one character in, one character out), so that
offsets found in the normalised text are offsets into the phrase as written.
"""

from __future__ import annotations

from decimal import Decimal

# Full-width ASCII (！ to ～) becomes ASCII; a few look-alikes are folded to the forms the
# grammar knows. Each mapping is one character to one character.
_FOLD: dict[int, str] = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
_FOLD.update(
    {
        0x3000: " ",  # ideographic space
        0x00A0: " ",
        0x2212: "-",  # minus sign
        0x2010: "-",
        0x2011: "-",
        0xFE63: "-",
        0x2267: "≥",
        0x2266: "≤",
        0x2A7E: "≥",
        0x2A7D: "≤",
        0xFE6A: "%",  # small percent sign
        # The national outline's indicator table writes five-year totals in 〔 〕.
        0x3014: "[",
        0x3015: "]",
    }
)
_FOLD_TABLE = str.maketrans(_FOLD)


def fold(text: str) -> str:
    """Return ``text`` with full-width forms folded to ASCII; the length never changes."""
    return text.translate(_FOLD_TABLE)


CN_DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS: dict[str, int] = {"万": 10_000, "亿": 100_000_000}

#: Characters a Chinese numeral is written with.
CN_NUMERAL_CHARS = "零〇○一二两三四五六七八九十百千万亿"


def cn_to_int(text: str) -> int | None:
    """Read a Chinese numeral (``三十``, ``一百二十``, ``二〇二五``); ``None`` if malformed.

    A run of bare digits (``二〇二五``) is read digit by digit, as years are written. Slogans
    that only look like numerals (``十四五``) are malformed and give ``None``.
    """
    if not text:
        return None
    if len(text) > 1 and all(ch in CN_DIGITS for ch in text):
        if "两" in text:
            return None
        value = 0
        for ch in text:
            value = value * 10 + CN_DIGITS[ch]
        return value
    total = 0
    section = 0
    digit: int | None = None
    last_small = 10_000  # the smallest unit seen so far in this section must keep falling
    last_big = 10**12
    for ch in text:
        if ch in CN_DIGITS:
            if digit is not None and digit != 0:
                return None  # two digits in a row: 十四五, 一二
            digit = CN_DIGITS[ch]
        elif ch in _SMALL_UNITS:
            unit = _SMALL_UNITS[ch]
            if unit >= last_small:
                return None
            if digit == 0:  # 零 before a unit: only 零十, as in 九万零十 (= 九万零一十)
                if unit != 10:
                    return None
                digit = 1
            elif digit is None:
                if section or total or unit != 10:
                    return None
                digit = 1  # 十 = 一十
            section += digit * unit
            digit = None
            last_small = unit
        elif ch in _BIG_UNITS:
            unit = _BIG_UNITS[ch]
            if unit >= last_big:
                return None
            if digit is not None:
                section += digit
            if section == 0:
                return None
            total += section * unit
            section = 0
            digit = None
            last_small = 10_000
            last_big = unit
        else:
            return None
    if digit is not None:
        section += digit
    return total + section


def cn_split_magnitude(text: str) -> tuple[int | None, str]:
    """Read a Chinese numeral whose trailing 万/亿 is a unit magnitude: ``十二万`` -> (12, "万").

    The spec keeps a magnitude written after the number as part of the unit (``1.5万`` gives
    1.5 and ``万``); a numeral written in characters is treated the same way for consistency.
    """
    magnitude = ""
    core = text
    for suffix in ("万亿", "亿", "万"):
        if core.endswith(suffix) and len(core) > len(suffix):
            head = core[: -len(suffix)]
            if cn_to_int(head) is not None and not any(ch in _BIG_UNITS for ch in head):
                magnitude = suffix
                core = head
            break
    return cn_to_int(core), magnitude


def decimal_of(text: str) -> Decimal | None:
    """Arabic digits (with optional ``,`` thousands separators) to a Decimal, or ``None``."""
    try:
        return Decimal(text.replace(",", ""))
    except ArithmeticError:
        return None


_FOUR_PLACES = Decimal("0.0001")


def fraction(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """``numerator / denominator`` rounded to four places (``1/3`` -> 0.3333); ``None`` on 0."""
    if denominator == 0:
        return None
    return (numerator / denominator).quantize(_FOUR_PLACES)


__all__ = [
    "CN_DIGITS",
    "CN_NUMERAL_CHARS",
    "cn_split_magnitude",
    "cn_to_int",
    "decimal_of",
    "fold",
    "fraction",
]
