"""Sign-in (with the demo logins listed in demo mode only) and small shared pages."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views


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
