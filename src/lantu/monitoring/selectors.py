"""Reads of warnings shared by the pages, their .xlsx and the API: one filter, one order."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from lantu.core.permissions import restrict
from lantu.monitoring.models import Warning

LIST_SELECT = ("plan", "unit", "indicator", "task", "project")


def warnings(
    user: Any,
    *,
    state: str = "",
    cause: str = "",
    unit_id: int | None = None,
    plan_id: int | None = None,
) -> QuerySet[Warning]:
    """The warnings ``user`` may see, the newest first. ``state``: "" the open ones (the
    default everywhere), ``escalated`` the open ones gone up to a leader, ``all`` every one,
    else one state; ``unit_id``: those the unit answers for (on its items, or its own)."""
    rows = restrict(Warning.objects.select_related(*LIST_SELECT), user, "view")
    if state == "":
        rows = rows.filter(closed_at__isnull=True)
    elif state == "escalated":
        rows = rows.filter(closed_at__isnull=True, escalated_at__isnull=False)
    elif state != "all":
        rows = rows.filter(state=state)
    if cause:
        rows = rows.filter(cause=cause)
    if unit_id is not None:
        rows = rows.filter(Warning.scope_q({unit_id}))
    if plan_id is not None:
        rows = rows.filter(plan_id=plan_id)
    return rows.order_by("-raised_at", "-id")
