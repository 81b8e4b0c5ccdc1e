"""Scope helpers shared by the plan items (indicators, tasks, projects)."""

from __future__ import annotations

from django.apps import apps
from django.db.models import Exists, OuterRef, Q


def assigned_to(field: str, unit_ids: set[int]) -> Q:
    """Items with an assignment (lead, cooperating or responsible) to one of ``unit_ids``."""
    assignment = apps.get_model("division", "Assignment")
    return Q(Exists(assignment.objects.filter(**{field: OuterRef("pk")}, unit_id__in=unit_ids)))
