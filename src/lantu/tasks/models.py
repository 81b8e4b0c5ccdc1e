"""Key tasks (重点任务) of a plan version."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lantu.core.scoping import assigned_to
from lantu.plans.models import Frequency, PlanItem


class Task(PlanItem):
    """A key task from the Outline, given to units through assignments."""

    title = models.CharField(_("task"), max_length=300)
    content = models.TextField(_("content"), blank=True)
    category = models.CharField(_("category"), max_length=50, blank=True)
    # Set from accepted progress reports (reporting); an administrator may set them meanwhile.
    progress = models.DecimalField(
        _("progress (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    frequency = models.CharField(
        _("reporting frequency"),
        max_length=12,
        choices=Frequency.choices,
        default=Frequency.HALF_YEARLY,
    )

    class Meta:
        verbose_name = _("key task")
        verbose_name_plural = _("key tasks")
        ordering = ["version", "sort_order", "id"]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def scope_q(cls, unit_ids: set[int]) -> Q:
        return assigned_to("task", unit_ids)
