"""Indicators (main-table and quantified targets from the text), milestones and observations."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lantu.core.models import TenantModel
from lantu.core.scoping import assigned_to
from lantu.plans.models import Frequency, PlanItem
from lantu.targets.parse import parse_target


def read_target(text: str) -> dict[str, Any] | None:
    """The parsed target object for a phrase, or None where nothing is written."""
    return parse_target(text).to_dict() if text.strip() else None


class ObservedAs(models.TextChoices):
    LEVEL = "level", _("the level itself")
    TOTAL = "total", _("the total since the plan began")
    FLOW = "flow", _("each year's own amount")
    YTD = "ytd", _("the amount so far this year (年内累计)")
    RATE = "rate", _("growth on the year before (%)")


class ReviewStatus(models.TextChoices):
    MET_EARLY = "提前实现", _("Met early (提前实现)")
    AHEAD = "快于预期", _("Ahead (快于预期)")
    ON_TRACK = "基本符合预期", _("On track (基本符合预期)")
    BEHIND = "滞后于进度", _("Behind (滞后于进度)")


class Indicator(PlanItem):
    """A main indicator (主要指标) or a quantified target (量化目标) from the Outline's text.

    The target phrases are kept exactly as written; the parsed structure sits beside them.
    """

    class Attribute(models.TextChoices):
        BINDING = "binding", _("Binding (约束性)")
        EXPECTED = "expected", _("Expected (预期性)")

    class Source(models.TextChoices):
        MAIN_TABLE = "main_table", _("Main-indicator table")
        TEXT = "text", _("Outline text")

    source = models.CharField(
        _("source"), max_length=12, choices=Source.choices, default=Source.MAIN_TABLE
    )
    category = models.CharField(_("category"), max_length=50, blank=True)
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit of measure"), max_length=30, blank=True)
    attribute = models.CharField(
        _("attribute"), max_length=10, choices=Attribute.choices, default=Attribute.EXPECTED
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    baseline_value = models.DecimalField(
        _("baseline value"), null=True, blank=True, max_digits=20, decimal_places=4
    )
    baseline_text = models.CharField(_("baseline as written"), max_length=100, blank=True)
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    target_text = models.CharField(_("target as written"), max_length=300, blank=True)
    annual_text = models.CharField(
        _("annual average / [cumulative] as written"), max_length=300, blank=True
    )
    # What the system read from the phrases (lantu.targets.parse), re-derived on every save.
    target_reading = models.JSONField(_("reading of the target"), null=True, blank=True)
    annual_reading = models.JSONField(_("reading of the annual column"), null=True, blank=True)
    sentence = models.TextField(_("sentence in the text"), blank=True)
    higher_is_better = models.BooleanField(_("higher is better"), null=True, blank=True)
    observed_as = models.CharField(
        _("figures reported as"),
        max_length=8,
        choices=ObservedAs.choices,
        blank=True,
        help_text=_("Leave empty to let the system decide from the target."),
    )
    # A relative target (与经济增长基本同步) is judged against the linked indicator's figures.
    reference = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("judged against indicator"),
    )
    # A delegated target ([确保完成市下达指标]) waits for the figure from above.
    delegated_value = models.DecimalField(
        _("figure set by the higher level"),
        max_digits=20,
        decimal_places=4,
        null=True,
        blank=True,
    )
    # A reviewer's judgement (定性评价) for what the numbers cannot judge.
    review_status = models.CharField(
        _("reviewer's status"), max_length=10, choices=ReviewStatus.choices, blank=True
    )
    review_reason = models.TextField(_("reason for the reviewer's status"), blank=True)
    frequency = models.CharField(
        _("reporting frequency"),
        max_length=12,
        choices=Frequency.choices,
        default=Frequency.YEARLY,
    )
    data_source = models.CharField(_("data source"), max_length=200, blank=True)
    definition = models.TextField(_("statistical definition (统计口径)"), blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["version", "source", "sort_order", "id"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def scope_q(cls, unit_ids: set[int]) -> Q:
        return assigned_to("indicator", unit_ids)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.refresh_readings()
        super().save(*args, **kwargs)

    def refresh_readings(self) -> None:
        """Read the target phrases again (cheap: microseconds; the phrase is the truth)."""
        self.target_reading = read_target(self.target_text)
        self.annual_reading = read_target(self.annual_text)

    @property
    def target_phrase(self) -> str:
        """The phrase the indicator is judged against: the target-year column, else the other."""
        return self.target_text or self.annual_text

    @property
    def reading(self) -> dict[str, Any] | None:
        return self.target_reading if self.target_text else self.annual_reading

    @property
    def is_binding(self) -> bool:
        return self.attribute == self.Attribute.BINDING


class IndicatorMilestone(TenantModel):
    """A yearly milestone (年度目标) of an indicator, as written."""

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("indicator"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    text = models.CharField(_("milestone as written"), max_length=300)
    reading = models.JSONField(_("reading"), null=True, blank=True)

    class Meta:
        verbose_name = _("yearly milestone")
        verbose_name_plural = _("yearly milestones")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="milestone_one_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.text}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.reading = read_target(self.text)
        super().save(*args, **kwargs)

    @classmethod
    def scope_q(cls, unit_ids: set[int]) -> Q:
        return Q(indicator__in=Indicator.objects.filter(Indicator.scope_q(unit_ids)))


class Observation(TenantModel):
    """An indicator's value for a period (a year, or a quarter, month or half of it)."""

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="observations",
        verbose_name=_("indicator"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    # "Y" for the whole year, "H1"/"H2", "Q1".."Q4", "M01".."M12".
    period = models.CharField(_("period"), max_length=3, default="Y")
    period_end = models.DateField(_("period end"))
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["indicator", "period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "period"], name="observation_one_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}{'' if self.period == 'Y' else self.period}"

    @classmethod
    def scope_q(cls, unit_ids: set[int]) -> Q:
        return Q(indicator__in=Indicator.objects.filter(Indicator.scope_q(unit_ids)))
