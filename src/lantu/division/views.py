"""分工一览: everything the person's unit leads or cooperates on."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lantu.core.permissions import grants
from lantu.division.readings import describe
from lantu.division.selectors import attach_judgements, attach_timenodes, my_division
from lantu.organizations.models import Unit
from lantu.targets.timenodes import parse_timenode


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    sort = request.GET.get("sort", "due")
    if sort not in {"due", "-due", "role"}:
        sort = "due"
    page = Paginator(my_division(request.user, sort=sort), 50).get_page(request.GET.get("page"))
    page.object_list = attach_judgements(attach_timenodes(list(page.object_list)))
    my_units = Unit.objects.filter(pk__in={g.unit_id for g in grants(request.user)})
    return render(
        request, "division/mine.html", {"page": page, "sort": sort, "my_units": list(my_units)}
    )


@login_required
def timenode_reading(request: HttpRequest) -> HttpResponse:
    """What the system reads from a time-node phrase (htmx live preview)."""
    text = request.GET.get("text", "")[:200]
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    node = describe(parse_timenode(text, year)) if text.strip() else None
    return render(request, "division/_timenode_reading.html", {"node": node})
