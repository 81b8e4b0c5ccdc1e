"""Reads for a unit's view and a leader's view: the items a unit leads or cooperates on, and
the units of a leader's portfolio side by side.

A unit's view lists all its items and judges them as it reads them (``load``); the leader's
view counts the stored judgements (``Standing``) per unit with SQL.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from lantu.division.models import Assignment
from lantu.monitoring import standings
from lantu.monitoring.overview import LIGHTS, Scope, light_of, scope
from lantu.plans.models import PlanVersion


@dataclass
class Items:
    """A version's items the person may view, judged on ``as_of`` (a unit's view)."""

    as_of: dt.date
    indicators: list[Any]
    tasks: list[Any]
    projects: list[Any]

    def all(self) -> list[Any]:
        return [*self.indicators, *self.tasks, *self.projects]


def load(version: PlanVersion, user: Any, *, unit_ids: set[int] | None = None) -> Items:
    """The items themselves, each judged (``judgement``): fifteen queries at most."""
    s = scope(version, user, unit_ids=unit_ids, judged=False)
    rows = {
        kind: standings.fetch(version, s.of(kind).order_by("sort_order", "id"), kind, s.as_of)
        for kind in ("indicator", "task", "project")
    }
    return Items(s.as_of, rows["indicator"], rows["task"], rows["project"])


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


def is_behind(item: Any) -> bool:
    """Yellow or red, or a status that says behind (as ``Standing.behind``)."""
    return light_of(item) in {"red", "yellow"} or str(item.judgement.status) in standings.BEHIND


def summary(items: Iterable[Any]) -> dict[str, Any]:
    """Judged items counted by light, and those behind."""
    items = list(items)
    lights = Counter(light_of(x) for x in items)
    behind = sum(1 for x in items if is_behind(x))
    return {"total": len(items), "lights": [(k, lights[k]) for k in LIGHTS], "behind": behind}


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
