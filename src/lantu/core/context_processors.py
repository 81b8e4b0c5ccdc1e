from typing import Any

from django.conf import settings
from django.http import HttpRequest


def lantu(request: HttpRequest) -> dict[str, Any]:
    return {"DEMO": settings.DEMO}
