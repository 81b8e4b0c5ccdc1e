"""Major projects (重大项目) with their investment plan and stage dates."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lantu.core.models import TenantModel
from lantu.core.scoping import assigned_to
from lantu.plans.models import Frequency, PlanItem


class Project(PlanItem):
    """A major project. Money is in 万元 (ten thousand yuan), as district tables write it."""

    class Category(models.TextChoices):
        INDUSTRY = "industry", _("Industry and innovation")
        INFRASTRUCTURE = "infrastructure", _("Infrastructure")
        URBAN_RENEWAL = "urban_renewal", _("Urban renewal")
        SOCIAL = "social", _("Public services")
        ECOLOGY = "ecology", _("Ecology and environment")
        OTHER = "other", _("Other")

    class Stage(models.TextChoices):
        PREPARATION = "preparation", _("Preparation (前期)")
        STARTED = "started", _("Under construction (开工)")
        COMPLETED = "completed", _("Completed (竣工)")
        IN_USE = "in_use", _("In use (投用)")

    name = models.CharField(_("name"), max_length=300)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    key_area = models.ForeignKey(
        "organizations.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="key_area_projects",
        verbose_name=_("key area"),
        limit_choices_to={"kind": "key_area"},
    )
    owner_unit = models.ForeignKey(
        "organizations.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_projects",
        verbose_name=_("owner unit"),
    )
    content = models.TextField(_("scope of construction"), blank=True)
    total_investment = models.DecimalField(
        _("total investment (万元)"), null=True, blank=True, max_digits=16, decimal_places=2
    )
    stage = models.CharField(
        _("stage"), max_length=12, choices=Stage.choices, default=Stage.PREPARATION
    )
    planned_prep_start = models.DateField(_("planned preparation start"), null=True, blank=True)
    actual_prep_start = models.DateField(_("actual preparation start"), null=True, blank=True)
    planned_start = models.DateField(_("planned start of construction"), null=True, blank=True)
    actual_start = models.DateField(_("actual start of construction"), null=True, blank=True)
    planned_completion = models.DateField(_("planned completion"), null=True, blank=True)
    actual_completion = models.DateField(_("actual completion"), null=True, blank=True)
    planned_in_use = models.DateField(_("planned entry into use"), null=True, blank=True)
    actual_in_use = models.DateField(_("actual entry into use"), null=True, blank=True)
    frequency = models.CharField(
        _("reporting frequency"),
        max_length=12,
        choices=Frequency.choices,
        default=Frequency.QUARTERLY,
    )
    land_note = models.TextField(_("land"), blank=True)
    funding_note = models.TextField(_("funding"), blank=True)

    class Meta:
        verbose_name = _("major project")
        verbose_name_plural = _("major projects")
        ordering = ["version", "sort_order", "id"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def scope_q(cls, unit_ids: set[int]) -> Q:
        return assigned_to("project", unit_ids) | Q(owner_unit_id__in=unit_ids)


class InvestmentPlan(TenantModel):
    """A project's planned (and, once reported, completed) investment for one year."""

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="investment_plans",
        verbose_name=_("project"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    planned = models.DecimalField(_("planned investment (万元)"), max_digits=16, decimal_places=2)
    completed = models.DecimalField(
        _("completed investment (万元)"), null=True, blank=True, max_digits=16, decimal_places=2
    )

    class Meta:
        verbose_name = _("yearly investment plan")
        verbose_name_plural = _("yearly investment plans")
        ordering = ["project", "year"]
        constraints = [
            models.UniqueConstraint(fields=["project", "year"], name="investment_one_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.year}"

    @classmethod
    def scope_q(cls, unit_ids: set[int]) -> Q:
        return Q(project__in=Project.objects.filter(Project.scope_q(unit_ids)))
