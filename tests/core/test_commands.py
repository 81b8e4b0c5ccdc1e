"""The `lantu` command line: phrase readers, run as a person would run them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def lantu(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lantu", *args], capture_output=True, text=True, check=False
    )


def test_target_parse_prints_the_spec_object() -> None:
    result = lantu("target", "parse", "[累计达到1000]")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "text": "[累计达到1000]",
        "basis": "cumulative",
        "comparator": "eq",
        "value": 1000,
        "upper": None,
        "unit": None,
        "direction": None,
        "hedged": False,
        "year": None,
        "parts": [],
    }


def test_timenode_parse_reads_in_the_given_year() -> None:
    result = lantu("timenode", "parse", "第一季度", "--year", "2027")
    assert json.loads(result.stdout)["due"] == "2027-03-31"


def test_tsv_gives_one_object_per_line_in_order(tmp_path: Path) -> None:
    phrases = ["5左右", "", "这不是目标", "每季度"]
    path = tmp_path / "phrases.tsv"
    path.write_text("\n".join(phrases) + "\n", encoding="utf-8")
    result = lantu("target", "parse", "--tsv", str(path))
    lines = result.stdout.splitlines()
    assert [json.loads(line)["text"] for line in lines] == phrases
    assert json.loads(lines[2])["basis"] == "qualitative"


def test_a_wrong_call_says_how_to_call() -> None:
    result = lantu("target")
    assert result.returncode == 2 and "lantu target parse" in result.stderr
