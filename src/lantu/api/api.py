"""The one NinjaAPI instance: /api/v1/, authenticated by bearer token or session.

The interactive docs page is off (``docs_url=None``): ninja's Swagger UI loads its scripts
from a CDN, and government intranets have none. The OpenAPI document is served at
``/api/v1/openapi.json`` for any client generator or a locally installed viewer.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from lantu.api import account
from lantu.api.auth import session_auth, token_auth
from lantu.core.services import DomainError
from lantu.division.api import router as division
from lantu.indicators.api import router as indicators
from lantu.ingest.api import router as ingest
from lantu.organizations.api import router as organizations
from lantu.plans.api import router as plans
from lantu.projects.api import router as projects
from lantu.tasks.api import router as tasks


class Utf8JSONRenderer(JSONRenderer):
    """Chinese text as itself rather than \\u escapes: smaller and readable in a log."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="lantu API",
    version="1",
    description=(
        "蓝图: the district's five-year plan, its items and their division of labour. "
        "Authenticate with a session (CSRF token required on writes) or "
        "`Authorization: Bearer lt_...` from POST /tokens."
    ),
    urls_namespace="api",
    docs_url=None,
    renderer=Utf8JSONRenderer(),
    # Token first: a request that carries one never needs a CSRF token.
    auth=[token_auth, session_auth],
)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    """The domain refused the write: 400 with the message, fit to show the person."""
    return api.create_response(request, {"detail": str(exc)}, status=400)


api.add_router("/", account.router)
for router in (organizations, plans, indicators, tasks, projects, division, ingest):
    api.add_router("/", router)
api.add_router("/reporting", "lantu.reporting.api.router")
api.add_router("/monitoring", "lantu.monitoring.api.router")
