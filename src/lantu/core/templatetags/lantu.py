"""Template helpers: show any cell value as Chinese officials write it, link rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import template
from django.db import models
from django.template.defaultfilters import date as date_filter
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lantu.core.crud import detail_url

register = template.Library()


def plain_number(value: Decimal) -> str:
    """A decimal without trailing zeros (19.5000 -> 19.5, 5.0000 -> 5)."""
    text = format(value.normalize(), "f")
    return text


@register.filter
def show(value: Any) -> Any:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, Decimal):
        text = plain_number(value)
        if "." in text:
            whole, frac = text.split(".")
            return f"{number_format(int(whole), force_grouping=True)}.{frac}"
        return number_format(int(text), force_grouping=True)
    if isinstance(value, dt.datetime):
        return date_filter(value, "DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return date_filter(value, "DATE_FORMAT")
    return value


@register.filter
def figure(value: Any) -> Any:
    """A computed figure, rounded to two decimals for reading (5.490033 -> 5.49)."""
    if isinstance(value, Decimal):
        return show(value.quantize(Decimal("0.01")).normalize() if value.is_finite() else value)
    return show(value)


@register.simple_tag
def cell(value: Any, row: Any, link: bool) -> Any:
    """A list cell: the value, linked to the row (or to the value's own page)."""
    if hasattr(value, "status") and hasattr(value, "rule"):
        from lantu.monitoring.templatetags.monitoring import status_badge

        return status_badge(value)
    if isinstance(value, models.Model):
        url = detail_url(value)
        return format_html('<a href="{}">{}</a>', url, value) if url else str(value)
    if link:
        url = detail_url(row)
        if url:
            return format_html('<a href="{}">{}</a>', url, show(value))
    return show(value)


CN_DIGITS = "〇一二三四"


@register.simple_tag
def period_label(year: int | None, period: str | None) -> str:
    """A reporting period as officials write it: 2026年, 2026年上半年, 2026年第三季度, 2026年5月."""
    if year is None:
        return ""
    period = period or "Y"
    if not (get_language() or "zh").startswith("zh"):
        return str(year) if period == "Y" else f"{year} {period}"
    if period == "Y":
        return f"{year}年"
    if period == "H1":
        return f"{year}年上半年"
    if period == "H2":
        return f"{year}年下半年"
    if period.startswith("Q") and period[1:].isdigit():
        return f"{year}年第{CN_DIGITS[int(period[1:])]}季度"
    if period.startswith("M") and period[1:].isdigit():
        return f"{year}年{int(period[1:])}月"
    return f"{year}年{period}"


@register.filter
def is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)
