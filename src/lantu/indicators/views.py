"""Pages for indicators and observations."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from lantu.core.crud import Column, Related, Resource, col, register
from lantu.core.permissions import restrict
from lantu.core.templatetags.lantu import period_label
from lantu.division.selectors import ASSIGNMENTS, TIMENODES, cooperating_text, lead_text
from lantu.indicators import forms
from lantu.indicators.models import Indicator, IndicatorMilestone, Observation, read_target
from lantu.indicators.readings import describe, in_words
from lantu.monitoring import item_charts, judging
from lantu.plans.selectors import with_latest_value

indicators = register(
    Resource(
        model=Indicator,
        slug="indicators",
        columns=[
            col("number", Indicator),
            col("name", Indicator, link=True),
            col("category", Indicator),
            col("unit", Indicator),
            col("attribute", Indicator),
            Column(
                _("baseline"), lambda i: i.baseline_text or i.baseline_value, sort="baseline_value"
            ),
            Column(_("target"), lambda i: i.target_phrase),
            Column(_("latest value"), lambda i: i.latest_value),
            Column(_("status"), judging.judge_indicator),
            Column(_("lead unit"), lead_text),
        ],
        form=forms.IndicatorForm,
        filters=forms.IndicatorFilter,
        search=["name", "category", "target_text", "annual_text", "sentence"],
        select_related=judging.INDICATOR_SELECT,
        prefetch=[ASSIGNMENTS, *judging.INDICATOR_PREFETCH],
        detail_template="indicators/indicator_detail.html",
        display={
            "target_reading": lambda i: in_words(i.target_reading),
            "annual_reading": lambda i: in_words(i.annual_reading),
        },
        extra_context=lambda i, user: item_charts.indicator_context(i, user),
        list_queryset=with_latest_value,
        default_ordering=["version", "source", "sort_order", "id"],
        related=[
            Related(
                _("division of labour"),
                lambda i, user: i.assignments.select_related("unit"),
                [
                    Column(_("unit"), lambda a: a.unit),
                    Column(_("role"), lambda a: a.get_role_display(), link=True),
                ],
                add=("assignments", "indicator"),
            ),
            Related(
                _("yearly milestones"),
                lambda i, user: i.milestones.all(),
                [
                    Column(_("year"), lambda m: m.year, link=True),
                    Column(_("milestone"), lambda m: m.text),
                ],
                add=("milestones", "indicator"),
            ),
            Related(
                _("observations"),
                lambda i, user: restrict(i.observations.order_by("-period_end"), user, "view"),
                [
                    Column(_("year"), lambda o: o.year, link=True),
                    Column(_("period"), lambda o: period_label(o.year, o.period)),
                    Column(_("value"), lambda o: o.value),
                    Column(_("note"), lambda o: o.note),
                ],
                add=("observations", "indicator"),
            ),
            Related(
                _("time nodes"),
                lambda i, user: i.timenodes.all(),
                [
                    Column(_("time node"), lambda t: t.text, link=True),
                    Column(_("due"), lambda t: t.due),
                ],
                add=("timenodes", "indicator"),
            ),
        ],
    )
)

observations = register(
    Resource(
        model=Observation,
        slug="observations",
        columns=[
            Column(_("indicator"), lambda o: o.indicator, sort="indicator__name", link=True),
            col("year", Observation),
            col("period", Observation),
            col("value", Observation),
            col("note", Observation, sort=False),
        ],
        form=forms.ObservationForm,
        filters=forms.ObservationFilter,
        search=["indicator__name", "note"],
        select_related=["indicator"],
        default_ordering=["indicator", "period_end"],
    )
)

__all__ = ["TIMENODES", "cooperating_text", "indicators", "observations"]


@login_required
def reading(request: HttpRequest) -> HttpResponse:
    """What the system reads from a target phrase, for the form's live preview (htmx)."""
    # The phrase comes under the field's own name (target_text, annual_text, text ...).
    text = str(next(iter(request.GET.dict().values()), ""))[:300]
    return render(request, "indicators/_reading.html", {"reading": describe(read_target(text))})


milestones = register(
    Resource(
        model=IndicatorMilestone,
        slug="milestones",
        columns=[
            Column(_("indicator"), lambda m: m.indicator, sort="indicator__name", link=True),
            col("year", IndicatorMilestone),
            col("text", IndicatorMilestone),
        ],
        form=forms.MilestoneForm,
        display={"reading": lambda m: in_words(m.reading)},
        search=["indicator__name", "text"],
        select_related=["indicator"],
        default_ordering=["indicator", "year"],
    )
)
