from __future__ import annotations

from typing import Any

import django_filters
from django.urls import reverse_lazy

from lantu.core.crud import ScopedModelForm, live_reading
from lantu.division.models import Assignment, TimeNode


class AssignmentForm(ScopedModelForm):
    class Meta:
        model = Assignment
        fields = ["indicator", "task", "project", "unit", "role", "note", "sort_order"]


class AssignmentFilter(django_filters.FilterSet):
    class Meta:
        model = Assignment
        fields = ["role", "unit"]


class TimeNodeForm(ScopedModelForm):
    class Meta:
        model = TimeNode
        fields = ["indicator", "task", "project", "text", "year", "sort_order"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        live_reading(self.fields["text"], reverse_lazy("timenode-reading"))
