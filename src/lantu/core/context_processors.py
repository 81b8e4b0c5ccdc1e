from typing import Any

from django.conf import settings
from django.http import HttpRequest

from lantu.core.permissions import allowed


def _reporting_roles(user: Any) -> set[str]:
    from lantu.core.permissions import roles

    if not getattr(user, "is_authenticated", False):
        return set()
    return roles(user)


def _unread(user: Any) -> int:
    from lantu.reporting.models import Notification

    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def _can_view_cycles(user: Any) -> bool:
    from lantu.reporting.models import Cycle

    return allowed(user, "view", Cycle)


def _can_view_warnings(user: Any) -> bool:
    from lantu.monitoring.models import Warning

    return allowed(user, "view", Warning)


def _may_fill(user: Any) -> bool:
    return bool(_reporting_roles(user) & {"reporter", "reviewer", "plan_admin"})


def _may_review(user: Any) -> bool:
    return bool(_reporting_roles(user) & {"reviewer", "plan_admin"})


def _may_lead(user: Any) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return bool(_reporting_roles(user) & {"leader", "plan_admin"})


def _may_chase(user: Any) -> bool:
    return bool(_reporting_roles(user) & {"plan_admin", "leader", "inspector"})


REPORTING_MENU = {
    "todo": _may_fill,
    "unread": _unread,
    "cycles": _can_view_cycles,
    "reviews": _may_review,
    "overdue": _may_chase,
    "warnings": _can_view_warnings,
    "leader": _may_lead,
}


class Menu:
    """Which list pages the person may open, asked for lazily by the navigation bar."""

    def __init__(self, user: Any) -> None:
        self.user = user
        self._seen: dict[str, Any] = {}

    def __getitem__(self, slug: str) -> Any:
        from lantu.core.crud import REGISTRY

        if slug in REPORTING_MENU:
            if slug not in self._seen:  # the template may ask twice (test, then print)
                self._seen[slug] = REPORTING_MENU[slug](self.user)
            return self._seen[slug]

        if slug == "imports":
            from lantu.ingest.models import OutlineImport

            return allowed(self.user, "view", OutlineImport)
        if slug == "audit":
            from lantu.core.models import AuditEvent

            return allowed(self.user, "view", AuditEvent)
        resource = REGISTRY.get(slug)
        return resource is not None and allowed(self.user, "view", resource.model)

    def __contains__(self, slug: str) -> bool:
        return bool(self[slug])


def lantu(request: HttpRequest) -> dict[str, Any]:
    return {"DEMO": settings.DEMO, "can_open": Menu(getattr(request, "user", None))}
