"""Every page by every member of the cast: what each role may see, add and change.

The expectations are written out here, not derived from the permission table, so that a change
to the rules shows up as a failing test that somebody has to agree with.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from lantu.indicators.models import IndicatorMilestone
from tests.cast import Cast

PLAN = {
    "plans",
    "sections",
    "indicators",
    "observations",
    "tasks",
    "projects",
    "assignments",
    "timenodes",
    "milestones",
}
ALL_SLUGS = PLAN | {"units", "people", "memberships"}
READERS = PLAN | {"units"}

CAN_LIST = {
    "wang_admin": PLAN | {"units", "people"},
    "li_reporter": READERS,
    "zhang_reviewer": READERS,
    "zhao_street": READERS,
    "chen_leader": READERS,
    "liu_congress": READERS,
    "zhou_inspector": READERS,
    "sun_sysadmin": {"units", "people", "memberships", "plans"},
    "qian_security": {"units", "people", "memberships"},
    "wu_auditor": {"units", "people", "memberships"},
    "outsider": set(),
}
CAN_ADD = {
    "wang_admin": PLAN,
    "sun_sysadmin": {"units", "people"},
    "qian_security": {"memberships"},
}


def sample(cast: Cast, slug: str) -> Any:
    """The object whose detail page each role is tested on."""
    return {
        "plans": cast.plan,
        "sections": cast.section,
        "indicators": cast.indicators["school"],  # led by the education bureau
        "observations": cast.indicators["gdp"].observations.get(),  # the DRC's indicator
        "tasks": cast.tasks["school"],  # led by the education bureau
        "projects": cast.project,  # led by the street
        "units": cast.units["education"],
        "people": cast.li_reporter,
        "memberships": cast.li_reporter.memberships.get(),
        "assignments": cast.tasks["school"].assignments.get(),  # the education bureau's
        "timenodes": cast.tasks["school"].timenodes.get(),
        "milestones": IndicatorMilestone.objects.get_or_create(
            region=cast.region,
            indicator=cast.indicators["school"],
            year=2026,
            defaults={"text": "新增1000个"},
        )[0],
    }[slug]


# Which sample detail pages each role may open (the others must be 404, not 403).
EVERYTHING_IN_PLAN = PLAN
CAN_SEE_SAMPLE = {
    "wang_admin": PLAN | {"units", "people"},
    "li_reporter": {
        "plans",
        "sections",
        "indicators",
        "tasks",
        "units",
        "assignments",
        "timenodes",
        "milestones",
    },
    "zhang_reviewer": {
        "plans",
        "sections",
        "indicators",
        "tasks",
        "units",
        "assignments",
        "timenodes",
        "milestones",
    },
    "zhao_street": {"plans", "sections", "projects", "units"},
    "chen_leader": READERS,
    "liu_congress": READERS,
    "zhou_inspector": READERS,
    "sun_sysadmin": {"units", "people", "memberships", "plans"},
    "qian_security": {"units", "people", "memberships"},
    "wu_auditor": {"units", "people", "memberships"},
    "outsider": set(),
}
CAN_CHANGE_SAMPLE = {
    "wang_admin": PLAN,
    "sun_sysadmin": {"units", "people"},
    "qian_security": {"memberships"},
}

ROLES = list(CAN_LIST)


@pytest.mark.parametrize("username", ROLES)
def test_list_pages_follow_the_roles(cast: Cast, client_for: Any, username: str) -> None:
    client = client_for(username)
    for slug in sorted(ALL_SLUGS):
        response = client.get(reverse(f"{slug}-list"))
        expected = 200 if slug in CAN_LIST[username] else 403
        assert response.status_code == expected, (username, slug, response.status_code)


@pytest.mark.parametrize("username", ROLES)
def test_create_pages_follow_the_roles(cast: Cast, client_for: Any, username: str) -> None:
    client = client_for(username)
    for slug in sorted(ALL_SLUGS):
        response = client.get(reverse(f"{slug}-create"))
        expected = 200 if slug in CAN_ADD.get(username, set()) else 403
        assert response.status_code == expected, (username, slug, response.status_code)


@pytest.mark.parametrize("username", ROLES)
def test_detail_and_history_follow_the_data_scope(
    cast: Cast, client_for: Any, username: str
) -> None:
    client = client_for(username)
    for slug in sorted(ALL_SLUGS):
        obj = sample(cast, slug)
        expected = 200 if slug in CAN_SEE_SAMPLE[username] else 404
        for page in ("detail", "history"):
            response = client.get(reverse(f"{slug}-{page}", args=[obj.pk]))
            assert response.status_code == expected, (username, slug, page)


@pytest.mark.parametrize("username", ROLES)
def test_edit_pages_follow_the_roles(cast: Cast, client_for: Any, username: str) -> None:
    client = client_for(username)
    for slug in sorted(ALL_SLUGS):
        obj = sample(cast, slug)
        response = client.get(reverse(f"{slug}-edit", args=[obj.pk]))
        expected = 200 if slug in CAN_CHANGE_SAMPLE.get(username, set()) else 404
        assert response.status_code == expected, (username, slug, response.status_code)


@pytest.mark.parametrize("username", ROLES)
def test_home_and_division_pages_open_for_everyone_signed_in(
    cast: Cast, client_for: Any, username: str
) -> None:
    client = client_for(username)
    assert client.get(reverse("division-mine")).status_code == 200
    home = client.get(reverse("home"))
    if "plans" in CAN_LIST[username]:
        assert home.status_code == 302
        # The DRC and the leaders start on the overview, everyone else on the outline's page.
        first = "overview" if username in {"wang_admin", "chen_leader"} else "plan-home"
        assert home["Location"] == reverse(first, args=[cast.plan.pk])
        assert client.get(home["Location"]).status_code == 200
    else:
        assert home.status_code == 200  # "no plan you can see yet"
        assert client.get(reverse("plan-home", args=[cast.plan.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(cast: Cast, client: Any) -> None:
    for name in ("home", "division-mine", "tasks-list", "units-list"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    response = client.get(reverse("tasks-detail", args=[cast.tasks["school"].pk]))
    assert response.status_code == 302


def test_street_reporter_cannot_see_or_change_another_units_task(
    cast: Cast, client_for: Any
) -> None:
    client = client_for("zhao_street")
    school = cast.tasks["school"]
    listing = client.get(reverse("tasks-list")).content.decode()
    assert school.title not in listing
    assert cast.tasks["street"].title in listing
    assert client.get(reverse("tasks-detail", args=[school.pk])).status_code == 404
    response = client.post(reverse("tasks-edit", args=[school.pk]), {"title": "改掉"})
    assert response.status_code == 404
    response = client.post(reverse("tasks-archive", args=[school.pk]))
    assert response.status_code == 404
    school.refresh_from_db()
    assert school.title == "新建改扩建中小学校12所"
    assert not school.is_archived


def test_reporter_sees_a_task_it_only_cooperates_on(cast: Cast, client_for: Any) -> None:
    client = client_for("li_reporter")
    shared = cast.tasks["shared"]
    assert client.get(reverse("tasks-detail", args=[shared.pk])).status_code == 200
    assert client.get(reverse("tasks-edit", args=[shared.pk])).status_code == 404
