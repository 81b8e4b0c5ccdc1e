"""Pages for major projects."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lantu.core.crud import Column, Related, Resource, col, register
from lantu.division.selectors import ASSIGNMENTS, cooperating_text, lead_text
from lantu.monitoring import item_charts, judging
from lantu.projects import forms
from lantu.projects.models import Project

projects = register(
    Resource(
        model=Project,
        slug="projects",
        columns=[
            col("number", Project),
            col("name", Project, link=True),
            col("category", Project),
            Column(_("key area"), lambda p: p.key_area, sort="key_area__name"),
            Column(_("owner unit"), lambda p: p.owner_unit, sort="owner_unit__name"),
            col("total_investment", Project),
            col("stage", Project),
            Column(_("lead unit"), lead_text),
            Column(_("cooperating units"), cooperating_text),
            Column(_("status"), judging.judge_project),
        ],
        form=forms.ProjectForm,
        filters=forms.ProjectFilter,
        search=["name", "content", "number"],
        select_related=["key_area", "owner_unit"],
        prefetch=[ASSIGNMENTS, *judging.PROJECT_PREFETCH],
        # judgement, item_kind "project" and item_chart
        extra_context=lambda p, user: item_charts.project_context(p, user),
        detail_template="monitoring/item_detail.html",
        default_ordering=["version", "sort_order", "id"],
        related=[
            Related(
                _("division of labour"),
                lambda p, user: p.assignments.select_related("unit"),
                [
                    Column(_("unit"), lambda a: a.unit),
                    Column(_("role"), lambda a: a.get_role_display(), link=True),
                ],
                add=("assignments", "project"),
            ),
            Related(
                _("yearly investment plans"),
                lambda p, user: p.investment_plans.all(),
                [
                    Column(_("year"), lambda i: i.year),
                    Column(_("planned investment (万元)"), lambda i: i.planned),
                    Column(_("completed investment (万元)"), lambda i: i.completed),
                ],
            ),
        ],
    )
)
