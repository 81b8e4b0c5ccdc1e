"""Every labelled phrase in shared/samples/time-nodes.tsv reads exactly as labelled."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from lantu.targets.timenodes import parse_timenode

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
FIELDS = ["kind", "due", "start", "every", "days"]


def _rows() -> list[dict[str, str]]:
    with (SAMPLES / "time-nodes.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


ROWS = _rows()


def test_the_sample_file_has_rows() -> None:
    assert len(ROWS) >= 15


@pytest.mark.parametrize("row", ROWS, ids=[row["text"] for row in ROWS])
def test_sample_time_node_reads_as_labelled(row: dict[str, str]) -> None:
    year = int(row["year"]) if row["year"] else None
    data = parse_timenode(row["text"], year).to_dict()
    got = {field: "" if data[field] is None else str(data[field]) for field in FIELDS}
    assert got == {field: row[field] for field in FIELDS}
    assert data["text"] == row["text"]
    assert data["working"] is ("工作日" in row["text"])
