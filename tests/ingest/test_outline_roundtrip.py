"""The demo's 15th Outline, downloaded as .docx and read back, gives what the plan holds."""

from __future__ import annotations

import io

import pytest
from docx import Document

from lantu.demo.seed import seed_demo
from lantu.indicators.models import Indicator
from lantu.ingest.outline import Findings, find_outline, read_outline_bytes
from lantu.ingest.outline_export import export_outline_docx
from lantu.plans.models import Plan, PlanVersion, Section

# Targets the demo writes that are qualitative, not quantified: the finder leaves them out by
# design (a 持续下降 or 全面执行…标准 has no figure to check).
NOT_QUANTIFIED = {"持续下降", "全面执行绿色建筑标准"}


@pytest.fixture
def version(db: None) -> PlanVersion:
    seed_demo()
    plan = Plan.objects.get(start_year=2026, kind=Plan.Kind.OUTLINE)
    assert plan.current_version is not None
    return plan.current_version


@pytest.fixture
def findings(version: PlanVersion) -> Findings:
    return find_outline(read_outline_bytes(export_outline_docx(version)))


def test_the_file_is_an_official_looking_word_document(version: PlanVersion) -> None:
    document = Document(io.BytesIO(export_outline_docx(version)))
    assert document.paragraphs[0].text == version.plan.name
    styles = {p.style.name for p in document.paragraphs if p.style is not None}
    assert {"Heading 1", "Heading 2", "Heading 3"} <= styles
    assert len(document.tables) == 1


def test_sections_come_back(version: PlanVersion, findings: Findings) -> None:
    expected = [
        (s.level, s.number, s.title)
        for s in Section.objects.filter(version=version).order_by("sort_order")
    ]
    assert [(s.level, s.number, s.title) for s in findings.sections] == expected


def test_main_indicators_come_back(version: PlanVersion, findings: Findings) -> None:
    rows = Indicator.objects.filter(version=version, source=Indicator.Source.MAIN_TABLE)
    expected = [
        (i.category, i.name, i.unit or None, i.target_text or None, i.annual_text or None)
        for i in rows.order_by("sort_order")
    ]
    found = [
        (i.category, i.name, i.unit, i.target, i.annual_or_cumulative) for i in findings.indicators
    ]
    assert found == expected
    attributes = {"binding": "约束性", "expected": "预期性"}
    assert [i.attribute for i in findings.indicators] == [
        attributes[i.attribute] for i in rows.order_by("sort_order")
    ]


def _same_phrase(found: str, written: str) -> bool:
    """The found expression and the demo's phrase cover the same words (one holds the other)."""
    return found in written or written in found


def test_text_targets_come_back(version: PlanVersion, findings: Findings) -> None:
    targets = Indicator.objects.filter(version=version, source=Indicator.Source.TEXT)
    expected = [t for t in targets.order_by("sort_order") if t.target_text not in NOT_QUANTIFIED]
    missing = [
        (t.sentence, t.target_text)
        for t in expected
        if not any(
            f.sentence == t.sentence and _same_phrase(f.expression, t.target_text)
            for f in findings.text_targets
        )
    ]
    assert missing == []
    extra = [
        (f.sentence, f.expression)
        for f in findings.text_targets
        if not any(
            f.sentence == t.sentence and _same_phrase(f.expression, t.target_text) for t in targets
        )
    ]
    assert extra == []
