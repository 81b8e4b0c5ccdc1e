from __future__ import annotations

from lantu.core.crud import ScopedModelForm
from lantu.division.filters import ItemFilter
from lantu.projects.models import Project


class ProjectForm(ScopedModelForm):
    class Meta:
        model = Project
        fields = [
            "version",
            "section",
            "number",
            "name",
            "category",
            "key_area",
            "owner_unit",
            "content",
            "total_investment",
            "stage",
            "planned_prep_start",
            "actual_prep_start",
            "planned_start",
            "actual_start",
            "planned_completion",
            "actual_completion",
            "planned_in_use",
            "actual_in_use",
            "land_note",
            "funding_note",
            "sort_order",
        ]


class ProjectFilter(ItemFilter):
    item_field = "project"

    class Meta:
        model = Project
        fields = ["version", "category", "stage", "key_area"]
