"""The same invented Outline in every layout real Outlines use gives the same findings."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lantu.ingest.outline import Findings, Paragraph, find_outline, read_outline_bytes
from tests.ingest import documents
from tests.ingest.outline_text import (
    EXPECTED_INDICATORS,
    EXPECTED_SECTIONS,
    EXPECTED_SECTIONS_B,
    EXPECTED_TARGETS,
    EXPECTED_TARGETS_B,
    EXPECTED_TASKS,
    OUTLINE,
    OUTLINE_B,
    TITLE,
)

LAYOUTS: dict[str, Callable[[], bytes]] = {
    "word with heading styles": lambda: documents.docx_outline(layout="styled"),
    "word with heading styles and a table of contents": lambda: documents.docx_outline(toc=True),
    "word with bold paragraphs only": lambda: documents.docx_outline(layout="bold"),
    "word with plain numbered lines and a text table": lambda: documents.docx_outline(
        layout="plain"
    ),
    "word with chapter numbers from list numbering": lambda: documents.docx_outline(
        layout="numbered"
    ),
    "utf-8 text with a space-separated table": lambda: documents.txt_outline(),
    "gb18030 text with a tab-separated table": lambda: documents.txt_outline(
        encoding="gb18030", table_sep="\t"
    ),
    "pdf with a ruled table": lambda: documents.pdf_outline(ruled_table=True),
    "pdf with the table as text lines": lambda: documents.pdf_outline(ruled_table=False),
}


@pytest.fixture(scope="module", params=sorted(LAYOUTS))
def findings(request: pytest.FixtureRequest) -> Findings:
    return find_outline(read_outline_bytes(LAYOUTS[request.param]()))


def test_sections_have_their_depth_number_and_title(findings: Findings) -> None:
    found = [(s.level, s.number, s.title) for s in findings.sections]
    assert found == EXPECTED_SECTIONS


def test_main_indicator_table_is_read_row_by_row(findings: Findings) -> None:
    assert [i.to_json() for i in findings.indicators] == EXPECTED_INDICATORS


def test_text_targets_are_found_and_the_review_is_not(findings: Findings) -> None:
    found = [(t.subject, t.expression, t.year) for t in findings.text_targets]
    assert found == EXPECTED_TARGETS
    assert all(t.expression in t.sentence for t in findings.text_targets)


def test_tasks_come_from_the_task_chapters(findings: Findings) -> None:
    found = [(t.section_number, t.text) for t in findings.tasks]
    assert [number for number, _text in found] == [number for number, _ in EXPECTED_TASKS]
    for (_number, text), (_n, start) in zip(found, EXPECTED_TASKS, strict=True):
        assert text.startswith(start)


def test_one_shi_items_become_separate_tasks(findings: Findings) -> None:
    texts = [t.text for t in findings.tasks]
    assert "发展科技金融和绿色金融，引进各类金融机构30家" in texts
    assert "大力发展法律、咨询、人力资源等专业服务业" in texts


def test_findings_remember_their_source_block(findings: Findings) -> None:
    kinds = (findings.sections, findings.indicators, findings.text_targets, findings.tasks)
    for found in kinds:
        assert all(f.block >= 0 and f.source for f in found)
    for target in findings.text_targets:
        assert target.sentence in target.source
    for indicator in findings.indicators:
        assert indicator.name in indicator.source


@pytest.mark.parametrize("make", ["docx", "txt"])
def test_outline_numbered_with_yi_and_brackets_only(make: str) -> None:
    data = (
        documents.docx_outline(OUTLINE_B, layout="plain")
        if make == "docx"
        else documents.txt_outline(OUTLINE_B)
    )
    findings = find_outline(read_outline_bytes(data))
    assert [(s.level, s.number, s.title) for s in findings.sections] == EXPECTED_SECTIONS_B
    found = [(t.subject, t.expression, t.year) for t in findings.text_targets]
    assert found == EXPECTED_TARGETS_B


def test_pdf_lines_join_into_paragraphs_and_a_wrapped_title_stays_whole() -> None:
    blocks = read_outline_bytes(documents.pdf_outline())
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert texts[0] == TITLE
    assert OUTLINE[0][1] in texts  # the preamble, wrapped over several lines, is one paragraph
