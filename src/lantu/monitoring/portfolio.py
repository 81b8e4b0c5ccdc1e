"""Reads for a unit's view and a leader's view: the items a unit leads or cooperates on, and
the units of a leader's portfolio side by side.

Both count the stored judgements (``Standing``) with SQL; a unit's view also lists its items
(worst first; the first ``overview.LISTED`` of each kind on the page, all in the export).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from lantu.division.models import Assignment
from lantu.monitoring import standings
from lantu.monitoring.overview import LIGHTS, Scope


@dataclass
class Section:
    """One kind of a unit's items: how many, and the first ones (worst first), each with its
    stored judgement, the unit's role on it and its lead units."""

    kind: str
    count: int
    items: list[Any]


def worst_first() -> list[Any]:
    """Behind first, then by light (red first), then in the plan's order."""
    return ["-standing__behind", standings.light_rank(), "sort_order", "id"]


# What a unit's view can be narrowed to (``?only=``): one light, or the items behind. The
# figures on the unit's cards and in the leader's table link to these.
ONLY: dict[str, Q] = {k: Q(standing__light=k) for k in LIGHTS} | {
    "behind": Q(standing__behind=True)
}


def sections(s: Scope, unit_id: int, limit: int | None, only: str = "") -> list[Section]:
    """A unit's indicators, key tasks and projects (``only`` those of one ``ONLY`` filter):
    each counted, the first ``limit`` (all with None) read."""
    found = []
    for kind in ("indicator", "task", "project"):
        items = s.of(kind).filter(ONLY[only]) if only else s.of(kind)
        rows = standings.listed(s.version, items.order_by(*worst_first())[:limit])
        for row in rows:
            row.role_here = role_of(row, unit_id)
            row.leads = lead_units(row)
        found.append(Section(kind, items.count(), rows))
    return found


def lead_units(item: Any) -> str:
    return "、".join(a.unit.name for a in item.assignments.all() if a.role != "cooperating")


def role_of(item: Any, unit_id: int) -> str:
    return next((a.get_role_display() for a in item.assignments.all() if a.unit_id == unit_id), "")


def portfolio(user: Any, units: QuerySet[Any]) -> list[Any]:
    """The units in a leader's portfolio (chosen units of their leader memberships), else all
    units the person may view."""
    from lantu.organizations.models import Membership

    chosen = set(
        Membership.objects.filter(person=user, role="leader")
        .exclude(chosen_units=None)
        .values_list("chosen_units", flat=True)
    )
    if chosen:
        units = units.filter(pk__in=chosen)
    return list(units.order_by("path"))


def side_by_side(units: list[Any], s: Scope) -> list[dict[str, Any]]:
    """Per unit: the items it leads or cooperates on, counted by light, and those behind (one
    query per kind, from the standings)."""
    ids = [u.pk for u in units]
    lights: dict[int, Counter[str]] = {pk: Counter() for pk in ids}
    behind: Counter[int] = Counter()
    total: Counter[int] = Counter()
    for kind in ("indicator", "task", "project"):
        rows = (
            Assignment.objects.filter(unit_id__in=ids, **{f"{kind}__in": s.of(kind)})
            .values("unit_id", f"{kind}__standing__light", f"{kind}__standing__behind")
            .annotate(n=Count(f"{kind}_id", distinct=True))
        )
        for r in rows:
            unit_id, n = r["unit_id"], r["n"]
            lights[unit_id][r[f"{kind}__standing__light"] or "none"] += n
            total[unit_id] += n
            if r[f"{kind}__standing__behind"]:
                behind[unit_id] += n
    return [
        {
            "unit": u,
            "total": total[u.pk],
            "lights": [(k, lights[u.pk][k]) for k in LIGHTS],
            "behind": behind[u.pk],
        }
        for u in units
    ]


def warnings_by_unit(units: list[Any], warnings: QuerySet[Any]) -> dict[int, tuple[int, int]]:
    """Per unit: the ``warnings`` on the items it leads or cooperates on (what the warning list
    shows filtered by that unit), and how many of them went up to a leader; one query per
    kind (a warning is on one item, of one kind)."""
    ids = [u.pk for u in units]
    found = {pk: [0, 0] for pk in ids}
    for kind in ("indicator", "task", "project"):
        unit = f"{kind}__assignments__unit_id"
        rows = (
            warnings.filter(**{f"{unit}__in": ids})
            .values(unit)
            .annotate(
                n=Count("pk", distinct=True),
                up=Count("pk", distinct=True, filter=Q(escalated_at__isnull=False)),
            )
        )
        for r in rows:
            found[r[unit]][0] += r["n"]
            found[r[unit]][1] += r["up"]
    return {pk: (n, up) for pk, (n, up) in found.items()}
