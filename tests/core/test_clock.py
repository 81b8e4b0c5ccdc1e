"""The day the system works on: today, or the day a demo or training copy is pinned to."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from lantu.core import clock


def test_today_is_beijing_today_unless_pinned(settings: Any) -> None:
    settings.LANTU_TODAY = None
    assert clock.today() == timezone.localdate()
    settings.LANTU_TODAY = dt.date(2026, 11, 25)
    assert clock.today() == dt.date(2026, 11, 25)


def test_a_pinned_day_reaches_the_dashboards_and_deadlines(
    settings: Any, cast: Any, client_for: Any
) -> None:
    from django.urls import reverse

    settings.LANTU_TODAY = dt.date(2026, 11, 25)
    page = client_for("wang_admin").get(reverse("overview", args=[cast.plan.pk]))
    assert page.context["as_of"] == dt.date(2026, 11, 25)
    assert "截至2026年11月25日" in page.content.decode()


def test_dates_read_as_each_language_writes_them() -> None:
    from django.utils import translation

    from lantu.reporting.templatetags.reporting import cn_date

    day = dt.date(2026, 11, 25)
    with translation.override("zh-hans"):
        assert cn_date(day) == "2026年11月25日"
    with translation.override("en"):
        assert cn_date(day) == "Nov. 25, 2026"


def test_moments_read_in_beijing_time_as_officials_write_them() -> None:
    from lantu.reporting.templatetags.reporting import cn_datetime

    moment = dt.datetime(2026, 12, 4, 6, 15, tzinfo=dt.UTC)  # 14:15 in Beijing
    assert cn_datetime(moment) == "2026年12月4日 14:15"
    assert cn_datetime(None) == ""
