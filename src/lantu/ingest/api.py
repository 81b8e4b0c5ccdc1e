"""API for Outline imports: upload a file, read and decide its findings, apply them."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.responses import Status

from lantu.api.auth import current_user
from lantu.core.permissions import allowed, get_for, restrict
from lantu.ingest import services
from lantu.ingest.models import Finding, OutlineImport

router = Router(tags=["outline imports"])


class ImportOut(Schema):
    id: int
    version: int = Field(validation_alias="version_id")
    file_name: str
    file_sha256: str
    status: str
    created_at: dt.datetime
    applied_at: dt.datetime | None
    summary: dict[str, Any]


class FindingOut(Schema):
    id: int
    kind: str
    position: int
    found: dict[str, Any]
    data: dict[str, Any]
    source: str
    section_number: str
    decision: str
    change: str
    before: dict[str, Any] | None


class DecisionIn(Schema):
    decision: Literal["accepted", "rejected", "pending"]
    findings: list[int] = Field(default_factory=list, description="finding ids")
    kind: Literal["section", "indicator", "text_target", "task"] | None = Field(
        None, description="decide every finding of this kind instead"
    )


class EditIn(Schema):
    data: dict[str, Any]


def _user(request: HttpRequest) -> Any:
    return current_user(request)


def _import(request: HttpRequest, pk: int, action: str = "view") -> OutlineImport:
    return get_for(OutlineImport.objects.all(), _user(request), action, pk=pk)


@router.post("/outline-imports", response={201: ImportOut})
def upload(
    request: HttpRequest, plan: Form[int], file: File[UploadedFile]
) -> Status[OutlineImport]:
    """Read an Outline (.docx, .pdf, .txt) into findings for review; saves nothing else."""
    user = _user(request)
    if not allowed(user, "add", OutlineImport):
        raise HttpError(403, "Only plan administrators import an Outline.")
    data = file.read(services.MAX_UPLOAD + 1)
    imported = services.start_import(by=user, plan_id=plan, data=data, file_name=file.name or "")
    return Status(201, imported)


@router.get("/outline-imports", response=list[ImportOut])
def list_imports(request: HttpRequest) -> Any:
    user = _user(request)
    if not allowed(user, "view", OutlineImport):
        raise HttpError(403, "Not allowed.")
    return restrict(OutlineImport.objects.all(), user, "view")[:200]


@router.get("/outline-imports/{pk}", response=ImportOut)
def get_import(request: HttpRequest, pk: int) -> OutlineImport:
    return _import(request, pk)


@router.get("/outline-imports/{pk}/findings", response=list[FindingOut])
def findings(request: HttpRequest, pk: int, kind: str | None = None) -> Any:
    qs = _import(request, pk).findings.order_by("position")
    return qs.filter(kind=kind) if kind else qs


@router.post("/outline-imports/{pk}/decisions", response=dict[str, int])
def decisions(request: HttpRequest, pk: int, payload: DecisionIn) -> dict[str, int]:
    outline_import = _import(request, pk, "change")
    qs = outline_import.findings.select_related("outline_import")
    qs = qs.filter(kind=payload.kind) if payload.kind else qs.filter(pk__in=payload.findings)
    changed = services.decide(findings=list(qs), decision=payload.decision, by=_user(request))
    return {"changed": changed}


@router.patch("/outline-imports/{pk}/findings/{finding_id}", response=FindingOut)
def edit(request: HttpRequest, pk: int, finding_id: int, payload: EditIn) -> Finding:
    outline_import = _import(request, pk, "change")
    finding = get_object_or_404(
        outline_import.findings.select_related("outline_import"), pk=finding_id
    )
    return services.edit_finding(finding=finding, data=payload.data, by=_user(request))


@router.post("/outline-imports/{pk}/apply", response=dict[str, int])
def apply(request: HttpRequest, pk: int) -> dict[str, int]:
    """Create or change the accepted findings in the plan: all or nothing."""
    return services.apply_import(outline_import=_import(request, pk, "change"), by=_user(request))
