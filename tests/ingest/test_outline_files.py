"""Bad files get one clear line and exit status 2; no input makes the finder crash."""

from __future__ import annotations

import io
import json
import random
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lantu.ingest.cli import main
from lantu.ingest.outline import (
    OutlineFileError,
    Paragraph,
    Table,
    find_outline,
    read_outline_bytes,
    read_outline_file,
)
from tests.ingest import documents


def _xlsx() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["序号", "指标", "单位"])  # type: ignore[union-attr]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "not a document")
    return out.getvalue()


_RNG = random.Random(4)
BAD_FILES = {
    "random bytes": (bytes(_RNG.randrange(256) for _ in range(4000)), "not a Word"),
    "a zip that is not a Word document": (_zip(), "zip archive that is not a Word document"),
    "an Excel workbook renamed .docx": (_xlsx(), "Excel workbook"),
    "an empty file": (b"", "empty"),
    "only white space": (b"  \r\n\t ", "empty"),
    "an old .doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "old binary Office file"),
    "a damaged zip": (b"PK\x03\x04" + bytes(100), "damaged zip"),
    "a damaged PDF": (b"%PDF-1.7\n" + bytes(300), "PDF"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_gets_a_clear_error(case: str) -> None:
    data, words = BAD_FILES[case]
    with pytest.raises(OutlineFileError, match=words):
        read_outline_bytes(data)


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_the_command_names_the_problem_in_one_line(case: str, tmp_path: Path) -> None:
    path = tmp_path / "outline.docx"
    path.write_bytes(BAD_FILES[case][0])
    out = io.StringIO()
    assert main([str(path), "--dry-run", "--json"], out) == 2
    lines = out.getvalue().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("lantu import-outline: outline.docx: ")
    assert "Traceback" not in out.getvalue()


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    out = io.StringIO()
    assert main([str(tmp_path / "nowhere.pdf"), "--dry-run"], out) == 2
    assert "no such file" in out.getvalue()


def test_dry_run_json_prints_exactly_the_documented_keys(tmp_path: Path) -> None:
    path = tmp_path / "纲要.docx"
    path.write_bytes(documents.docx_outline())
    out = io.StringIO()
    assert main([str(path), "--dry-run", "--json"], out) == 0
    data = json.loads(out.getvalue())
    assert list(data) == ["sections", "indicators", "text_targets", "tasks"]
    assert set(data["sections"][0]) == {"level", "number", "title"}
    assert set(data["indicators"][0]) == {
        "category",
        "name",
        "unit",
        "baseline",
        "target",
        "annual_or_cumulative",
        "attribute",
    }
    assert set(data["text_targets"][0]) == {"sentence", "subject", "expression", "year"}
    assert set(data["tasks"][0]) == {"section_number", "text"}
    assert "第一篇" in out.getvalue()  # not escaped


def test_bad_arguments_exit_with_two() -> None:
    out = io.StringIO()
    assert main(["--json"], out) == 2
    assert "usage" in out.getvalue()


def test_import_without_a_plan_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "outline.txt"
    path.write_bytes(documents.txt_outline())
    out = io.StringIO()
    assert main([str(path)], out) == 2
    assert "--plan" in out.getvalue()


def test_the_file_kind_comes_from_its_bytes_not_its_name(tmp_path: Path) -> None:
    path = tmp_path / "outline.pdf"  # a Word document with the wrong name
    path.write_bytes(documents.docx_outline())
    assert find_outline(read_outline_file(path)).sections


_text = st.text(
    alphabet=st.sampled_from(
        list("第一二三章节篇、（）()1.2年%亿元达到增长以上，。；\t 十四五“”注")
    )
)
_paragraphs = st.builds(
    Paragraph,
    text=_text,
    style=st.sampled_from(["", "Heading 1", "Heading 3", "TOC"]),
    heading_level=st.one_of(st.none(), st.integers(1, 9)),
    bold=st.booleans(),
    centered=st.booleans(),
)
_tables = st.builds(
    Table,
    rows=st.lists(
        st.lists(
            _text | st.sampled_from(["指标", "单位", "属性", "2030年", "预期性", "类别"]),
            min_size=3,
            max_size=3,
        ).map(tuple),
        min_size=1,
        max_size=5,
    ).map(tuple),
    from_text=st.booleans(),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_paragraphs | _tables, max_size=25))
def test_no_block_list_makes_the_finder_crash(blocks: list[Paragraph | Table]) -> None:
    findings = find_outline(blocks)
    json.dumps(findings.to_json(), ensure_ascii=False)
    assert all(1 <= s.level <= len(findings.sections) for s in findings.sections)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_no_bytes_make_the_reader_fail_other_than_cleanly(data: bytes) -> None:
    try:
        find_outline(read_outline_bytes(data))
    except OutlineFileError as error:
        assert "\n" not in str(error)
