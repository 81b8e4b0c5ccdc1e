"""The warning list as .xlsx: the page's columns, filters, scope and order, every row, read back
by opening the workbook."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from openpyxl import load_workbook

from lantu.core.downloads import XLSX
from lantu.monitoring import services
from lantu.monitoring.models import Warning
from tests.cast import Cast

HEADER = ["raised", "cause", "item", "detail", "state", "escalated"]


def make(cast: Cast, n: int, *, item: str = "task", key: str = "x", **extra: Any) -> list[Warning]:
    target = {"task": cast.tasks["school"], "indicator": cast.indicators["gdp"],
              "project": cast.project}[item]  # fmt: skip
    common = {"region": cast.region, "plan": cast.plan, "cause": "node_overdue", item: target}
    fields = {**common, **extra}
    detail = "详情" + "很长" * 80
    return [
        Warning.objects.create(
            cause_key=f"{key}:{item}:{i}",
            detail=f"节点{i}{detail}",
            raised_at=timezone.now(),
            **fields,
        )
        for i in range(n)
    ]


def sheet_rows(response: Any) -> list[list[Any]]:
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    return [list(r) for r in book.active.iter_rows(values_only=True)]


def export(client: Any, **params: Any) -> list[list[Any]]:
    client.cookies["django_language"] = "en"  # the words below are the English ones
    return sheet_rows(client.get(reverse("warning-list-xlsx"), params))


def page_ids(client: Any, **params: Any) -> list[int]:
    return [w.pk for w in client.get(reverse("warning-list"), params).context["page"]]


def test_the_columns_as_on_the_page(cast: Cast, client_for: Any) -> None:
    plain = make(cast, 1)[0]
    one_unit = make(cast, 1, item="project", key="u", unit=cast.units["street"],
                    cause="report_missing", escalated_at=timezone.now())[0]  # fmt: skip
    Warning.objects.filter(pk=one_unit.pk).update(
        raised_at=timezone.now() + dt.timedelta(seconds=1)
    )
    rows = export(client_for("wang_admin"))
    assert rows[0] == HEADER
    day = timezone.localdate(timezone.now())
    with translation.override("en"):
        cn = date_format(day)  # the English page writes dates as English does
    assert rows[1] == [cn, "Report missing", f"{cast.project}\n东湖街道", one_unit.detail,
                       "Open (待整改)", cn]  # fmt: skip
    assert rows[2] == [cn, "Time node overdue", str(cast.tasks["school"]), plain.detail,
                       "Open (待整改)", None]  # fmt: skip
    assert len(rows[2][3]) > 120  # the page shortens the detail; the file keeps it whole


def test_the_same_filters_order_and_scope_as_the_page(cast: Cast, client_for: Any) -> None:
    tasks = make(cast, 3)
    indicator = make(cast, 1, item="indicator", cause="light_red")[0]
    project = make(cast, 1, item="project")[0]
    services.close(warning=project, by=cast.wang_admin, reason="项目已调整")
    admin = client_for("wang_admin")
    for params in ({}, {"state": "all"}, {"state": "closed"}, {"cause": "light_red"},
                   {"unit": cast.units["education"].pk}, {"unit": cast.units["street"].pk},
                   {"state": "all", "cause": "node_overdue"}):  # fmt: skip
        shown = page_ids(admin, **params)
        rows = export(admin, **params)[1:]
        assert len(rows) == len(shown), params
        details = dict(Warning.objects.filter(pk__in=shown).values_list("pk", "detail"))
        assert [r[3] for r in rows] == [details[pk] for pk in shown], params
    assert [r[3] for r in export(admin, cause="light_red")[1:]] == [indicator.detail]
    assert [r[3] for r in export(admin, state="closed")[1:]] == [project.detail]
    assert len(export(admin, state="all")) == 1 + 5
    # The reporter sees the education bureau's task only; the street's reporter its project.
    reporter_rows = export(client_for("li_reporter"), state="all")[1:]
    assert sorted(r[3] for r in reporter_rows) == sorted(w.detail for w in tasks)
    assert [r[3] for r in export(client_for("zhao_street"), state="all")[1:]] == [project.detail]
    assert export(client_for("outsider")) == [HEADER]


def test_every_row_not_one_page(cast: Cast, client_for: Any, settings: Any) -> None:
    settings.LANTU_PAGE_SIZE = 5
    make(cast, 12)
    admin = client_for("wang_admin")
    assert len(page_ids(admin)) == 5
    assert len(export(admin)) == 1 + 12


def test_a_fixed_number_of_queries(cast: Cast, client_for: Any) -> None:
    client = client_for("li_reporter")
    url = reverse("warning-list-xlsx")
    make(cast, 1)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    make(cast, 20, key="more", unit=cast.units["education"])
    with CaptureQueriesContext(connection) as many:
        assert len(sheet_rows(client.get(url))) == 1 + 21
    assert len(many) == len(one)


def test_the_page_links_to_the_export_with_its_filters(cast: Cast, client_for: Any) -> None:
    make(cast, 1)
    page = client_for("wang_admin").get(reverse("warning-list"), {"cause": "light_red"})
    assert f'href="{reverse("warning-list-xlsx")}?cause=light_red"' in page.content.decode()


@pytest.mark.django_db
def test_a_sign_in_is_needed(client: Any) -> None:
    response = client.get(reverse("warning-list-xlsx"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
