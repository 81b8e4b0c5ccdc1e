"""The reporting-rate table and the counts per cycle, against a scenario with every timeliness.

The 2026 H1 cycle's deadline is moved to 1 July (today is 5 July), then:
the education bureau's own task is submitted on 1 July 23:30 (on time, local date), its part of
the shared task on 2 July 00:30 (late); the street's shared task is never submitted (missing)
and its own task is exempt. Q1's project report is missing too; the later cycles are pending.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from lantu.reporting import rates, services
from lantu.reporting.models import Cycle, Report
from tests.cast import Cast

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _submit(report: Report, by: Any, data: dict[str, Any], at: dt.datetime) -> None:
    services.save_draft(report=report, by=by, data=data)
    services.submit(report=report, by=by)
    Report.objects.filter(pk=report.pk).update(first_submitted_at=at, submitted_at=at)


@pytest.fixture
def scenario(cast: Cast, cycles: dict[str, Cycle]) -> dict[str, Cycle]:
    h1 = cycles["H1"]
    services.update_cycle(
        cycle=h1,
        by=cast.wang_admin,
        opens_on=h1.opens_on,
        deadline=dt.date(2026, 7, 1),
        grace_days=h1.grace_days,
    )
    own = Report.objects.get(cycle=h1, task=cast.tasks["school"])
    part = Report.objects.get(cycle=h1, task=cast.tasks["shared"], unit=cast.units["education"])
    street = Report.objects.get(cycle=h1, task=cast.tasks["street"])
    _submit(
        own,
        cast.li_reporter,
        {"done": "开工3所", "progress": Decimal("30")},
        dt.datetime(2026, 7, 1, 23, 30, tzinfo=SHANGHAI),
    )
    _submit(
        part,
        cast.li_reporter,
        {"done": "配合完成调研"},
        dt.datetime(2026, 7, 2, 0, 30, tzinfo=SHANGHAI),
    )
    services.exempt(report=street, by=cast.wang_admin, reason="改造方案调整，本期免报")
    return {p: Cycle.objects.get(pk=c.pk) for p, c in cycles.items()}


def _cells(row: rates.RateRow) -> list[tuple[int, int, int, int, int]]:
    return [(c.on_time, c.late, c.missing, c.exempt, c.pending) for c in row.cells]


def test_rate_table_counts_every_timeliness(cast, scenario, today, django_assert_num_queries):
    cycles = list(scenario.values())
    with django_assert_num_queries(1):
        table = rates.rate_table(Report.objects.all(), cycles, today)
    assert [c.period for c in table.cycles] == ["Q1", "Q2", "H1", "Q3", "Q4", "H2", "Y"]
    # Best on-time rate first; a unit with nothing due yet comes last.
    assert [r.unit_name for r in table.rows] == ["区教育局", "东湖街道", "区发展改革委"]
    education, street, drc = table.rows
    assert _cells(education)[2] == (1, 1, 0, 0, 0)  # H1
    assert education.total.rate == Decimal("50.0")
    assert (education.total.due, education.total.pending) == (2, 3)
    assert _cells(street)[0] == (0, 0, 1, 0, 0)  # Q1: missing
    assert _cells(street)[1] == (0, 0, 0, 0, 1)  # Q2: due 10 July, pending
    assert _cells(street)[2] == (0, 0, 1, 1, 0)  # H1: missing and exempt
    assert street.total.rate == Decimal("0.0")
    assert (street.total.missing, street.total.exempt, street.total.pending) == (2, 1, 5)
    assert drc.total.rate is None and drc.total.pending == 1
    h1 = table.column_totals[2]
    assert (h1.on_time, h1.late, h1.missing, h1.exempt, h1.pending) == (1, 1, 1, 1, 0)
    assert table.total.total == Report.objects.count() == 14
    assert table.total.rate == Decimal("25.0")  # 1 on time of 4 due


def test_cycle_counts_by_status_and_timeliness_in_one_query(
    cast, scenario, today, django_assert_num_queries
):
    with django_assert_num_queries(1):
        counts = rates.cycle_counts(Report.objects.all(), today)
    h1 = counts[scenario["H1"].pk]
    assert h1.total == 4 and h1.expected == 3
    assert h1.by_status["submitted"] == 2 and h1.by_status["draft"] == 1
    assert h1.by_timeliness == {"on_time": 1, "late": 1, "missing": 1, "pending": 0, "exempt": 1}
    assert h1.submitted_percent == 67


def test_sql_timeliness_annotation_agrees_with_the_counts(cast, scenario, today):
    rows = rates.with_timeliness(Report.objects.filter(cycle=scenario["H1"]), today)
    got = {(r.unit.name, r.task.title[:4], r.role): r.due_state for r in rows}
    assert got == {
        ("区教育局", "新建改扩", "lead"): "on_time",
        ("区教育局", "推进东湖", "cooperating"): "late",
        ("东湖街道", "推进东湖", "lead"): "missing",
        ("东湖街道", "完成东湖", "responsible"): "exempt",
    }


def _page_rows(client: Any) -> dict[str, str]:
    response = client.get(reverse("reporting-rates"), {"year": 2026})
    assert response.status_code == 200
    return {r.unit_name: str(r.total.rate) for r in response.context["table"].rows}


def test_rates_page_all_units_for_overseers_own_rows_for_units(cast, scenario, client_for):
    everyone = {"区教育局": "50.0", "东湖街道": "0.0", "区发展改革委": "None"}
    for name in ("wang_admin", "chen_leader", "liu_congress", "zhou_inspector"):
        assert _page_rows(client_for(name)) == everyone, name
    # The street leads the shared task, so it may read the education bureau's part; its own
    # rates table still shows only its own row.
    assert _page_rows(client_for("zhao_street")) == {"东湖街道": "0.0"}
    assert _page_rows(client_for("li_reporter")) == {"区教育局": "50.0"}
    assert _page_rows(client_for("zhang_reviewer")) == {"区教育局": "50.0"}


def test_rates_page_shows_the_cells(cast, scenario, client_for):
    response = client_for("wang_admin").get(reverse("reporting-rates"), {"year": 2026})
    html = response.content.decode()
    assert 'data-cell="1/1/0/0/0"' in html  # education, H1
    assert 'data-cell="0/0/1/1/0"' in html  # street, H1
    assert "50.0%" in html and "25.0%" in html


@pytest.mark.parametrize("username", ["sun_sysadmin", "qian_security", "wu_auditor", "outsider"])
def test_rates_page_refused_without_reporting_rights(cast, client_for, username):
    assert client_for(username).get(reverse("reporting-rates")).status_code == 403
