"""Warning pages: the list (filtered by state, cause and unit) and one warning with its
rectifications, the decisions on them and its history.

Thin views: objects are read through ``restrict``/``get_for``; each POST validates a form and
calls one service, which checks who may act and refuses with a message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lantu.core import audit
from lantu.core.crud import style_widgets
from lantu.core.downloads import XLSX, attachment
from lantu.core.models import AuditEvent
from lantu.core.permissions import get_for, restrict, roles
from lantu.core.services import DomainError
from lantu.monitoring import selectors, services, warnings_xlsx
from lantu.monitoring.models import Rectification, Warning
from lantu.organizations.models import Unit


class WarningFilter(forms.Form):
    state = forms.ChoiceField(
        label=gettext_lazy("state"),
        required=False,
        choices=[
            ("", gettext_lazy("All open")),
            *Warning.State.choices,
            ("escalated", gettext_lazy("Escalated, still open")),
            ("all", gettext_lazy("All")),
        ],
    )
    cause = forms.ChoiceField(
        label=gettext_lazy("cause"),
        required=False,
        choices=[("", gettext_lazy("All causes")), *Warning.Cause.choices],
    )
    unit = forms.ModelChoiceField(
        label=gettext_lazy("unit"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=gettext_lazy("All units"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = restrict(Unit.objects.filter(is_archived=False), user, "view").order_by(
            "path"
        )
        style_widgets(self)


class StyledForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)


class RectifyForm(StyledForm):
    cause = forms.CharField(
        label=gettext_lazy("cause"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    measures = forms.CharField(
        label=gettext_lazy("measures"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    expected_on = forms.DateField(label=gettext_lazy("expected by"), widget=forms.DateInput())


class ReasonForm(StyledForm):
    reason = forms.CharField(
        label=gettext_lazy("reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


def _refused(request: HttpRequest, exc: Exception) -> None:
    messages.error(request, str(exc) or _("You may not do this."))


def _querystring(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _filtered(request: HttpRequest) -> tuple[WarningFilter, QuerySet[Warning]]:
    """The filter form and the warnings it selects, the newest first (the page and its .xlsx)."""
    form = WarningFilter(request.GET or None, user=request.user)
    data = form.cleaned_data if form.is_valid() else {}
    unit = data.get("unit")
    rows = selectors.warnings(
        request.user,
        state=data.get("state") or "",
        cause=data.get("cause") or "",
        unit_id=unit.pk if unit is not None else None,
    )
    return form, rows


@login_required
def warning_list(request: HttpRequest) -> HttpResponse:
    """Warnings in the person's scope, the newest first (open ones by default)."""
    form, rows = _filtered(request)
    page = Paginator(rows, settings.LANTU_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "monitoring/warning_list.html",
        {"form": form, "page": page, "querystring": _querystring(request)},
    )


@login_required
def warning_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One warning: what is wrong, the rectifications, the decisions open to the person."""
    warning = get_for(
        Warning.objects.select_related(*selectors.LIST_SELECT), request.user, "view", pk=pk
    )
    rectifications = list(
        warning.rectifications.select_related("unit", "submitted_by", "decided_by")
    )
    pending = next((r for r in rectifications if r.status == Rectification.Status.SUBMITTED), None)
    is_admin = "plan_admin" in roles(request.user)
    may_answer = (
        warning.is_open
        and warning.state == Warning.State.OPEN
        and bool(services.may_answer(request.user, warning))
    )
    # Every rectification step is also a step of its warning (rectifying, rectified,
    # reopened): the warning's own events tell the story once, in words.
    events = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Warning), object_id=str(warning.pk)
    ).order_by("at", "id")
    history = [(e, audit.describe(e.action)) for e in events]
    return render(
        request,
        "monitoring/warning_detail.html",
        {
            "warning": warning,
            "rectifications": rectifications,
            "pending": pending,
            "may_answer": may_answer,
            "may_decide": is_admin and warning.is_open,
            "units": services.answering_units(warning),
            "rectify_form": RectifyForm(),
            "reason_form": ReasonForm(),
            "history": history,
        },
    )


def _warning(request: HttpRequest, pk: int) -> Warning:
    return get_for(Warning.objects.all(), request.user, "change", pk=pk)


def _rectification(request: HttpRequest, pk: int) -> Rectification:
    return get_for(Rectification.objects.select_related("warning"), request.user, "change", pk=pk)


def _back(warning_id: int) -> HttpResponse:
    return redirect(reverse("warning-detail", args=[warning_id]))


def _step(request: HttpRequest, warning_id: int, run: Callable[[], Any], done: str) -> HttpResponse:
    """Run one service step; say what happened (or why it was refused); back to the warning."""
    try:
        run()
    except (DomainError, PermissionDenied) as exc:
        _refused(request, exc)
    else:
        messages.success(request, done)
    return _back(warning_id)


def _reason(request: HttpRequest) -> str:
    form = ReasonForm(request.POST)
    return form.cleaned_data["reason"] if form.is_valid() else ""


@login_required
@require_POST
def warning_rectify(request: HttpRequest, pk: int) -> HttpResponse:
    warning = _warning(request, pk)
    form = RectifyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the cause, the measures and the expected date."))
        return _back(warning.pk)
    return _step(
        request,
        warning.pk,
        lambda: services.submit_rectification(
            warning=warning, by=request.user, **form.cleaned_data
        ),
        _("The rectification is submitted."),
    )


@login_required
@require_POST
def rectification_accept(request: HttpRequest, pk: int) -> HttpResponse:
    rect = _rectification(request, pk)
    return _step(
        request,
        rect.warning_id,
        lambda: services.accept_rectification(rectification=rect, by=request.user),
        _("The rectification is accepted."),
    )


@login_required
@require_POST
def rectification_return(request: HttpRequest, pk: int) -> HttpResponse:
    rect = _rectification(request, pk)
    reason = _reason(request)
    return _step(
        request,
        rect.warning_id,
        lambda: services.return_rectification(rectification=rect, by=request.user, reason=reason),
        _("The rectification is returned to the unit."),
    )


@login_required
@require_POST
def warning_close(request: HttpRequest, pk: int) -> HttpResponse:
    warning = _warning(request, pk)
    reason = _reason(request)
    return _step(
        request,
        warning.pk,
        lambda: services.close(warning=warning, by=request.user, reason=reason),
        _("The warning is closed."),
    )


@login_required
def warning_list_xlsx(request: HttpRequest) -> HttpResponse:
    """The warning list as .xlsx: the same filters and order, every row."""
    _form, rows = _filtered(request)
    return attachment(warnings_xlsx.warning_book(rows), XLSX, "预警清单.xlsx")


urlpatterns = [
    path("warnings/", warning_list, name="warning-list"),
    path("warnings.xlsx", warning_list_xlsx, name="warning-list-xlsx"),
    path("warnings/<int:pk>/", warning_detail, name="warning-detail"),
    path("warnings/<int:pk>/rectify/", warning_rectify, name="warning-rectify"),
    path("warnings/<int:pk>/close/", warning_close, name="warning-close"),
    path("rectifications/<int:pk>/accept/", rectification_accept, name="rectification-accept"),
    path("rectifications/<int:pk>/return/", rectification_return, name="rectification-return"),
]
