"""The one permission mechanism: ``restrict(queryset, user, action)``.

Two questions decide what a person may do with a row:

1. *May their role do this action on this kind of row at all?*  ``RULES`` below, one table for
   the whole system, read by pages, exports and the API alike.
2. *Is the row inside the data scope of that membership?*  Each model answers with a
   classmethod ``scope_q(unit_ids) -> Q``; a model without one is visible region-wide (plans,
   versions and sections are public documents inside the government).

Everything is also fenced by region, the tenant key. Objects are only fetched through
``restrict`` (or ``get_for`` below), never with ``Model.objects.get`` in a view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404

Action = Literal["view", "add", "change", "delete"]
ACTIONS: tuple[Action, ...] = ("view", "add", "change", "delete")
ALL: frozenset[str] = frozenset(ACTIONS)
VIEW: frozenset[str] = frozenset({"view"})

PLAN_CONTENT = (
    "plans.plan",
    "plans.planversion",
    "plans.section",
    "indicators.indicator",
    "indicators.indicatormilestone",
    "indicators.observation",
    "tasks.task",
    "projects.project",
    "projects.investmentplan",
    "division.assignment",
    "division.timenode",
)
REPORTING = ("reporting.cycle", "reporting.report", "reporting.evidence")
# Imports are the plan administrators' work alone (scope "all"; see the models' scope_q).
IMPORTS = ("ingest.outlineimport", "ingest.finding")
PEOPLE = ("organizations.unit", "organizations.person", "organizations.membership")

_READ_PLANS = dict.fromkeys(PLAN_CONTENT + REPORTING, VIEW)
# Reporters fill their unit's reports and attach evidence; reviewers approve or return them.
# Which step a person may take is the workflow's question (``acts_for`` below, asked by the
# reporting services); this table says only that they may change reports in their scope.
_FILL = {
    "reporting.cycle": VIEW,
    "reporting.report": frozenset({"view", "change"}),
    "reporting.evidence": ALL,
}
_READ_UNITS = {"organizations.unit": VIEW}
# Warnings: the responsible units answer them (rectification); the readers of the plan see them.
WARNINGS = ("monitoring.warning", "monitoring.rectification")
_ANSWER = dict.fromkeys(WARNINGS, frozenset({"view", "change"}))
_READ_WARNINGS = dict.fromkeys(WARNINGS, VIEW)

# role -> model label -> actions. The three administrator duties are separated (三权分立):
# the system administrator keeps units and accounts, the security administrator grants roles,
# the audit administrator reads the audit trail; none of them edits the plan.
RULES: dict[str, dict[str, frozenset[str]]] = {
    "plan_admin": {
        **dict.fromkeys(PLAN_CONTENT, ALL),
        **dict.fromkeys(IMPORTS, ALL),
        **dict.fromkeys(REPORTING, ALL),
        **dict.fromkeys(WARNINGS, ALL),
        **_READ_UNITS,
        "organizations.person": VIEW,
    },
    "reporter": {**_READ_PLANS, **_READ_UNITS, **_FILL, **_ANSWER},
    "reviewer": {**_READ_PLANS, **_READ_UNITS, **_FILL, **_ANSWER},
    "leader": {**_READ_PLANS, **_READ_UNITS, **_READ_WARNINGS},
    "congress": {**_READ_PLANS, **_READ_UNITS, **_READ_WARNINGS},
    "inspector": {**_READ_PLANS, **_READ_UNITS, **_READ_WARNINGS},
    "system_admin": {
        "organizations.unit": ALL,
        "organizations.person": ALL,
        "organizations.membership": VIEW,
        "plans.plan": VIEW,
    },
    "security_admin": {
        "organizations.unit": VIEW,
        "organizations.person": VIEW,
        "organizations.membership": ALL,
    },
    "audit_admin": {
        "organizations.unit": VIEW,
        "organizations.person": VIEW,
        "organizations.membership": VIEW,
        "core.auditevent": VIEW,
    },
}

# Scopes that each role gets unless a membership says otherwise.
DEFAULT_SCOPE = {
    "plan_admin": "all",
    "reporter": "own",
    "reviewer": "own",
    "leader": "all",
    "congress": "all",
    "inspector": "all",
    "system_admin": "all",
    "security_admin": "all",
    "audit_admin": "all",
}


@dataclass(frozen=True)
class Grant:
    """One membership as the permission check sees it."""

    role: str
    unit_id: int
    scope: str
    unit_ids: frozenset[int]  # the units the scope covers; empty when scope is "all"


def grants(user: Any) -> list[Grant]:
    """The user's grants, computed once per request and cached on the user object."""
    cached: list[Grant] | None = getattr(user, "_lantu_grants", None)
    if cached is not None:
        return cached
    result: list[Grant] = []
    if getattr(user, "is_authenticated", False) and user.is_active:
        from lantu.organizations.models import Membership, Unit

        memberships = list(
            Membership.objects.filter(person=user, unit__is_archived=False)
            .select_related("unit")
            .prefetch_related("chosen_units")
        )
        subtree_paths = [m.unit.path for m in memberships if m.scope == "subtree"]
        below: dict[str, set[int]] = {}
        if subtree_paths:
            query = Q()
            for path in subtree_paths:
                query |= Q(path__startswith=path)
            for pk, path in Unit.objects.filter(query).values_list("pk", "path"):
                for root in subtree_paths:
                    if path.startswith(root):
                        below.setdefault(root, set()).add(pk)
        for m in memberships:
            if m.scope == "all":
                ids: frozenset[int] = frozenset()
            elif m.scope == "subtree":
                ids = frozenset(below.get(m.unit.path, {m.unit_id}))
            elif m.scope == "chosen":
                ids = frozenset(u.pk for u in m.chosen_units.all())
            else:
                ids = frozenset({m.unit_id})
            result.append(Grant(m.role, m.unit_id, m.scope, ids))
    user._lantu_grants = result
    return result


def roles(user: Any) -> set[str]:
    return {g.role for g in grants(user)}


def allowed(user: Any, action: str, model: type[models.Model]) -> bool:
    """May the user do ``action`` on some rows of ``model``? (Says nothing about which.)"""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    label = model._meta.label_lower
    return any(action in RULES.get(g.role, {}).get(label, ()) for g in grants(user))


M = TypeVar("M", bound=models.Model)


def restrict(queryset: QuerySet[M], user: Any, action: str) -> QuerySet[M]:
    """The rows of ``queryset`` that ``user`` may ``action``; none when it may not."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown action {action!r}")
    model = queryset.model
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    label = model._meta.label_lower
    relevant = [g for g in grants(user) if action in RULES.get(g.role, {}).get(label, ())]
    if not relevant:
        return queryset.none()
    if _has_region(model):
        queryset = queryset.filter(region_id=user.region_id)
    scope_q = getattr(model, "scope_q", None)
    if scope_q is None or any(g.scope == "all" for g in relevant):
        return queryset
    unit_ids: set[int] = set()
    for g in relevant:
        unit_ids |= g.unit_ids
    return queryset.filter(scope_q(unit_ids))


def _has_region(model: type[models.Model]) -> bool:
    return any(f.name == "region" for f in model._meta.concrete_fields)


def acts_for(user: Any, role: str, unit_id: int) -> bool:
    """Does the user hold ``role`` for this unit (a membership whose scope covers it)?

    Workflow steps ask this: only a reporter of the unit submits its report, only its
    reviewer approves it, only a plan administrator accepts.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return any(g.role == role and (g.scope == "all" or unit_id in g.unit_ids) for g in grants(user))


def get_for(queryset: QuerySet[M], user: Any, action: str, **lookup: Any) -> M:
    """One object the user may ``action``, or 404 (never a hint that it exists)."""
    try:
        return restrict(queryset, user, action).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def can(user: Any, action: str, obj: models.Model) -> bool:
    """May the user ``action`` this particular object?"""
    model = type(obj)
    return restrict(model._default_manager.filter(pk=obj.pk), user, action).exists()
