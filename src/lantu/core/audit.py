"""The one audit call. Every state change goes through `record`.

Action names are dotted, `<app>.<model>.<verb>` (``plans.indicator.changed``); `describe`
turns them into readable text in one place.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lantu.core.middleware import current_ip
from lantu.core.models import AuditChain, AuditEvent


def _plain(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The object's own field values as JSON-safe data (foreign keys as ids)."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in {"created_at", "updated_at", "password"}:
            continue
        data[field.attname] = _plain(getattr(obj, field.attname))
    for field in obj._meta.many_to_many:
        if obj.pk is not None:
            data[field.name] = sorted(o.pk for o in getattr(obj, field.name).all())
    return data


def _digest(prev: str, payload: dict[str, Any]) -> str:
    body = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256((prev + body).encode()).hexdigest()


def _payload(event: AuditEvent) -> dict[str, Any]:
    return {
        "at": event.at.isoformat(),
        "actor": event.actor_id,
        "actor_name": event.actor_name,
        "region": event.region_id,
        "repr": event.object_repr,
        "action": event.action,
        "ct": event.content_type_id,
        "id": event.object_id,
        "ip": event.ip,
        "before": event.before,
        "after": event.after,
        "data": event.data,
    }


def record(
    action: str,
    *,
    by: Any,
    obj: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit event. Call inside the service's transaction."""
    actor = by if getattr(by, "is_authenticated", False) else None
    with transaction.atomic():
        chain, _created = AuditChain.objects.select_for_update().get_or_create(pk=1)
        event = AuditEvent(
            region_id=getattr(obj, "region_id", None) or getattr(actor, "region_id", None),
            at=timezone.now(),
            actor=actor,
            actor_name=(actor.get_full_name() or actor.get_username()) if actor else "",
            action=action,
            content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
            object_id=str(obj.pk) if obj is not None else "",
            object_repr=str(obj)[:300] if obj is not None else "",
            ip=current_ip.get(),
            before=before,
            after=after,
            data=data,
            prev_hash=chain.last_hash,
        )
        event.hash = _digest(chain.last_hash, _payload(event))
        event.save()
        chain.last_hash = event.hash
        chain.save(update_fields=["last_hash"])
    return event


def verify() -> list[int]:
    """Ids of events whose hash does not follow from the chain (empty when intact)."""
    broken: list[int] = []
    prev = ""
    for event in AuditEvent.objects.order_by("id").iterator():
        # Stored JSON comes back equal to what was hashed, so recomputing is exact.
        if event.prev_hash != prev or event.hash != _digest(prev, _payload(event)):
            broken.append(event.pk)
        prev = event.hash
    return broken


def changes(
    before: dict[str, Any] | None, after: dict[str, Any] | None
) -> list[tuple[str, Any, Any]]:
    """(field, old, new) for every field that differs."""
    before, after = before or {}, after or {}
    keys = sorted(set(before) | set(after))
    return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]


VERBS = {
    "created": _("created"),
    "changed": _("changed"),
    "archived": _("archived"),
    "deleted": _("deleted"),
    "restored": _("restored"),
}


def describe(action: str) -> str:
    """Readable text for a dotted action name."""
    verb = action.rsplit(".", 1)[-1]
    return str(VERBS.get(verb, action))
