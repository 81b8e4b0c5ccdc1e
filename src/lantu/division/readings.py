"""Showing what the system read from a time-node phrase."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

KIND = {
    "deadline": _("deadline"),
    "recurring": _("recurring"),
    "ongoing": _("ongoing"),
    "period": _("period"),
    "duration": _("within a number of days"),
    "unknown": _("not understood"),
}
EVERY = {
    "year": _("every year"),
    "half": _("every half-year"),
    "quarter": _("every quarter"),
    "month": _("every month"),
}


def describe(node: Any) -> dict[str, Any]:
    """A TimeNode (from lantu.targets) as words for templates."""
    return {
        "kind_label": KIND.get(node.kind, node.kind),
        "due": node.due,
        "start": node.start,
        "every_label": EVERY.get(node.every or ""),
        "every": node.every,
        "days": node.days,
        "working": node.working,
    }
