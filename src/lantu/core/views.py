"""Sign-in (with the demo logins listed in demo mode only) and small shared pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from lantu.core import audit
from lantu.core.models import AuditEvent
from lantu.core.permissions import allowed, restrict


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if settings.DEMO:
            from lantu.demo import seed

            context["demo_logins"] = seed.DEMO_LOGINS
            context["demo_password"] = getattr(seed, "DEMO_PASSWORD", "lantu-demo")
        return context


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """The whole audit trail, for the audit administrator (三权分立: only they read it all)."""
    if not allowed(request.user, "view", AuditEvent):
        raise PermissionDenied
    events = restrict(AuditEvent.objects.select_related("content_type"), request.user, "view")
    q = request.GET.get("q", "").strip()
    if q:
        events = events.filter(
            Q(action__icontains=q) | Q(actor_name__icontains=q) | Q(object_repr__icontains=q)
        )
    day = request.GET.get("date", "")
    if day:
        try:
            events = events.filter(at__date=dt.date.fromisoformat(day))
        except ValueError:
            messages.error(request, _("Give the date as YYYY-MM-DD."))
    page = Paginator(events.order_by("-at", "-id"), 50).get_page(request.GET.get("page"))
    rows = [(e, audit.describe(e.action), audit.changes(e.before, e.after)) for e in page]
    broken = audit.verify() if request.GET.get("verify") == "1" else None
    return render(
        request,
        "core/audit_log.html",
        {"page": page, "rows": rows, "q": q, "date": day, "broken": broken},
    )
