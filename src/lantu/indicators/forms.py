from __future__ import annotations

from typing import Any

import django_filters
from django.urls import reverse_lazy

from lantu.core.crud import ScopedModelForm, live_reading
from lantu.division.filters import ItemFilter
from lantu.indicators.models import Indicator, IndicatorMilestone, Observation


class IndicatorForm(ScopedModelForm):
    class Meta:
        model = Indicator
        fields = [
            "version",
            "section",
            "source",
            "number",
            "category",
            "name",
            "unit",
            "attribute",
            "baseline_year",
            "baseline_value",
            "baseline_text",
            "target_year",
            "target_text",
            "annual_text",
            "sentence",
            "higher_is_better",
            "frequency",
            "data_source",
            "definition",
            "observed_as",
            "reference",
            "delegated_value",
            "review_status",
            "review_reason",
            "sort_order",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("target_text", "annual_text"):
            live_reading(self.fields[name], reverse_lazy("target-reading"))


class IndicatorFilter(ItemFilter):
    item_field = "indicator"

    class Meta:
        model = Indicator
        fields = ["version", "source", "attribute", "category", "frequency"]


class ObservationForm(ScopedModelForm):
    class Meta:
        model = Observation
        fields = ["indicator", "year", "period", "period_end", "value", "note", "source"]


class ObservationFilter(django_filters.FilterSet):
    class Meta:
        model = Observation
        fields = ["year", "period"]


class MilestoneForm(ScopedModelForm):
    class Meta:
        model = IndicatorMilestone
        fields = ["indicator", "year", "text"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        live_reading(self.fields["text"], reverse_lazy("target-reading"))
