"""Declarative CRUD: describe a model once as a ``Resource``, get its five endpoints.

    GET    /<path>            list: filtered, paginated (limit/offset, at most 200), stable order
    GET    /<path>/{id}       one object
    POST   /<path>            create, through a service
    PATCH  /<path>/{id}       change the fields sent, through a service
    DELETE /<path>/{id}       archive; only models with ``is_archived`` have it (others: 405)

Every read and write starts from ``restrict(queryset, user, action)``. An object outside the
caller's scope answers 404, as if it did not exist; one the caller may see but not change or
archive answers 403. Ids in a payload (a version, a unit, a parent) must name objects the
caller can see, or the payload is refused with 422 naming the field. After a write the object
must still be inside the caller's scope for that action, or the write is rolled back (403):
nobody can create or move an object out of their own reach.

Lists cost a fixed number of queries whatever their length: count, page, and one per
``prefetch_related`` entry.
"""

# No ``from __future__ import annotations``: ninja reads the handlers' annotations at runtime,
# and they name schemas held in this module's local variables.

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Optional

from django.db import models, transaction
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import FilterSchema, Query, Router, Schema
from ninja.errors import HttpError, ValidationError
from ninja.responses import Status
from pydantic import Field, create_model
from pydantic.fields import FieldInfo

from lantu.api.auth import current_user
from lantu.api.schemas import Error
from lantu.core.permissions import allowed, restrict
from lantu.core.services import archive_object, create_object, update_object

MAX_LIMIT = 200
DEFAULT_LIMIT = 50

Creator = Callable[[Any, dict[str, Any]], models.Model]
Updater = Callable[[Any, models.Model, dict[str, Any]], models.Model]


class Page(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="at most 200")
    offset: int = Field(0, ge=0)


class NoFilters(FilterSchema):
    pass


@dataclass(frozen=True)
class Resource:
    """One model as the API shows it. Everything but the model, path and schemas is optional."""

    model: type[models.Model]
    path: str  # "/indicators"
    out: type[Schema]
    create: type[Schema]
    patch: type[Schema] | None = None  # default: ``create`` with every field optional
    filters: type[FilterSchema] = NoFilters
    refs: Mapping[str, type[models.Model]] = field(default_factory=dict)
    select_related: Sequence[str] = ()
    prefetch_related: "Sequence[str | Prefetch[Any, Any, Any]]" = ()
    ordering: Sequence[str] = ("pk",)
    creator: Creator | None = None  # default: core.services.create_object in the caller's region
    updater: Updater | None = None  # default: core.services.update_object

    @property
    def name(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def slug(self) -> str:
        return re.sub(r"\W+", "_", self.path.strip("/"))

    @property
    def archivable(self) -> bool:
        return any(f.name == "is_archived" for f in self.model._meta.concrete_fields)

    def queryset(self) -> QuerySet[Any]:
        """Everything a page of output needs, in a fixed number of queries."""
        return (
            self.model._default_manager.select_related(*self.select_related)
            .prefetch_related(*self.prefetch_related)
            .order_by(*self.ordering)
        )

    def create_with(self, user: Any, data: dict[str, Any]) -> models.Model:
        if self.creator is not None:
            return self.creator(user, data)
        return create_object(model=self.model, data=data, by=user, region=user.region)

    def update_with(self, user: Any, instance: models.Model, data: dict[str, Any]) -> models.Model:
        if self.updater is not None:
            return self.updater(user, instance, data)
        return update_object(instance=instance, data=data, by=user)


def optional(schema: type[Schema], *, exclude: Iterable[str] = (), name: str = "") -> type[Schema]:
    """``schema`` with every field optional, for PATCH; ``exclude`` fields cannot be changed."""
    skip = set(exclude)
    fields: dict[str, Any] = {}
    for field_name, info in schema.model_fields.items():
        if field_name in skip:
            continue
        relaxed = FieldInfo.merge_field_infos(info, default=None)
        # Optional[...] rather than `| None`: the annotation may be any typing form.
        fields[field_name] = (Optional[info.annotation], relaxed)  # noqa: UP045
    patch_name = name or re.sub(r"In$", "", schema.__name__) + "Patch"
    return create_model(patch_name, __base__=Schema, **fields)


def crud_router(*resources: Resource) -> Router:
    """A router with the five endpoints of each resource."""
    router = Router()
    for resource in resources:
        register(router, resource)
    return router


def fetch(resource: Resource, user: Any, action: str, pk: int, queryset: QuerySet[Any]) -> Any:
    """One object through ``restrict``: 404 when out of sight, 403 when seen but not allowed."""
    obj = restrict(queryset, user, action).filter(pk=pk).first()
    if obj is not None:
        return obj
    if action != "view":
        visible = restrict(resource.model._default_manager.filter(pk=pk), user, "view")
        if visible.exists():
            message = _("You may not %(action)s this %(name)s.")
            raise HttpError(403, message % {"action": action, "name": resource.name})
    raise Http404


def resolve_refs(resource: Resource, user: Any, data: dict[str, Any]) -> dict[str, Any]:
    """Turn the ids in ``data`` into objects the user can see; 422 for any that are not."""
    errors = []
    for name, model in resource.refs.items():
        value = data.get(name)
        if value is None:
            continue
        visible = restrict(model._default_manager.all(), user, "view")
        if isinstance(value, list):
            found = list(visible.filter(pk__in=value))
            missing = sorted(set(value) - {obj.pk for obj in found})
            data[name] = found
        else:
            found_one = visible.filter(pk=value).first()
            missing = [] if found_one is not None else [value]
            data[name] = found_one
        if missing:
            message = _("No %(name)s with id %(ids)s that you can see.")
            ids = ", ".join(map(str, missing))
            msg = message % {"name": model._meta.verbose_name, "ids": ids}
            errors.append({"type": "not_found", "loc": ["body", "payload", name], "msg": msg})
    if errors:
        raise ValidationError(errors)
    return data


def _refuse_unless_allowed(user: Any, action: str, resource: Resource) -> None:
    if not allowed(user, action, resource.model):
        message = _("Your roles do not allow you to %(action)s %(plural)s.")
        plural = resource.model._meta.verbose_name_plural
        raise HttpError(403, message % {"action": action, "plural": plural})


def register(router: Router, r: Resource) -> None:
    """Add the endpoints of one resource to ``router``."""
    out_schema = r.out
    in_schema = r.create
    patch_schema = r.patch or optional(r.create)
    filter_schema = r.filters
    page_schema = create_model(
        f"{out_schema.__name__.removesuffix('Out')}Page",
        __base__=Schema,
        count=(int, ...),
        items=(list[out_schema], ...),  # type: ignore[valid-type]
    )
    tags = [r.path.strip("/")]
    detail = r.path + "/{int:pk}"
    name, plural = r.name, str(r.model._meta.verbose_name_plural)

    @router.get(
        r.path,
        response={200: page_schema, 403: Error},
        tags=tags,
        operation_id=f"{r.slug}_list",
        summary=f"List {plural}",
        url_name=f"{tags[0]}-list",
    )
    def list_objects(
        request: HttpRequest,
        filters: Query[filter_schema],  # type: ignore[valid-type]
        page: Query[Page],
    ) -> Any:
        user = current_user(request)
        _refuse_unless_allowed(user, "view", r)
        queryset = filters.filter(restrict(r.queryset(), user, "view"))  # type: ignore[attr-defined]
        return {
            "count": queryset.count(),
            "items": list(queryset[page.offset : page.offset + page.limit]),
        }

    @router.get(
        detail,
        response={200: out_schema, 404: Error},
        tags=tags,
        operation_id=f"{r.slug}_get",
        summary=f"Get a {name}",
        url_name=f"{tags[0]}-detail",
    )
    def get_object(request: HttpRequest, pk: int) -> Any:
        return fetch(r, current_user(request), "view", pk, r.queryset())

    @router.post(
        r.path,
        response={201: out_schema, 400: Error, 403: Error},
        tags=tags,
        operation_id=f"{r.slug}_create",
        summary=f"Create a {name}",
    )
    def create(request: HttpRequest, payload: in_schema) -> Any:  # type: ignore[valid-type]
        user = current_user(request)
        _refuse_unless_allowed(user, "add", r)
        data = resolve_refs(r, user, payload.model_dump())  # type: ignore[attr-defined]
        with transaction.atomic():
            created = r.create_with(user, data)
            fresh = restrict(r.queryset(), user, "add").filter(pk=created.pk).first()
            if fresh is None:
                message = _("That %(name)s would be outside your data scope.")
                raise HttpError(403, message % {"name": name})
        return Status(201, fresh)

    @router.patch(
        detail,
        response={200: out_schema, 400: Error, 403: Error, 404: Error},
        tags=tags,
        operation_id=f"{r.slug}_update",
        summary=f"Change a {name}",
    )
    def update(request: HttpRequest, pk: int, payload: patch_schema) -> Any:  # type: ignore[valid-type]
        user = current_user(request)
        instance = fetch(r, user, "change", pk, r.model._default_manager.all())
        changes = payload.model_dump(exclude_unset=True)  # type: ignore[attr-defined]
        data = resolve_refs(r, user, changes)
        with transaction.atomic():
            r.update_with(user, instance, data)
            fresh = restrict(r.queryset(), user, "change").filter(pk=pk).first()
            if fresh is None:
                message = _("That change would put the %(name)s outside your data scope.")
                raise HttpError(403, message % {"name": name})
        return fresh

    if not r.archivable:
        return

    @router.delete(
        detail,
        response={204: None, 403: Error, 404: Error},
        tags=tags,
        operation_id=f"{r.slug}_archive",
        summary=f"Archive a {name}",
        description="Archives: the row stays, reports and the audit trail still refer to it.",
    )
    def archive(request: HttpRequest, pk: int) -> Any:
        user = current_user(request)
        instance = fetch(r, user, "delete", pk, r.model._default_manager.all())
        archive_object(instance=instance, by=user)
        return Status(204, None)
