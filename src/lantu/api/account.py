"""The caller's own account: who am I, and my personal API tokens."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from lantu.api.auth import current_user, session_auth, token_auth
from lantu.api.schemas import Error
from lantu.core.models import ApiToken
from lantu.core.services import create_object, update_object

router = Router(tags=["account"])

# ---------------------------------------------------------------- me


class MyMembership(Schema):
    id: int
    unit: int = Field(validation_alias="unit_id")
    unit_name: str = Field(validation_alias="unit.name")
    role: str
    scope: str


class Me(Schema):
    id: int
    username: str
    full_name: str
    email: str
    region: int | None = Field(validation_alias="region_id")
    memberships: list[MyMembership]


@router.get("/me", response=Me, operation_id="me", summary="The signed-in person")
def me(request: HttpRequest) -> Any:
    person = current_user(request)
    memberships = person.memberships.select_related("unit").filter(unit__is_archived=False)
    return {
        "id": person.pk,
        "username": person.username,
        "full_name": person.full_name,
        "email": person.email,
        "region_id": person.region_id,
        "memberships": list(memberships.order_by("id")),
    }


# ---------------------------------------------------------------- tokens


class TokenIn(Schema):
    name: str = Field(min_length=1, max_length=100, description="what the token is for")


class TokenOut(Schema):
    id: int
    name: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked: bool


class NewToken(TokenOut):
    token: str = Field(description="shown this once; only its SHA-256 is kept")


@transaction.atomic
def issue_token(*, person: Any, name: str) -> tuple[ApiToken, str]:
    """A new token for ``person``; returns the row and the secret, which is not kept."""
    secret = ApiToken.new_token()
    data = {"person": person, "name": name, "digest": ApiToken.digest_of(secret)}
    return create_object(model=ApiToken, data=data, by=person), secret


def revoke_token(*, token: ApiToken, by: Any) -> ApiToken:
    """Revoke a token for good."""
    return update_object(instance=token, data={"revoked": True}, by=by)


def _own_tokens(request: HttpRequest) -> Any:
    return ApiToken.objects.filter(person=current_user(request)).order_by("-created_at", "-id")


# Only a signed-in browser may mint a token: a leaked token cannot breed more of itself.
@router.post(
    "/tokens",
    auth=session_auth,
    response={201: NewToken},
    operation_id="tokens_create",
    summary="Create a personal API token",
)
def create_token(request: HttpRequest, payload: TokenIn) -> Any:
    row, secret = issue_token(person=current_user(request), name=payload.name)
    return Status(201, {**TokenOut.from_orm(row).model_dump(), "token": secret})


@router.get("/tokens", response=list[TokenOut], operation_id="tokens_list", summary="My API tokens")
def list_tokens(request: HttpRequest) -> Any:
    return list(_own_tokens(request))


@router.delete(
    "/tokens/{int:pk}",
    auth=[token_auth, session_auth],
    response={204: None, 404: Error},
    operation_id="tokens_revoke",
    summary="Revoke one of my API tokens",
)
def delete_token(request: HttpRequest, pk: int) -> Any:
    token = _own_tokens(request).filter(pk=pk).first()
    if token is None:
        raise Http404
    if not token.revoked:
        revoke_token(token=token, by=current_user(request))
    return Status(204, None)
