"""The OpenAPI document is served and describes every endpoint; no page loads from a CDN."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import API, ARCHIVABLE, RESOURCES

pytestmark = pytest.mark.urls("tests.api.urls")


def expected_operations() -> dict[str, set[str]]:
    operations: dict[str, set[str]] = {
        "/api/v1/me": {"get"},
        "/api/v1/tokens": {"get", "post"},
        "/api/v1/tokens/{pk}": {"delete"},
        "/api/v1/outline-imports": {"get", "post"},
        "/api/v1/outline-imports/{pk}": {"get"},
        "/api/v1/outline-imports/{pk}/findings": {"get"},
        "/api/v1/outline-imports/{pk}/findings/{finding_id}": {"patch"},
        "/api/v1/outline-imports/{pk}/decisions": {"post"},
        "/api/v1/outline-imports/{pk}/apply": {"post"},
        "/api/v1/reporting/cycles": {"get"},
        "/api/v1/reporting/cycles/generate": {"post"},
        "/api/v1/reporting/cycles/{pk}": {"get", "patch"},
        "/api/v1/reporting/cycles/{pk}/items": {"post"},
        "/api/v1/reporting/reports": {"get"},
        "/api/v1/reporting/reports/{pk}": {"get", "patch"},
        "/api/v1/monitoring/warnings": {"get"},
        "/api/v1/monitoring/warnings/refresh": {"post"},
        "/api/v1/monitoring/warnings/{pk}": {"get"},
        "/api/v1/monitoring/warnings/{pk}/close": {"post"},
        "/api/v1/monitoring/warnings/{pk}/rectifications": {"post"},
        "/api/v1/monitoring/rectifications/{pk}/accept": {"post"},
        "/api/v1/monitoring/rectifications/{pk}/return": {"post"},
    }
    for step in ("submit", "approve", "return", "accept", "unlock", "exempt", "reinstate"):
        operations[f"/api/v1/reporting/reports/{{pk}}/{step}"] = {"post"}
    for name in RESOURCES:
        operations[f"/api/v1/{name}"] = {"get", "post"}
        detail = {"get", "patch"} | ({"delete"} if name in ARCHIVABLE else set())
        operations[f"/api/v1/{name}/{{pk}}"] = detail
    return operations


def test_openapi_document_lists_every_endpoint(client: Any, db: None) -> None:
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["info"]["title"] == "lantu API"
    assert document["info"]["version"] == "1"
    served = {path: set(methods) for path, methods in document["paths"].items()}
    assert served == expected_operations()


def test_openapi_operation_ids_are_unique(client: Any, db: None) -> None:
    document = client.get(f"{API}/openapi.json").json()
    ids = [op["operationId"] for methods in document["paths"].values() for op in methods.values()]
    assert len(ids) == len(set(ids))


def test_openapi_declares_both_ways_to_authenticate(client: Any, db: None) -> None:
    document = client.get(f"{API}/openapi.json").json()
    schemes = document["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}
    assert any(s.get("scheme") == "bearer" for s in schemes.values())


def test_person_output_never_carries_a_password(client: Any, db: None) -> None:
    schemas = client.get(f"{API}/openapi.json").json()["components"]["schemas"]
    assert "password" not in schemas["PersonOut"]["properties"]
    assert "password" in schemas["PersonIn"]["properties"]
    assert "password" not in schemas["PersonPatch"]["properties"]


def test_decimals_are_strings_in_output(client: Any, db: None) -> None:
    schemas = client.get(f"{API}/openapi.json").json()["components"]["schemas"]
    baseline = schemas["IndicatorOut"]["properties"]["baseline_value"]
    assert {"type": "string"} in baseline["anyOf"]


def test_docs_page_is_not_served_because_it_would_load_from_a_cdn(client: Any, db: None) -> None:
    assert client.get(f"{API}/docs").status_code == 404
