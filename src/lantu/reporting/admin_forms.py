"""Forms of the administrator's and reviewer's pages: choosing a plan and year, generating
and adjusting cycles, adding an item, exempting a report, bulk review, and the filters of a
cycle's reports. They check what was typed; the services decide everything else."""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lantu.core.crud import style_widgets
from lantu.core.permissions import restrict
from lantu.division.models import Assignment
from lantu.organizations.models import Unit
from lantu.plans.models import Plan
from lantu.plans.selectors import current_outline
from lantu.reporting import rates
from lantu.reporting.models import Cycle, Report
from lantu.reporting.services import ITEM_MODELS


class PlanYearForm(forms.Form):
    """Which plan and year a page shows (GET)."""

    plan = forms.ModelChoiceField(queryset=Plan.objects.none(), label=_("plan"), required=False)
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plans = restrict(Plan.objects.order_by("-start_year", "id"), user, "view")
        self.fields["plan"].queryset = plans  # type: ignore[attr-defined]
        self.fields["plan"].empty_label = None  # type: ignore[attr-defined]
        style_widgets(self)

    @classmethod
    def asked(cls, query: Any, *, user: Any, year: int) -> tuple[PlanYearForm, Plan | None, int]:
        """The form, plan and year asked for; by default the outline in force and ``year``."""
        data = query.copy()
        if not data.get("year"):
            data["year"] = str(year)
        if not data.get("plan"):
            outline = current_outline(user)
            data["plan"] = str(outline.pk) if outline else ""
        form = cls(data, user=user)
        if not form.is_valid():
            return form, None, year
        return form, form.cleaned_data["plan"], form.cleaned_data["year"]


class GenerateForm(forms.Form):
    """Generate (or complete) a year's cycles of a plan."""

    plan = forms.ModelChoiceField(queryset=Plan.objects.none(), label=_("plan"))
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = restrict(  # type: ignore[attr-defined]
            Plan.objects.order_by("-start_year", "id"), user, "change"
        )
        self.fields["plan"].empty_label = None  # type: ignore[attr-defined]
        style_widgets(self)


class CycleForm(forms.Form):
    """A cycle's dates; ``services.update_cycle`` refuses a deadline before the opening."""

    opens_on = forms.DateField(label=_("opens on"), widget=forms.DateInput)
    deadline = forms.DateField(label=pgettext_lazy("cycle", "deadline"), widget=forms.DateInput)
    grace_days = forms.IntegerField(label=_("grace days"), min_value=0, max_value=365)
    note = forms.CharField(label=_("note"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)

    @classmethod
    def initial_for(cls, cycle: Cycle) -> dict[str, Any]:
        return {
            name: getattr(cycle, name) for name in ("opens_on", "deadline", "grace_days", "note")
        }


class AddItemForm(forms.Form):
    """An indicator, task or project of the plan in force that the cycle does not hold."""

    item = forms.ChoiceField(label=_("item"))

    def __init__(self, *args: Any, cycle: Cycle, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups: list[tuple[Any, list[tuple[str, str]]]] = []
        for kind, model in ITEM_MODELS.items():
            held = cycle.reports.filter(**{f"{kind}__isnull": False}).values(f"{kind}_id")
            items = restrict(
                model.objects.filter(version_id=cycle.plan.current_version_id, is_archived=False)
                .exclude(pk__in=held)
                .order_by("pk"),
                user,
                "view",
            )
            choices = [(f"{kind}:{item.pk}", str(item)[:80]) for item in items]
            if choices:
                groups.append((rates.KINDS[kind], choices))
        self.fields["item"].choices = groups  # type: ignore[attr-defined]
        style_widgets(self)

    def chosen(self) -> tuple[str, int]:
        kind, pk = self.cleaned_data["item"].split(":")
        return kind, int(pk)


class ExemptForm(forms.Form):
    """The reason may be left empty here: ``services.exempt`` refuses it with its message."""

    reason = forms.CharField(label=_("reason for exemption"), max_length=300, required=False)
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class BulkForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("accept", pgettext_lazy("report", "Accept"))]
    )
    ids = forms.TypedMultipleChoiceField(coerce=int, choices=[])

    def clean_ids(self) -> list[int]:
        return list(dict.fromkeys(self.cleaned_data["ids"]))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Any number is a choice: whether the person may act on it is the services' question.
        values = self.data.getlist("ids") if hasattr(self.data, "getlist") else []
        self.fields["ids"].choices = [  # type: ignore[attr-defined]
            (v, v) for v in values if str(v).isdigit()
        ]


class ReportFilter(django_filters.FilterSet):  # type: ignore[misc]
    """Filters of a cycle's reports: unit, status, kind, role and timeliness."""

    unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.none(), label=_("unit"))
    status = django_filters.ChoiceFilter(
        choices=Report.Status.choices, label=_("status"), method="filter_status"
    )
    kind = django_filters.ChoiceFilter(
        choices=list(rates.KINDS.items()), label=_("kind"), method="filter_kind"
    )
    role = django_filters.ChoiceFilter(choices=Assignment.Role.choices, label=_("role"))
    timeliness = django_filters.ChoiceFilter(
        choices=[
            ("on_time", _("On time")),
            ("late", _("Late")),
            ("missing", _("Missing")),
            ("pending", _("Not yet due")),
            ("exempt", _("Exempt")),
        ],
        label=_("timeliness"),
        method="filter_timeliness",
    )

    class Meta:
        model = Report
        fields = ["unit", "status", "kind", "role", "timeliness"]

    def __init__(self, *args: Any, request: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        self.today = today
        self.filters["unit"].queryset = restrict(
            Unit.objects.filter(is_archived=False).order_by("sort_order", "id"),
            request.user,
            "view",
        )
        style_widgets(self.form)

    def filter_status(self, qs: QuerySet[Report], name: str, value: str) -> QuerySet[Report]:
        return qs.filter(status=value, is_exempt=False)

    def filter_kind(self, qs: QuerySet[Report], name: str, value: str) -> QuerySet[Report]:
        return qs.filter(rates.kind_q(value)) if value in rates.KINDS else qs

    def filter_timeliness(self, qs: QuerySet[Report], name: str, value: str) -> QuerySet[Report]:
        return qs.filter(rates.timeliness_q(self.today).get(value, Q()))
