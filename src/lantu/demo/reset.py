"""Delete one region's rows so the demo can be seeded again.

Other apps add tables all the time, so rather than naming every model this walks every model
that carries the region (tenant) key. Foreign keys that PROTECT are handled in two steps:
nullable ones inside the region are cleared first (the unit tree, the section tree, a plan's
current version ...), then models are deleted in passes until none is left, each pass
skipping the models something still protects. Audit events are append-only and are never
touched; the region row itself is kept because audit events may refer to it, and so are the
people an audit event names (the seed takes them over again by user name).
"""

from __future__ import annotations

from django.apps import apps
from django.db import models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError

from lantu.core.models import AuditEvent, Region
from lantu.organizations.models import Person

_BLOCKING = (models.PROTECT, models.RESTRICT)


def _tenant_models() -> list[type[models.Model]]:
    found = []
    for model in apps.get_models():
        if model in (AuditEvent, Region, Person):
            continue
        field = next((f for f in model._meta.concrete_fields if f.name == "region"), None)
        if field is not None and field.related_model is Region:
            found.append(model)
    return found


def _clear_blocking_links(model: type[models.Model], region: Region) -> None:
    rows = model._base_manager.filter(region=region)
    for field in model._meta.concrete_fields:
        if (
            field.many_to_one
            and field.null
            and field.name != "region"
            and getattr(field.remote_field, "on_delete", None) in _BLOCKING
        ):
            rows.exclude(**{f"{field.name}__isnull": True}).update(**{field.name: None})


def delete_region_data(region: Region) -> None:
    """Delete everything of ``region`` except its audit trail, the region row and audited people."""
    pending = _tenant_models()
    for model in pending:
        _clear_blocking_links(model, region)
    while pending:
        left: list[type[models.Model]] = []
        for model in pending:
            try:
                with transaction.atomic():
                    model._base_manager.filter(region=region).delete()
            except (ProtectedError, RestrictedError):
                left.append(model)
            except PermissionError:
                pass  # an append-only table keeps its rows, like the audit trail
        if len(left) == len(pending):
            names = ", ".join(m._meta.label for m in left)
            raise RuntimeError(f"Cannot reset the demo region: rows of {names} stay protected.")
        pending = left
    audited = AuditEvent.objects.filter(actor__isnull=False).values("actor_id")
    for person in Person.objects.filter(region=region).exclude(pk__in=audited):
        try:
            with transaction.atomic():
                person.delete()
        except (ProtectedError, RestrictedError):
            pass  # still referred to elsewhere: kept, and taken over by user name
