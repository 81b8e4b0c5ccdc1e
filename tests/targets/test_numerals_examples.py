"""Chinese numerals that hypothesis once found misread, kept as plain examples."""

from __future__ import annotations

import pytest

from lantu.targets.numerals import cn_to_int


@pytest.mark.parametrize(
    ("text", "value"),
    [("九万零十", 90010), ("九万零一十", 90010), ("一千零十", 1010), ("一万零五百", 10500)],
)
def test_zero_before_ten_keeps_the_ten(text: str, value: int) -> None:
    assert cn_to_int(text) == value


def test_zero_before_a_larger_unit_is_malformed() -> None:
    assert cn_to_int("一万零百") is None
