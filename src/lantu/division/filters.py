"""Filters shared by the item lists: by unit and by its role in the division."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from lantu.core.permissions import restrict
from lantu.division.models import Assignment
from lantu.organizations.models import Unit
from lantu.plans.models import PlanVersion


class ItemFilter(django_filters.FilterSet):
    """Base filter set for indicators, tasks and projects (``item_field`` names the link)."""

    item_field = ""

    version = django_filters.ModelChoiceFilter(
        queryset=PlanVersion.objects.none(), label=_("plan version")
    )
    unit = django_filters.ModelChoiceFilter(
        queryset=Unit.objects.none(), label=_("unit"), method="filter_unit"
    )
    role = django_filters.ChoiceFilter(
        choices=Assignment.Role.choices, label=_("role"), method="filter_role"
    )

    def __init__(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        self.filters["unit"].queryset = restrict(
            Unit.objects.filter(is_archived=False).order_by("path"), user, "view"
        )
        self.filters["version"].queryset = restrict(
            PlanVersion.objects.select_related("plan"), user, "view"
        )

    def _assigned(self, **kwargs: Any) -> Exists:
        return Exists(Assignment.objects.filter(**{self.item_field: OuterRef("pk")}, **kwargs))

    def filter_unit(self, qs: QuerySet[Any], name: str, value: Unit) -> QuerySet[Any]:
        role = self.data.get("role")
        extra = {"role": role} if role in Assignment.Role.values else {}
        return qs.filter(self._assigned(unit=value, **extra))

    def filter_role(self, qs: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        if self.data.get("unit"):
            return qs  # applied together with the unit
        return qs.filter(self._assigned(role=value))
