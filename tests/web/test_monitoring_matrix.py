"""Every monitoring page (warnings, dashboards, their .xlsx) by every member of the cast (written
out, not derived: a change to who may open what must show up here as a failing test somebody
agrees with)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from lantu.division.models import TimeNode
from lantu.monitoring import services
from tests.cast import PASSWORD, Cast

PAGES = [
    "warning-list",
    "warning-list-xlsx",
    "warning-detail",
    "overview",
    "overview-xlsx",
    "overview-current",
    "unit-view",
    "unit-view-xlsx",
    "leader-view",
    "leader-view-xlsx",
]

# overview-current sends whoever may read a plan on to that plan's overview (302). The warning
# list answers everybody, with the warnings in the person's scope (none for some).
LEADER_ONLY = {"leader-view": 403, "leader-view-xlsx": 403}
READERS = {**dict.fromkeys(PAGES, 200), "overview-current": 302, **LEADER_ONLY}
NO_PLAN = {
    **dict.fromkeys(PAGES, 404),
    "warning-list": 200,
    "warning-list-xlsx": 200,
    **LEADER_ONLY,
}
EXPECTED = {
    "wang_admin": {**READERS, "leader-view": 200, "leader-view-xlsx": 200},
    "li_reporter": READERS,
    "zhang_reviewer": READERS,
    # The street neither leads nor cooperates on the education bureau's school task, and reads
    # its own unit's view only.
    "zhao_street": {**READERS, "warning-detail": 404, "unit-view": 404, "unit-view-xlsx": 404},
    "chen_leader": {**READERS, "leader-view": 200, "leader-view-xlsx": 200},
    "liu_congress": READERS,
    "zhou_inspector": READERS,
    # The system administrator may read the plan documents (the overview opens, with no item
    # in it: see below) but none of the units' items or warnings.
    # May read plans, not their items: no overview rather than an empty one.
    "sun_sysadmin": {**NO_PLAN, "overview": 403, "overview-xlsx": 403, "overview-current": 403},
    "qian_security": NO_PLAN,
    "wu_auditor": NO_PLAN,
    "outsider": NO_PLAN,
}


@pytest.fixture
def urls(cast: Cast, today: dt.date) -> dict[str, str]:
    """A time node of the education bureau's school task passed undone: one warning."""
    TimeNode.objects.create(region=cast.region, task=cast.tasks["school"], text="2026年6月底前")
    (warning,) = services.refresh(plan=cast.plan, today=today, by=cast.wang_admin).raised
    plan, education = cast.plan.pk, cast.units["education"].pk
    return {
        "warning-list": reverse("warning-list"),
        "warning-list-xlsx": reverse("warning-list-xlsx"),
        "warning-detail": reverse("warning-detail", args=[warning.pk]),
        "overview": reverse("overview", args=[plan]),
        "overview-xlsx": reverse("overview-xlsx", args=[plan]),
        "overview-current": reverse("overview-current"),
        "unit-view": reverse("unit-view", args=[education]),
        "unit-view-xlsx": reverse("unit-view-xlsx", args=[education]),
        "leader-view": reverse("leader-view"),
        "leader-view-xlsx": reverse("leader-view-xlsx"),
    }


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_monitoring_pages_by_role(username: str, urls: dict[str, str], client: Any) -> None:
    assert client.login(username=username, password=PASSWORD)
    got = {page: client.get(url).status_code for page, url in urls.items()}
    assert got == EXPECTED[username]


def test_the_current_overview_leads_to_the_plans_overview(
    cast: Cast, urls: dict[str, str], client_for: Any
) -> None:
    for username in ("wang_admin", "zhao_street"):
        response = client_for(username).get(urls["overview-current"])
        assert response["Location"] == urls["overview"]


def test_the_overview_shows_the_items_behind_its_figures(
    urls: dict[str, str], client_for: Any
) -> None:
    client = client_for("wang_admin")
    buckets = client.get(urls["overview"]).context["buckets"]
    counted = {key: bucket.count for key, bucket in buckets.items() if bucket.count}
    assert counted
    for key, count in counted.items():  # each figure lists exactly the items it counts
        shown = client.get(urls["overview"], {"show": key}).context["shown"]
        assert shown is not None, key
        assert shown.key == key and len(shown.items) == count


def test_monitoring_pages_need_a_sign_in(urls: dict[str, str], client: Any) -> None:
    for url in urls.values():
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
