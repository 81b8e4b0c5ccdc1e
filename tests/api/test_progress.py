"""The API returns every item's status and light, and what it read from each phrase."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lantu.core.models import AuditEvent
from tests.api.conftest import Api
from tests.cast import Cast

pytestmark = pytest.mark.urls("tests.api.urls")


def test_indicators_carry_their_reading_and_progress(
    cast: Cast, api_as: Callable[[str], Api]
) -> None:
    body = api_as("wang_admin").get(f"/indicators/{cast.indicators['gdp'].pk}").json()
    assert body["annual_reading"]["basis"] == "level" and body["annual_reading"]["value"] == 5
    assert body["progress"]["status"] in {"基本符合预期", "快于预期", "滞后于进度", "暂无数据"}
    assert body["progress"]["explanation"]
    listing = api_as("li_reporter").get("/indicators").json()
    assert all("status" in item["progress"] for item in listing["items"])


def test_tasks_and_projects_carry_their_progress(cast: Cast, api_as: Callable[[str], Api]) -> None:
    api = api_as("wang_admin")
    task = api.get(f"/tasks/{cast.tasks['school'].pk}").json()
    assert task["progress"]["status"] in {"暂无数据", "按期推进", "即将到期", "已逾期", "持续推进"}
    assert api.get(f"/projects/{cast.project.pk}").json()["progress"]["rule"]


def test_a_reviewers_judgement_is_set_through_the_api_and_audited(
    cast: Cast, api_as: Callable[[str], Api]
) -> None:
    api = api_as("wang_admin")
    ind = cast.indicators["school"]
    response = api.patch(
        f"/indicators/{ind.pk}",
        {
            "target_text": "全面完成",
            "annual_text": "",
            "review_status": "基本符合预期",
            "review_reason": "已开工学校11所",
        },
    )
    assert response.status_code == 200, response.content
    progress = response.json()["progress"]
    assert progress["status"] == "定性评价" and "已开工学校11所" in progress["explanation"]
    assert AuditEvent.objects.filter(action="indicators.indicator.changed").exists()
    bad = api.patch(f"/indicators/{ind.pk}", {"review_status": "很好"})
    assert bad.status_code == 422


def test_progress_is_set_on_a_task_within_0_and_100(
    cast: Cast, api_as: Callable[[str], Api]
) -> None:
    api = api_as("wang_admin")
    assert api.patch(f"/tasks/{cast.tasks['school'].pk}", {"progress": 40}).status_code == 200
    assert api.patch(f"/tasks/{cast.tasks['school'].pk}", {"progress": 140}).status_code == 422
