"""Lists: a fixed number of queries whatever their length, pages, filters and a stable order."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lantu.tasks.models import Task
from tests.api.conftest import RESOURCES, Api
from tests.cast import Cast

pytestmark = pytest.mark.urls("tests.api.urls")

# Who lists each resource in the query-count test: someone allowed to, scoped where possible.
LISTER = dict.fromkeys(RESOURCES, "wang_admin") | {"memberships": "qian_security"}
# Upper bound per list: session, grants, count, page and a few prefetches.
MAX_QUERIES = 10


@pytest.mark.parametrize("name", RESOURCES)
@pytest.mark.parametrize("auth", ["session", "token"])
def test_lists_cost_the_same_queries_for_one_row_as_for_many(
    cast: Cast,
    many: None,
    api_as: Callable[[str], Api],
    token_api_as: Callable[[str], Api],
    django_assert_num_queries: Any,
    name: str,
    auth: str,
) -> None:
    api = (api_as if auth == "session" else token_api_as)(LISTER[name])
    api.get("/me")  # a token's first use of the minute records itself: not part of the list
    with CaptureQueriesContext(connection) as one:
        response = api.get(f"/{name}", limit=1)
    assert len(response.json()["items"]) == 1
    assert len(one) <= MAX_QUERIES
    with django_assert_num_queries(len(one)):
        response = api.get(f"/{name}", limit=200)
    assert len(response.json()["items"]) > 5


@pytest.mark.parametrize("username", ["li_reporter", "chen_leader"])
def test_scoped_lists_cost_the_same_queries_for_one_row_as_for_many(
    cast: Cast,
    many: None,
    api_as: Callable[[str], Api],
    django_assert_num_queries: Any,
    username: str,
) -> None:
    api = api_as(username)
    for name in ("tasks", "indicators", "projects", "assignments", "time-nodes"):
        with CaptureQueriesContext(connection) as one:
            api.get(f"/{name}", limit=1)
        with django_assert_num_queries(len(one)):
            response = api.get(f"/{name}", limit=200)
        assert len(response.json()["items"]) > 1, name


def test_pages_cover_the_list_once_in_a_stable_order(
    cast: Cast, many: None, api_as: Callable[[str], Api]
) -> None:
    api = api_as("wang_admin")
    everything = api.get("/assignments", limit=200).json()
    ids = [item["id"] for item in everything["items"]]
    assert everything["count"] == len(ids) == len(set(ids))
    paged = []
    for offset in range(0, len(ids), 4):
        page = api.get("/assignments", limit=4, offset=offset).json()
        assert page["count"] == len(ids)
        paged += [item["id"] for item in page["items"]]
    assert paged == ids
    assert api.get("/assignments", limit=200).json() == everything


def test_items_carry_their_assignments_and_time_nodes(
    cast: Cast, api_as: Callable[[str], Api]
) -> None:
    shared = cast.tasks["shared"]
    task = api_as("wang_admin").get(f"/tasks/{shared.pk}").json()
    assert [(a["unit"], a["unit_name"], a["role"]) for a in task["assignments"]] == [
        (cast.units["street"].pk, "东湖街道", "lead"),
        (cast.units["education"].pk, "区教育局", "cooperating"),
    ]
    assert task["time_nodes"] == [
        {
            "id": shared.timenodes.get().pk,
            "text": "2026年底前",
            "kind": "deadline",
            "due": "2026-12-31",
        }
    ]


def test_projects_carry_their_yearly_investment_plans(
    cast: Cast, samples: dict[str, object], api_as: Callable[[str], Api]
) -> None:
    project = api_as("zhao_street").get(f"/projects/{cast.project.pk}").json()
    assert project["total_investment"] == "52000.00"
    assert [(p["year"], p["planned"]) for p in project["investment_plans"]] == [(2026, "8000.00")]


# ------------------------------------------------------------ filters


def ids(api: Api, path: str, **params: object) -> set[int]:
    response = api.get(path, **params)
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def test_tasks_filter_by_search_unit_and_role(cast: Cast, api_as: Callable[[str], Api]) -> None:
    api = api_as("wang_admin")
    school, shared, street = (cast.tasks[k].pk for k in ("school", "shared", "street"))
    education, street_unit = cast.units["education"].pk, cast.units["street"].pk
    assert ids(api, "/tasks", q="东湖") == {shared, street}
    assert ids(api, "/tasks", unit=education) == {school, shared}
    assert ids(api, "/tasks", unit=education, role="lead") == {school}
    assert ids(api, "/tasks", unit=street_unit, role="cooperating") == set()
    assert ids(api, "/tasks", role="responsible") == {street}
    assert ids(api, "/tasks", version=cast.version.pk) == {school, shared, street}
    assert ids(api, "/tasks", section=cast.section.pk) == {school, shared, street}


def test_a_task_with_two_cooperating_units_is_listed_once(
    cast: Cast, api_as: Callable[[str], Api]
) -> None:
    api = api_as("wang_admin")
    street = cast.tasks["street"]
    for unit in ("education", "town"):
        api.post(
            "/assignments", {"task": street.pk, "unit": cast.units[unit].pk, "role": "cooperating"}
        )
    response = api.get("/tasks", role="cooperating").json()
    assert [t["id"] for t in response["items"]] == [cast.tasks["shared"].pk, street.pk]
    assert response["count"] == 2


def test_indicators_filter_by_attribute_source_and_search(
    cast: Cast, api_as: Callable[[str], Api]
) -> None:
    api = api_as("wang_admin")
    gdp, school = cast.indicators["gdp"].pk, cast.indicators["school"].pk
    assert ids(api, "/indicators", attribute="binding") == {school}
    assert ids(api, "/indicators", source="main_table") == {gdp, school}
    assert ids(api, "/indicators", source="text") == set()
    assert ids(api, "/indicators", q="生产总值") == {gdp}
    assert api.get("/indicators", attribute="sometimes").status_code == 422


def test_observations_and_milestones_filter_by_year(
    cast: Cast, many: None, api_as: Callable[[str], Api]
) -> None:
    api = api_as("wang_admin")
    for path in ("/observations", "/indicator-milestones", "/investment-plans"):
        years = {item["year"] for item in api.get(path, year=2027, limit=200).json()["items"]}
        assert years == {2027}, path


def test_plans_filter_by_a_year_in_their_period(cast: Cast, api_as: Callable[[str], Api]) -> None:
    api = api_as("wang_admin")
    assert ids(api, "/plans", year=2028) == {cast.plan.pk}
    assert ids(api, "/plans", year=2031) == set()
    assert ids(api, "/plans", kind="outline") == {cast.plan.pk}


def test_units_and_people_filter(cast: Cast, api_as: Callable[[str], Api]) -> None:
    api = api_as("sun_sysadmin")
    government = cast.units["government"].pk
    children = ids(api, "/units", parent=government)
    assert children == {cast.units[k].pk for k in ("drc", "education", "street", "town")}
    assert ids(api, "/units", kind="subdistrict") == {cast.units["street"].pk}
    education = cast.units["education"].pk
    assert ids(api, "/people", unit=education) == {cast.li_reporter.pk, cast.zhang_reviewer.pk}
    assert ids(api, "/people", unit=education, role="reviewer") == {cast.zhang_reviewer.pk}
    assert ids(api, "/people", q="zhao") == {cast.zhao_street.pk}


def test_time_nodes_filter_by_year_due(cast: Cast, api_as: Callable[[str], Api]) -> None:
    api = api_as("wang_admin")
    node = cast.tasks["school"].timenodes.get()
    assert ids(api, "/time-nodes", year=2027) == {node.pk}
    assert ids(api, "/time-nodes", task=cast.tasks["school"].pk) == {node.pk}
    assert len(ids(api, "/time-nodes", due_before="2027-12-31")) == 2


def test_lists_answer_only_what_the_scope_allows_whatever_the_filter(
    cast: Cast, api_as: Callable[[str], Api]
) -> None:
    api = api_as("zhao_street")
    education = cast.units["education"].pk
    assert ids(api, "/tasks", unit=education) == {cast.tasks["shared"].pk}
    assert Task.objects.filter(assignments__unit_id=education).count() == 2
