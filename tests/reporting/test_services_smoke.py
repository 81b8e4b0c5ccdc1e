from __future__ import annotations

from decimal import Decimal

from lantu.reporting import services
from lantu.reporting.models import Report


def test_generated_cycles_follow_frequencies(cast, cycles):
    assert set(cycles) == {"Y", "H1", "H2", "Q1", "Q2", "Q3", "Q4"}
    q2 = cycles["Q2"]
    assert {r.project_id for r in q2.reports.all()} == {cast.project.pk}
    h1 = cycles["H1"]
    assert h1.reports.filter(task=cast.tasks["shared"]).count() == 2


def test_task_walk(cast, cycles, street_reviewer):
    h1 = cycles["H1"]
    report = Report.objects.get(cycle=h1, task=cast.tasks["school"])
    services.save_draft(
        report=report, by=cast.li_reporter, data={"done": "开工3所", "progress": Decimal("30")}
    )
    services.submit(report=report, by=cast.li_reporter)
    services.approve(report=report, by=cast.zhang_reviewer)
    services.accept(report=report, by=cast.wang_admin)
    cast.tasks["school"].refresh_from_db()
    assert cast.tasks["school"].progress == Decimal("30")
