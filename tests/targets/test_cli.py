"""The command-line entry points: one JSON object per phrase, in order, never failing."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from lantu.targets.cli import main_target, main_timenode
from lantu.targets.parse import parse_target


def _objects(out: io.StringIO) -> list[dict[str, Any]]:
    lines = out.getvalue().split("\n")
    assert lines[-1] == ""  # every object ends its line
    return [json.loads(line) for line in lines[:-1]]


def test_target_text_prints_one_object() -> None:
    out = io.StringIO()
    assert main_target(["增长5%左右"], out) == 0
    assert _objects(out) == [parse_target("增长5%左右").to_dict()]
    assert "增长" in out.getvalue()  # written as characters, not \\u escapes


def test_target_tsv_prints_one_object_per_line_in_order(tmp_path: Path) -> None:
    phrases = [
        "5左右",
        "",
        "[累计达到1000]",
        "分别控制在123.1万吨、13.31万吨以内",
        "\t",
        "应保尽保",
    ]
    tsv = tmp_path / "phrases.tsv"
    tsv.write_text("\n".join(phrases) + "\n", encoding="utf-8")
    out = io.StringIO()
    assert main_target(["--tsv", str(tsv)], out) == 0
    objects = _objects(out)
    assert [o["text"] for o in objects] == phrases
    assert objects[1]["basis"] == "qualitative"  # an empty line still gives an object
    assert objects[3]["basis"] == "compound"


def test_target_tsv_without_a_final_line_end_and_with_crlf(tmp_path: Path) -> None:
    tsv = tmp_path / "phrases.tsv"
    tsv.write_bytes("45\r\n>60\r\n约110".encode())
    out = io.StringIO()
    assert main_target(["--tsv", str(tsv)], out) == 0
    assert [o["text"] for o in _objects(out)] == ["45", ">60", "约110"]


def test_target_tsv_survives_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    tsv = tmp_path / "phrases.tsv"
    tsv.write_bytes(b"\xff\xfe5\n\xe5\xa2\x9e\xe9\x95\xbf5%\n")
    out = io.StringIO()
    assert main_target(["--tsv", str(tsv)], out) == 0
    objects = _objects(out)
    assert len(objects) == 2
    assert objects[1]["text"] == "增长5%"


def test_timenode_tsv_takes_a_year_per_line_and_falls_back_to_the_option(tmp_path: Path) -> None:
    tsv = tmp_path / "nodes.tsv"
    tsv.write_text("第一季度\t2019\n年内\n5月底前实现\t\n持续推进\t2019\n", encoding="utf-8")
    out = io.StringIO()
    assert main_timenode(["--tsv", str(tsv), "--year", "2024"], out) == 0
    objects = _objects(out)
    assert [o["text"] for o in objects] == ["第一季度", "年内", "5月底前实现", "持续推进"]
    assert [o["due"] for o in objects] == ["2019-03-31", "2024-12-31", "2024-05-31", None]
    assert objects[3]["kind"] == "ongoing"


def test_timenode_text_with_year() -> None:
    out = io.StringIO()
    assert main_timenode(["第二季度", "--year", "2019"], out) == 0
    assert _objects(out) == [
        {
            "text": "第二季度",
            "kind": "deadline",
            "due": "2019-06-30",
            "start": None,
            "every": None,
            "days": None,
            "working": False,
        }
    ]


def test_timenode_without_a_year_leaves_a_month_undated() -> None:
    out = io.StringIO()
    assert main_timenode(["5月底前"], out) == 0
    assert _objects(out)[0]["due"] is None


def test_odd_text_is_an_object_not_a_failure() -> None:
    out = io.StringIO()
    assert main_target(["\x00\ufffd]]["], out) == 0
    assert _objects(out)[0]["basis"] == "qualitative"
    out = io.StringIO()
    assert main_timenode(["???"], out) == 0
    assert _objects(out)[0]["kind"] == "unknown"


@pytest.mark.parametrize(
    "argv",
    [[], ["a", "--tsv", "f.tsv"], ["--tsv"], ["--bogus", "a"]],
    ids=["nothing", "both", "tsv-without-file", "unknown-option"],
)
def test_usage_errors_give_status_2_and_print_nothing(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    out = io.StringIO()
    assert main_target(argv, out) == 2
    assert out.getvalue() == ""
    assert "error" in capsys.readouterr().err


def test_a_missing_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = io.StringIO()
    assert main_timenode(["--tsv", str(tmp_path / "missing.tsv")], out) == 2
    assert "cannot read" in capsys.readouterr().err


def test_help_goes_to_the_given_stream() -> None:
    out = io.StringIO()
    assert main_timenode(["--help"], out) == 0
    assert "--year" in out.getvalue()


def test_standard_input_with_a_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO("45\n约20\n".encode()), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    out = io.StringIO()
    assert main_target(["--tsv", "-"], out) == 0
    assert [o["value"] for o in _objects(out)] == [45, 20]


def test_a_large_tsv_is_read_in_order(tmp_path: Path) -> None:
    phrases = [f"增长{i}%" for i in range(2000)]
    tsv = tmp_path / "many.tsv"
    tsv.write_text("\n".join(phrases), encoding="utf-8")
    out = io.StringIO()
    assert main_target(["--tsv", str(tsv)], out) == 0
    assert [o["value"] for o in _objects(out)] == list(range(2000))


def test_standard_input_without_a_byte_buffer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("第一季度\t2019\n"))
    out = io.StringIO()
    assert main_timenode(["--tsv", "-"], out) == 0
    assert _objects(out)[0]["due"] == "2019-03-31"


def test_output_may_be_any_writer() -> None:
    class Collect:
        def __init__(self) -> None:
            self.chunks: list[str] = []

        def write(self, text: str, /) -> None:
            self.chunks.append(text)

    sink = Collect()
    assert main_target(["约110"], sink) == 0
    assert json.loads("".join(sink.chunks))["comparator"] == "approx"
