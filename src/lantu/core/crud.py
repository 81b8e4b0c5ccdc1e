"""One generic page layer for list, detail, create, edit and history of every model.

Each app declares a ``Resource`` in its ``views.py`` (model, columns, filters, form, service)
and registers it; ``urlpatterns()`` makes the pages. Every object is fetched through
``restrict``/``get_for``, so the permission rules hold on every page without repeating them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantu.core import audit
from lantu.core.models import AuditEvent
from lantu.core.permissions import allowed, get_for, restrict
from lantu.core.services import DomainError, archive_object, create_object, update_object

Cell = Callable[[Any], Any]


@dataclass(frozen=True)
class Column:
    """A list column: a heading and how to read the cell from a row."""

    label: Any
    value: Cell
    sort: str | None = None  # the ordering field name, if the column sorts
    link: bool = False  # the cell links to the row's detail page


def col(name: str, model: type[models.Model], *, link: bool = False, sort: bool = True) -> Column:
    """A column for one model field, showing choices by their label."""
    f = model._meta.get_field(name)

    def read(obj: Any) -> Any:
        if getattr(f, "choices", None):
            return getattr(obj, f"get_{name}_display")()
        return getattr(obj, name)

    return Column(getattr(f, "verbose_name", name), read, sort=name if sort else None, link=link)


@dataclass(frozen=True)
class Related:
    """A panel on the detail page listing related rows (e.g. an indicator's observations)."""

    title: Any
    rows: Callable[[Any, Any], Iterable[Any]]  # (obj, user) -> rows
    columns: Sequence[Column]
    add: tuple[str, str] | None = None  # (resource slug, field to prefill with the object)


SaveFn = Callable[..., models.Model]


def default_save(*, by: Any, instance: Any, data: dict[str, Any], region: Any, model: Any) -> Any:
    if instance is None:
        return create_object(model=model, data=data, by=by, region=region)
    return update_object(instance=instance, data=data, by=by)


@dataclass
class Resource:
    """How one model appears in the UI."""

    model: type[models.Model]
    slug: str
    columns: Sequence[Column]
    form: type[forms.ModelForm[Any]]
    search: Sequence[str] = ()
    filters: type[django_filters.FilterSet] | None = None
    select_related: Sequence[str] = ()
    prefetch: Sequence[Any] = ()
    related: Sequence[Related] = ()
    save: SaveFn = default_save
    default_ordering: Sequence[str] = ()
    detail_fields: Sequence[str] | None = None
    # How a field reads on the detail page where its value is not for people as stored (a
    # phrase's reading is JSON): name -> function of the object. Other JSON fields are left out.
    display: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)
    detail_template: str = "core/detail.html"
    extra_context: Callable[[Any, Any], dict[str, Any]] | None = None
    list_queryset: Callable[[QuerySet[Any]], QuerySet[Any]] | None = None
    hidden_archived: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        self.hidden_archived = any(f.name == "is_archived" for f in self.model._meta.fields)

    @property
    def verbose_name(self) -> Any:
        return self.model._meta.verbose_name

    @property
    def verbose_name_plural(self) -> Any:
        return self.model._meta.verbose_name_plural

    def base_queryset(self) -> QuerySet[Any]:
        qs = self.model._default_manager.all()
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch:
            qs = qs.prefetch_related(*self.prefetch)
        return qs

    def url(self, name: str, obj: Any = None) -> str:
        if obj is None:
            return reverse(f"{self.slug}-{name}")
        return reverse(f"{self.slug}-{name}", args=[obj.pk])


REGISTRY: dict[str, Resource] = {}
BY_MODEL: dict[type[models.Model], Resource] = {}


def register(resource: Resource) -> Resource:
    REGISTRY[resource.slug] = resource
    BY_MODEL[resource.model] = resource
    return resource


def detail_url(obj: Any) -> str | None:
    resource = BY_MODEL.get(type(obj))
    return resource.url("detail", obj) if resource else None


def style_widgets(form: forms.BaseForm) -> None:
    """Give widgets Tabler's classes, so every form and filter looks the same."""
    for f in form.fields.values():
        widget = f.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
        if isinstance(widget, forms.DateInput):
            widget.input_type = "date"
            widget.format = "%Y-%m-%d"


def live_reading(field: forms.Field, url: Any) -> None:
    """Show, under a phrase field, what the system reads from it as the person types."""
    field.widget.attrs.update(
        {
            "hx-get": str(url),
            "hx-trigger": "load, input changed delay:300ms",
            "hx-target": "next .reading-preview",
            "hx-swap": "innerHTML",
            "data-reading": "1",
        }
    )


class ScopedModelForm(forms.ModelForm):  # type: ignore[type-arg]
    """A model form whose choice fields offer only what the person may see."""

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, f in self.fields.items():
            if isinstance(f, forms.ModelChoiceField):
                f.queryset = restrict(f.queryset, user, "view")  # type: ignore[arg-type]
            value = self.initial.get(name)
            if isinstance(f, forms.DecimalField) and isinstance(value, Decimal):
                self.initial[name] = format(value.normalize(), "f")  # 3.2, not 3.2000
        style_widgets(self)


def _cells(resource: Resource, rows: Sequence[Any]) -> list[tuple[Any, list[Any]]]:
    return [(row, [c.value(row) for c in resource.columns]) for row in rows]


def list_view(request: HttpRequest, resource: Resource) -> HttpResponse:
    user = request.user
    if not allowed(user, "view", resource.model):
        raise PermissionDenied
    qs = restrict(resource.base_queryset(), user, "view")
    if resource.list_queryset:
        qs = resource.list_queryset(qs)
    archived = request.GET.get("archived") == "1"
    if resource.hidden_archived and not archived:
        qs = qs.filter(is_archived=False)
    filterset = None
    if resource.filters is not None:
        filterset = resource.filters(request.GET, queryset=qs, request=request)
        style_widgets(filterset.form)
        qs = filterset.qs
    q = request.GET.get("q", "").strip()
    if q and resource.search:
        query = Q()
        for name in resource.search:
            query |= Q(**{f"{name}__icontains": q})
        qs = qs.filter(query)
    sortable = {c.sort for c in resource.columns if c.sort}
    sort = request.GET.get("sort", "")
    if sort.lstrip("-") in sortable:
        qs = qs.order_by(sort, "pk")
    elif resource.default_ordering:
        qs = qs.order_by(*resource.default_ordering)
    paginator = Paginator(qs, _page_size(request))
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "resource": resource,
        "page": page,
        "rows": _cells(resource, list(page.object_list)),
        "filterset": filterset,
        "q": q,
        "sort": sort,
        "archived": archived,
        "can_add": allowed(user, "add", resource.model),
        "querystring": _querystring(request, drop=("page",)),
        "sort_querystring": _querystring(request, drop=("page", "sort")),
    }
    template = "core/_list_table.html" if request.htmx else "core/list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def _page_size(request: HttpRequest) -> int:
    from django.conf import settings

    try:
        size = int(request.GET.get("size", settings.LANTU_PAGE_SIZE))
    except ValueError:
        size = settings.LANTU_PAGE_SIZE
    return max(1, min(size, 200))


def _querystring(request: HttpRequest, drop: Sequence[str]) -> str:
    params = request.GET.copy()
    for key in drop:
        params.pop(key, None)
    return params.urlencode()


def detail_view(request: HttpRequest, resource: Resource, pk: int) -> HttpResponse:
    obj = get_for(resource.base_queryset(), request.user, "view", pk=pk)
    names = resource.detail_fields or [
        f.name
        for f in resource.model._meta.fields
        if f.editable
        and f.name not in {"id", "region", "password", "is_archived"}
        and (f.name in resource.display or not isinstance(f, models.JSONField))
    ]
    fields = []
    for name in names:
        f = resource.model._meta.get_field(name)
        if name in resource.display:
            value = resource.display[name](obj)
        elif getattr(f, "choices", None):
            value = getattr(obj, f"get_{name}_display")()
        else:
            value = getattr(obj, name)
        fields.append((getattr(f, "verbose_name", name), value))
    panels = [
        (
            panel.title,
            panel.columns,
            [(r, [c.value(r) for c in panel.columns]) for r in rows],
            _add_link(panel, obj, request.user),
        )
        for panel in resource.related
        for rows in [panel.rows(obj, request.user)]
    ]
    context = {
        "resource": resource,
        "object": obj,
        "fields": fields,
        "panels": panels,
        "can_change": restrict(
            resource.model._default_manager.filter(pk=obj.pk), request.user, "change"
        ).exists(),
        "can_archive": resource.hidden_archived
        and not getattr(obj, "is_archived", False)
        and allowed(request.user, "delete", resource.model),
    }
    if resource.extra_context:
        context.update(resource.extra_context(obj, request.user))
    return render(request, resource.detail_template, context)


def _add_link(panel: Related, obj: Any, user: Any) -> str | None:
    if panel.add is None:
        return None
    slug, field_name = panel.add
    target = REGISTRY[slug]
    if not allowed(user, "add", target.model):
        return None
    return f"{target.url('create')}?{field_name}={obj.pk}"


def form_view(request: HttpRequest, resource: Resource, pk: int | None = None) -> HttpResponse:
    user: Any = request.user
    instance = None
    if pk is not None:
        instance = get_for(resource.base_queryset(), user, "change", pk=pk)
    elif not allowed(user, "add", resource.model):
        raise PermissionDenied
    # A new row may be prefilled from the query (?task=12 from a task's page).
    initial = {k: v for k, v in request.GET.items()} if instance is None else None
    form = resource.form(  # type: ignore[call-arg]
        request.POST or None, instance=instance, initial=initial, user=user
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields if name in form.cleaned_data}
        try:
            obj = resource.save(
                by=user, instance=instance, data=data, region=user.region, model=resource.model
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect(resource.url("detail", obj))
    return render(
        request, "core/form.html", {"resource": resource, "form": form, "object": instance}
    )


@require_POST
def archive_view(request: HttpRequest, resource: Resource, pk: int) -> HttpResponse:
    obj = get_for(resource.base_queryset(), request.user, "delete", pk=pk)
    try:
        archive_object(instance=obj, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Archived."))
    return redirect(resource.url("detail", obj))


def history_view(request: HttpRequest, resource: Resource, pk: int) -> HttpResponse:
    obj = get_for(resource.base_queryset(), request.user, "view", pk=pk)
    events = (
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(resource.model), object_id=str(obj.pk)
        )
        .select_related("actor")
        .order_by("-at", "-id")
    )
    rows = [(e, audit.describe(e.action), audit.changes(e.before, e.after)) for e in events]
    return render(
        request, "core/history.html", {"resource": resource, "object": obj, "events": rows}
    )


def urlpatterns() -> list[URLPattern]:
    patterns: list[URLPattern] = []
    for slug, resource in REGISTRY.items():

        def bind(view: Callable[..., HttpResponse], r: Resource = resource) -> Any:
            return login_required(lambda request, **kw: view(request, r, **kw))

        patterns += [
            path(f"{slug}/", bind(list_view), name=f"{slug}-list"),
            path(f"{slug}/new/", bind(form_view), name=f"{slug}-create"),
            path(f"{slug}/<int:pk>/", bind(detail_view), name=f"{slug}-detail"),
            path(f"{slug}/<int:pk>/edit/", bind(form_view), name=f"{slug}-edit"),
            path(f"{slug}/<int:pk>/archive/", bind(archive_view), name=f"{slug}-archive"),
            path(f"{slug}/<int:pk>/history/", bind(history_view), name=f"{slug}-history"),
        ]
    return patterns
