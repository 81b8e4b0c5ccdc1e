"""Status badges and lights, the same everywhere an item is listed."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from lantu.monitoring.palette import LIGHT_COLOUR, LIGHT_NAMES, STATUS_COLOUR

register = template.Library()

LIGHT_CLASS = {k: f"bg-{c}" for k, c in LIGHT_COLOUR.items() if k != "none"}
LIGHT_LABEL = {"green": _("green light"), "yellow": _("yellow light"), "red": _("red light")}


@register.simple_tag
def status_badge(judgement: Any) -> str:
    """The light and the status word, with the rule as a tooltip."""
    if judgement is None:
        return ""
    status = str(judgement.status)
    light = str(judgement.light) if judgement.light else ""
    light = "" if light == "none" else light  # a stored standing's "no light"
    explanation = getattr(judgement, "explanation", None) or judgement.rule.text
    dot = (
        format_html(
            '<span class="status-dot {} me-1" role="img" aria-label="{}"></span>',
            LIGHT_CLASS.get(light, ""),
            LIGHT_LABEL.get(light, ""),
        )
        if light
        else ""
    )
    return format_html(
        '<span class="text-nowrap" title="{}">{}<span class="badge {}">{}</span></span>',
        explanation,
        dot,
        f"bg-{STATUS_COLOUR.get(status, 'secondary')}-lt",
        status,
    )


@register.simple_tag
def light_name(key: str) -> str:
    """A stored light (red, yellow, green, none) in words."""
    return str(LIGHT_NAMES.get(key, key))


@register.simple_tag
def light_dot(key: str) -> str:
    """The coloured dot of a stored light (nothing for "none"), as the badges draw it."""
    css = LIGHT_CLASS.get(key)
    return format_html('<span class="status-dot {} me-1"></span>', css) if css else ""
