"""An Outline import under review: what was found in the file, and what the administrator
decided about each finding. Nothing found goes into the plan unseen."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lantu.core.models import TenantModel


class OutlineImport(TenantModel):
    """One uploaded Outline file and the findings read from it."""

    class Status(models.TextChoices):
        REVIEWING = "reviewing", _("Under review")
        APPLIED = "applied", _("Applied")
        DISCARDED = "discarded", _("Discarded")

    version = models.ForeignKey(
        "plans.PlanVersion",
        on_delete=models.PROTECT,
        related_name="imports",
        verbose_name=_("plan version"),
    )
    file_name = models.CharField(_("file"), max_length=255)
    file_sha256 = models.CharField(max_length=64)
    file_size = models.PositiveIntegerField(_("size (bytes)"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REVIEWING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)

    class Meta:
        verbose_name = _("outline import")
        verbose_name_plural = _("outline imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.file_name

    @classmethod
    def scope_q(cls, unit_ids: set[int]) -> models.Q:
        return models.Q(pk__in=[])  # plan administrators (scope all) only


class Finding(TenantModel):
    """One thing found in the file: a section, a main indicator, a text target or a task."""

    class Kind(models.TextChoices):
        SECTION = "section", _("Section")
        INDICATOR = "indicator", _("Main indicator")
        TEXT_TARGET = "text_target", _("Quantified target in the text")
        TASK = "task", _("Key task")

    class Decision(models.TextChoices):
        PENDING = "pending", _("Not decided")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    class Change(models.TextChoices):
        NEW = "new", _("New")
        CHANGED = "changed", _("Changed")
        UNCHANGED = "unchanged", _("Unchanged")

    outline_import = models.ForeignKey(
        OutlineImport, on_delete=models.CASCADE, related_name="findings"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    position = models.PositiveIntegerField(_("order"))
    found = models.JSONField(_("as found"))
    data = models.JSONField(_("as it will be saved"))
    source = models.TextField(_("source text"), blank=True)
    section_number = models.CharField(_("section"), max_length=30, blank=True)
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    change = models.CharField(
        _("against the plan"), max_length=10, choices=Change.choices, default=Change.NEW
    )
    existing_id = models.PositiveBigIntegerField(null=True, blank=True)
    before = models.JSONField(null=True, blank=True)
    created_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["outline_import", "position"]
        indexes = [models.Index(fields=["outline_import", "kind", "position"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.position}"

    @classmethod
    def scope_q(cls, unit_ids: set[int]) -> models.Q:
        return models.Q(pk__in=[])
