"""Properties of the target parser on arbitrary and generated input (hypothesis)."""

from __future__ import annotations

import importlib.util
import json
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args

from hypothesis import example, given, settings
from hypothesis import strategies as st

from lantu.targets import parse as parse_module
from lantu.targets.numerals import cn_to_int, fold
from lantu.targets.parse import parse_target
from lantu.targets.types import Basis, Comparator, Target

BASES = set(get_args(Basis))
COMPARATORS = set(get_args(Comparator)) | {None}

# Characters the grammar is made of, so that generated text hits its corners.
_WORDS = (
    "以上 以下 以内 左右 个百分点 增长 下降 提高到 新增 累计 年均 力争 控制在 不低于 超过 同步 "
    "国家要求 市下达 分别 成片: 零星: 万人 亿元 平方公里 PM2.5 5G 2025年 “十四五”"
)
GRAMMAR = st.sampled_from(
    [*'0123456789.%‰,、;:[]()<>≥≤-~至到约十百千万亿两三一零〇年月日“”"内及以 ', *_WORDS.split()]
)
GRAMMAR_TEXT = st.lists(GRAMMAR, max_size=14).map("".join)


def _check(target: Target, text: str) -> None:
    assert target.text == text
    assert target.basis in BASES
    assert target.comparator in COMPARATORS
    if target.basis == "compound":
        assert len(target.parts) >= 2
        assert (target.comparator, target.value, target.unit) == (None, None, None)
    else:
        assert target.parts == ()
    if target.upper is not None:
        assert target.comparator == "between"
    json.dumps(target.to_dict(), ensure_ascii=False, allow_nan=False)


@settings(max_examples=400)
@given(st.text())
@example("")
@example("\x00\x01[[]]")
@example("1/0")
@example("９" * 200)
def test_parse_never_raises_and_keeps_the_text(text: str) -> None:
    _check(parse_target(text), text)


@settings(max_examples=400)
@given(st.one_of(st.text(), GRAMMAR_TEXT))
def test_the_reader_itself_does_not_fail_on_odd_text(text: str) -> None:
    # parse_target hides any failure behind basis "qualitative"; the reader underneath must
    # not need that: a failure here is a bug the fallback would otherwise hide.
    _check(parse_module._parse(text), text)


@given(st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False))
def test_a_number_with_zuoyou_round_trips(d: Decimal) -> None:
    target = parse_target(f"{d}左右")
    assert (target.basis, target.comparator, target.unit) == ("level", "approx", None)
    assert target.value == d


@given(
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["%", "万元", "亿元", "个", "万人", "平方公里", "个百分点"]),
    st.sampled_from(
        [("以上", "ge"), ("以下", "le"), ("以内", "le"), ("", "eq"), ("左右", "approx")]
    ),
)
def test_a_number_keeps_its_unit_and_comparator(
    d: Decimal, unit: str, suffix: tuple[str, str]
) -> None:
    word, comparator = suffix
    target = parse_target(f"达到{d}{unit}{word}")
    assert (target.value, target.unit, target.comparator) == (d, unit, comparator)


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False))
def test_full_width_digits_read_like_ascii(d: Decimal) -> None:
    wide = "".join(chr(ord(c) + 0xFEE0) for c in f"{d}%")
    assert fold(wide) == f"{d}%"
    assert parse_target(wide).to_dict() | {"text": ""} == parse_target(f"{d}%").to_dict() | {
        "text": ""
    }


@given(
    st.decimals(min_value=0, max_value=100, places=1, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=0, max_value=100, places=1, allow_nan=False, allow_infinity=False),
    st.sampled_from(["-", "至", "~", "～"]),
)
def test_a_range_is_between(low: Decimal, high: Decimal, dash: str) -> None:
    target = parse_target(f"{low}%{dash}{high}%")
    assert (target.comparator, target.value, target.upper, target.unit) == (
        "between",
        low,
        high,
        "%",
    )


_DIGITS = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    """Write 0 <= n < 10**8 in Chinese numerals (the reference the parser must read)."""
    if n == 0:
        return "零"

    def below_10000(m: int, leading: bool) -> str:
        out = ""
        zero = False
        for unit, char in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            digit = m // unit % 10
            if digit:
                if zero and out:
                    out += "零"
                zero = False
                if not (unit == 10 and digit == 1 and leading and not out):
                    out += _DIGITS[digit]
                out += char
            elif out or not leading:
                zero = True
        return out

    high, low = divmod(n, 10_000)
    if not high:
        return below_10000(low, True)
    text = below_10000(high, True) + "万"
    if low:
        text += ("零" if low < 1000 else "") + below_10000(low, True)
    return text


@given(st.integers(min_value=0, max_value=99_999_999))
def test_chinese_numerals_read(n: int) -> None:
    assert cn_to_int(_chinese(n)) == n


@given(st.integers(min_value=2, max_value=9_999))
def test_a_chinese_numeral_with_a_unit_is_a_number(n: int) -> None:
    target = parse_target(f"新建{_chinese(n)}所")
    assert (target.basis, target.value, target.unit) == ("increment", Decimal(n), "所")


@given(st.text(alphabet="力争努力提高达到5%左右", max_size=12))
def test_hedge_words_alone_decide_hedged(text: str) -> None:
    hedged = any(word in text for word in ("力争", "争取", "努力", "奋斗目标", "尽力"))
    assert parse_target(text).hedged is hedged


def _bench_corpus() -> Any:
    path = Path(__file__).resolve().parents[2] / "bench" / "targets_parse.py"
    spec = importlib.util.spec_from_file_location("bench_targets_parse", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.phrase_corpus


def test_the_benchmark_corpus_is_deterministic_and_reads_without_the_fallback() -> None:
    phrase_corpus = _bench_corpus()
    corpus = phrase_corpus(3000, 5)
    assert corpus == phrase_corpus(3000, 5)
    assert corpus != phrase_corpus(3000, 6)
    assert len(set(corpus)) > 2000
    bases = {parse_module._parse(phrase).basis for phrase in corpus}
    assert bases == BASES
