"""Showing what the system read from a phrase, in words (for forms and detail pages)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

BASIS = {
    "level": _("level at the target time"),
    "growth": _("growth against the reference period"),
    "annual_growth": _("average annual growth"),
    "pp_change": _("change in percentage points"),
    "increment": _("amount added within the period"),
    "cumulative": _("total over the plan period"),
    "relative": _("relative to another quantity"),
    "delegated": _("set by a higher level"),
    "qualitative": _("qualitative (judged by a reviewer)"),
    "compound": _("several targets in one"),
}
COMPARATOR = {
    "eq": "=",
    "approx": "≈",
    "ge": "≥",
    "gt": ">",
    "le": "≤",
    "lt": "<",
    "between": "–",
}
DIRECTION = {"increase": _("increase"), "decrease": _("decrease")}


def describe(reading: dict[str, Any] | None) -> dict[str, Any] | None:
    """A reading with its words filled in, for templates."""
    if not reading:
        return None
    value = reading.get("value")
    figure = ""
    if value is not None:
        sign = COMPARATOR.get(reading.get("comparator") or "", "")
        if reading.get("comparator") == "between":
            figure = f"{value}–{reading.get('upper')}"
        else:
            figure = f"{sign} {value}".strip()
        figure += reading.get("unit") or ""
    elif reading.get("comparator"):
        figure = COMPARATOR[reading["comparator"]]
    return {
        **reading,
        "basis_label": BASIS.get(reading.get("basis", ""), reading.get("basis")),
        "figure": figure,
        "direction_label": DIRECTION.get(reading.get("direction") or ""),
        "parts_described": [describe(part) for part in reading.get("parts") or []],
    }


def in_words(reading: dict[str, Any] | None) -> str:
    """A stored reading as the detail page shows it: the same words as the form's preview."""
    from django.template.loader import render_to_string

    if not reading:
        return ""
    return render_to_string("indicators/_reading.html", {"reading": describe(reading)})
