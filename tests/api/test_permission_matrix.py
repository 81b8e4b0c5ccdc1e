"""Every API endpoint by every member of the cast: list, detail, create, patch and delete.

The expectations are written out, not derived from ``RULES``, so that a change to the rules
shows up here as a failing test that somebody has to agree with. The sample objects (see
``samples`` in conftest) are chosen so that the reporters' own-unit scopes split over them:
the education bureau's indicator, task, assignment and time node; the DRC's observation; the
street's project and its investment plan.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.api.conftest import (
    ARCHIVABLE,
    PATCH_PAYLOADS,
    RESOURCES,
    Api,
    create_payloads,
)
from tests.cast import Cast

pytestmark = pytest.mark.urls("tests.api.urls")

PLAN = {
    "plans",
    "plan-versions",
    "sections",
    "indicators",
    "indicator-milestones",
    "observations",
    "tasks",
    "projects",
    "investment-plans",
    "assignments",
    "time-nodes",
}
READERS = PLAN | {"units"}
ADMINS = {"units", "people", "memberships"}

# GET /<resource>: 200, otherwise 403 (the role may not read that kind of thing at all).
CAN_LIST = {
    "wang_admin": PLAN | {"units", "people"},
    "li_reporter": READERS,
    "zhang_reviewer": READERS,
    "zhao_street": READERS,
    "chen_leader": READERS,
    "liu_congress": READERS,
    "zhou_inspector": READERS,
    "sun_sysadmin": ADMINS | {"plans"},
    "qian_security": ADMINS,
    "wu_auditor": ADMINS,
    "outsider": set(),
}

EDUCATION_SIDE = {"indicators", "indicator-milestones", "tasks", "assignments", "time-nodes"}
STREET_SIDE = {"projects", "investment-plans"}
PUBLIC_PLAN = {"plans", "plan-versions", "sections", "units"}

# GET /<resource>/<sample>: 200, otherwise 404 (never a hint that it exists).
CAN_SEE_SAMPLE = {
    "wang_admin": PLAN | {"units", "people"},
    "li_reporter": PUBLIC_PLAN | EDUCATION_SIDE,
    "zhang_reviewer": PUBLIC_PLAN | EDUCATION_SIDE,
    "zhao_street": PUBLIC_PLAN | STREET_SIDE,
    "chen_leader": READERS,
    "liu_congress": READERS,
    "zhou_inspector": READERS,
    "sun_sysadmin": ADMINS | {"plans"},
    "qian_security": ADMINS,
    "wu_auditor": ADMINS,
    "outsider": set(),
}

# POST /<resource>: 201, otherwise 403.
CAN_ADD = {
    "wang_admin": PLAN,
    "sun_sysadmin": {"units", "people"},
    "qian_security": {"memberships"},
}

# PATCH /<resource>/<sample>: 200; 403 when the sample is visible; 404 when it is not.
CAN_CHANGE = CAN_ADD

# DELETE /<resource>/<sample> archives: 204; 403 when visible; 404 when not. Only for the
# archivable resources: the others have no DELETE and answer 405 to everyone.
CAN_ARCHIVE = {
    "wang_admin": {"indicators", "tasks", "projects"},
    "sun_sysadmin": {"units"},
}

ROLES = list(CAN_LIST)


def test_the_matrix_covers_every_resource() -> None:
    assert set(RESOURCES) == PLAN | ADMINS
    assert set(ROLES) >= set(CAN_ADD) | set(CAN_ARCHIVE)


@pytest.mark.parametrize("username", ROLES)
def test_lists_follow_the_roles(cast: Cast, api_as: Callable[[str], Api], username: str) -> None:
    api = api_as(username)
    for name in RESOURCES:
        response = api.get(f"/{name}")
        expected = 200 if name in CAN_LIST[username] else 403
        assert response.status_code == expected, (username, name, response.status_code)


@pytest.mark.parametrize("username", ROLES)
def test_details_follow_the_data_scope(
    cast: Cast, samples: dict[str, Any], api_as: Callable[[str], Api], username: str
) -> None:
    api = api_as(username)
    for name in RESOURCES:
        response = api.get(f"/{name}/{samples[name].pk}")
        expected = 200 if name in CAN_SEE_SAMPLE[username] else 404
        assert response.status_code == expected, (username, name, response.status_code)


@pytest.mark.parametrize("username", ROLES)
def test_lists_show_the_sample_exactly_when_its_detail_opens(
    cast: Cast, samples: dict[str, Any], api_as: Callable[[str], Api], username: str
) -> None:
    api = api_as(username)
    for name in sorted(CAN_LIST[username]):
        ids = {item["id"] for item in api.get(f"/{name}", limit=200).json()["items"]}
        assert (samples[name].pk in ids) == (name in CAN_SEE_SAMPLE[username]), (username, name)


@pytest.mark.parametrize("username", ROLES)
def test_creation_follows_the_roles(
    cast: Cast, api_as: Callable[[str], Api], username: str
) -> None:
    api = api_as(username)
    payloads = create_payloads(cast)
    for name in RESOURCES:
        response = api.post(f"/{name}", payloads[name])
        expected = 201 if name in CAN_ADD.get(username, set()) else 403
        assert response.status_code == expected, (username, name, response.content)


@pytest.mark.parametrize("username", ROLES)
def test_changes_follow_the_roles_and_the_data_scope(
    cast: Cast, samples: dict[str, Any], api_as: Callable[[str], Api], username: str
) -> None:
    api = api_as(username)
    for name in RESOURCES:
        response = api.patch(f"/{name}/{samples[name].pk}", PATCH_PAYLOADS[name])
        if name in CAN_CHANGE.get(username, set()):
            expected = 200
        elif name in CAN_SEE_SAMPLE[username]:
            expected = 403
        else:
            expected = 404
        assert response.status_code == expected, (username, name, response.content)


@pytest.mark.parametrize("username", ROLES)
def test_archiving_follows_the_roles_and_the_data_scope(
    cast: Cast, samples: dict[str, Any], api_as: Callable[[str], Api], username: str
) -> None:
    api = api_as(username)
    for name in RESOURCES:
        obj = samples[name]
        response = api.delete(f"/{name}/{obj.pk}")
        if name not in ARCHIVABLE:
            expected = 405
        elif name in CAN_ARCHIVE.get(username, set()):
            expected = 204
        elif name in CAN_SEE_SAMPLE[username]:
            expected = 403
        else:
            expected = 404
        assert response.status_code == expected, (username, name, response.status_code)
        obj.refresh_from_db()  # archived or not, the row is still there
        if name in ARCHIVABLE:
            assert obj.is_archived == (expected == 204)


@pytest.mark.parametrize("username", ["wang_admin", "li_reporter", "zhao_street", "outsider"])
def test_bearer_tokens_get_the_same_answers_as_sessions(
    cast: Cast,
    samples: dict[str, Any],
    api_as: Callable[[str], Api],
    token_api_as: Callable[[str], Api],
    username: str,
) -> None:
    session, bearer = api_as(username), token_api_as(username)
    for name in RESOURCES:
        path = f"/{name}/{samples[name].pk}"
        assert bearer.get(path).status_code == session.get(path).status_code, name
        assert bearer.get(f"/{name}").content == session.get(f"/{name}").content, name


# ------------------------------------------------------------ the two reporters, by hand


def test_street_reporter_can_neither_see_nor_change_the_education_bureaus_task(
    cast: Cast, api_as: Callable[[str], Api]
) -> None:
    api = api_as("zhao_street")
    school = cast.tasks["school"]
    listed = {item["id"] for item in api.get("/tasks").json()["items"]}
    assert listed == {cast.tasks["shared"].pk, cast.tasks["street"].pk}
    assert api.get(f"/tasks/{school.pk}").status_code == 404
    assert api.patch(f"/tasks/{school.pk}", {"title": "改掉"}).status_code == 404
    assert api.delete(f"/tasks/{school.pk}").status_code == 404
    school.refresh_from_db()
    assert school.title == "新建改扩建中小学校12所"
    assert not school.is_archived


def test_education_reporter_cannot_see_the_streets_task(
    cast: Cast, api_as: Callable[[str], Api]
) -> None:
    api = api_as("li_reporter")
    street = cast.tasks["street"]
    listed = {item["id"] for item in api.get("/tasks").json()["items"]}
    assert listed == {cast.tasks["school"].pk, cast.tasks["shared"].pk}
    assert api.get(f"/tasks/{street.pk}").status_code == 404
    assert api.patch(f"/tasks/{street.pk}", {"title": "改掉"}).status_code == 404


def test_reporter_sees_a_task_it_cooperates_on_but_cannot_change_it(
    cast: Cast, api_as: Callable[[str], Api]
) -> None:
    api = api_as("li_reporter")
    shared = cast.tasks["shared"]
    detail = api.get(f"/tasks/{shared.pk}").json()
    assert {(a["unit_name"], a["role"]) for a in detail["assignments"]} == {
        ("东湖街道", "lead"),
        ("区教育局", "cooperating"),
    }
    assert api.patch(f"/tasks/{shared.pk}", {"title": "改掉"}).status_code == 403
