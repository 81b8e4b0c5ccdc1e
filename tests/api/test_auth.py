"""Who may call the API: a session (with CSRF on writes) or a personal bearer token."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from lantu.core.models import ApiToken
from tests.api.conftest import API
from tests.cast import PASSWORD, Cast

pytestmark = pytest.mark.urls("tests.api.urls")

CSRF = "a" * 32  # an unmasked CSRF secret, accepted as cookie and header alike


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/me"),
        ("get", "/tasks"),
        ("get", "/tasks/1"),
        ("post", "/tasks"),
        ("patch", "/tasks/1"),
        ("delete", "/tasks/1"),
        ("get", "/tokens"),
        ("post", "/tokens"),
    ],
)
def test_unauthenticated_requests_get_401(cast: Cast, method: str, path: str) -> None:
    client = Client(enforce_csrf_checks=True)
    response = getattr(client, method)(API + path, {}, content_type="application/json")
    assert response.status_code == 401


def test_session_signs_in(cast: Cast, client_for: Callable[[str], Client]) -> None:
    response = client_for("li_reporter").get(f"{API}/me")
    assert response.status_code == 200
    me = response.json()
    assert me["username"] == "li_reporter"
    assert me["memberships"] == [
        {
            "id": cast.li_reporter.memberships.get().pk,
            "unit": cast.units["education"].pk,
            "unit_name": "区教育局",
            "role": "reporter",
            "scope": "own",
        }
    ]


def test_outsider_is_signed_in_with_no_memberships(
    cast: Cast, client_for: Callable[[str], Client]
) -> None:
    me = client_for("outsider").get(f"{API}/me").json()
    assert me["memberships"] == []


def test_token_created_by_session_works_as_bearer_and_is_shown_once(
    cast: Cast, client_for: Callable[[str], Client]
) -> None:
    session = client_for("zhao_street")
    created = session.post(f"{API}/tokens", {"name": "报表脚本"}, content_type="application/json")
    assert created.status_code == 201
    secret = created.json()["token"]
    assert secret.startswith("lt_")
    stored = ApiToken.objects.get(pk=created.json()["id"])
    assert stored.digest == ApiToken.digest_of(secret)
    assert secret not in str(stored.__dict__)

    bearer = Client(headers={"Authorization": f"Bearer {secret}"})
    assert bearer.get(f"{API}/me").json()["username"] == "zhao_street"
    listed = session.get(f"{API}/tokens").json()
    assert [t["name"] for t in listed] == ["报表脚本"]
    assert "token" not in listed[0]
    assert "digest" not in listed[0]


def test_revoked_token_no_longer_signs_in(cast: Cast, token_for: Callable[[str], str]) -> None:
    secret = token_for("li_reporter")
    bearer = Client(headers={"Authorization": f"Bearer {secret}"})
    token = ApiToken.objects.get(digest=ApiToken.digest_of(secret))
    assert bearer.delete(f"{API}/tokens/{token.pk}").status_code == 204
    token.refresh_from_db()
    assert token.revoked
    assert bearer.get(f"{API}/me").status_code == 401


def test_nobody_can_revoke_someone_elses_token(
    cast: Cast, token_for: Callable[[str], str], client_for: Callable[[str], Client]
) -> None:
    secret = token_for("li_reporter")
    token = ApiToken.objects.get(digest=ApiToken.digest_of(secret))
    assert client_for("wang_admin").delete(f"{API}/tokens/{token.pk}").status_code == 404
    token.refresh_from_db()
    assert not token.revoked


def test_a_token_cannot_mint_more_tokens(cast: Cast, token_for: Callable[[str], str]) -> None:
    bearer = Client(headers={"Authorization": f"Bearer {token_for('li_reporter')}"})
    response = bearer.post(f"{API}/tokens", {"name": "x"}, content_type="application/json")
    assert response.status_code == 401


@pytest.mark.parametrize("header", ["Bearer lt_not-a-real-token", "Bearer nonsense", "Basic x"])
def test_unknown_tokens_get_401(cast: Cast, header: str) -> None:
    assert Client(headers={"Authorization": header}).get(f"{API}/me").status_code == 401


def test_token_of_a_deactivated_person_gets_401(
    cast: Cast, token_for: Callable[[str], str]
) -> None:
    secret = token_for("li_reporter")
    cast.li_reporter.is_active = False
    cast.li_reporter.save()
    bearer = Client(headers={"Authorization": f"Bearer {secret}"})
    assert bearer.get(f"{API}/me").status_code == 401


def test_token_use_is_recorded_at_most_once_a_minute(
    cast: Cast, token_for: Callable[[str], str]
) -> None:
    secret = token_for("li_reporter")
    bearer = Client(headers={"Authorization": f"Bearer {secret}"})
    token = ApiToken.objects.get(digest=ApiToken.digest_of(secret))
    bearer.get(f"{API}/me")
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    bearer.get(f"{API}/me")
    token.refresh_from_db()
    assert token.last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - dt.timedelta(minutes=2))
    bearer.get(f"{API}/me")
    token.refresh_from_db()
    assert token.last_used_at is not None and token.last_used_at > first - dt.timedelta(seconds=1)
    assert token.last_used_at <= timezone.now()


def csrf_client(username: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    assert client.login(username=username, password=PASSWORD)
    return client


def test_session_writes_without_csrf_token_are_refused(cast: Cast) -> None:
    client = csrf_client("wang_admin")
    task = cast.tasks["school"]
    body = {"version": cast.version.pk, "title": "未带令牌"}
    response = client.post(f"{API}/tasks", body, content_type="application/json")
    assert response.status_code == 403
    response = client.patch(
        f"{API}/tasks/{task.pk}", {"title": "x"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert client.delete(f"{API}/tasks/{task.pk}").status_code == 403
    response = client.post(f"{API}/tokens", {"name": "x"}, content_type="application/json")
    assert response.status_code == 403
    task.refresh_from_db()
    assert task.title == "新建改扩建中小学校12所"
    assert not task.is_archived


def test_session_writes_with_csrf_token_succeed(cast: Cast) -> None:
    client = csrf_client("wang_admin")
    client.cookies[settings.CSRF_COOKIE_NAME] = CSRF
    body = {"version": cast.version.pk, "title": "带了令牌"}
    response = client.post(
        f"{API}/tasks", body, content_type="application/json", headers={"X-CSRFToken": CSRF}
    )
    assert response.status_code == 201


def test_session_reads_need_no_csrf_token(cast: Cast) -> None:
    assert csrf_client("wang_admin").get(f"{API}/tasks").status_code == 200


def test_bearer_writes_need_no_csrf_token(cast: Cast, token_for: Callable[[str], str]) -> None:
    client = Client(
        enforce_csrf_checks=True, headers={"Authorization": f"Bearer {token_for('wang_admin')}"}
    )
    body: dict[str, Any] = {"version": cast.version.pk, "title": "脚本创建"}
    response = client.post(f"{API}/tasks", body, content_type="application/json")
    assert response.status_code == 201
