"""Writes through the API: services, audit, validation and the caller's reach."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType

from lantu.core.models import AuditEvent
from lantu.division.models import Assignment
from lantu.indicators.models import Indicator
from lantu.organizations.models import Membership, Person, Unit
from lantu.tasks.models import Task
from tests.api.conftest import Api
from tests.cast import Cast

pytestmark = pytest.mark.urls("tests.api.urls")


def events_for(obj: Any) -> list[Any]:  # before/after are JSON: Any reads them plainly
    content_type = ContentType.objects.get_for_model(obj)
    return list(
        AuditEvent.objects.filter(content_type=content_type, object_id=str(obj.pk)).order_by("id")
    )


def test_plan_admin_creates_changes_and_archives_an_indicator_with_an_audit_trail(
    cast: Cast, api_as: Callable[[str], Api]
) -> None:
    api = api_as("wang_admin")
    created = api.post(
        "/indicators",
        {
            "version": cast.version.pk,
            "section": cast.section.pk,
            "name": "单位地区生产总值能耗降低",
            "unit": "%",
            "attribute": "binding",
            "baseline_value": 0.5,
            "target_text": "完成市下达目标",
        },
    )
    assert created.status_code == 201
    body = created.json()
    assert body["baseline_value"] == "0.5000"  # decimals go out as strings
    assert body["assignments"] == [] and body["time_nodes"] == [] and body["milestones"] == []
    indicator = Indicator.objects.get(pk=body["id"])
    assert indicator.region == cast.region

    changed = api.patch(f"/indicators/{indicator.pk}", {"attribute": "expected", "section": None})
    assert changed.status_code == 200
    assert changed.json()["attribute"] == "expected"
    assert changed.json()["section"] is None

    assert api.delete(f"/indicators/{indicator.pk}").status_code == 204
    indicator.refresh_from_db()
    assert indicator.is_archived

    created_event, changed_event, archived_event = events_for(indicator)
    assert created_event.action == "indicators.indicator.created"
    assert created_event.before is None
    assert created_event.after["name"] == "单位地区生产总值能耗降低"
    assert Decimal(created_event.after["baseline_value"]) == Decimal("0.5")
    assert changed_event.action == "indicators.indicator.changed"
    assert changed_event.before["attribute"] == "binding"
    assert changed_event.after["attribute"] == "expected"
    assert changed_event.before["section_id"] == cast.section.pk
    assert changed_event.after["section_id"] is None
    assert archived_event.before["is_archived"] is False
    assert archived_event.after["is_archived"] is True
    for event in (created_event, changed_event, archived_event):
        assert event.actor == cast.wang_admin
        assert event.ip == "127.0.0.1"


def test_archived_items_leave_the_list_but_keep_their_page(
    cast: Cast, api_as: Callable[[str], Api]
) -> None:
    api = api_as("wang_admin")
    street = cast.tasks["street"]
    api.delete(f"/tasks/{street.pk}")
    assert street.pk not in {t["id"] for t in api.get("/tasks").json()["items"]}
    archived = api.get("/tasks", is_archived="true").json()["items"]
    assert [t["id"] for t in archived] == [street.pk]
    assert api.get(f"/tasks/{street.pk}").json()["is_archived"] is True


def test_an_empty_patch_changes_nothing_and_writes_no_event(
    cast: Cast, api_as: Callable[[str], Api]
) -> None:
    task = cast.tasks["school"]
    before = len(events_for(task))
    response = api_as("wang_admin").patch(f"/tasks/{task.pk}", {})
    assert response.status_code == 200
    assert len(events_for(task)) == before


def test_the_version_of_an_item_cannot_be_changed(cast: Cast, api_as: Callable[[str], Api]) -> None:
    task = cast.tasks["school"]
    response = api_as("wang_admin").patch(f"/tasks/{task.pk}", {"version": 999, "title": "新"})
    assert response.status_code == 200  # unknown fields are ignored ...
    task.refresh_from_db()
    assert task.version == cast.version  # ... and the version is not a patchable field
    assert task.title == "新"


# ------------------------------------------------------------ validation


def test_validation_errors_are_422_and_name_the_field(
    cast: Cast, api_as: Callable[[str], Api]
) -> None:
    api = api_as("wang_admin")
    response = api.post(
        "/indicators",
        {"version": cast.version.pk, "attribute": "sometimes", "baseline_value": "1.23456"},
    )
    assert response.status_code == 422
    fields = {error["loc"][-1] for error in response.json()["detail"]}
    assert fields == {"name", "attribute", "baseline_value"}


def test_an_id_the_caller_cannot_see_is_a_422_on_that_field(
    cast: Cast, api_as: Callable[[str], Api]
) -> None:
    response = api_as("wang_admin").post("/tasks", {"version": 987654, "title": "无版本"})
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", "payload", "version"]
    assert "987654" in error["msg"]


def test_an_assignment_names_exactly_one_item(cast: Cast, api_as: Callable[[str], Api]) -> None:
    api = api_as("wang_admin")
    unit = cast.units["town"].pk
    both = {"task": cast.tasks["school"].pk, "project": cast.project.pk}
    response = api.post("/assignments", {**both, "unit": unit, "role": "cooperating"})
    assert response.status_code == 422
    response = api.post("/assignments", {"unit": unit, "role": "cooperating"})
    assert response.status_code == 422
    assert not Assignment.objects.filter(unit_id=unit).exists()


def test_a_refusal_by_the_domain_is_a_400_with_its_message(
    cast: Cast, api_as: Callable[[str], Api]
) -> None:
    api = api_as("sun_sysadmin")
    government = cast.units["government"]
    response = api.patch(f"/units/{government.pk}", {"parent": cast.units["education"].pk})
    assert response.status_code == 400
    assert "不能把单位放到它自身或其下级单位之下" in response.json()["detail"]


def test_a_second_milestone_for_the_same_year_is_refused(
    cast: Cast, api_as: Callable[[str], Api]
) -> None:
    api = api_as("wang_admin")
    body = {"indicator": cast.indicators["gdp"].pk, "year": 2027, "text": "5左右"}
    assert api.post("/indicator-milestones", body).status_code == 201
    response = api.post("/indicator-milestones", body)
    assert response.status_code == 400
    assert response.json()["detail"]


def test_list_limit_is_at_most_200(cast: Cast, api_as: Callable[[str], Api]) -> None:
    api = api_as("wang_admin")
    assert api.get("/tasks", limit=200).status_code == 200
    assert api.get("/tasks", limit=201).status_code == 422
    assert api.get("/tasks", offset=-1).status_code == 422


# ------------------------------------------------------------ people and memberships


def test_a_new_persons_password_is_write_only_and_hashed(
    cast: Cast, api_as: Callable[[str], Api]
) -> None:
    api = api_as("sun_sysadmin")
    response = api.post(
        "/people", {"username": "xu_new", "password": "Lantu-2026-long", "full_name": "徐新"}
    )
    assert response.status_code == 201
    assert "password" not in response.json()
    person = Person.objects.get(username="xu_new")
    assert person.check_password("Lantu-2026-long")
    assert person.region == cast.region
    (event,) = events_for(person)
    assert "password" not in event.after
    listing = api.get("/people").content.decode()
    assert "password" not in listing and person.password not in listing


def test_a_weak_password_is_a_422_on_the_password(cast: Cast, api_as: Callable[[str], Api]) -> None:
    response = api_as("sun_sysadmin").post("/people", {"username": "xu_new", "password": "123"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "password"]
    assert not Person.objects.filter(username="xu_new").exists()


def test_a_taken_user_name_is_refused(cast: Cast, api_as: Callable[[str], Api]) -> None:
    response = api_as("sun_sysadmin").post(
        "/people", {"username": "li_reporter", "password": "Lantu-2026-long"}
    )
    assert response.status_code == 400


def test_deactivating_a_person_is_a_patch(cast: Cast, api_as: Callable[[str], Api]) -> None:
    response = api_as("sun_sysadmin").patch(f"/people/{cast.li_reporter.pk}", {"is_active": False})
    assert response.status_code == 200
    cast.li_reporter.refresh_from_db()
    assert not cast.li_reporter.is_active


def test_a_membership_gets_its_roles_usual_scope_unless_told(
    cast: Cast, api_as: Callable[[str], Api]
) -> None:
    api = api_as("qian_security")
    body = {"person": cast.outsider.pk, "unit": cast.units["education"].pk}
    reporter = api.post("/memberships", {**body, "role": "reporter"}).json()
    leader = api.post(
        "/memberships",
        {
            **body,
            "role": "leader",
            "scope": "chosen",
            "chosen_units": [cast.units["street"].pk],
        },
    ).json()
    assert reporter["scope"] == "own"
    assert leader["scope"] == "chosen"
    assert leader["chosen_units"] == [cast.units["street"].pk]
    assert leader["unit_name"] == "区教育局"


def test_outsider_can_read_their_tasks_once_given_a_role(
    cast: Cast, api_as: Callable[[str], Api]
) -> None:
    api_as("qian_security").post(
        "/memberships",
        {"person": cast.outsider.pk, "unit": cast.units["street"].pk, "role": "reporter"},
    )
    listed = {t["id"] for t in api_as("outsider").get("/tasks").json()["items"]}
    assert listed == {cast.tasks["shared"].pk, cast.tasks["street"].pk}


# ------------------------------------------------------------ writes stay within reach


@pytest.fixture
def street_admin(cast: Cast) -> None:
    """zhao_street, also given a plan-administrator role limited to the street's own items."""
    Membership.objects.create(
        region=cast.region,
        person=cast.zhao_street,
        unit=cast.units["street"],
        role="plan_admin",
        scope="own",
    )


def test_a_scoped_administrator_can_change_own_items_only(
    cast: Cast, street_admin: None, api_as: Callable[[str], Api]
) -> None:
    api = api_as("zhao_street")
    street, school = cast.tasks["street"], cast.tasks["school"]
    assert api.patch(f"/tasks/{street.pk}", {"content": "分三批实施"}).status_code == 200
    assert api.patch(f"/tasks/{school.pk}", {"content": "x"}).status_code == 404


def test_a_scoped_administrator_cannot_create_an_item_outside_their_reach(
    cast: Cast, street_admin: None, api_as: Callable[[str], Api]
) -> None:
    # A new task has no assignment yet, so it would be nobody's: outside an own-unit scope.
    before = Task.objects.count()
    response = api_as("zhao_street").post("/tasks", {"version": cast.version.pk, "title": "新"})
    assert response.status_code == 403
    assert Task.objects.count() == before
    assert not AuditEvent.objects.filter(action="tasks.task.created").exists()


def test_a_scoped_administrator_divides_only_the_work_within_their_reach(
    cast: Cast, street_admin: None, api_as: Callable[[str], Api]
) -> None:
    api = api_as("zhao_street")
    street = cast.tasks["street"]
    body = {"task": street.pk, "role": "cooperating"}
    own = api.post("/assignments", {**body, "unit": cast.units["street"].pk})
    assert own.status_code == 400  # the street already has this task: once per unit
    # a partner on the street's own task: the division of an item in reach is theirs to set
    partner = api.post("/assignments", {**body, "unit": cast.units["town"].pk})
    assert partner.status_code == 201
    # but not on the education bureau's task, which they cannot even see
    school = {"task": cast.tasks["school"].pk, "role": "cooperating", "unit": cast.units["town"].pk}
    assert api.post("/assignments", school).status_code == 422
    assert not Assignment.objects.filter(
        task=cast.tasks["school"], unit=cast.units["town"]
    ).exists()


def test_units_are_created_in_the_callers_region_under_a_visible_parent(
    cast: Cast, api_as: Callable[[str], Api]
) -> None:
    api = api_as("sun_sysadmin")
    government = cast.units["government"]
    response = api.post(
        "/units", {"name": "区科技局", "kind": "department", "parent": government.pk}
    )
    assert response.status_code == 201
    unit = Unit.objects.get(pk=response.json()["id"])
    assert unit.region == cast.region
    assert unit.path == f"{government.path}{unit.pk}/"
