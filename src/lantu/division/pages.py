"""Pages for assignments and time nodes (the division's rows), declared for the generic layer."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lantu.core.crud import Column, Resource, col, register
from lantu.division import forms
from lantu.division.models import Assignment, TimeNode

ITEMS = ["indicator", "task", "project"]

assignments = register(
    Resource(
        model=Assignment,
        slug="assignments",
        columns=[
            Column(_("item"), lambda a: a.item, link=True),
            Column(_("unit"), lambda a: a.unit, sort="unit__name"),
            col("role", Assignment),
            col("note", Assignment, sort=False),
        ],
        form=forms.AssignmentForm,
        filters=forms.AssignmentFilter,
        search=["unit__name", "task__title", "indicator__name", "project__name"],
        select_related=["unit", *ITEMS],
        default_ordering=["unit__path", "id"],
    )
)

timenodes = register(
    Resource(
        model=TimeNode,
        slug="timenodes",
        columns=[
            Column(_("item"), lambda n: n.item, link=True),
            col("text", TimeNode),
            col("kind", TimeNode),
            col("due", TimeNode),
        ],
        form=forms.TimeNodeForm,
        search=["text", "task__title", "indicator__name", "project__name"],
        select_related=[*(f"{i}__version__plan" for i in ITEMS)],
        default_ordering=["due", "id"],
    )
)
