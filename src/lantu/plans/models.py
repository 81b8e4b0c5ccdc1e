"""Plans (the Outline, special, regional and annual plans), their versions and text sections."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lantu.core.models import TenantModel


class Plan(TenantModel):
    """A plan. Its targets belong to a version; ``current_version`` is the one in force."""

    class Kind(models.TextChoices):
        OUTLINE = "outline", _("Outline (纲要)")
        SPECIAL = "special", _("Special plan")
        REGIONAL = "regional", _("Regional plan")
        ANNUAL = "annual", _("Annual plan")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Drafting")
        IN_FORCE = "in_force", _("In force")
        FINISHED = "finished", _("Finished")
        ARCHIVED = "archived", _("Archived")

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent plan"),
    )
    approval_body = models.CharField(_("approved by"), max_length=200, blank=True)
    approved_on = models.DateField(_("approval date"), null=True, blank=True)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    current_version = models.ForeignKey(
        "PlanVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("version in force"),
    )

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-start_year", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="plan_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def period_label(self) -> str:
        return f"{self.start_year}—{self.end_year}"


class PlanVersion(TenantModel):
    """One version of a plan's targets and tasks. Revisions make new versions."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        SUPERSEDED = "superseded", _("Superseded")

    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="versions", verbose_name=_("plan")
    )
    number = models.PositiveSmallIntegerField(_("version"), default=1)
    label = models.CharField(_("label"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    approved_on = models.DateField(_("approval date"), null=True, blank=True)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"


class Section(TenantModel):
    """A heading of the plan's text (篇, 章, 节, 一、, (一), 1.) with its body."""

    version = models.ForeignKey(
        PlanVersion, on_delete=models.PROTECT, related_name="sections", verbose_name=_("version")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent section"),
    )
    level = models.PositiveSmallIntegerField(_("level"), default=1)
    number = models.CharField(_("number"), max_length=30, blank=True)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["version", "sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class Frequency(models.TextChoices):
    """How often an item is reported on (填报频次)."""

    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Half-yearly")
    YEARLY = "yearly", _("Yearly")


class PlanItem(TenantModel):
    """Abstract: what a plan version is made of (an indicator, a key task, a major project).

    Each belongs to one version (a revision copies it into the next), may point at the section
    of the text it came from, and is archived, never deleted.
    """

    version = models.ForeignKey(
        PlanVersion,
        on_delete=models.PROTECT,
        related_name="%(class)ss",
        verbose_name=_("plan version"),
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="%(class)ss",
        verbose_name=_("source section"),
    )
    number = models.CharField(_("no."), max_length=20, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    is_archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        abstract = True
