"""Pages for key tasks."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lantu.core.crud import Column, Related, Resource, col, register
from lantu.division.readings import KIND
from lantu.division.selectors import (
    ASSIGNMENTS,
    TIMENODES,
    cooperating_text,
    lead_text,
    timenode_text,
)
from lantu.monitoring import item_charts, judging
from lantu.tasks import forms
from lantu.tasks.models import Task

tasks = register(
    Resource(
        model=Task,
        slug="tasks",
        columns=[
            col("number", Task),
            col("title", Task, link=True),
            Column(_("source section"), lambda t: t.section, sort="section__sort_order"),
            Column(_("lead / responsible unit"), lead_text),
            Column(_("cooperating units"), cooperating_text),
            Column(_("time node"), timenode_text),
            Column(_("progress (%)"), lambda t: t.progress),
            Column(_("status"), judging.judge_task),
        ],
        form=forms.TaskForm,
        filters=forms.TaskFilter,
        search=["title", "content", "number"],
        select_related=["section", "version__plan"],
        # judgement, item_kind "task" and item_chart (the lead reports in one query)
        extra_context=lambda t, user: item_charts.task_context(t, user),
        detail_template="monitoring/item_detail.html",
        prefetch=[ASSIGNMENTS, TIMENODES],
        default_ordering=["version", "sort_order", "id"],
        related=[
            Related(
                _("division of labour"),
                lambda t, user: t.assignments.select_related("unit"),
                [
                    Column(_("unit"), lambda a: a.unit),
                    Column(_("role"), lambda a: a.get_role_display(), link=True),
                ],
                add=("assignments", "task"),
            ),
            Related(
                _("time nodes"),
                lambda t, user: t.timenodes.all(),
                [
                    Column(_("time node"), lambda n: n.text, link=True),
                    Column(_("kind"), lambda n: KIND.get(n.kind, n.kind)),
                    Column(_("due"), lambda n: n.due),
                ],
                add=("timenodes", "task"),
            ),
        ],
    )
)
