from __future__ import annotations

import django_filters

from lantu.core.crud import ScopedModelForm
from lantu.plans.models import Plan, Section


class PlanForm(ScopedModelForm):
    class Meta:
        model = Plan
        fields = [
            "name",
            "short_name",
            "kind",
            "start_year",
            "end_year",
            "parent",
            "approval_body",
            "approved_on",
            "document_number",
            "status",
        ]


class PlanFilter(django_filters.FilterSet):
    class Meta:
        model = Plan
        fields = ["kind", "status"]


class SectionForm(ScopedModelForm):
    class Meta:
        model = Section
        fields = ["version", "parent", "level", "number", "title", "body", "sort_order"]


class SectionFilter(django_filters.FilterSet):
    class Meta:
        model = Section
        fields = ["version", "level"]
