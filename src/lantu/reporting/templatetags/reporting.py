"""Badges for a report's workflow status and its timeliness, the same on every page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

register = template.Library()

STATUS_COLOURS = {
    "draft": "secondary",
    "submitted": "azure",
    "approved": "indigo",
    "accepted": "green",
    "returned": "orange",
}
TIMELINESS = {
    "on_time": (_("On time"), "green"),
    "late": (_("Late"), "yellow"),
    "missing": (_("Missing"), "red"),
    "pending": (_("Not yet due"), "secondary"),
    "exempt": (_("Exempt"), "secondary"),
}


@register.simple_tag
def report_status(report: Any) -> str:
    """The report's status as a coloured badge (exempt reports say so instead)."""
    if report.is_exempt:
        return format_html('<span class="badge bg-secondary-lt">{}</span>', _("Exempt"))
    colour = STATUS_COLOURS.get(report.status, "secondary")
    return format_html(
        '<span class="badge bg-{}-lt">{}</span>', colour, report.get_status_display()
    )


@register.simple_tag
def timeliness(kind: str) -> str:
    """on_time, late, missing, pending or exempt as a badge."""
    label, colour = TIMELINESS.get(kind, (kind, "secondary"))
    return format_html('<span class="badge bg-{}-lt">{}</span>', colour, label)


@register.filter(expects_localtime=True)
def cn_date(value: Any) -> str:
    """A date as officials write it: 2026年7月15日 (a time is taken in Beijing time); in the
    English interface as English writes it (July 15, 2026)."""
    if not value:
        return ""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if not (get_language() or "zh").startswith("zh"):
        return date_format(value.date() if isinstance(value, dt.datetime) else value)
    return f"{value.year}年{value.month}月{value.day}日"


@register.filter
def cn_datetime(value: Any) -> str:
    """A moment as the pages write it: 2026年12月4日 14:15, in Beijing time."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{cn_date(value)} {value:%H:%M}"
