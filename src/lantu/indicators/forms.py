from __future__ import annotations

import django_filters

from lantu.core.crud import ScopedModelForm
from lantu.division.filters import ItemFilter
from lantu.indicators.models import Indicator, Observation


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
            "sort_order",
        ]


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
