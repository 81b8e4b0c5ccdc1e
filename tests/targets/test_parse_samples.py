"""Every labelled phrase in shared/samples/target-expressions.tsv reads exactly as labelled."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from lantu.targets.parse import parse_target

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
FIELDS = ["basis", "comparator", "value", "upper", "unit", "direction", "hedged", "year", "n_parts"]


def _rows() -> list[dict[str, str]]:
    with (SAMPLES / "target-expressions.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _cell(field: str, data: dict[str, Any]) -> str:
    """The parser's answer written the way the TSV writes it (empty cell = null)."""
    if field == "n_parts":
        return str(len(data["parts"]))
    value = data[field]
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if field in ("value", "upper"):
        return format(Decimal(str(value)).normalize(), "f")
    return str(value)


def _expected(field: str, row: dict[str, str]) -> str:
    if field in ("value", "upper") and row[field]:
        return format(Decimal(row[field]).normalize(), "f")
    return row[field]


ROWS = _rows()


def test_the_sample_file_has_rows() -> None:
    assert len(ROWS) >= 80


@pytest.mark.parametrize("row", ROWS, ids=[row["text"] for row in ROWS])
def test_sample_phrase_reads_as_labelled(row: dict[str, str]) -> None:
    data = parse_target(row["text"]).to_dict()
    got = {field: _cell(field, data) for field in FIELDS}
    expected = {field: _expected(field, row) for field in FIELDS}
    assert got == expected
    assert data["text"] == row["text"]
