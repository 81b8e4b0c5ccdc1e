"""Generic writes: create, change and archive one row, validated and audited.

App services (``organizations.services`` ...) wrap these where a model needs more, such as the
unit tree's paths. Views and API handlers call a service, never ``save()`` themselves.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from lantu.core import audit

M = TypeVar("M", bound=models.Model)


class DomainError(Exception):
    """A write the domain refuses, with a message fit to show the person who tried."""


def _action(instance: models.Model, verb: str) -> str:
    return f"{instance._meta.app_label}.{instance._meta.model_name}.{verb}"


def _apply(instance: models.Model, data: dict[str, Any]) -> dict[str, Any]:
    """Set plain fields; return many-to-many values to set after saving."""
    m2m: dict[str, Any] = {}
    m2m_names = {f.name for f in instance._meta.many_to_many}
    for name, value in data.items():
        if name in m2m_names:
            m2m[name] = value
        else:
            setattr(instance, name, value)
    return m2m


def _save(instance: models.Model, m2m: dict[str, Any]) -> None:
    try:
        instance.full_clean()
    except ValidationError as exc:
        raise DomainError("; ".join(exc.messages)) from exc
    instance.save()
    for name, value in m2m.items():
        getattr(instance, name).set(value)
    hook = getattr(instance, "after_save", None)
    if hook is not None:
        hook()


@transaction.atomic
def create_object(*, model: type[M], data: dict[str, Any], by: Any, region: Any = None) -> M:
    """Create a row of ``model`` from validated ``data`` and audit it."""
    instance = model()
    if region is not None and hasattr(instance, "region_id"):
        instance.region = region  # type: ignore[attr-defined]
    m2m = _apply(instance, data)
    _save(instance, m2m)
    audit.record(_action(instance, "created"), by=by, obj=instance, after=audit.snapshot(instance))
    return instance


@transaction.atomic
def update_object(*, instance: M, data: dict[str, Any], by: Any) -> M:
    """Change a row; the row is locked so that two editors cannot lose each other's work."""
    locked = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    before = audit.snapshot(locked)
    m2m = _apply(locked, data)
    _save(locked, m2m)
    after = audit.snapshot(locked)
    if before != after:
        audit.record(_action(locked, "changed"), by=by, obj=locked, before=before, after=after)
    return locked


@transaction.atomic
def archive_object(*, instance: M, by: Any) -> M:
    """Archive a row instead of deleting it: reports, statuses and audit refer to it."""
    if not hasattr(instance, "is_archived"):
        raise DomainError(_("%(kind)s cannot be archived.") % {"kind": instance._meta.verbose_name})
    return update_object(instance=instance, data={"is_archived": True}, by=by)
