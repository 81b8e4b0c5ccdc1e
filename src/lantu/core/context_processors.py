from typing import Any

from django.conf import settings
from django.http import HttpRequest

from lantu.core.permissions import allowed


class Menu:
    """Which list pages the person may open, asked for lazily by the navigation bar."""

    def __init__(self, user: Any) -> None:
        self.user = user

    def __getitem__(self, slug: str) -> bool:
        from lantu.core.crud import REGISTRY

        if slug == "imports":
            from lantu.ingest.models import OutlineImport

            return allowed(self.user, "view", OutlineImport)
        if slug == "audit":
            from lantu.core.models import AuditEvent

            return allowed(self.user, "view", AuditEvent)
        resource = REGISTRY.get(slug)
        return resource is not None and allowed(self.user, "view", resource.model)

    def __contains__(self, slug: str) -> bool:
        return self[slug]


def lantu(request: HttpRequest) -> dict[str, Any]:
    return {"DEMO": settings.DEMO, "can_open": Menu(getattr(request, "user", None))}
