from __future__ import annotations

from lantu.core.crud import ScopedModelForm
from lantu.division.filters import ItemFilter
from lantu.tasks.models import Task


class TaskForm(ScopedModelForm):
    class Meta:
        model = Task
        fields = [
            "version",
            "section",
            "number",
            "title",
            "content",
            "category",
            "progress",
            "completed_on",
            "sort_order",
        ]


class TaskFilter(ItemFilter):
    item_field = "task"

    class Meta:
        model = Task
        fields = ["version", "section", "category"]
