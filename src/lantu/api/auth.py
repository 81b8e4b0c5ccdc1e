"""Who is calling: a signed-in browser session, or a personal bearer token.

Either way the person lands on ``request.auth_user`` (and ``request.auth``), which is what every
handler passes to ``restrict``. A request with neither gets 401.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from django.db import OperationalError
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from lantu.core.models import ApiToken

TOKEN_PREFIX = "lt_"
# last_used_at is for people reviewing their tokens, not an access log: one write a minute
# per token is enough and keeps a busy script from writing on every request.
LAST_USED_EVERY = dt.timedelta(minutes=1)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def _sign_in(request: HttpRequest, person: Any) -> Any:
    request.auth_user = person  # type: ignore[attr-defined]
    return person


def current_user(request: HttpRequest) -> Any:
    """The person the request is authenticated as (set by one of the classes below)."""
    return request.auth_user  # type: ignore[attr-defined]


class TokenAuth(HttpBearer):
    """``Authorization: Bearer lt_...``: a token that is not revoked, of an active person."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if not token.startswith(TOKEN_PREFIX):
            return None
        row = (
            ApiToken.objects.select_related("person")
            .filter(digest=ApiToken.digest_of(token), revoked=False, person__is_active=True)
            .first()
        )
        if row is None:
            return None
        now = timezone.now()
        if row.last_used_at is None or now - row.last_used_at >= LAST_USED_EVERY:
            # Bookkeeping, not a state change: no audit event, no service. When the database
            # is busy (SQLite's one writer under load) the request goes on without it.
            with contextlib.suppress(OperationalError):
                ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        return _sign_in(request, row.person)


class SessionCsrfAuth(SessionAuth):
    """The Django session, with Django's CSRF check on unsafe methods.

    ninja's ``django_auth`` checks CSRF before it looks at the session, so a caller with no
    session at all would get 403 on a POST; here the check runs only for a signed-in person,
    and a stranger gets the 401 every other unauthenticated request gets.
    """

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        exempt = getattr(request, "_ninja_csrf_exempt", False)
        if request.method not in SAFE_METHODS and not exempt and check_csrf(request) is not None:
            raise HttpError(403, "CSRF check failed.")
        return _sign_in(request, user)


token_auth = TokenAuth()
session_auth = SessionCsrfAuth()
