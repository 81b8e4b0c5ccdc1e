from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lantu.core.crud import style_widgets
from lantu.ingest.models import Finding
from lantu.ingest.services import FIELDS

LABELS = {
    "level": _("level"),
    "number": _("number"),
    "title": _("title"),
    "category": _("category"),
    "name": _("name"),
    "unit": _("unit of measure"),
    "baseline": _("baseline"),
    "target": _("target"),
    "annual_or_cumulative": _("annual average / [cumulative]"),
    "attribute": _("attribute"),
    "sentence": _("sentence in the text"),
    "subject": _("what it measures"),
    "expression": _("target as written"),
    "year": _("year"),
    "section_number": _("section"),
    "text": _("text"),
}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Outline file (.docx, .pdf or .txt)"),
        help_text=_(
            "At most 30 MB. The file is read, not stored; nothing is saved before you review it."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)


class FindingForm(forms.Form):
    """The fields of one finding, for correcting it before it is accepted."""

    def __init__(self, *args: Any, finding: Finding, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in FIELDS[Finding.Kind(finding.kind)]:
            value = finding.data.get(name)
            if name in {"level", "year"}:
                field: forms.Field = forms.IntegerField(
                    label=LABELS[name], required=name == "level", min_value=1, max_value=2100
                )
            elif name in {"sentence", "text"}:
                field = forms.CharField(
                    label=LABELS[name], widget=forms.Textarea(attrs={"rows": 3})
                )
            else:
                field = forms.CharField(
                    label=LABELS[name],
                    required=name in {"title", "name", "expression"},
                    max_length=300,
                )
            field.initial = value
            self.fields[name] = field
        style_widgets(self)

    def cleaned(self) -> dict[str, Any]:
        return {k: (v if v != "" else None) for k, v in self.cleaned_data.items()}
