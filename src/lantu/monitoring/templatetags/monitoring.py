"""Status badges and lights, the same everywhere an item is listed."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

register = template.Library()

LIGHT_CLASS = {"green": "bg-green", "yellow": "bg-yellow", "red": "bg-red"}
LIGHT_LABEL = {"green": _("green light"), "yellow": _("yellow light"), "red": _("red light")}
STATUS_CLASS = {
    "提前实现": "bg-green-lt",
    "快于预期": "bg-teal-lt",
    "基本符合预期": "bg-blue-lt",
    "滞后于进度": "bg-red-lt",
    "暂无数据": "bg-secondary-lt",
    "待上级下达": "bg-purple-lt",
    "定性评价": "bg-azure-lt",
    "已完成": "bg-green-lt",
    "按期推进": "bg-blue-lt",
    "即将到期": "bg-yellow-lt",
    "已逾期": "bg-red-lt",
    "持续推进": "bg-azure-lt",
}


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
        STATUS_CLASS.get(status, "bg-secondary-lt"),
        status,
    )
