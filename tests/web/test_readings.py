"""Phrases are stored as written, with what the system read from them beside them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from lantu.core.services import update_object
from lantu.division.models import TimeNode
from lantu.indicators.models import IndicatorMilestone
from tests.cast import Cast


def test_indicator_keeps_the_phrase_and_its_reading(cast: Cast) -> None:
    gdp = cast.indicators["gdp"]
    assert gdp.annual_text == "5左右"
    assert gdp.annual_reading["basis"] == "level"
    assert gdp.annual_reading["comparator"] == "approx"
    assert gdp.annual_reading["value"] == 5
    assert gdp.target_reading is None


def test_changing_the_phrase_changes_the_reading(cast: Cast) -> None:
    school = cast.indicators["school"]
    assert school.annual_reading["basis"] == "cumulative"
    school = update_object(
        instance=school, data={"annual_text": "新增6000个以上"}, by=cast.wang_admin
    )
    assert school.annual_reading["basis"] == "increment"
    assert school.annual_reading["comparator"] == "ge"
    assert school.annual_reading["value"] == 6000


def test_milestones_are_read_too(cast: Cast) -> None:
    milestone = IndicatorMilestone.objects.create(
        region=cast.region, indicator=cast.indicators["gdp"], year=2026, text="力争增长5.5%"
    )
    assert milestone.reading["basis"] == "growth"
    assert milestone.reading["hedged"] is True


def test_time_nodes_are_read_in_the_plans_first_year_unless_told(cast: Cast) -> None:
    node = TimeNode.objects.create(region=cast.region, task=cast.tasks["school"], text="第三季度")
    assert node.year == 2026 and node.kind == "deadline" and node.due == dt.date(2026, 9, 30)
    node.year = 2027
    node.save()
    assert node.due == dt.date(2027, 9, 30)
    node.text = "持续推进"
    node.save()
    assert node.kind == "ongoing" and node.due is None


def test_the_form_shows_the_reading_as_the_administrator_types(cast: Cast, client_for: Any) -> None:
    client = client_for("wang_admin")
    form = client.get(reverse("indicators-edit", args=[cast.indicators["gdp"].pk])).content
    assert b'hx-get="/readings/target/"' in form and b"reading-preview" in form
    response = client.get(reverse("target-reading"), {"annual_text": "[累计达到1000]"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "1000" in text
    response = client.get(reverse("timenode-reading"), {"text": "2027年6月底前"})
    assert "2027" in response.content.decode()


def test_readings_need_a_signed_in_person(client: Any) -> None:
    assert client.get(reverse("target-reading"), {"text": "5左右"}).status_code == 302


def test_detail_pages_show_the_reading_in_words_not_as_stored(cast: Cast, client_for: Any) -> None:
    client = client_for("wang_admin")
    milestone = IndicatorMilestone.objects.create(
        region=cast.region, indicator=cast.indicators["gdp"], year=2026, text="5左右"
    )
    for url in (
        reverse("indicators-detail", args=[cast.indicators["gdp"].pk]),
        reverse("milestones-detail", args=[milestone.pk]),
    ):
        text = client.get(url).content.decode()
        assert "系统解读" in text and "≈ 5" in text, url
        assert "&#x27;basis&#x27;" not in text and "'basis'" not in text, url
