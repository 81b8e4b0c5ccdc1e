from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from lantu.core.models import ApiToken
from tests.cast import Cast

API = "/api/v1"


@pytest.fixture
def api_client_for(client_for: Callable[[str], Client]) -> Callable[[str], Client]:
    """A session client for one member of the cast (CSRF not enforced, as in a script)."""
    return client_for


@pytest.fixture
def token_for(cast: Cast) -> Callable[[str], str]:
    """A fresh bearer token for one member of the cast."""

    def make(username: str) -> str:
        secret = ApiToken.new_token()
        ApiToken.objects.create(
            person=cast.people[username], name="test", digest=ApiToken.digest_of(secret)
        )
        return secret

    return make
