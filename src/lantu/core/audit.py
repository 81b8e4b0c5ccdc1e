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
from django.db.models.fields.files import FieldFile
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
    if isinstance(value, FieldFile):
        return value.name
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
    "saved": _("draft saved"),
    "submitted": _("submitted"),
    "approved": _("approved"),
    "accepted": _("accepted"),
    "returned": _("returned"),
    "unlocked": _("unlocked"),
    "exempted": _("exempted"),
    "reinstated": _("reinstated"),
    "filled": _("reports added"),
    "raised": _("raised"),
    "closed": _("closed"),
    "rectifying": _("rectification submitted"),
    "rectified": _("rectification accepted"),
    "reopened": _("rectification returned"),
    "escalated": _("escalated"),
}


def describe(action: str) -> str:
    """Readable text for a dotted action name."""
    verb = action.rsplit(".", 1)[-1]
    return str(VERBS.get(verb, action))


AuditItem = tuple[str, models.Model, dict[str, Any] | None, dict[str, Any] | None, Any]
_COLUMNS = (
    "region_id", "at", "actor_id", "actor_name", "action", "content_type_id", "object_id",
    "object_repr", "ip", "before", "after", "data", "prev_hash", "hash",
)  # fmt: skip
_BATCH = 500


def record_many(events: list[AuditItem], *, by: Any, describe: Any = None) -> int | None:
    """Append many events (action, obj, before, after, data) at once; the last one's id.

    Each row is exactly what ``record`` writes (same fields, payload and hash chain, so
    ``verify`` checks them), but the chain is locked once and the rows go in with one prepared
    statement: an import of thousands of rows spends milliseconds, not seconds, on its trail.
    ``describe(obj)`` may give the object's text when ``str(obj)`` would query per row.
    """
    if not events:
        return None
    from types import SimpleNamespace

    from django.db import connection

    meta = AuditEvent._meta
    column: dict[str, Any] = {f.attname: f for f in meta.concrete_fields}
    actor = by if getattr(by, "is_authenticated", False) else None
    common = {
        "at": timezone.now(),
        "actor_id": actor.pk if actor else None,
        "actor_name": (actor.get_full_name() or actor.get_username()) if actor else "",
        "ip": current_ip.get(),
    }
    prepared = {k: column[k].get_db_prep_save(v, connection) for k, v in common.items()}
    adapt = connection.ops.adapt_json_value  # what JSONField.get_db_prep_save calls

    def as_json(value: Any, name: str) -> Any:
        return None if value is None else adapt(value, column[name].encoder)

    types: dict[type, int] = {}
    shared: dict[int, Any] = {}  # one ``data`` dict shared by many events is adapted once
    params: list[tuple[Any, ...]] = []
    with transaction.atomic():
        chain, _created = AuditChain.objects.select_for_update().get_or_create(pk=1)
        prev = chain.last_hash
        for action, obj, before, after, data in events:
            model = type(obj)
            if model not in types:
                types[model] = ContentType.objects.get_for_model(obj).pk
            event = SimpleNamespace(
                **common,
                region_id=getattr(obj, "region_id", None) or getattr(actor, "region_id", None),
                action=action,
                content_type_id=types[model],
                object_id=str(obj.pk),
                object_repr=(describe(obj) if describe else str(obj))[:300],
                before=before,
                after=after,
                data=data,
                prev_hash=prev,
            )
            event.hash = _digest(prev, _payload(event))  # type: ignore[arg-type]
            if id(data) not in shared:
                shared[id(data)] = as_json(data, "data")
            params.append(
                (
                    event.region_id, prepared["at"], prepared["actor_id"],
                    prepared["actor_name"], action, event.content_type_id, event.object_id,
                    event.object_repr, prepared["ip"], as_json(before, "before"),
                    as_json(after, "after"), shared[id(data)], prev, event.hash,
                )
            )  # fmt: skip
            prev = event.hash
        quote = connection.ops.quote_name
        columns = ", ".join(quote(column[name].column) for name in _COLUMNS)
        sql = (
            f"INSERT INTO {quote(meta.db_table)} ({columns}) "
            f"VALUES ({', '.join(['%s'] * len(_COLUMNS))})"
        )
        with connection.cursor() as cursor:
            for start in range(0, len(params), _BATCH):
                cursor.executemany(sql, params[start : start + _BATCH])
        chain.last_hash = prev
        chain.save(update_fields=["last_hash"])
    last = AuditEvent.objects.filter(hash=prev).values_list("id", flat=True).first()
    return int(last) if last is not None else None
