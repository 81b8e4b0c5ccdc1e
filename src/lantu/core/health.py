"""A liveness probe for load balancers and monitors: the process answers, nothing more.

It touches neither the database nor the session, so it stays cheap under any load and a
benchmark can use it as the server's floor (``bench/reporting_load.py``).
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe


@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """``{"ok": true}`` while the application process serves requests."""
    return JsonResponse({"ok": True})
