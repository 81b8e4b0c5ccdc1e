"""Forms of the reporter's pages: a report's fields per kind, reasons, evidence uploads.

Every field is optional while a report is a draft; ``checks.missing`` says what must be filled
before it can be submitted. The forms only check that what was typed is well formed (a number,
a percentage, no negative money); the services decide everything else.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lantu.core.crud import style_widgets
from lantu.division.models import TimeNode
from lantu.reporting.models import Report
from lantu.reporting.services import FIELDS
from lantu.reporting.templatetags.reporting import cn_date


def _label(name: str) -> Any:
    return getattr(Report._meta.get_field(name), "verbose_name", name)


def _text(name: str, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=_label(name),
        required=False,
        widget=forms.Textarea(attrs={"rows": rows}),
        max_length=20_000,
    )


def _money(name: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=_label(name),
        required=False,
        max_digits=16,
        decimal_places=2,
        min_value=Decimal(0),
    )


class TimeNodeField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """The task's time nodes as checkboxes, each with its phrase and the date it means."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.text}（{cn_date(obj.due)}）" if obj.due else str(obj.text)


class ReportForm(forms.Form):
    """The fields of one report's kind and the revision the page was loaded at."""

    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: Any, report: Report, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.report = report
        builders = {"indicator": self._indicator, "task": self._task, "project": self._project}
        builders[report.kind]()
        style_widgets(self)
        self.fields["revision"].widget.attrs = {"id": "report-revision"}
        if "timenodes_met" in self.fields:
            self.fields["timenodes_met"].widget.attrs = {"class": "form-check-input"}

    def _indicator(self) -> None:
        self.fields["value"] = forms.DecimalField(
            label=_label("value"), required=False, max_digits=20, decimal_places=4
        )
        self.fields["source"] = forms.CharField(
            label=_label("source"), required=False, max_length=200
        )
        self.fields["note"] = _text("note")
        self.fields["explanation"] = _text("explanation")

    def _task(self) -> None:
        self.fields["done"] = _text("done", rows=4)
        self.fields["progress"] = forms.DecimalField(
            label=_label("progress"),
            required=False,
            max_digits=5,
            decimal_places=2,
            min_value=Decimal(0),
            max_value=Decimal(100),
        )
        self.fields["timenodes_met"] = TimeNodeField(
            label=_label("timenodes_met"),
            required=False,
            queryset=TimeNode.objects.filter(task=self.report.task_id).order_by(
                "due", "sort_order", "id"
            ),
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["problems"] = _text("problems")
        self.fields["next_steps"] = _text("next_steps")

    def _project(self) -> None:
        self.fields["invested_period"] = _money("invested_period")
        self.fields["invested_total"] = _money("invested_total")
        self.fields["stage"] = forms.ChoiceField(
            label=_label("stage"),
            required=False,
            choices=[("", "—"), *Report.Stage.choices],
        )
        self.fields["stage_reached_on"] = forms.DateField(
            label=_label("stage_reached_on"), required=False, widget=forms.DateInput
        )
        self.fields["problems"] = _text("problems")
        self.fields["help_needed"] = _text("help_needed")

    @classmethod
    def initial_for(cls, report: Report) -> dict[str, Any]:
        """The report's saved values, as the form starts from them."""
        data: dict[str, Any] = {"revision": report.revision}
        for name in FIELDS[report.kind]:
            if name == "timenodes_met":
                data[name] = [node.pk for node in report.timenodes_met.all()]
            else:
                data[name] = getattr(report, name)
        return data

    def draft_data(self) -> dict[str, Any]:
        """What ``services.save_draft`` takes: the kind's fields, without the revision."""
        return {name: self.cleaned_data[name] for name in FIELDS[self.report.kind]}


class ReasonForm(forms.Form):
    """A return or unlock needs a reason the reporter will read."""

    reason = forms.CharField(
        label=_("Reason"), max_length=2_000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Evidence file"),
        help_text=_("PDF, JPEG, PNG, Word (.docx) or Excel (.xlsx); checked by its content."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)
